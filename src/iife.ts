/**
 * The script-tag build `dist/touchpoint.js` (global `touchpoint`): starts a shop tracker from the
 * script tag's `data-*` attributes, replays the calls the inline stub queued before this file
 * arrived (each with the URL, title, referrer and time it was made at), and lazy-loads the
 * widget, cart and web-vitals chunks from next to its own URL (the core's `loadChunk`: a failed
 * load is tried again by a later call). Rollup assigns the global only after this body ran, so
 * the stub (still `window.touchpoint` here) is read first.
 */
import { campaignOf } from './core/context';
import { loadChunk } from './core/loadChunk';
import { shopTracker, type ShopOptions, type ShopTracker } from './shop/createShopTracker';
import { lazyCart } from './shop/lazyCart';
import { createUrlFilter } from './shop/scrubUrl';

export { createTracker } from './core/createTracker';

type Captured = { url: string; title: string; referrer: string; t: number };
type Call = [string, unknown[]?, Captured?];

const w = window as unknown as Record<string, any>;
const d = document;
const queue: Call[] = Array.isArray(w.touchpoint?.q) ? w.touchpoint.q : [];
const script = d.currentScript as HTMLScriptElement | null;

// data-* attributes → options: "true"/"" and "false" are booleans, counts are numbers.
const o: Record<string, unknown> = {};
const data = script?.dataset ?? {};
for (const k in data) {
  const v = data[k]!;
  o[k] =
    v == 'true' || v == '' ? true : v == 'false' ? false
    : /^(batchSize|flushInterval|queueCap|sessionTimeout|abandonMinutes)$/.test(k) ? +v
    : k == 'scrubParams' ? v.split(',').map((s) => s.trim())
    : v;
}
const { vitals, datalayer, consentMode, tcf, woocommerce, ...rest } = o;
// A consent platform decides: nothing is sent before it has (docs/platforms/consent.md).
if ((consentMode || tcf) && rest.consent === undefined) rest.consent = 'pending';
let tracker: ShopTracker | undefined;
const rating = (el: Element | Document) =>
  ((el as Element).localName == 'touchpoint-rating' || el.querySelector('touchpoint-rating')) && loadChunk('widget').catch(() => {});

// A bad attribute is reported by name and left out; the tracker starts without it if it can
// (each retry has one attribute fewer, so this ends).
while (!tracker)
  try {
    tracker = shopTracker(
      { onError: (e) => e.code == 'invalid_call' && console.error(`[touchpoint] ${e.message}`), ...rest } as ShopOptions,
      { onAdded: rating },
      lazyCart(() => loadChunk('cart')),
    );
  } catch (e) {
    const k = /option "(\w+)"/.exec(String(e))?.[1];
    console.error(`[touchpoint] data-${k?.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${(e as Error).message}`);
    if (!k || k == 'endpoint' || !(k in rest)) break;
    delete rest[k];
  }

// Without a tracker (a bad endpoint) every call is a no-op; flush() still resolves.
export const { track, page, identify, reset, flush, setConsent, subscribe, onExitIntent } = (tracker ??
  new Proxy({}, { get: (_, m) => () => (m == 'flush' ? Promise.resolve() : () => {}) })) as ShopTracker;
/** Show a rating survey (loads the widget chunk first); resolves with its handle. */
export const showRating = (options: unknown): Promise<unknown> =>
  loadChunk('widget')
    .then((m) => m.showRating(w.touchpoint, options))
    .catch((e) => console.error('[touchpoint] showRating:', e));

// Replay the stub's queue in order, each call with the page it was made on.
const filter = createUrlFilter(rest.scrubParams as string[] | undefined);
const api: Record<string, (...a: any[]) => unknown> = { track, page, identify, reset, setConsent, showRating };
for (const [m, a = [], c] of queue)
  try {
    if (c && /^(track|page|identify)$/.test(m)) {
      const u = new URL(filter(c.url));
      const pg = { url: u.href, path: u.pathname, title: c.title, referrer: c.referrer && filter(c.referrer), search: u.search };
      const x = (a[2] ?? {}) as Record<string, any>;
      api[m]!(a[0], m == 'page' ? { ...pg, ...(a[1] as object) } : a[1], {
        timestamp: new Date(c.t),
        ...x,
        context: { page: pg, campaign: campaignOf(pg.url), ...x.context },
      });
    } else api[m]?.(...a);
  } catch {}
if (tracker) {
  rating(d);
  if (vitals !== false) loadChunk('vitals').catch(() => {});
  // Platform listeners (src/platforms/): each chunk loads only when its attribute is present.
  const listen = (chunk: string, fn: string) => loadChunk(chunk).then((m) => m[fn](tracker, { name: datalayer, cartUrl: woocommerce })).catch(() => {});
  if (datalayer) listen('datalayer', 'listenDataLayer');
  if (consentMode) listen('consent', 'listenConsentMode');
  if (tcf) listen('consent', 'listenTcf');
  if (woocommerce) listen('woocommerce', 'listenWooCommerce');
}
