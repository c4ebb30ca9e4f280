/** `touchpoint/widget`: the emoji-rating widget (a separate, lazily loaded entry). */
export { showRating } from './showRating';
export { defineRatingElement } from './defineRatingElement';
export { SCALES, SCALE_NAMES, SURVEY_TYPES } from './scales';
export type { Scale } from './scales';
export { STRINGS } from './strings';
export { answerGroup } from './answerGroup';
export { memoryStore } from './store';
export type {
  AnswerGroup,
  ExitIntentSubscribe,
  FollowUp,
  RatingHandle,
  RatingStrings,
  RatingSurvey,
  RatingTracker,
  RatingTrigger,
  ScaleName,
  ShowRatingOptions,
  SurveyType,
  WidgetStore,
} from './types';
