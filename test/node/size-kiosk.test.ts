/**
 * Size budget of the kiosk's script-tag chunk: dist/touchpoint.kiosk.js ≤ KIOSK_BUDGET brotli
 * (node's zlib, quality 11). The chunk is self-contained: tracker core (~8.8 KB brotli alone),
 * rating widget (~6 KB more) and the kiosk layer (~5.7 KB). Issue 15 asked for ≤ 19 KB (19,456 B):
 * the budget is a ceiling that only shrinks toward it as cuts land (see docs/KIOSK.md). A kiosk
 * loads it once and then runs for days, so the budget guards growth rather than first-load time.
 * Build first (`npx rollup -c`).
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { expect, test } from 'vitest';

/** Budget in bytes of brotli output (issue 15's target is 19 KB, 19,456 B). */
export const KIOSK_BUDGET = 20_400;

const file = new URL('../../dist/touchpoint.kiosk.js', import.meta.url);

test('dist/touchpoint.kiosk.js is within its brotli budget', () => {
  const raw = readFileSync(file); // throws (fails) when the build is missing
  const size = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`touchpoint.kiosk.js: ${raw.length} B raw, ${size} B brotli (budget ${KIOSK_BUDGET})`);
  expect(size).toBeLessThanOrEqual(KIOSK_BUDGET);
});

test('the kiosk chunk carries no zod, no eval and no HTML parsing', () => {
  const src = readFileSync(file, 'utf8');
  expect(src).not.toMatch(/\beval\(|new Function|zod|innerHTML/);
});
