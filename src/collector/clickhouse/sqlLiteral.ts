/**
 * SQL literals for ClickHouse. ClickHouse 18.16 has no server-side query parameters
 * (`{name:Type}` arrived in 19.x), so the few values the store puts into a query are quoted here,
 * in one place, and nowhere else.
 */

/** A single-quoted ClickHouse string literal: backslashes and quotes escaped. */
export const quoteString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** An integer literal; anything that is not a safe integer is refused rather than spliced in. */
export const quoteInteger = (value: number): string => {
  if (!Number.isSafeInteger(value)) throw new TypeError(`not a safe integer: ${String(value)}`);
  return String(value);
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Check a database or table name given in the options; fails fast naming the option. */
export const checkIdentifier = (option: string, value: string): string => {
  if (!IDENTIFIER.test(value)) throw new TypeError(`clickhouse store: ${option} must be letters, digits and _ (got ${JSON.stringify(value)})`);
  return value;
};
