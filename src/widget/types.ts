/** Public types of the rating widget. */
import type { JourneyStage, Tracker } from '../core/types';
import type { ScaleName, SurveyType } from './scales';
import type { RatingStrings } from './strings';
import type { ExitIntentSubscribe } from './triggers';
import type { WidgetStore } from './store';

export type { ScaleName, SurveyType, RatingStrings, ExitIntentSubscribe, WidgetStore };

/** Answer groups that pick the follow-up: NPS uses detractor/passive/promoter, other scales negative/neutral/positive. */
export type AnswerGroup = 'negative' | 'neutral' | 'positive' | 'detractor' | 'passive' | 'promoter';

/** The follow-up asked after a tap, for one answer group. */
export interface FollowUp {
  /** Question above the follow-up. Default: "What could we do better?" / "What did you like most?". */
  question?: string;
  /**
   * Reasons offered as toggle buttons (multi-select; sent as `reasons`): built-in ids from
   * `REASONS` (`'shipping_cost'` …, shown with their vi/en label, sent as the id) or the shop's own
   * texts (shown and sent as written). Default: the survey's `reasonSet`, else none.
   */
  reasons?: string[];
  /** Offer an open-text comment (optional for the shopper). Default true. */
  comment?: boolean;
}

/** When a survey appears. Every trigger re-checks eligibility (and the page) right before showing. */
export type RatingTrigger =
  /** Show now (default). */
  | { type: 'manual' }
  /** After the tracker records `Order Completed`; its `order_id` is attached to the rating. */
  | { type: 'orderCompleted'; delay?: number }
  /** After the tracker records the named event. */
  | { type: 'event'; event: string; delay?: number }
  /** After `seconds` on the current page; cancelled when the page (SPA route) changed meanwhile. */
  | { type: 'delay'; seconds: number }
  /**
   * On exit intent with a non-empty cart. `subscribe` wires any source; without it the tracker's
   * `onExitIntent(cb)` hook is used when the shop-touchpoints module provides one.
   */
  | { type: 'exitIntent'; subscribe?: ExitIntentSubscribe };

/** What a survey asks: validated at set-up, a bad field throws naming the field. */
export interface RatingSurvey {
  /** Survey id (`survey_id`), 1–100 of `A-Z a-z 0-9 _ . : -`. Required. */
  id: string;
  /** Scale. Default `'emoji5'`. */
  scale?: ScaleName;
  /** `survey_type` sent. Default: the scale's own (`'csat'` is allowed on 1–5 scales). */
  type?: SurveyType;
  /** Question (plain text). Default: built in for the scale and language. */
  question?: string;
  /** Language of the texts, set as `lang` on the widget. Default: the page's `<html lang>`, else `'en'`. */
  lang?: string;
  /** One label per point, worst first; overrides the built-in labels. */
  labels?: string[];
  /** Follow-up per answer group; `false` for none. Default: a comment question for every group. */
  followUp?: false | Partial<Record<AnswerGroup, FollowUp | false>>;
  /**
   * Built-in reasons (`DEFAULT_REASONS`) offered by follow-ups that name none: `'checkout'`,
   * `'order'` or `'kiosk'`; `false` for none. Default: `'checkout'` for exit-intent surveys,
   * `'order'` for order surveys (`orderId` or the `orderCompleted` trigger), else none.
   */
  reasonSet?: 'checkout' | 'order' | 'kiosk' | false;
  /** Record the score on tap. When false, a Send button confirms the choice. Default true. */
  autoSubmit?: boolean;
  /** Longest comment, in characters (1–2000). Default 500. */
  maxLength?: number;
  /** Overrides of any built-in text (or a whole table for another language). */
  strings?: Partial<RatingStrings>;
}

/** Options of `showRating()`: the survey plus where, when and how often it appears. */
export interface ShowRatingOptions extends RatingSurvey {
  /** `'floating'` (corner card, default) or `'inline'` (inside `container`). */
  presentation?: 'inline' | 'floating';
  /** Where an inline survey goes (appended). Default `document.body`. */
  container?: Element;
  /** Trigger. Default `{ type: 'manual' }`. */
  trigger?: RatingTrigger;
  /** Extra condition, re-checked right before showing (e.g. "still on this product"). */
  when?: () => boolean;
  /** Touchpoint id. Default: the tracker's `touchpoint` option, else the page path. */
  touchpoint?: string;
  /** Journey stage. Default: `post_purchase` for order ratings, else the tracker's `journeyStage`. */
  journeyStage?: JourneyStage;
  /** Product the rating concerns; also sends `Product Reviewed`. */
  productId?: string;
  /** Order the rating concerns (`order_id`). */
  orderId?: string;
  /** Share of visitors asked, 0–1, by a stable per-visitor percentile. Default 1. */
  sampleRate?: number;
  /** Days without any survey after an answer or dismissal. Default 90. */
  cooldownDays?: number;
  /** Impressions without an answer after which this survey stops appearing. Default 3. */
  maxIgnored?: number;
  /** Skip the frequency rules (memory, cooldown, cap, sampling); kiosks and previews. Default false. */
  force?: boolean;
  /** Milliseconds the thank-you stays before the widget closes. Default 5000. */
  thanksMs?: number;
  /** Awaited before the thank-you shows (e.g. until the rating is stored); never blocks longer than it takes. Default: none. */
  beforeThanks?: () => Promise<unknown>;
  /** Nonce for the `<style>` fallback used where constructable stylesheets are missing. */
  nonce?: string;
  /** Frequency memory. Default: IndexedDB (`touchpoint-widget-v1`), in memory when unavailable. */
  store?: WidgetStore;
}

/** What `showRating()` returns. */
export interface RatingHandle {
  /** Remove the survey (or stop waiting for its trigger). Idempotent, never throws. */
  close(): void;
  /** Resolves true once the survey is on screen, false when it was skipped or closed before. */
  readonly shown: Promise<boolean>;
}

/** The tracker the widget reports through (the SDK's `Tracker`). */
export type RatingTracker = Pick<Tracker, 'track' | 'subscribe' | 'options'>;
