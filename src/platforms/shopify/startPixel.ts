/**
 * The Shopify custom pixel's engine: subscribes to every standard event, maps it
 * (`mapShopifyEvent.ts`), and delivers batches to the collector from inside Shopify's sandbox,
 * where there is no IndexedDB to count on, `localStorage` is reached only through the async
 * `browser.localStorage`, and the frame is torn down at every page change:
 *
 * - Consent: `init.customerPrivacy.analyticsProcessingAllowed`, then every
 *   `customerPrivacy.subscribe('visitorConsentCollected')` update. Until it is true, events wait
 *   in memory only (nothing stored, nothing sent); when it becomes false they are dropped with
 *   whatever was stored. Without any privacy signal the pixel waits.
 * - Delivery: an in-memory batch sent every second (at once for `checkout_completed`), by `fetch`
 *   with `keepalive` (it outlives the frame) and no credentials (no cookies), as `text/plain`
 *   (no CORS preflight). Each event's `messageId` is `shopify:<event id>`, so a resend dedupes.
 * - Persistence: while consent is given, the unsent events are also written to
 *   `browser.localStorage` after each change; the next page's pixel sends what is left there.
 */
import { mapShopifyEvent, bareId } from './mapShopifyEvent';

/** The parts of the Web Pixels API this uses (standard API: `analytics`, `browser`, `init`, `customerPrivacy`). */
export interface PixelApi {
  analytics: { subscribe(name: string, callback: (event: any) => void): unknown };
  browser?: { localStorage?: { getItem(key: string): Promise<string | null>; setItem(key: string, value: string): Promise<void> } };
  init?: { customerPrivacy?: { analyticsProcessingAllowed?: boolean }; data?: { cart?: { id?: string } | null }; context?: any };
  customerPrivacy?: { subscribe(name: string, callback: (event: any) => void): unknown };
}

/** Settings filled in by `shopifyPixel()` / `scripts/shopify-pixel.mjs`. */
export interface PixelConfig {
  /** Collector base URL or full batch URL. */
  endpoint: string;
  writeKey?: string;
  /** Milliseconds between sends. Default 1000. */
  flushInterval?: number;
}

/** Injection points for tests. */
export interface PixelDeps {
  fetch?: typeof fetch;
  setTimeout?: typeof setTimeout;
}

const KEY = 'touchpoint-pixel-queue';
/** Keepalive bodies of a page share 64 KiB; stay well under it. */
const MAX_BODY = 48 * 1024;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0';

/** The batch URL for an endpoint (the SDK's rule: a base URL gets `/v1/batch`). */
const batchUrl = (endpoint: string) => {
  const u = new URL(endpoint);
  if (!/\/batch$/.test(u.pathname)) u.pathname = `${u.pathname.replace(/\/$/, '')}/v1/batch`;
  return u.href;
};

/** Start the pixel. Returns `flush()` (used by tests and at `checkout_completed`). */
export const startPixel = (api: PixelApi, config: PixelConfig, deps: PixelDeps = {}) => {
  const send = deps.fetch ?? fetch;
  const later = deps.setTimeout ?? setTimeout;
  const url = batchUrl(config.endpoint);
  const interval = config.flushInterval ?? 1000;
  const storage = api.browser?.localStorage;
  // true: send; undefined: hold in memory (no choice yet — Shopify's initial false means that too); false: denied.
  let allowed: boolean | undefined = api.init?.customerPrivacy?.analyticsProcessingAllowed === true || undefined;
  const cartId = bareId(api.init?.data?.cart?.id);
  /** Events to send, oldest first (serialised once). */
  let queue: { id: string; json: string }[] = [];
  /** Events captured before consent was given (memory only). */
  let held: { id: string; json: string }[] = [];
  let timer: unknown;
  let sending = false;
  let failures = 0;

  const persist = () => {
    if (!allowed || !storage) return;
    storage.setItem(KEY, JSON.stringify(queue.map((e) => e.json))).catch(() => {});
  };
  const schedule = (ms = interval) => {
    if (!timer && queue.length) timer = later(() => ((timer = undefined), void flush()), ms);
  };
  const flush = async (): Promise<void> => {
    if (!allowed || sending || !queue.length) return;
    sending = true;
    const batch: typeof queue = [];
    let size = 100;
    for (const e of queue) {
      if (batch.length && size + e.json.length > MAX_BODY) break;
      batch.push(e);
      size += e.json.length + 1;
    }
    const body = `{"batch":[${batch.map((e) => e.json).join(',')}],"sentAt":${JSON.stringify(new Date().toISOString())}${config.writeKey ? `,"writeKey":${JSON.stringify(config.writeKey)}` : ''}}`;
    try {
      const res = await send(url, { method: 'POST', body, keepalive: true, credentials: 'omit', headers: { 'content-type': 'text/plain' } });
      // 2xx: delivered; other 4xx (not 408/429): the collector will never take them — dropped.
      const retry = res.status >= 500 || res.status == 408 || res.status == 429;
      if (!retry) {
        const sent = new Set(batch.map((e) => e.id));
        queue = queue.filter((e) => !sent.has(e.id));
        failures = 0;
        persist();
      } else failures++;
    } catch {
      failures++;
    }
    sending = false;
    // Back off on failures (1 s, 2 s, 4 s … up to a minute); the stored copy waits meanwhile.
    schedule(failures ? Math.min(60_000, interval * 2 ** failures) : interval);
  };

  const setAllowed = (next: boolean | undefined) => {
    if (next === allowed) return;
    allowed = next;
    if (next) {
      queue.push(...held.splice(0));
      persist();
      schedule(0);
    } else if (next === false) {
      held = [];
      queue = [];
      storage?.setItem(KEY, '[]').catch(() => {});
    }
  };

  const capture = (e: any) => {
    try {
      const mapped = mapShopifyEvent(String(e?.name), e?.data, cartId);
      if (!mapped || typeof e?.id !== 'string') return;
      const doc = e.context?.document ?? {};
      const loc = doc.location ?? {};
      const page = { url: loc.href, path: loc.pathname, search: loc.search, title: doc.title, referrer: doc.referrer };
      const event = {
        type: mapped.type,
        ...(mapped.event ? { event: mapped.event } : {}),
        messageId: `shopify:${e.id}`.slice(0, 100),
        anonymousId: typeof e.clientId === 'string' && e.clientId ? e.clientId : 'shopify:unknown',
        timestamp: e.timestamp,
        context: {
          library: { name: 'touchpoint-shopify-pixel', version: VERSION },
          page,
          userAgent: e.context?.navigator?.userAgent,
          locale: e.context?.navigator?.language,
          channel: 'web',
          touchpoint: typeof loc.pathname === 'string' ? loc.pathname.slice(0, 200) : undefined,
        },
        properties: mapped.type == 'page' ? { ...page, ...mapped.properties } : mapped.properties,
      };
      const entry = { id: event.messageId, json: JSON.stringify(event) };
      if (allowed === false) return;
      if (!allowed) {
        // Waiting for consent: memory only, capped.
        if (held.push(entry) > 500) held.shift();
        return;
      }
      if (queue.push(entry) > 1000) queue.shift();
      persist();
      if (mapped.event == 'Order Completed') void flush();
      else schedule();
    } catch {
      // one bad payload never stops the pixel
    }
  };

  api.analytics.subscribe('all_standard_events', capture);
  api.customerPrivacy?.subscribe('visitorConsentCollected', (e: any) => setAllowed(e?.customerPrivacy?.analyticsProcessingAllowed === true));
  // What an earlier page left unsent (only read once consent is known to be given).
  if (allowed && storage)
    storage
      .getItem(KEY)
      .then((raw) => {
        const stored: string[] = JSON.parse(raw || '[]');
        const known = new Set(queue.map((e) => e.id));
        const earlier = stored.filter((j) => typeof j === 'string').map((json) => ({ id: JSON.parse(json).messageId as string, json })).filter((e) => !known.has(e.id));
        queue.unshift(...earlier);
        schedule(0);
      })
      .catch(() => {});
  try {
    addEventListener('pagehide', () => void flush());
  } catch {
    // no window in a strict (worker) sandbox: the timer and the stored copy cover it
  }
  return { flush };
};
