import type { StoredEvent } from '../store';

/**
 * A {@link StoredEvent} field, its column (the SQLite store's names, so the report's queries read
 * the same names on both engines), its ClickHouse type, and how it converts: `flag` for booleans
 * (`UInt8`: 18.16 has no Bool), `list` for the reasons (a JSON array text in the row and in SQLite,
 * `Array(String)` here, so the report unnests them with ARRAY JOIN; empty stands for none).
 */
type Column = readonly [field: keyof StoredEvent, column: string, type: string, kind?: 'flag' | 'list'];

/** Every stored field. 64-bit integers are read back as numbers, flags as booleans. */
export const COLUMNS: readonly Column[] = [
  ['messageId', 'message_id', 'String'],
  ['type', 'type', 'String'],
  ['event', 'event', 'Nullable(String)'],
  ['anonymousId', 'anonymous_id', 'Nullable(String)'],
  ['userId', 'user_id', 'Nullable(String)'],
  ['sessionId', 'session_id', 'Nullable(String)'],
  ['channel', 'channel', 'Nullable(String)'],
  ['touchpoint', 'touchpoint', 'Nullable(String)'],
  ['journeyStage', 'journey_stage', 'Nullable(String)'],
  ['storeId', 'store_id', 'Nullable(String)'],
  ['deviceId', 'device_id', 'Nullable(String)'],
  ['timestamp', 'timestamp', 'Int64'],
  ['originalTimestamp', 'original_timestamp', 'Nullable(String)'],
  ['sentAt', 'sent_at', 'Nullable(String)'],
  ['receivedAt', 'received_at', 'Int64'],
  ['tzOffsetMinutes', 'tz_offset_min', 'Nullable(Int32)'],
  ['localTime', 'local_time', 'Int64'],
  ['localHour', 'local_hour', 'UInt8'],
  ['json', 'json', 'String'],
  // The report's columns, computed at ingest (reportColumns).
  ['bot', 'bot', 'UInt8', 'flag'],
  ['source', 'source', 'Nullable(String)'],
  ['sessionKey', 'session_key', 'String'],
  ['personKey', 'person_key', 'String'],
  ['orderId', 'order_id', 'Nullable(String)'],
  ['cartId', 'cart_id', 'Nullable(String)'],
  ['checkoutId', 'checkout_id', 'Nullable(String)'],
  ['cartKey', 'cart_key', 'String'],
  ['checkoutKey', 'checkout_key', 'String'],
  ['revenue', 'revenue', 'Nullable(Float64)'],
  ['currency', 'currency', 'Nullable(String)'],
  ['submissionKey', 'submission_key', 'Nullable(String)'],
  ['completed', 'completed', 'UInt8', 'flag'],
  ['surveyType', 'survey_type', 'Nullable(String)'],
  ['scaleMin', 'scale_min', 'Nullable(Float64)'],
  ['scaleMax', 'scale_max', 'Nullable(Float64)'],
  ['score', 'score', 'Nullable(Float64)'],
  ['comment', 'comment', 'Nullable(String)'],
  ['commentKey', 'comment_key', 'Nullable(String)'],
  ['reasons', 'reasons', 'Array(String)', 'list'],
  ['metric', 'metric', 'Nullable(String)'],
  ['metricValue', 'metric_value', 'Nullable(Float64)'],
  ['queueDepth', 'queue_depth', 'Nullable(Float64)'],
  ['battery', 'battery', 'Nullable(Float64)'],
];

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
  ${[...COLUMNS.map(([, column, type]) => `${column} ${type}`), 'local_day Date', 'position UInt32', 'copy UInt64'].join(',\n  ')}
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
  `(SELECT * FROM ${table} ${where ? `WHERE ${where}` : ''} ORDER BY received_at, position, copy LIMIT 1 BY message_id)`;

/** Read-side column list: ClickHouse names mapped to {@link StoredEvent} fields. */
export const STORED_COLUMNS = COLUMNS.map(([field, column]) => (field === column ? column : `${column} AS ${field}`)).join(', ');

const DAY = 86_400_000;
/** ClickHouse's `Date` runs from 1970 to 2149; 18.16 computes reliably up to 2105. */
const LAST_DAY = Math.floor(Date.UTC(2105, 11, 31) / DAY);

/** The `Date` of a local time as `YYYY-MM-DD`, clamped into the range the type can hold. */
export const localDayOf = (localTime: number): string => {
  const day = Math.min(LAST_DAY, Math.max(0, Math.floor(localTime / DAY)));
  return new Date(day * DAY).toISOString().slice(0, 10);
};

/**
 * A random integer below 2^53: tells apart two stored copies of one event (see {@link DEDUPED}).
 * Only uniqueness matters, not secrecy, so Math.random (a crypto call per row cost a second per
 * 10,000 rows).
 */
const randomCopy = (): number => Math.floor(Math.random() * 2 ** 53);

/**
 * One row as inserted with `JSONEachRow`. `position` orders events of one insert that share a
 * time; `copy` names this physical row, so a read can leave out exactly the later copies.
 */
export const toClickHouseRow = (row: StoredEvent, position: number): Record<string, unknown> => {
  const out: Record<string, unknown> = { local_day: localDayOf(row.localTime), position, copy: randomCopy() };
  for (const [field, column, , kind] of COLUMNS) {
    const value = row[field];
    out[column] = kind === 'flag' ? Number(value) : kind === 'list' ? listOf(value) : value;
  }
  return out;
};

/** The reasons' JSON array text as an array of strings; anything else is none. */
const listOf = (value: unknown): string[] => {
  try {
    const list: unknown = typeof value === 'string' ? JSON.parse(value) : null;
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

/** A row read with {@link STORED_COLUMNS}: 64-bit integers arrive as JSON strings, flags as 0/1. */
export const fromClickHouseRow = (row: Record<string, unknown>): StoredEvent => {
  const out: Record<string, unknown> = {};
  for (const [field, , type, kind] of COLUMNS) {
    const value = row[field];
    if (kind === 'flag') out[field] = value === 1;
    else if (kind === 'list') out[field] = Array.isArray(value) && value.length ? JSON.stringify(value) : null;
    else if (value === null || value === undefined) out[field] = null;
    else out[field] = type.includes('Int64') ? Number(value) : value;
  }
  return out as unknown as StoredEvent;
};
