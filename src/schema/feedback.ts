/**
 * Properties of the widget's feedback events, as zod/mini schemas for the collector. The widget
 * itself never imports these (zod would cost ~6 KB brotli of its 5 KB budget); a unit test
 * proves that what the widget sends passes them.
 */
import * as z from 'zod/mini';
import { CHANNELS, JOURNEY_STAGES } from '../core/limits';
import { SURVEY_TYPES } from '../widget/scales';

const id = z.string().check(z.minLength(1), z.maxLength(200));
const opt = <T extends z.core.$ZodType>(s: T) => z.optional(z.nullable(s));

/** Fields shared by every feedback event. */
const survey = {
  /** Survey id. */
  survey_id: z.string().check(z.minLength(1), z.maxLength(100)),
  /** Instrument: csat, nps, ces, emoji, stars, thumbs, smiley. */
  survey_type: z.enum(SURVEY_TYPES),
  /** Lowest and highest score of the scale (the raw score is always kept with its scale). */
  scale_min: z.number(),
  scale_max: z.number(),
  touchpoint: opt(z.string().check(z.maxLength(200))),
  journey_stage: opt(z.enum(JOURNEY_STAGES)),
  channel: opt(z.enum(CHANNELS)),
  product_id: opt(id),
  order_id: opt(id),
};

/** `Feedback Shown`: a survey appeared. */
export const FeedbackShownSchema = z.looseObject(survey);

/**
 * `Feedback Submitted`: sent on the tap with `completed: false` when a follow-up follows, then
 * again with the same `submission_id` and `completed: true` (with comment and reasons).
 */
export const FeedbackSubmittedSchema = z
  .looseObject({
    ...survey,
    submission_id: id,
    score: z.number(),
    /** Text label of the chosen point, in the survey's language. */
    label: z.string().check(z.maxLength(500)),
    /** Open-text answer, or null. */
    comment: z.nullable(z.string().check(z.maxLength(2000))),
    /** Reasons ticked in the follow-up. */
    reasons: z.array(z.string().check(z.maxLength(200))),
    completed: z.boolean(),
  })
  .check(
    z.refine((p) => p.score >= p.scale_min && p.score <= p.scale_max, {
      message: 'score outside the scale',
      path: ['score'],
    }),
  );

/** `Feedback Dismissed`: closed without finishing; `submission_id` when a score was already given. */
export const FeedbackDismissedSchema = z.looseObject({ ...survey, submission_id: opt(id) });

/** Segment's `Product Reviewed`, sent with the score when the rating concerns a product. */
export const ProductReviewedSchema = z.looseObject({
  product_id: id,
  review_id: id,
  rating: z.number(),
  review_body: z.optional(z.string()),
});

/** Properties schema by event name, for the collector. */
export const FEEDBACK_EVENTS = {
  'Feedback Shown': FeedbackShownSchema,
  'Feedback Submitted': FeedbackSubmittedSchema,
  'Feedback Dismissed': FeedbackDismissedSchema,
  'Product Reviewed': ProductReviewedSchema,
} as const;

export type FeedbackSubmitted = z.infer<typeof FeedbackSubmittedSchema>;
