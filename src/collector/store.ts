/**
 * The storage contract of the collector. The embedded default is SQLite ({@link createSqliteStore});
 * anything that can insert a batch atomically and dedupe by `messageId` can stand in (Postgres,
 * ClickHouse, a test double).
 */
import type { TouchpointEvent } from '../schema/event';

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
  /** `context.userAgent` is a known bot, crawler or headless browser (`isBotUserAgent`); the report leaves these out. */
  bot: boolean;
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
  /** Release the underlying resources. */
  close(): void | Promise<void>;
}

export type { TouchpointEvent };
