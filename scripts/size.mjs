// Prints the size of every script-tag file: minified, gzip and brotli (quality 11). The budgets
// are asserted by test/node/size*.test.ts; this script only reports (used by `npm run bench`).
import { readFileSync, existsSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/** Brotli size at quality 11, as CDNs serve it. */
export const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

export const FILES = [
  'dist/touchpoint.core.js',
  'dist/touchpoint.js',
  'dist/touchpoint.cart.js',
  'dist/touchpoint.vitals.js',
  'dist/touchpoint.widget.js',
  'dist/touchpoint.widget.vi.js',
  'dist/touchpoint.widget.element.js',
  'dist/touchpoint.kiosk.js',
  'dist/touchpoint.datalayer.js',
  'dist/touchpoint.woocommerce.js',
  'dist/touchpoint.consent.js',
  'dist/shopify-pixel.js',
];

export const measure = (file) => {
  const b = readFileSync(file);
  return { file, min: b.length, gzip: gzipSync(b, { level: 9 }).length, brotli: brotli(b) };
};

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('file                          min      gzip    brotli');
  for (const f of FILES.filter((f) => existsSync(f))) {
    const m = measure(f);
    console.log(`${f.padEnd(28)} ${String(m.min).padStart(7)} ${String(m.gzip).padStart(8)} ${String(m.brotli).padStart(8)}`);
  }
}
