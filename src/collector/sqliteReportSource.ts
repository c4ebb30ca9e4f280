import type BetterSqlite3 from 'better-sqlite3';
import type { ReportParams } from './report/reportQueries';
import { SQLITE_DIALECT } from './report/sqlDialect';
import type { ReportSource, SqlRow } from './report/sqlAggregates';

/**
 * The report's SQL on a better-sqlite3 connection: rows streamed with `iterate`, intermediate
 * tables built once as TEMP tables (they live in the connection's own temp store, so a read-only
 * connection can build them) and dropped afterwards.
 */
export const sqliteReportSource = (db: BetterSqlite3.Database): ReportSource => {
  const built: string[] = [];
  return {
    dialect: SQLITE_DIALECT,
    rows: (sql: string, params: ReportParams) => db.prepare(sql).iterate(params) as IterableIterator<SqlRow>,
    materialize: ({ name, sql, key }, params) => {
      const table = `temp.report_${name}`;
      db.exec(`DROP TABLE IF EXISTS ${table}`);
      db.prepare(`CREATE TABLE ${table} AS ${sql}`).run(params);
      db.exec(`CREATE INDEX ${table}_key ON report_${name}(${key})`);
      built.push(table);
      return table;
    },
    release: () => {
      for (const table of built.splice(0)) db.exec(`DROP TABLE IF EXISTS ${table}`);
    },
  };
};
