/**
 * Script-tag build only (swapped in for `reasonTables.ts` by rollup.config.mjs): the built-in
 * reasons come from `touchpoint.widget.reasons.js`, loaded before the first survey shows.
 */
import { loadChunk } from './loadChunk';
import type { ReasonTables } from './reasonTables';

export let reasons: ReasonTables | undefined;

/** Load `reasons` once. */
export const loadReasons = (): Promise<unknown> | void => {
  if (!reasons) return loadChunk('reasons').then((m) => (reasons = m.reasons));
};
