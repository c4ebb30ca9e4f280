/**
 * A running kiosk: its configuration and parts, and — in `state` — everything that changes while
 * it runs. Every kiosk function takes the station, so a reader finds the kiosk's state here, in
 * one place, and not spread over closures.
 */
import type { CallOptions, Properties } from '../core/types';
import type { RatingHandle, RatingTracker, ShowRatingOptions } from '../widget/types';
import type { KioskTracker } from './createKioskTracker';
import type { KioskState, KioskTimings } from './kioskMachine';
import type { KioskScreen } from './kioskScreen';
import type { OrderCodeControl } from './orderCodeControl';
import type { ResolvedKiosk } from './resolveKiosk';

/** What changes while a kiosk runs. */
export interface KioskRuntime {
  /** The kiosk machine's state (kioskMachine.ts). */
  machine: KioskState;
  /** The rating card on screen. */
  rating?: RatingHandle;
  /** The current respondent's last `Feedback Submitted`, re-sent with the final `repeat_presses`. */
  lastRating?: { properties: Properties; options?: CallOptions };
  /** `messageId` of the last event the tracker accepted: the thank-you waits until it is stored. */
  lastMessageId?: string;
  /** Order code linked to the current respondent's rating. */
  orderId?: string;
  /** A heartbeat fell inside a respondent's session: send it once they are done. */
  heartbeatDue: boolean;
  stopped: boolean;
  /** Next wake-up of the machine (deadline or countdown second). */
  wakeTimer?: ReturnType<typeof setTimeout>;
  /** Retry of a rating card that could not show yet. */
  retryTimer?: ReturnType<typeof setTimeout>;
  /** Undo functions: listeners, intervals, lock-down, wake lock. */
  cleanup: (() => void)[];
}

/** A running kiosk. */
export interface Station {
  r: ResolvedKiosk;
  kt: KioskTracker;
  screen: KioskScreen;
  timings: KioskTimings;
  /** Milliseconds of visible countdown at the end of an idle follow-up. */
  countdownMs: number;
  /** The widget's tracker (kioskRating.ts) and survey. */
  proxy: RatingTracker;
  survey: ShowRatingOptions;
  /** The order-code control, when `orderInput` is on. */
  order?: OrderCodeControl;
  state: KioskRuntime;
  /** Hand a run-time problem to `onError` (and the debug log); never to the screen. */
  report(cause: unknown): void;
  /** Track through the kiosk's tracker (ids added); never throws. */
  send(event: string, properties: Properties, options?: CallOptions): void;
}
