import type { WidgetStore } from './store';

/**
 * The visitor's stable percentile (0 ≤ p < 100) for a survey. A random seed is drawn once per
 * browser and kept in the store; the survey id is hashed in (FNV-1a) so that one visitor is not
 * in every survey's sample, yet the same visitor always gets the same answer for the same survey.
 */
export const visitorPercentile = async (store: WidgetStore, surveyId: string): Promise<number> => {
  let seed = await store.get<number>('seed');
  if (typeof seed != 'number') await store.set('seed', (seed = Math.random()));
  let h = 0x811c9dc5;
  for (let i = 0; i < surveyId.length; i++) h = Math.imul(h ^ surveyId.charCodeAt(i), 16777619);
  return (((seed + (h >>> 0) / 2 ** 32) % 1) * 100);
};
