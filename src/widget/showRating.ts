import { startRating } from './startRating';
import type { RatingHandle, RatingTracker, ShowRatingOptions } from './types';

/**
 * Show an emoji-rating survey: now, or when its `trigger` fires, if the frequency rules allow
 * (one survey on screen across tabs, per-survey memory, global cooldown, ignored-impression cap,
 * sampling). Throws a `TypeError` naming the field for a bad survey definition; never afterwards.
 *
 * @example
 * showRating(tracker, { id: 'checkout-csat', scale: 'emoji5', trigger: { type: 'orderCompleted' } });
 */
export const showRating = (tracker: RatingTracker, options: ShowRatingOptions): RatingHandle =>
  startRating(tracker, options);
