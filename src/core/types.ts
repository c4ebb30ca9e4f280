/** Public types of the tracker. Wire types come from the schemas (types only: no zod at run time). */
import type { Channel, JourneyStage } from './limits';
import type { TouchpointEvent } from '../schema/event';

export type { Channel, JourneyStage, TouchpointEvent };

/** Free-form event properties or traits; must be JSON-serialisable. */
export type Properties = Record<string, unknown>;

/** Consent state. `pending`: keep in memory only, send nothing. */
export type ConsentState = 'granted' | 'pending' | 'denied';

/** What a Global Privacy Control signal means for this site. */
export type GpcMode = 'anonymous' | 'deny' | 'ignore';

/** Per-call overrides of the touchpoint dimensions. */
export interface CallOptions {
  /** Touchpoint id for this event (default: the tracker's `touchpoint` option). */
  touchpoint?: string;
  /** Journey stage for this event (default: per event type, see docs). */
  journey_stage?: JourneyStage;
  /** Channel for this event (default: the tracker's `channel` option). */
  channel?: Channel;
  /** Extra `context` fields merged into the event's context. */
  context?: Properties;
  /** Capture time (default: now). */
  timestamp?: Date;
}

/** Stable codes of the errors reported through `onError`. */
export type ErrorCode =
  | 'invalid_call'
  | 'event_too_large'
  | 'not_serialisable'
  | 'storage_unavailable'
  | 'events_dropped'
  | 'delivery_rejected'
  | 'delivery_failed'
  | 'consent_denied'
  | 'plugin_failed';

/** An error reported through `onError`; never thrown into the host page at run time. */
export interface TouchpointError {
  code: ErrorCode;
  message: string;
  /** HTTP status, for delivery errors. */
  status?: number;
  /** Number of events concerned (dropped, rejected …). */
  count?: number;
  /** The underlying error, when there was one. */
  cause?: unknown;
}

/** A function called with every event the tracker accepted (after enrichment). */
export type EventListener = (event: TouchpointEvent) => void;

/** The object `createTracker()` returns. No method throws at run time. */
export interface Tracker {
  /** Record an action ("Object Action" name, e.g. `Product Added`). */
  track(event: string, properties?: Properties, options?: CallOptions): void;
  /** Record a page view (current URL unless `properties.url` is given). */
  page(name?: string, properties?: Properties, options?: CallOptions): void;
  /** Tie the visitor to a user id (null keeps the anonymous id and only sets traits). */
  identify(userId: string | null, traits?: Properties, options?: CallOptions): void;
  /** Forget the user: new anonymous id, new session, no user id (logout). */
  reset(): void;
  /** Send everything pending now; resolves when this attempt ended (never rejects). */
  flush(): Promise<void>;
  /** Change consent at run time (e.g. from a consent banner). */
  setConsent(state: ConsentState): void;
  /** Listen to every accepted event; returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** The tracker's resolved options (read-only). */
  readonly options: Readonly<ResolvedOptions>;
  /** Stop timers and listeners, persist what is buffered; the tracker does nothing afterwards. */
  destroy(): Promise<void>;
}

/** Options of `createTracker()`. Every field is validated at set-up. */
export interface TrackerOptions {
  /** Collector base URL or full batch URL. `https://c.example/` → `https://c.example/v1/batch`. Required. */
  endpoint: string;
  /** Write key sent in the batch body (`writeKey`). Default: none. */
  writeKey?: string;
  /** Channel of this site. Default `'web'`. */
  channel?: Channel;
  /** Default touchpoint id for events. Default: the page path. */
  touchpoint?: string;
  /** Default journey stage for events that have no per-type default. */
  journeyStage?: JourneyStage;
  /** Events per request at most. Default 100. */
  batchSize?: number;
  /** Milliseconds between scheduled sends. Default 5000. */
  flushInterval?: number;
  /** Events kept in the queue at most; the oldest are evicted and counted. Default 1000. */
  queueCap?: number;
  /** Initial consent. Default `'granted'`. */
  consent?: ConsentState;
  /** What `navigator.globalPrivacyControl` means. Default `'anonymous'`. */
  gpc?: GpcMode;
  /** Minutes of inactivity after which a new session starts. Default 30. */
  sessionTimeout?: number;
  /** Retry back-off: first delay and cap, in ms. Default 1000 and 300000. */
  retry?: { minDelay?: number; maxDelay?: number };
  /** IndexedDB database name prefix (one queue per name). Default `'touchpoint'`. */
  storageKey?: string;
  /** Record events in automated browsers (`navigator.webdriver`) and for known bot user agents. Default false: they record nothing. */
  allowBots?: boolean;
  /** Log what the tracker does to the console. Default false. */
  debug?: boolean;
  /** Called with every run-time problem. */
  onError?: (error: TouchpointError) => void;
}

/** Options after defaults were applied. */
export interface ResolvedOptions extends Required<Omit<TrackerOptions, 'writeKey' | 'touchpoint' | 'journeyStage' | 'onError' | 'retry'>> {
  writeKey?: string;
  touchpoint?: string;
  journeyStage?: JourneyStage;
  onError?: (error: TouchpointError) => void;
  retry: { minDelay: number; maxDelay: number };
  /** The full URL batches are posted to. */
  batchUrl: string;
}
