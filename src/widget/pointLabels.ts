import type { Scale } from './scales';
import type { RatingStrings } from './strings';

/**
 * The text label of every point of a scale, worst first: the survey's own labels, else the
 * built-in ones. Numeric scales (NPS, CES) name each point by its number and the two ends also
 * by their end label ("0 Not at all likely" … "10 Extremely likely").
 */
export const pointLabels = (scale: Scale, s: RatingStrings, own?: string[]): string[] => {
  if (own) return own;
  const { min, max } = scale;
  const ends = max > 7 ? s.ends : s.agree;
  return scale.look != 'numbers'
    ? (scale.pick ?? [0, 1, 2, 3, 4]).map((i) => s.five[i]!)
    : Array.from({ length: max - min + 1 }, (_, i) => min + i + (i ? (min + i < max ? '' : ' ' + ends[1]) : ' ' + ends[0]));
};
