/**
 * Size budgets of the script-tag files (brotli, node's zlib, quality 11), 8 KB each:
 * - dist/touchpoint.core.js — the tracker core (queue, delivery, consent, identity), all in one.
 * - dist/touchpoint.js — the shop script tag: tracker + commerce checks + page views + HTML
 *   tagging + stub replay. The tracker's back end (IndexedDB queue, sending tab, delivery
 *   engine), the cart with exit intent and web vitals are lazy chunks.
 * The chunks are reported; the inline stub stays under 1 KB.
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { expect, test } from 'vitest';
import { STUB } from '../../src/shop/stubSnippet';

/** Budget of the tracker core, and of the shop script tag, in bytes of brotli output (8 KB). */
export const CORE_BUDGET = 8 * 1024;
const brotli = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const read = (f: string) => readFileSync(new URL(`../../dist/${f}`, import.meta.url));

test('dist/touchpoint.core.js (the tracker core) is within 8 KB brotli', () => {
  const raw = read('touchpoint.core.js');
  const size = brotli(raw);
  console.log(`touchpoint.core.js: ${raw.length} B raw, ${size} B brotli (budget ${CORE_BUDGET})`);
  expect(size).toBeLessThanOrEqual(CORE_BUDGET);
});

test('dist/touchpoint.js (tracker + commerce + page views + HTML tagging) is within 8 KB brotli', () => {
  const raw = read('touchpoint.js');
  const size = brotli(raw);
  console.log(`touchpoint.js: ${raw.length} B raw, ${size} B brotli (budget ${CORE_BUDGET})`);
  expect(size).toBeLessThanOrEqual(CORE_BUDGET);
});

test('the lazy chunks are reported', () => {
  for (const f of ['touchpoint.send.js', 'touchpoint.cart.js', 'touchpoint.vitals.js']) {
    const raw = read(f);
    console.log(`${f}: ${raw.length} B raw, ${brotli(raw)} B brotli`);
    expect(raw.toString()).not.toMatch(/\beval\(|new Function/);
  }
});

test('the queue, the sender lock and the delivery engine are not in dist/touchpoint.js but in its chunk', () => {
  // Retry-After and fetchLater (src/core/createSender.ts, transport.ts), the IndexedDB store
  // (storage.ts via idb-keyval) and the Web Lock of the sending tab (pipeline.ts).
  const marks = [/retry-after/, /fetchLater/, /indexedDB\.open/, /touchpoint-sender:/];
  for (const m of marks) {
    expect(read('touchpoint.js').toString()).not.toMatch(m);
    expect(read('touchpoint.send.js').toString()).toMatch(m);
  }
});

test('the inline stub is under 1 KB minified', () => {
  console.log(`stub: ${STUB.length} B`);
  expect(STUB.length).toBeLessThan(1024);
});

test('the script-tag files carry no zod and no eval', () => {
  for (const f of ['touchpoint.js', 'touchpoint.core.js', 'touchpoint.send.js', 'touchpoint.cart.js'])
    expect(read(f).toString()).not.toMatch(/\beval\(|new Function|zod/);
});
