import type { WidgetStore } from './store';
import { visitorPercentile } from './visitorPercentile';

const DAY = 864e5;

/** Frequency settings of one survey (see `ShowRatingOptions`). */
export interface FrequencyOptions {
  id: string;
  sampleRate?: number;
  cooldownDays?: number;
  maxIgnored?: number;
}

/** Why a survey is not shown, or `''` when it may be. */
export type Ineligible = '' | 'answered' | 'dismissed' | 'cooldown' | 'ignored' | 'sampled_out';

/**
 * Whether a survey may appear now: not answered or dismissed before, outside the global cooldown
 * that follows any answer or dismissal (default 90 days), under the ignored-impression cap
 * (default 3), and inside the sample (stable per-visitor percentile below `sampleRate` × 100).
 * A store that fails reads as empty: the survey shows rather than the page breaking.
 */
export const checkFrequency = async (store: WidgetStore, o: FrequencyOptions, now = Date.now()): Promise<Ineligible> => {
  const [done, last, ignored] = await Promise.all([
    store.get<'answered' | 'dismissed'>(`s:${o.id}`),
    store.get<number>('cooldown'),
    store.get<number>(`i:${o.id}`),
  ]);
  if (done) return done;
  if (last != null && now - last < (o.cooldownDays ?? 90) * DAY) return 'cooldown';
  if ((ignored ?? 0) >= (o.maxIgnored ?? 3)) return 'ignored';
  return (await visitorPercentile(store, o.id)) < (o.sampleRate ?? 1) * 100 ? '' : 'sampled_out';
};

/** Remember an answer or a dismissal of a survey and start the global cooldown. */
export const rememberOutcome = (store: WidgetStore, id: string, outcome: 'answered' | 'dismissed', now = Date.now()) =>
  Promise.all([store.set(`s:${id}`, outcome), store.set('cooldown', now)]);

/** Count one impression of a survey (an impression that is never answered counts as ignored). */
export const countImpression = async (store: WidgetStore, id: string): Promise<void> =>
  store.set(`i:${id}`, ((await store.get<number>(`i:${id}`)) ?? 0) + 1);
