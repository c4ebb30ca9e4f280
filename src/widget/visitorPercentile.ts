import type { WidgetStore } from './store';

/**
 * The visitor's stable percentile (0 ≤ p < 100) for one survey: drawn once per browser and
 * survey, then kept in the store. Per survey, so one visitor is not in every survey's sample.
 */
export const visitorPercentile = async (store: WidgetStore, surveyId: string): Promise<number> => {
  let p = await store.get<number>(`p:${surveyId}`);
  if (typeof p != 'number') await store.set(`p:${surveyId}`, (p = Math.random() * 100));
  return p;
};
