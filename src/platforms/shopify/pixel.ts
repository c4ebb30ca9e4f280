/**
 * `dist/shopify-pixel.js`: the code pasted into Shopify admin → Settings → Customer events →
 * Add custom pixel. Shopify runs it in its sandbox with the standard API as globals
 * (`analytics`, `browser`, `init`, and `customerPrivacy` — or `api.customerPrivacy`).
 * `scripts/shopify-pixel.mjs` fills in the endpoint and write key.
 */
import { startPixel } from './startPixel';

/** Filled in by the helper (an empty write key means none). */
const ENDPOINT: string = '__TOUCHPOINT_ENDPOINT__';
const WRITE_KEY: string = '__TOUCHPOINT_WRITE_KEY__';

const g = globalThis as any;
startPixel(
  { analytics: g.analytics, browser: g.browser, init: g.init, customerPrivacy: g.customerPrivacy ?? g.api?.customerPrivacy },
  { endpoint: ENDPOINT, writeKey: WRITE_KEY || undefined },
);
