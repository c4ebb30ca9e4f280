// The Shopify custom pixel with your collector filled in, ready to paste into Shopify admin →
// Settings → Customer events → Add custom pixel (docs/platforms/shopify.md).
//   node scripts/shopify-pixel.mjs --endpoint https://collect.example.com [--write-key KEY] [--out file.js]
// Needs `npm run build` first (it reads dist/shopify-pixel.js). Also importable:
//   import { shopifyPixel } from './scripts/shopify-pixel.mjs'; shopifyPixel({ endpoint, writeKey })
import { readFileSync, writeFileSync } from 'node:fs';

const TEMPLATE = new URL('../dist/shopify-pixel.js', import.meta.url);

/**
 * The pixel code with `endpoint` (an http(s) URL) and `writeKey` (optional) filled in. Throws a
 * TypeError naming the bad setting.
 */
export const shopifyPixel = ({ endpoint, writeKey = '' } = {}, template = readFileSync(TEMPLATE, 'utf8')) => {
  let url;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`shopifyPixel: endpoint must be the collector URL, e.g. "https://collect.example.com" (got ${JSON.stringify(endpoint)})`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new TypeError(`shopifyPixel: endpoint must be an http(s) URL (got ${JSON.stringify(endpoint)})`);
  if (typeof writeKey !== 'string' || writeKey.length > 500) throw new TypeError('shopifyPixel: writeKey must be a string of at most 500 characters');
  const fill = (code, name, value) => {
    const marker = new RegExp(`(["'])__TOUCHPOINT_${name}__\\1`);
    if (!marker.test(code)) throw new Error(`shopifyPixel: the template has no ${name} marker (rebuild with npm run build)`);
    // JSON.stringify: a quote or backslash in the value cannot break out of the string.
    return code.replace(marker, () => JSON.stringify(value));
  };
  return fill(fill(template, 'ENDPOINT', url.href), 'WRITE_KEY', writeKey);
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const arg = (name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  try {
    const code = shopifyPixel({ endpoint: arg('endpoint'), writeKey: arg('write-key') ?? '' });
    const out = arg('out');
    if (out) writeFileSync(out, code);
    else process.stdout.write(code);
  } catch (e) {
    console.error(e.message);
    console.error('usage: node scripts/shopify-pixel.mjs --endpoint https://collect.example.com [--write-key KEY] [--out pixel.js]');
    process.exit(1);
  }
}
