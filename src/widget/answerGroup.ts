import type { AnswerGroup } from './types';

/**
 * The answer group of a score, which picks the follow-up. NPS: 0–6 detractor, 7–8 passive,
 * 9–10 promoter. Other scales by position: below the middle negative, the middle neutral (only
 * odd scales have one), above positive — so 1–2/3/4–5, 1–3/4/5–7, 1–2/3–4 and 0/1.
 */
export const answerGroup = (score: number, min: number, max: number, nps?: boolean): AnswerGroup => {
  if (nps) return score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter';
  const d = (score - min) * 2 - (max - min);
  return d < 0 ? 'negative' : d ? 'positive' : 'neutral';
};
