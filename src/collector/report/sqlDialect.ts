/**
 * The few SQL pieces that differ between engines. Everything else in the report's queries is
 * plain SQL that SQLite and ClickHouse 18.16 both run: SELECT … GROUP BY with CASE, MIN/MAX/SUM/
 * COUNT, COUNT(DISTINCT …), COALESCE, `||`, IN lists, subqueries in FROM, UNION ALL, joins on
 * equality. No window functions, no CTEs, no JSON functions.
 */
export interface SqlDialect {
  name: string;
  /**
   * `x` of the row with the greatest `by` (ties: the greatest `x`), rows whose `x` is NULL
   * ignored; NULL when every `x` is NULL. `by` is an integer in [0, 10^16).
   */
  lastBy(x: string, by: string): string;
  /** `x` of the row with the least `by` (ties: the least `x`); NULLs ignored as in {@link lastBy}. */
  firstBy(x: string, by: string): string;
  /**
   * Unnest the reasons column (a JSON array of strings in SQLite, `Array(String)` elsewhere) of
   * the row alias `row`: `from` is appended to the FROM clause, `value` is one reason.
   */
  unnestReasons(row: string): { from: string; value: string };
  /** Inner and left join keywords (`JOIN`, `ALL INNER JOIN` …). */
  join: string;
  leftJoin: string;
}

/** SQLite (better-sqlite3). `lastBy` compares a fixed-width number prefix, so ties fall to `x`. */
export const SQLITE_DIALECT: SqlDialect = {
  name: 'sqlite',
  lastBy: (x, by) => `substr(MAX(printf('%017d', ${by}) || ${x}), 18)`,
  firstBy: (x, by) => `substr(MIN(printf('%017d', ${by}) || ${x}), 18)`,
  unnestReasons: (row) => ({ from: `, json_each(${row}.reasons) AS reason`, value: 'reason.value' }),
  join: 'JOIN',
  leftJoin: 'LEFT JOIN',
};
