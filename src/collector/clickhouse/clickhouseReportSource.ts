import { randomUUID } from 'node:crypto';
import type { ReportParams } from '../report/reportQueries';
import type { ReportSource, SqlRow } from '../report/sqlAggregates';
import type { SqlDialect } from '../report/sqlDialect';
import { COLUMNS, localDayOf } from './clickhouseSchema';
import { quoteInteger, quoteString } from './sqlLiteral';

/**
 * The report's dialect pieces on ClickHouse (18.16 and current). Reasons are unnested with the
 * `arrayJoin` function in the select list rather than an `ARRAY JOIN` clause, which 18.16 only
 * accepts before a JOIN, and the report's reasons query has its JOIN first.
 */
export const CLICKHOUSE_DIALECT: SqlDialect = {
  name: 'clickhouse',
  lastBy: (x, by) => `argMaxIf(${x}, (${by}, ${x}), isNotNull(${x}))`,
  firstBy: (x, by) => `argMinIf(${x}, (${by}, ${x}), isNotNull(${x}))`,
  unnestReasons: (row) => ({ from: '', value: `arrayJoin(${row}.reasons)` }),
  join: 'ALL INNER JOIN',
  leftJoin: 'ALL LEFT JOIN',
};

/**
 * Settings of the report's reads: NULLs for a LEFT JOIN's missing rows (the portable SQL tests
 * them), and room for the list of copies a read leaves out.
 */
export const REPORT_SETTINGS: Record<string, string | number> = { join_use_nulls: 1, max_query_size: 16_777_216 };

/** Runs one read on the store's server. */
export type Select = (sql: string, settings?: Record<string, string | number>) => Promise<SqlRow[]>;
/** Runs one statement that returns no rows (CREATE, DROP). */
export type Exec = (sql: string, settings?: Record<string, string | number>) => Promise<void>;

const DAY = 86_400_000;
/** Reads name the columns they need: every stored one but the raw JSON. */
const VIEW_COLUMNS = COLUMNS.filter(([, column]) => column !== 'json').map(([, column]) => column).join(', ');

/**
 * The report's SQL on a ClickHouse events table: `events` in every query becomes the stored rows
 * of the report's days with one copy per `message_id`, and `@name` parameters become literals
 * (18.16 has no query parameters).
 *
 * One copy per event: copies stored by a race between collectors (rare: each insert checks first)
 * are found once per report, by the `message_id`s stored more than once on the report's days;
 * the first received stays and the others are left out of every query by `(message_id, copy)`.
 * So the report reads the table as it is, with no per-query deduplication over all rows.
 */
export const clickhouseReportSource = (select: Select, exec: Exec, table: string, params: ReportParams): ReportSource => {
  // Every report query bounds local_time from below by `from` or `beatsFrom`; heartbeats are read
  // up to now (a week after `beatsFrom`, plus the clamp window). A day's margin each side keeps
  // every copy of an event in view, so the one kept is the one SQLite would have kept.
  const lo = localDayOf(Math.min(params.from, params.beatsFrom) - DAY);
  const hi = localDayOf(Math.max(params.to, params.beatsFrom + 9 * DAY) + DAY);
  const days = `local_day >= ${quoteString(lo)} AND local_day <= ${quoteString(hi)}`;
  let view: Promise<string> | undefined;

  const laterCopies = async (): Promise<string[]> => {
    const copies = await select(`SELECT message_id, copy, received_at, position FROM ${table}
      WHERE ${days} AND message_id IN (SELECT message_id FROM ${table} WHERE ${days} GROUP BY message_id HAVING count() > 1)
      ORDER BY message_id, received_at, position, copy`);
    // Ordered so the first row of each message_id is the copy kept.
    return copies.filter((row, i) => i > 0 && copies[i - 1]!.message_id === row.message_id).map((row) => `(${quoteString(String(row.message_id))}, ${quoteInteger(Number(row.copy))})`);
  };
  const events = () =>
    (view ??= laterCopies().then(
      (later) => `(SELECT ${VIEW_COLUMNS} FROM ${table} WHERE ${days}${later.length ? ` AND (message_id, copy) NOT IN (${later.join(', ')})` : ''})`,
    ));
  const prepare = async (sql: string) => {
    // Parameters first: the view holds message ids, which may contain anything.
    const bound = sql.replace(/@(\w+)\b/g, (_, name: string) => literal(params, name));
    const from = await events();
    return bound.replace(/\b(FROM|JOIN)\s+events\b(?!\.)/g, `$1 ${from}`);
  };

  // Intermediate tables (sessions, places, carts …) are read by several queries: each is built
  // once as a Memory table next to the events table, under a name of this report's own, and
  // dropped when the report is done.
  const database = table.slice(0, table.indexOf('.'));
  const prefix = `${database}.report_${randomUUID().replace(/-/g, '')}_`;
  const built: string[] = [];
  return {
    dialect: CLICKHOUSE_DIALECT,
    rows: async (sql) => select(await prepare(sql), REPORT_SETTINGS),
    materialize: async ({ name, sql }) => {
      const target = `${prefix}${name}`;
      built.push(target);
      await exec(`CREATE TABLE ${target} ENGINE = Memory AS ${await prepare(sql)}`, REPORT_SETTINGS);
      return target;
    },
    release: async () => {
      await Promise.all(built.splice(0).map((target) => exec(`DROP TABLE IF EXISTS ${target}`)));
    },
  };
};

/** A parameter as a SQL literal. */
const literal = (params: ReportParams, name: string): string => {
  if (!Object.hasOwn(params, name)) throw new Error(`report query: unknown parameter @${name}`);
  const value = params[name as keyof ReportParams];
  if (value === null) return 'NULL';
  return typeof value === 'number' ? quoteInteger(value) : quoteString(value);
};
