/**
 * The storage contract of the collector. The embedded default is SQLite ({@link createSqliteStore});
 * anything that can insert a batch atomically and dedupe by `messageId` can stand in (Postgres,
 * ClickHouse, a test double).
 */
import type { TouchpointEvent } from '../schema/event';
import type { ReportAggregates } from './report/aggregates';
import type { ReportParams } from './report/reportQueries';
import type { ReportSource } from './report/sqlAggregates';

/** One accepted event, flattened into the columns the report needs, plus its raw JSON. */
export interface StoredEvent {
  /** Segment `messageId`: the dedupe key (unique). */
  messageId: string;
  /** `track`, `page` or `identify`. */
  type: string;
  /** Track event name (`Product Added` …); null for page and identify. */
  event: string | null;
  anonymousId: string | null;
  userId: string | null;
  /** `context.session_id`. */
  sessionId: string | null;
  /** `context.channel`: web, kiosk, app, store. */
  channel: string | null;
  /** `context.touchpoint`. */
  touchpoint: string | null;
  /** `context.journey_stage`. */
  journeyStage: string | null;
  /** Store of a kiosk or shop (`properties.store_id`, else `context.store_id`). */
  storeId: string | null;
  /** Device of a kiosk (`properties.device_id`, else `context.device_id` / `context.device.id`). */
  deviceId: string | null;
  /** Skew-corrected event time, ms since the epoch (UTC). */
  timestamp: number;
  /** The client's own capture time, exactly as sent (keeps its local offset). */
  originalTimestamp: string | null;
  /** When the client flushed the event, as sent. */
  sentAt: string | null;
  /** When the collector received it, ms since the epoch. */
  receivedAt: number;
  /** Local offset of the client's clock in minutes east of UTC (`+07:00` → 420); null when unknown. */
  tzOffsetMinutes: number | null;
  /** {@link timestamp} shifted by the local offset: wall-clock time at the touchpoint, as epoch ms. */
  localTime: number;
  /** Hour of day (0–23) at the touchpoint's local clock, for "ratings by hour". */
  localHour: number;
  /** The event exactly as received, serialised. */
  json: string;
  /** Sent by a known bot or headless browser (`isBotUserAgent(context.userAgent)`); the report leaves it out. */
  bot: boolean;
  /** `properties.source` (`server` for order webhooks). */
  source: string | null;
  /** Visit key: `session_id`, else `person:` + {@link personKey}. */
  sessionKey: string;
  /** Shopper key: anonymous id, else user id, else session id, else message id. */
  personKey: string;
  /** `properties.order_id`; for orders, the message id when none. */
  orderId: string | null;
  /** `properties.cart_id`. */
  cartId: string | null;
  /** `properties.checkout_id`. */
  checkoutId: string | null;
  /** Cart key: `cart_id`, else `session:` + {@link sessionKey}. */
  cartKey: string;
  /** Checkout key: `checkout_id`, else `cart_id`, else `session:` + {@link sessionKey}. */
  checkoutKey: string;
  /** Order amount: `revenue`, else `value`, else `total` (orders only). */
  revenue: number | null;
  /** Order currency, upper case, `N/A` when none (orders only). */
  currency: string | null;
  /** Ratings (`Feedback Submitted` only): `submission_id`, else the message id. */
  submissionKey: string | null;
  /** `properties.completed === true` (the follow-up record). */
  completed: boolean;
  /** Survey type, `rating` when none. */
  surveyType: string | null;
  /** Scale bounds with the survey type's defaults (NPS 0–10, CES 1–7, else 1–5). */
  scaleMin: number | null;
  scaleMax: number | null;
  /** The score when it is usable on its scale, else null (the record still counts as the submission's latest). */
  score: number | null;
  /** Follow-up comment, spaces collapsed, trimmed, at most 280 characters. */
  comment: string | null;
  /** {@link comment} in lower case: comments are counted case-insensitively. */
  commentKey: string | null;
  /** Picked reasons (ids or a shop's own text), as a JSON array of strings; null when none. */
  reasons: string | null;
  /** `Web Vital Measured`: the metric (LCP INP CLS FCP TTFB) and its value. */
  metric: string | null;
  metricValue: number | null;
  /** `Kiosk Heartbeat`: queue depth and battery. */
  queueDepth: number | null;
  battery: number | null;
}

/** What `insert` reports, one flag per row, in order. */
export interface InsertResult {
  /** `true` for a newly stored row, `false` for a duplicate `messageId`. */
  inserted: boolean[];
}

/** A selection of stored events. All bounds are optional and inclusive. */
export interface EventQuery {
  /** Earliest local time (epoch ms at the touchpoint's wall clock, see {@link StoredEvent.localTime}). */
  fromLocal?: number;
  /** Latest local time. */
  toLocal?: number;
  /** Only this channel. */
  channel?: string;
  /** Only this store. */
  storeId?: string;
  /** Only these event names. */
  events?: string[];
}

/** The store the collector writes to. */
export interface EventStore {
  /**
   * Insert rows in one transaction: all or nothing. Rows whose `messageId` is already stored
   * (or repeated inside the same call) are skipped and reported as duplicates. Resolves only once
   * the transaction is committed — the collector acknowledges nothing before that.
   */
  insert(rows: StoredEvent[]): InsertResult | Promise<InsertResult>;
  /** Stored events matching the query, ordered by {@link StoredEvent.timestamp}. */
  query(query: EventQuery): StoredEvent[] | Promise<StoredEvent[]>;
  /** Distinct store ids seen (for the report's filter). */
  stores(): string[] | Promise<string[]>;
  /**
   * Optional: the report's aggregates computed where the data is (the SQL report engine, see
   * docs/COLLECTOR.md). Without it the report falls back to the in-memory `computeReport`.
   */
  aggregate?(params: ReportParams): Promise<ReportAggregates>;
  /**
   * Optional: run `read` with the store's SQL as a `ReportSource`, in turn with the report engine's
   * own reads (they may share one connection), for the report's further queries (heat map, themes,
   * export, alerts; `report/ratingRows.ts`). Without it those read `query()` in memory.
   */
  reportRead?<T>(read: (source: ReportSource) => Promise<T>): Promise<T>;
  /** Optional: that the store answers (for `/health`); throws or resolves false when it does not. */
  check?(): boolean | Promise<boolean>;
  /** Release the underlying resources. */
  close(): void | Promise<void>;
}

export type { TouchpointEvent };
