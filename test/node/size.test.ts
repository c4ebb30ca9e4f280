/**
 * Size budgets of the script-tag files (brotli, node's zlib, quality 11):
 * - dist/touchpoint.core.js — the tracker core (queue, delivery, consent, identity) — ≤ 8 KB.
 * - dist/touchpoint.js — tracker + commerce checks + page views + HTML tagging + stub replay (the
 *   delivery engine, the cart and exit intent are lazy chunks). The target is 8 KB; it is not met
 *   (9,406 B; docs/SHOP.md "Sizes" has the measured floor), so this test holds the line at
 *   9,472 B (74 × 128): raise it only knowingly.
 * The engine, web-vitals and cart chunks are reported; the inline stub stays under 1 KB.
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { expect, test } from 'vitest';
import { STUB } from '../../src/shop/stubSnippet';

/** Budget of the tracker core in bytes of brotli output (8 KB). */
export const CORE_BUDGET = 8 * 1024;
/** Ceiling of the full shop script tag until it reaches its 8 KB target. */
export const SHOP_CEILING = 74 * 128;
const brotli = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const read = (f: string) => readFileSync(new URL(`../../dist/${f}`, import.meta.url));

test('dist/touchpoint.core.js (the tracker core) is within 8 KB brotli', () => {
  const raw = read('touchpoint.core.js');
  const size = brotli(raw);
  console.log(`touchpoint.core.js: ${raw.length} B raw, ${size} B brotli (budget ${CORE_BUDGET})`);
  expect(size).toBeLessThanOrEqual(CORE_BUDGET);
});

test('dist/touchpoint.js (tracker + shop layer) does not grow past its ceiling', () => {
  const raw = read('touchpoint.js');
  const size = brotli(raw);
  console.log(`touchpoint.js: ${raw.length} B raw, ${size} B brotli (target ${CORE_BUDGET}, ceiling ${SHOP_CEILING})`);
  expect(size).toBeLessThanOrEqual(SHOP_CEILING);
});

test('the lazy chunks are reported', () => {
  for (const f of ['touchpoint.send.js', 'touchpoint.cart.js', 'touchpoint.vitals.js']) {
    const raw = read(f);
    console.log(`${f}: ${raw.length} B raw, ${brotli(raw)} B brotli`);
    expect(raw.toString()).not.toMatch(/\beval\(|new Function/);
  }
});

test('the delivery engine is not in dist/touchpoint.js but in its chunk', () => {
  // Retry-After handling and fetchLater belong to the engine (src/core/createSender.ts, transport.ts).
  expect(read('touchpoint.js').toString()).not.toMatch(/retry-after|fetchLater/);
  expect(read('touchpoint.send.js').toString()).toMatch(/retry-after/);
  expect(read('touchpoint.send.js').toString()).toMatch(/fetchLater/);
});

test('the inline stub is under 1 KB minified', () => {
  console.log(`stub: ${STUB.length} B`);
  expect(STUB.length).toBeLessThan(1024);
});

test('the script-tag files carry no zod and no eval', () => {
  for (const f of ['touchpoint.js', 'touchpoint.core.js', 'touchpoint.send.js', 'touchpoint.cart.js'])
    expect(read(f).toString()).not.toMatch(/\beval\(|new Function|zod/);
});
