import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { migrateSqlite } from './sqliteMigrate';
import { sqliteReportSource } from './sqliteReportSource';
import { sqlAggregates, type ReportSource } from './report/sqlAggregates';
import type { ReportAggregates } from './report/aggregates';
import type { ReportParams } from './report/reportQueries';
import { ReportBusyError } from './report/reportBusy';
import { startReportWorker, type WorkerReportSource } from './reportWorker';

/** Reports waiting for the report worker beyond the running one; more are answered 503. */
const MAX_QUEUED_REPORTS = 4;
import type { EventQuery, EventStore, InsertResult, StoredEvent } from './store';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file, created with its folder on first start. `:memory:` for tests. Default `./data/touchpoint.db`. */
  path?: string;
  /**
   * SQLite `synchronous` pragma. `full` (default) fsyncs the WAL on every commit, so an
   * acknowledged batch survives a power cut; `normal` survives a process crash only, and is faster.
   */
  synchronous?: 'full' | 'normal';
  /**
   * Group commit: inserts that arrive in the same event-loop turn (concurrent requests) share one
   * transaction, so one fsync covers them all. Each caller still resolves only after that commit.
   * Default true.
   */
  groupCommit?: boolean;
}

/** The report's columns (computed at ingest by `reportColumns`): SQL name, SQLite type, row field. */
export const REPORT_COLUMNS: readonly (readonly [string, string, keyof StoredEvent])[] = [
  ['bot', 'INTEGER NOT NULL DEFAULT 0', 'bot'],
  ['source', 'TEXT', 'source'],
  ['session_key', "TEXT NOT NULL DEFAULT ''", 'sessionKey'],
  ['person_key', "TEXT NOT NULL DEFAULT ''", 'personKey'],
  ['order_id', 'TEXT', 'orderId'],
  ['cart_id', 'TEXT', 'cartId'],
  ['checkout_id', 'TEXT', 'checkoutId'],
  ['cart_key', "TEXT NOT NULL DEFAULT ''", 'cartKey'],
  ['checkout_key', "TEXT NOT NULL DEFAULT ''", 'checkoutKey'],
  ['revenue', 'REAL', 'revenue'],
  ['currency', 'TEXT', 'currency'],
  ['submission_key', 'TEXT', 'submissionKey'],
  ['completed', 'INTEGER NOT NULL DEFAULT 0', 'completed'],
  ['survey_type', 'TEXT', 'surveyType'],
  ['scale_min', 'REAL', 'scaleMin'],
  ['scale_max', 'REAL', 'scaleMax'],
  ['score', 'REAL', 'score'],
  ['comment', 'TEXT', 'comment'],
  ['comment_key', 'TEXT', 'commentKey'],
  ['reasons', 'TEXT', 'reasons'],
  ['metric', 'TEXT', 'metric'],
  ['metric_value', 'REAL', 'metricValue'],
  ['queue_depth', 'REAL', 'queueDepth'],
  ['battery', 'REAL', 'battery'],
];

/** The table and indexes, exported so the benchmark measures the raw ceiling on the same schema. */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  id                 INTEGER PRIMARY KEY,
  message_id         TEXT    NOT NULL UNIQUE,
  type               TEXT    NOT NULL,
  event              TEXT,
  anonymous_id       TEXT,
  user_id            TEXT,
  session_id         TEXT,
  channel            TEXT,
  touchpoint         TEXT,
  journey_stage      TEXT,
  store_id           TEXT,
  device_id          TEXT,
  timestamp          INTEGER NOT NULL,
  original_timestamp TEXT,
  sent_at            TEXT,
  received_at        INTEGER NOT NULL,
  tz_offset_min      INTEGER,
  local_time         INTEGER NOT NULL,
  local_hour         INTEGER NOT NULL,
  json               TEXT    NOT NULL,
${REPORT_COLUMNS.map(([name, type]) => `  ${name.padEnd(18)} ${type}`).join(',\n')}
);
-- Covering indexes: every report query reads only index pages (no look-up of the wide row, which
-- lies anywhere in the file since events arrive out of time order). The first serves the pass
-- over every event of a range, the second the queries on one event name. They replace the plain
-- (local_time) and (event, local_time) indexes of older databases, which they extend.
DROP INDEX IF EXISTS events_local_time;
DROP INDEX IF EXISTS events_event;
CREATE INDEX IF NOT EXISTS events_report_time ON events(local_time, bot, session_key, journey_stage, touchpoint, channel, event, source, timestamp, store_id);
CREATE INDEX IF NOT EXISTS events_report_event ON events(event, local_time, bot, channel, store_id, source, session_key, journey_stage,
  touchpoint, timestamp, cart_key, checkout_key, cart_id, checkout_id, order_id, metric, metric_value);
`;

/** Row fields in the insert's column order. */
const INSERT_FIELDS: readonly (keyof StoredEvent)[] = [
  'messageId', 'type', 'event', 'anonymousId', 'userId', 'sessionId', 'channel', 'touchpoint', 'journeyStage', 'storeId', 'deviceId',
  'timestamp', 'originalTimestamp', 'sentAt', 'receivedAt', 'tzOffsetMinutes', 'localTime', 'localHour', 'json',
  ...REPORT_COLUMNS.map(([, , field]) => field),
];

/** The insert statement (positional parameters, see {@link toSqliteRow}), shared with the benchmark's raw ceiling. */
export const SQLITE_INSERT = `INSERT INTO events (message_id, type, event, anonymous_id, user_id, session_id, channel,
  touchpoint, journey_stage, store_id, device_id, timestamp, original_timestamp, sent_at, received_at,
  tz_offset_min, local_time, local_hour, json, ${REPORT_COLUMNS.map(([name]) => name).join(', ')})
VALUES (${INSERT_FIELDS.map(() => '?').join(', ')})
ON CONFLICT(message_id) DO NOTHING`;

/** A row's values in the insert's column order; booleans as 0/1 (better-sqlite3 binds numbers, strings, null). */
export const toSqliteRow = (row: StoredEvent): unknown[] =>
  INSERT_FIELDS.map((field) => {
    const v = row[field];
    return typeof v === 'boolean' ? (v ? 1 : 0) : v;
  });

const COLUMNS = `message_id AS messageId, type, event, anonymous_id AS anonymousId, user_id AS userId,
  session_id AS sessionId, channel, touchpoint, journey_stage AS journeyStage, store_id AS storeId,
  device_id AS deviceId, timestamp, original_timestamp AS originalTimestamp, sent_at AS sentAt,
  received_at AS receivedAt, tz_offset_min AS tzOffsetMinutes, local_time AS localTime,
  local_hour AS localHour, json, ${REPORT_COLUMNS.map(([name, , field]) => `${name} AS ${field}`).join(', ')}`;

/** better-sqlite3, or an error that says how to install it (it is an optional peer dependency). */
const loadBetterSqlite3 = (): typeof BetterSqlite3 => {
  try {
    return createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND' || !String(error).includes('better-sqlite3')) throw error;
    throw new Error(
      'touchpoint/collector stores events in SQLite through the better-sqlite3 package, which is not installed. ' +
        'Install it next to touchpoint:  npm install better-sqlite3  (or pass your own `store` to createCollector/listen).',
      { cause: error },
    );
  }
};

/**
 * Open (and create on first start) the SQLite event store: WAL mode, one transaction per batch,
 * a unique index on `message_id` for dedupe. `better-sqlite3` is an optional peer dependency,
 * loaded only when this store is used.
 */
export const createSqliteStore = ({
  path = './data/touchpoint.db',
  synchronous = 'full',
  groupCommit = true,
}: SqliteStoreOptions = {}): EventStore => {
  // createRequire keeps better-sqlite3 (a native module) out of bundles and optional for users
  // who bring their own store.
  const Database = loadBetterSqlite3();
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  migrateSqlite(db, REPORT_COLUMNS);
  db.exec(SQLITE_SCHEMA);
  const insertRow = db.prepare(SQLITE_INSERT);
  const insertAll = db.transaction((rows: StoredEvent[]) => rows.map((row) => insertRow.run(toSqliteRow(row)).changes === 1));
  const insertGroup = db.transaction((groups: StoredEvent[][]) => groups.map((rows) => rows.map((row) => insertRow.run(toSqliteRow(row)).changes === 1)));
  type Job = { rows: StoredEvent[]; resolve: (r: InsertResult) => void; reject: (e: unknown) => void };
  let pending: Job[] = [];
  const flush = () => {
    const jobs = pending;
    pending = [];
    if (!db.open) return jobs.forEach((j) => j.reject(new Error('store closed')));
    try {
      const results = insertGroup(jobs.map((j) => j.rows));
      jobs.forEach((j, i) => j.resolve({ inserted: results[i]! }));
    } catch {
      // The shared transaction rolled back: give each request its own, so one failure (a full
      // disk, say) is reported where it happens and the others still commit if they can.
      for (const j of jobs) {
        try {
          j.resolve({ inserted: insertAll(j.rows) });
        } catch (error) {
          j.reject(error);
        }
      }
    }
  };
  // The report runs on a worker thread with its own read-only connection (WAL lets it read while
  // ingest writes): a long report never holds the event loop or the writer's connection. An
  // in-memory database cannot be shared, so there it runs on this connection.
  let reports: WorkerReportSource | null = null;
  const reportSource = () => (path === ':memory:' ? sqliteReportSource(db) : (reports ??= startReportWorker(path)));
  // One report at a time (they share the worker's connection); a few more may wait.
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;
  const reportRead = <T>(read: (source: ReportSource) => Promise<T>): Promise<T> => {
    if (queued >= MAX_QUEUED_REPORTS) return Promise.reject(new ReportBusyError());
    queued += 1;
    const run = queue.then(() => read(reportSource()));
    queue = run.catch(() => undefined).finally(() => (queued -= 1));
    return run;
  };
  const aggregate = (params: ReportParams): Promise<ReportAggregates> => reportRead((source) => sqlAggregates(source, params));
  const storesStmt = db.prepare(
    'SELECT DISTINCT store_id AS storeId FROM events WHERE store_id IS NOT NULL ORDER BY store_id LIMIT 1000',
  );

  return {
    insert: (rows): InsertResult | Promise<InsertResult> => {
      if (!rows.length) return { inserted: [] };
      if (!groupCommit) return { inserted: insertAll(rows) };
      return new Promise((resolve, reject) => {
        // setImmediate runs after this turn's I/O callbacks: requests parsed together commit together.
        if (!pending.length) setImmediate(flush);
        pending.push({ rows, resolve, reject });
      });
    },
    query: (q: EventQuery) => {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: string, ...values: unknown[]) => {
        where.push(clause);
        params.push(...values);
      };
      if (q.fromLocal !== undefined) add('local_time >= ?', q.fromLocal);
      if (q.toLocal !== undefined) add('local_time <= ?', q.toLocal);
      if (q.channel) add('channel = ?', q.channel);
      if (q.storeId) add('store_id = ?', q.storeId);
      if (q.events?.length) add(`event IN (${q.events.map(() => '?').join(',')})`, ...q.events);
      const sql = `SELECT ${COLUMNS} FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY timestamp, id`;
      return (db.prepare(sql).all(...params) as StoredEvent[]).map((r) => ({ ...r, bot: Boolean(r.bot), completed: Boolean(r.completed) }));
    },
    stores: () => (storesStmt.all() as { storeId: string }[]).map((r) => r.storeId),
    aggregate,
    reportRead,
    check: () => db.open && (db.prepare('SELECT 1 AS ok').get() as { ok: number }).ok === 1,
    close: () => {
      if (pending.length) flush();
      void reports?.close();
      if (db.open) db.close();
    },
  };
};
