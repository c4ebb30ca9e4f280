/**
 * CSV export of the report: RFC 4180 quoting, CRLF line ends, a UTF-8 byte-order mark (so Excel
 * reads Vietnamese as Vietnamese) and a guard against formula injection: a text cell that starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`, so a comment such as
 * `=HYPERLINK(…)` opens as text, not as a formula (OWASP's advice). Numbers stay numbers.
 */

/** A CSV cell: text, a number, or empty. */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

/** One cell, guarded and quoted when needed. */
export const csvCell = (value: CsvCell): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** A whole CSV document: header row then data rows, with a byte-order mark. */
export const toCsv = (header: readonly string[], rows: readonly (readonly CsvCell[])[]): string =>
  `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
