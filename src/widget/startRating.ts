import { checkFrequency, countImpression, rememberOutcome } from './frequency';
import { ratingSession } from './ratingSession';
import { defaultStore } from './store';
import { armTrigger } from './triggers';
import type { RatingHandle, RatingTracker, ShowRatingOptions } from './types';
import { validateSurvey } from './validateSurvey';

/**
 * Show a survey through a tracker, into a given host element (the custom element passes itself)
 * or a new one: when its trigger fires and the frequency rules allow (memory, cooldown, cap,
 * sampling; `force` skips them). Validates at once (throws on a bad definition); everything after
 * that is caught and reported through the tracker's `onError`.
 */
export const startRating = (tracker: RatingTracker, o: ShowRatingOptions, host?: HTMLElement): RatingHandle => {
  validateSurvey(o);
  const store = o.store ?? defaultStore();
  const session = ratingSession(tracker, o, host, {
    eligible: async () => !o.force && checkFrequency(store, o),
    shown: () => countImpression(store, o.id),
    outcome: (outcome) => rememberOutcome(store, o.id, outcome),
  });
  const trigger = o.trigger ?? { type: 'manual' };
  if (trigger.type == 'manual') void session.show({});
  else session.disarm = armTrigger(tracker, trigger, (ctx) => void session.show(ctx));
  return { close: session.close, shown: session.shown };
};
