/**
 * Size budget of the script-tag core: dist/touchpoint.js (tracker + commerce checks + cart and
 * abandonment + page views + HTML tagging + stub replay) ≤ 8 KB brotli (node's zlib, quality
 * 11); the web-vitals chunk is reported; the inline stub stays under 1 KB.
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { expect, test } from 'vitest';
import { STUB } from '../../src/shop/stubSnippet';

/** Budget in bytes of brotli output (8 KB). */
export const CORE_BUDGET = 8 * 1024;
const brotli = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const read = (f: string) => readFileSync(new URL(`../../dist/${f}`, import.meta.url));

test('dist/touchpoint.js is within 8 KB brotli', () => {
  const raw = read('touchpoint.js');
  const size = brotli(raw);
  console.log(`touchpoint.js: ${raw.length} B raw, ${size} B brotli (budget ${CORE_BUDGET})`);
  expect(size).toBeLessThanOrEqual(CORE_BUDGET);
});

test('dist/touchpoint.vitals.js is reported', () => {
  const raw = read('touchpoint.vitals.js');
  console.log(`touchpoint.vitals.js: ${raw.length} B raw, ${brotli(raw)} B brotli`);
  expect(raw.toString()).not.toMatch(/\beval\(|new Function/);
});

test('the inline stub is under 1 KB minified', () => {
  console.log(`stub: ${STUB.length} B`);
  expect(STUB.length).toBeLessThan(1024);
});

test('the core carries no zod and no eval', () => {
  expect(read('touchpoint.js').toString()).not.toMatch(/\beval\(|new Function|zod/);
});
