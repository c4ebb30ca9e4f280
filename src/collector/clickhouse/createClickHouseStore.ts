import { createRequire } from 'node:module';
import type { EventQuery, EventStore, InsertResult, StoredEvent } from '../store';
import { sqlAggregates } from '../report/sqlAggregates';
import { clickhouseReportSource } from './clickhouseReportSource';
import { clickhouseTableSql, DEDUPED, fromClickHouseRow, localDayOf, STORED_COLUMNS, toClickHouseRow } from './clickhouseSchema';
import { checkIdentifier, quoteInteger, quoteString } from './sqlLiteral';

/** Options of {@link createClickHouseStore}. */
export interface ClickHouseStoreOptions {
  /** ClickHouse HTTP interface (`https://` works too). Default `http://localhost:8123`. */
  url?: string;
  /** Database, created on first use unless `createTable` is false. Default `touchpoint`. */
  database?: string;
  /** Events table (on a cluster: the Distributed table). Default `events`. */
  table?: string;
  /** ClickHouse user. Default `default`. */
  username?: string;
  /** Password of that user. Default empty. */
  password?: string;
  /**
   * Create the database and a single-server ReplacingMergeTree table on first use. Set false on a
   * cluster, where you create the replicated and distributed tables yourself (docs/COLLECTOR.md).
   * Default true.
   */
  createTable?: boolean;
  /**
   * Longest wait for ClickHouse to acknowledge one insert (its duplicate check included). Past it,
   * the request is answered 503 with Retry-After, and the SDK sends the batch again. Default 5 s.
   */
  insertTimeoutMs?: number;
  /** Longest wait for a read (the report). Default 60 s. */
  queryTimeoutMs?: number;
  /** Requests parsed in the same event-loop turn share one INSERT. Default true. */
  groupCommit?: boolean;
}

/** The ClickHouse store: the collector's {@link EventStore} plus what the report engine needs. */
export interface ClickHouseStore extends EventStore {
  /** The events table, qualified (`touchpoint.events`). */
  readonly table: string;
  /** Run a read query and get its rows (`JSONEachRow`); used by the report engine and tests. */
  select<T = Record<string, unknown>>(sql: string): Promise<T[]>;
}

type Job = { rows: StoredEvent[]; resolve: (r: InsertResult) => void; reject: (e: unknown) => void };

/** Reads narrow by day with a day's margin: a copy's skew-corrected time may fall on the next day. */
const DAY = 86_400_000;
/** How far a retry's skew-corrected time may plausibly move, for the duplicate check. */
const RETRY_MARGIN = 15 * 60_000;
/**
 * Ids per duplicate check: each check reads the message ids of the rows' days once, so a bulk
 * copy checks 10,000 at a time (a ~400 KB query: `max_query_size` is raised for it).
 */
const ID_SLICE = 10_000;
const CHECK_SETTINGS = { max_query_size: 16_777_216 };

/**
 * Open the ClickHouse event store: one INSERT per group commit (`JSONEachRow` over HTTP), answered
 * only once ClickHouse acknowledged it; dedupe by `messageId` that holds across any number of
 * collectors (a duplicate check before each insert, and one copy per `message_id` in every read).
 * A down or slow ClickHouse makes `insert` reject within `insertTimeoutMs`, which the collector
 * answers 503 + Retry-After. `@clickhouse/client` is an optional peer dependency, loaded only here.
 */
export const createClickHouseStore = ({
  url = 'http://localhost:8123',
  database = 'touchpoint',
  table = 'events',
  username,
  password,
  createTable = true,
  insertTimeoutMs = 5000,
  queryTimeoutMs = 60_000,
  groupCommit = true,
}: ClickHouseStoreOptions = {}): ClickHouseStore => {
  const name = `${checkIdentifier('database', database)}.${checkIdentifier('table', table)}`;
  const client = openClient({ url, username, password, queryTimeoutMs });
  let created: Promise<void> | undefined;
  // Created on first use, so a collector starts even while ClickHouse is down; a failure is
  // forgotten so the next request tries again.
  const ready = (): Promise<void> => {
    if (!createTable) return Promise.resolve();
    created ??= (async () => {
      // Bounded like an insert: the first request must not wait longer than any other for a 503.
      const abort_signal = AbortSignal.timeout(insertTimeoutMs);
      await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}`, abort_signal });
      await client.command({ query: clickhouseTableSql(name), abort_signal });
    })().catch((error: unknown) => {
      created = undefined;
      throw error;
    });
    return created;
  };

  const select = async <T>(sql: string, signal?: AbortSignal, settings?: Record<string, string | number>): Promise<T[]> => {
    await ready();
    const result = await client.query({
      query: sql,
      format: 'JSONEachRow',
      ...(signal ? { abort_signal: signal } : {}),
      ...(settings ? { clickhouse_settings: settings } : {}),
    });
    // Parsed row by row as the answer streams in: a large read never becomes one giant string.
    const rows: T[] = [];
    for await (const chunk of result.stream()) for (const row of chunk) rows.push(row.json<T>());
    return rows;
  };

  /**
   * Message ids of `rows` already stored, looked up only on the rows' own days (the sort key's
   * prefix), so the check reads a day or two of ids, not the history. A copy lands on another day
   * only if its time moved across midnight: a retry's time differs by the change in network delay,
   * hence the margin. A copy the check misses is still read once (see DEDUPED).
   */
  const storedIds = async (rows: StoredEvent[], signal: AbortSignal): Promise<Set<string>> => {
    const days = new Set<string>();
    for (const row of rows) for (const shift of [-RETRY_MARGIN, 0, RETRY_MARGIN]) days.add(localDayOf(row.localTime + shift));
    const dayList = [...days].map(quoteString).join(',');
    const ids = [...new Set(rows.map((r) => r.messageId))];
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += ID_SLICE) {
      const slice = ids.slice(i, i + ID_SLICE).map(quoteString).join(',');
      const hits = await select<{ message_id: string }>(
        `SELECT DISTINCT message_id FROM ${name} WHERE local_day IN (${dayList}) AND message_id IN (${slice})`,
        signal,
        CHECK_SETTINGS,
      );
      for (const hit of hits) found.add(hit.message_id);
    }
    return found;
  };

  /** Insert the groups' rows as one INSERT; each group learns which of its rows were new. */
  const write = async (groups: StoredEvent[][]): Promise<boolean[][]> => {
    const signal = AbortSignal.timeout(insertTimeoutMs);
    await ready();
    const seen = await storedIds(groups.flat(), signal);
    const values: Record<string, unknown>[] = [];
    const results = groups.map((rows) =>
      rows.map((row) => {
        if (seen.has(row.messageId)) return false;
        seen.add(row.messageId);
        values.push(toClickHouseRow(row, values.length));
        return true;
      }),
    );
    if (values.length) await client.insert({ table: name, values, format: 'JSONEachRow', abort_signal: signal });
    return results;
  };

  // One INSERT in flight per collector: requests that arrive meanwhile wait and go together in the
  // next one, so a busy collector writes fewer, larger inserts (what MergeTree wants).
  let pending: Job[] = [];
  let flushing: Promise<void> | undefined;
  const flush = async () => {
    while (pending.length) {
      const jobs = pending;
      pending = [];
      try {
        const results = await write(jobs.map((job) => job.rows));
        jobs.forEach((job, i) => job.resolve({ inserted: results[i]! }));
      } catch (error) {
        jobs.forEach((job) => job.reject(error));
      }
    }
    flushing = undefined;
  };

  return {
    table: name,
    select: (sql) => select(sql),
    insert: (rows) => {
      if (!rows.length) return { inserted: [] };
      if (!groupCommit) return write([rows]).then(([inserted]) => ({ inserted: inserted! }));
      return new Promise((resolve, reject) => {
        pending.push({ rows, resolve, reject });
        // setImmediate runs after this turn's I/O callbacks: requests parsed together insert together.
        flushing ??= new Promise((started) => setImmediate(started)).then(flush);
      });
    },
    query: async (q: EventQuery) => {
      const rows = await select<Record<string, unknown>>(eventQuerySql(name, q));
      return rows.map(fromClickHouseRow);
    },
    aggregate: (params) => {
      const read = (sql: string, settings?: Record<string, string | number>) => select<Record<string, unknown>>(sql, undefined, settings);
      const exec = async (sql: string, settings?: Record<string, string | number>) => {
        await client.command({ query: sql, ...(settings ? { clickhouse_settings: settings } : {}) });
      };
      return sqlAggregates(clickhouseReportSource(read, exec, name, params), params);
    },
    check: async () => (await client.ping()).success,
    stores: async () =>
      (await select<{ storeId: string }>(
        `SELECT DISTINCT store_id AS storeId FROM ${name} WHERE store_id IS NOT NULL ORDER BY storeId LIMIT 1000`,
      )).map((r) => r.storeId),
    close: async () => {
      await flushing;
      await client.close();
    },
  };
};

/** The SELECT behind `query()`: narrowed before deduplication, exact time bounds on the copy kept. */
const eventQuerySql = (table: string, q: EventQuery): string => {
  const before: string[] = [];
  const after: string[] = [];
  if (q.fromLocal !== undefined) {
    before.push(`local_day >= ${quoteString(localDayOf(q.fromLocal - DAY))}`);
    after.push(`local_time >= ${quoteInteger(q.fromLocal)}`);
  }
  if (q.toLocal !== undefined) {
    before.push(`local_day <= ${quoteString(localDayOf(q.toLocal + DAY))}`);
    after.push(`local_time <= ${quoteInteger(q.toLocal)}`);
  }
  if (q.channel) before.push(`channel = ${quoteString(q.channel)}`);
  if (q.storeId) before.push(`store_id = ${quoteString(q.storeId)}`);
  if (q.events?.length) before.push(`event IN (${q.events.map(quoteString).join(',')})`);
  return `SELECT ${STORED_COLUMNS} FROM ${DEDUPED(table, before.join(' AND '))}
    ${after.length ? `WHERE ${after.join(' AND ')}` : ''} ORDER BY timestamp, received_at, position, message_id`;
};

/** The official client, quiet (the collector reports store failures itself through `onError`). */
const openClient = ({ url, username, password, queryTimeoutMs }: { url: string; username?: string; password?: string; queryTimeoutMs: number }) => {
  // createRequire keeps the client out of bundles and optional for users of the SQLite store.
  const { createClient, ClickHouseLogLevel } = createRequire(import.meta.url)('@clickhouse/client') as typeof import('@clickhouse/client');
  return createClient({
    url,
    request_timeout: queryTimeoutMs,
    log: { level: ClickHouseLogLevel.OFF },
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
  });
};
