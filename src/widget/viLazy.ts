/**
 * Script-tag build only (swapped in for `vi.ts` by rollup.config.mjs): the Vietnamese texts come
 * from `touchpoint.widget.vi.js`, loaded the first time a Vietnamese survey is about to show.
 */
import { loadChunk } from './loadChunk';
import type { RatingStrings } from './strings';

export let vi: RatingStrings | undefined;

/** Load `vi` when a survey in `lang` needs it. */
export const loadStrings = (lang: string): Promise<unknown> | void => {
  if (!vi && /^vi\b/i.test(lang)) return loadChunk('vi').then((m) => (vi = m.vi));
};
