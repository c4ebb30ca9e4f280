/**
 * Size budget of the widget's script-tag chunk: dist/touchpoint.widget.js ≤ 6 KB brotli
 * (node's zlib, quality 11). `npm test` builds first, so a missing file is a failure too.
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { expect, test } from 'vitest';

/** Budget in bytes of brotli output (6 KB). */
export const WIDGET_BUDGET = 6 * 1024;

test('dist/touchpoint.widget.js is within 6 KB brotli', () => {
  const file = new URL('../../dist/touchpoint.widget.js', import.meta.url);
  const raw = readFileSync(file); // throws (fails) when the build is missing
  const size = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`touchpoint.widget.js: ${raw.length} B raw, ${size} B brotli (budget ${WIDGET_BUDGET})`);
  expect(size).toBeLessThanOrEqual(WIDGET_BUDGET);
});

test('the widget chunk carries no zod and no eval', () => {
  const src = readFileSync(new URL('../../dist/touchpoint.widget.js', import.meta.url), 'utf8');
  expect(src).not.toMatch(/\beval\(|new Function|zod|innerHTML/);
});
