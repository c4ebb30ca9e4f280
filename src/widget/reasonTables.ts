/**
 * The built-in follow-up reasons the widget offers (`DEFAULT_REASONS`) and their vi/en labels
 * (`REASONS`), from src/schema/reasons.ts. The npm entry and the kiosk bundle them; the
 * script-tag chunk swaps this module for `reasonTablesLazy.ts` at build time (rollup.config.mjs,
 * like `vi.ts`) and loads them before a survey shows, to stay within its 6 KB budget.
 */
import { DEFAULT_REASONS, REASONS } from '../schema/reasons';

/** Labels by reason id, and the default reason ids per instrument and answer group. */
export interface ReasonTables {
  labels: typeof REASONS;
  defaults: typeof DEFAULT_REASONS;
}

/** The tables (undefined only in the script-tag build until `loadReasons` resolved). */
export let reasons: ReasonTables | undefined = { labels: REASONS, defaults: DEFAULT_REASONS };

/** Make `reasons` available (already here: nothing to wait for). */
export const loadReasons = (): Promise<unknown> | void => {};
