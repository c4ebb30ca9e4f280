import type { StoredEvent } from '../store';

/**
 * The ClickHouse events table. ReplacingMergeTree folds copies of one `message_id` together when
 * parts merge (a retry that reached two collectors), but merges happen whenever the server likes,
 * so the store never relies on them: every read keeps the first copy per `message_id` itself
 * (see {@link DEDUPED}). Partitioned by month of the touchpoint's local day; sorted by that day
 * first, because every report query selects a range of days, then by `message_id`, so the
 * duplicate check of an insert and the merge-time folding find copies next to each other.
 *
 * Only SQL that ClickHouse 18.16 (Debian's package) and current releases both accept: no
 * LowCardinality, no JSON type, no query parameters, no table settings.
 */
export const clickhouseTableSql = (table: string): string => `
CREATE TABLE IF NOT EXISTS ${table} (
  message_id         String,
  type               String,
  event              Nullable(String),
  anonymous_id       Nullable(String),
  user_id            Nullable(String),
  session_id         Nullable(String),
  channel            Nullable(String),
  touchpoint         Nullable(String),
  journey_stage      Nullable(String),
  store_id           Nullable(String),
  device_id          Nullable(String),
  timestamp          Int64,
  original_timestamp Nullable(String),
  sent_at            Nullable(String),
  received_at        Int64,
  tz_offset_min      Nullable(Int32),
  local_time         Int64,
  local_hour         UInt8,
  local_day          Date,
  position           UInt32,
  json               String
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(local_day)
ORDER BY (local_day, message_id)`;

/**
 * The rows of `table` with one copy per `message_id`: the first received (SQLite's
 * `ON CONFLICT DO NOTHING` keeps the first too). `where` filters before deduplication, so it
 * may only narrow by what every copy of an event shares: the event's own fields, and days with a
 * day's margin (the skew-corrected time of a retry differs from the first copy's by the change in
 * network delay). Exact time bounds go outside, on the chosen copy.
 */
export const DEDUPED = (table: string, where = ''): string =>
  `(SELECT * FROM ${table} ${where ? `WHERE ${where}` : ''} ORDER BY received_at, position LIMIT 1 BY message_id)`;

/** Read-side column list: ClickHouse names mapped to {@link StoredEvent} fields. */
export const STORED_COLUMNS = `message_id AS messageId, type, event, anonymous_id AS anonymousId, user_id AS userId,
  session_id AS sessionId, channel, touchpoint, journey_stage AS journeyStage, store_id AS storeId,
  device_id AS deviceId, timestamp, original_timestamp AS originalTimestamp, sent_at AS sentAt,
  received_at AS receivedAt, tz_offset_min AS tzOffsetMinutes, local_time AS localTime,
  local_hour AS localHour, json`;

const DAY = 86_400_000;
/** ClickHouse's `Date` runs from 1970 to 2149; 18.16 computes reliably up to 2105. */
const LAST_DAY = Math.floor(Date.UTC(2105, 11, 31) / DAY);

/** The `Date` of a local time as `YYYY-MM-DD`, clamped into the range the type can hold. */
export const localDayOf = (localTime: number): string => {
  const day = Math.min(LAST_DAY, Math.max(0, Math.floor(localTime / DAY)));
  return new Date(day * DAY).toISOString().slice(0, 10);
};

/** One row as inserted with `JSONEachRow`. `position` orders events of one insert that share a time. */
export const toClickHouseRow = (row: StoredEvent, position: number): Record<string, unknown> => ({
  message_id: row.messageId,
  type: row.type,
  event: row.event,
  anonymous_id: row.anonymousId,
  user_id: row.userId,
  session_id: row.sessionId,
  channel: row.channel,
  touchpoint: row.touchpoint,
  journey_stage: row.journeyStage,
  store_id: row.storeId,
  device_id: row.deviceId,
  timestamp: row.timestamp,
  original_timestamp: row.originalTimestamp,
  sent_at: row.sentAt,
  received_at: row.receivedAt,
  tz_offset_min: row.tzOffsetMinutes,
  local_time: row.localTime,
  local_hour: row.localHour,
  local_day: localDayOf(row.localTime),
  position,
  json: row.json,
});

/** A row read with {@link STORED_COLUMNS}: 64-bit integers arrive as JSON strings, made numbers here. */
export const fromClickHouseRow = (row: Record<string, unknown>): StoredEvent =>
  ({
    ...row,
    timestamp: Number(row.timestamp),
    receivedAt: Number(row.receivedAt),
    localTime: Number(row.localTime),
    localHour: Number(row.localHour),
    tzOffsetMinutes: row.tzOffsetMinutes === null ? null : Number(row.tzOffsetMinutes),
  }) as StoredEvent;
