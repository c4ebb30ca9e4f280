import type { Scale } from './scales';
import type { RatingStrings } from './strings';

/**
 * The text label of every point of a scale, worst first: the survey's own labels, else the
 * built-in ones. NPS points are named by their number, the two ends with their end labels.
 */
export const pointLabels = (scale: Scale, s: RatingStrings, own?: string[]): string[] => {
  if (own) return own;
  const n = scale.max - scale.min + 1;
  if (scale.labels === 7) return s.seven.map((l, i) => `${i + 1} ${l}`);
  if (scale.labels === 0)
    return Array.from({ length: n }, (_, i) => (i ? (i < n - 1 ? `${i}` : `${i} ${s.ends[1]}`) : `0 ${s.ends[0]}`));
  return scale.pick ? scale.pick.map((i) => s.five[i]!) : s.five;
};
