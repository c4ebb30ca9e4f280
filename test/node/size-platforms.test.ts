/**
 * The platform listeners are lazy chunks: their code is not in what every shop page loads
 * (dist/touchpoint.js), each chunk stays small, and none carries zod or eval. Budgets (brotli):
 * datalayer and woocommerce 2 KB each, consent 1.5 KB, the Shopify pixel 4 KB.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { brotli } from '../../scripts/size.mjs';

const read = (f: string) => readFileSync(new URL(`../../dist/${f}`, import.meta.url));
const CHUNKS: [file: string, budget: number, mark: RegExp][] = [
  ['touchpoint.datalayer.js', 2048, /transaction_id/],
  ['touchpoint.woocommerce.js', 2048, /wc-blocks_added_to_cart/],
  ['touchpoint.consent.js', 1536, /__tcfapi/],
  ['shopify-pixel.js', 4096, /visitorConsentCollected/],
];

test.each(CHUNKS)('%s is within its budget, carries its code, and that code is not in touchpoint.js', (file, budget, mark) => {
  const raw = read(file);
  const size = brotli(raw);
  console.log(`${file}: ${raw.length} B raw, ${size} B brotli (budget ${budget})`);
  expect(size).toBeLessThanOrEqual(budget);
  expect(raw.toString()).toMatch(mark);
  expect(read('touchpoint.js').toString()).not.toMatch(mark);
  expect(raw.toString()).not.toMatch(/\beval\(|new Function|zod/);
});
