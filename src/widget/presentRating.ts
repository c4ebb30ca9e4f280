import { ratingSession } from './ratingSession';
import type { RatingHandle, RatingTracker, ShowRatingOptions } from './types';
import { validateSurvey } from './validateSurvey';

/**
 * Show a survey now into `host`, with no trigger and no frequency rules: a screen that always
 * asks (the kiosk). Throws on a bad definition, like `startRating`; never afterwards.
 */
export const presentRating = (tracker: RatingTracker, o: ShowRatingOptions, host: HTMLElement): RatingHandle => {
  validateSurvey(o);
  const session = ratingSession(tracker, { ...o, trigger: undefined }, host);
  void session.show({});
  return { close: session.close, shown: session.shown };
};
