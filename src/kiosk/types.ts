/** Public types of the kiosk mode. */
import type { JourneyStage, TouchpointError } from '../core/types';
import type { FollowUp, AnswerGroup, RatingStrings, ScaleName, SurveyType } from '../widget/types';

/** Options of `startKiosk()`. Every field is validated; a bad one stops the kiosk with a message. */
export interface KioskOptions {
  /** Collector base URL or batch URL. Required. */
  endpoint: string;
  /** Store id (`store_id`), 1–64 of `A-Z a-z 0-9 _ . : -`. Required: without it the kiosk refuses to start. */
  storeId: string;
  /** Device id (`device_id`), same characters. Default: one generated once and kept on the device. */
  deviceId?: string;
  /** Write key sent with each batch. Default: none. */
  writeKey?: string;
  /** Touchpoint id of this terminal. Default `'store_kiosk'`. */
  touchpoint?: string;
  /** Journey stage of this terminal. Default `'post_purchase'`. */
  journeyStage?: JourneyStage;
  /** Survey id (`survey_id`). Default `'kiosk'`. */
  surveyId?: string;
  /** Rating scale. Default `'smiley4'` (four faces, no neutral). */
  scale?: ScaleName;
  /** `survey_type` sent. Default: the scale's. */
  surveyType?: SurveyType;
  /** Question shown. Default: the widget's built-in question for the language. */
  question?: string;
  /** One label per point, worst first. Default: the widget's labels. */
  labels?: string[];
  /** Language of the screen (`vi`, `en`, …). Default: `<html lang>`, else `'en'`. */
  lang?: string;
  /**
   * Follow-up per answer group (the widget's `followUp`). Default: after every answer, the
   * built-in kiosk reasons of its group (`DEFAULT_REASONS.kiosk`) and an optional comment — a
   * follow-up for every answer, so nobody at the counter can tell a bad answer by its screens.
   * `false`: no follow-up.
   */
  followUp?: false | Partial<Record<AnswerGroup, FollowUp | false>>;
  /** Seconds without a touch after which the follow-up gives up and the screen starts over. Default 10. */
  idleSeconds?: number;
  /** Seconds of visible countdown at the end of the follow-up. Default 5. */
  countdownSeconds?: number;
  /** Seconds the thank-you stays. Default 3. */
  thanksSeconds?: number;
  /** Seconds after a rating during which presses are counted as `repeat_presses`, not ratings. Default 5. */
  responseInterval?: number;
  /** Minutes between `Kiosk Heartbeat` events. Default 15. */
  heartbeatMinutes?: number;
  /** Events kept offline at most (oldest evicted and counted). Default 50,000. */
  queueCap?: number;
  /** Version of the kiosk page, sent as `app_version`. Default: the SDK version. */
  appVersion?: string;
  /** Order or receipt code for the first respondent (`order_id`). Default: `order_id`, `order` or `receipt` URL parameter. */
  orderId?: string;
  /** Show an "Enter your order code" button that links the next rating to an order. Default false. */
  orderInput?: boolean;
  /**
   * Opening hours, e.g. `'08:00-22:00'` or `'mo-fr 08:00-21:00; sa,su 09:00-23:00'` (see
   * openingHours.ts). Ratings outside them are kept and marked `outside_hours: true`. Default: none.
   */
  openingHours?: string;
  /** The store's IANA time zone (`'Asia/Ho_Chi_Minh'`) for `local_time` and the opening hours. Default: the device's. */
  timeZone?: string;
  /** Ask for full screen on the first touch. Default true. */
  fullscreen?: boolean;
  /** Element the kiosk fills. Default: a new element on `document.body`. */
  container?: HTMLElement;
  /** Texts of the kiosk itself (the widget's texts come through `strings`). */
  kioskStrings?: Partial<KioskStrings>;
  /** Overrides of the widget's texts. */
  strings?: Partial<RatingStrings>;
  /** IndexedDB name prefix. Default `'touchpoint-kiosk'`. */
  storageKey?: string;
  /** Milliseconds between scheduled sends. Default 5000. */
  flushInterval?: number;
  /** Retry back-off of delivery. Default 1 s … 5 min. */
  retry?: { minDelay?: number; maxDelay?: number };
  /** Log to the console. Default false. */
  debug?: boolean;
  /** Called with every run-time problem (never shown on screen). */
  onError?: (error: TouchpointError) => void;
}

/** Texts of the kiosk screens (the widget's own texts are separate). */
export interface KioskStrings {
  /** Countdown at the end of the follow-up; `{n}` is replaced by the seconds left. */
  countdown: string;
  /** The button that opens the order-code entry. */
  order: string;
  /** Label of the order-code field. */
  orderLabel: string;
  /** The button once a code is linked; `{code}` is replaced by the code. */
  orderLinked: string;
  /** Confirm button of the order-code entry. */
  ok: string;
  /** Cancel button of the order-code entry. */
  cancel: string;
  /** Shown when the kiosk refuses to start; `{why}` is replaced by the reason. */
  refused: string;
}

/** What `startKiosk()` returns. */
export interface KioskHandle {
  /** Why the kiosk refused to start, or undefined when it runs. */
  readonly error?: string;
  /** The store and device ids in use. */
  readonly storeId?: string;
  readonly deviceId?: string;
  /** Link the next rating to an order (`order_id`); cleared when the respondent is done. */
  setOrderId(orderId: string | undefined): void;
  /** Send a `Kiosk Heartbeat` now. */
  heartbeat(): Promise<void>;
  /** Stop the kiosk: timers, listeners, wake lock; pending events stay queued. */
  stop(): Promise<void>;
}
