/**
 * Size budget of the kiosk's script-tag chunk: dist/touchpoint.kiosk.js ≤ 19 KB brotli (node's
 * zlib, quality 11). The chunk is self-contained: tracker core (~7.5 KB brotli alone), rating
 * widget (~5 KB more) and the kiosk layer (~4.3 KB). A kiosk loads it once and then runs for
 * days, so the budget guards growth rather than first-load time. Build first (`npx rollup -c`).
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { expect, test } from 'vitest';

/** Budget in bytes of brotli output (19 KB). */
export const KIOSK_BUDGET = 19 * 1024;

const file = new URL('../../dist/touchpoint.kiosk.js', import.meta.url);

test('dist/touchpoint.kiosk.js is within 19 KB brotli', () => {
  const raw = readFileSync(file); // throws (fails) when the build is missing
  const size = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`touchpoint.kiosk.js: ${raw.length} B raw, ${size} B brotli (budget ${KIOSK_BUDGET})`);
  expect(size).toBeLessThanOrEqual(KIOSK_BUDGET);
});

test('the kiosk chunk carries no zod, no eval and no HTML parsing', () => {
  const src = readFileSync(file, 'utf8');
  expect(src).not.toMatch(/\beval\(|new Function|zod|innerHTML/);
});
