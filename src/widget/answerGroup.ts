import type { AnswerGroup } from './types';

/**
 * The answer group of a score, which picks the follow-up. NPS: 0–6 detractor, 7–8 passive,
 * 9–10 promoter. Other scales by position: below the middle negative, the middle neutral (only
 * odd scales have one), above positive — so 1–2/3/4–5, 1–3/4/5–7, 1–2/3–4 and 0/1.
 */
export const answerGroup = (score: number, min: number, max: number, nps?: boolean): AnswerGroup => {
  const d = (score - min) * 2 - (max - min);
  return GROUPS[nps ? (score < 7 ? 3 : score < 9 ? 4 : 5) : d < 0 ? 0 : d ? 2 : 1]!;
};

/**
 * Every answer group: the NPS ones (3–5) fall back to the follow-up of the same position (0–2);
 * positions 2 and 5 are the positive ones.
 */
export const GROUPS: readonly AnswerGroup[] = ['negative', 'neutral', 'positive', 'detractor', 'passive', 'promoter'];
