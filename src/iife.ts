/**
 * The script-tag build `dist/touchpoint.js` (global `touchpoint`): starts a shop tracker from the
 * script tag's `data-*` attributes, replays the calls the inline stub queued before this file
 * arrived (each with the URL, title, referrer and time it was made at), and lazy-loads the
 * widget, cart and web-vitals chunks from next to its own URL (the core's `loadChunk`: a failed
 * load is tried again by a later call). The tracker's back end is bundled: events are in
 * IndexedDB from the first call. Rollup assigns the global only after this body ran, so the stub
 * (still `window.touchpoint` here) is read first.
 */
import { campaignOf } from './core/context';
import { loadChunk } from './core/loadChunk';
import { findBadOption } from './core/resolveOptions';
import { SHOP_RULES, shopTracker, type ShopOptions, type ShopTracker } from './shop/createShopTracker';
import { lazyCart } from './shop/lazyCart';
import { createUrlFilter } from './shop/scrubUrl';

export { createTracker } from './core/createTracker';

/** What the stub captured with each call: the page it was made on, and when. */
type Captured = { url: string; title: string; referrer: string; t: number };
type Call = [method: string, args?: unknown[], captured?: Captured];

const stub = (window as { touchpoint?: { q?: unknown } }).touchpoint;
const queue: Call[] = Array.isArray(stub?.q) ? stub.q : [];
const script = document.currentScript as HTMLScriptElement | null;

/** Attributes whose value is a number. */
const NUMBERS = ['batchSize', 'flushInterval', 'queueCap', 'sessionTimeout', 'abandonMinutes'];

/** One `data-*` value as an option value: "true"/"" and "false" are booleans, counts numbers. */
const attributeValue = (name: string, value: string): unknown => {
  if (value == 'true' || value == '') return true;
  if (value == 'false') return false;
  if (NUMBERS.includes(name)) return Number(value);
  if (name == 'scrubParams') return value.split(',').map((p) => p.trim());
  return value;
};

const attributes: Record<string, unknown> = {};
const dataset = script?.dataset ?? {};
for (const name in dataset) attributes[name] = attributeValue(name, dataset[name]!);
const { vitals, datalayer, consentMode, tcf, woocommerce, ...options } = attributes;
// A consent platform decides: nothing is sent before it has (docs/platforms/consent.md).
if ((consentMode || tcf) && options.consent === undefined) options.consent = 'pending';

/** `batchSize` → `data-batch-size`. */
const attributeName = (option: string) => `data-${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * The options without their bad attributes: each is named in a console error and left out, so
 * the tracker starts without it. Undefined when it cannot start (no usable endpoint).
 */
const usableOptions = (): ShopOptions | undefined => {
  // Each round leaves one attribute out, so this ends.
  for (;;) {
    const bad = findBadOption(options as unknown as ShopOptions, [], SHOP_RULES);
    if (!bad) return options as unknown as ShopOptions;
    console.error(`[touchpoint] ${attributeName(bad.option)}: ${bad.message}`);
    if (bad.option == 'endpoint' || !(bad.option in options)) return undefined;
    delete options[bad.option];
  }
};

const showWidgetFor = (el: Element | Document) => {
  const hasRating = (el as Element).localName == 'touchpoint-rating' || el.querySelector('touchpoint-rating');
  if (hasRating) loadChunk('widget').catch(() => {});
};

const startTracker = (): ShopTracker | undefined => {
  const checked = usableOptions();
  if (!checked) return undefined;
  try {
    return shopTracker(
      { onError: (e) => e.code == 'invalid_call' && console.error(`[touchpoint] ${e.message}`), ...checked },
      { onAdded: showWidgetFor },
      lazyCart(() => loadChunk('cart')),
    );
  } catch (e) {
    console.error('[touchpoint]', e);
    return undefined;
  }
};

const tracker = startTracker();

const noop = () => {};
/** Without a tracker (no usable endpoint) every call is a no-op; flush() still resolves. */
const inactive = {
  track: noop,
  page: noop,
  identify: noop,
  reset: noop,
  setConsent: noop,
  subscribe: () => noop,
  onExitIntent: () => noop,
  flush: () => Promise.resolve(),
};
export const { track, page, identify, reset, flush, setConsent, subscribe, onExitIntent } = tracker ?? inactive;

/** Show a rating survey (loads the widget chunk first); resolves with its handle. */
export const showRating = (surveyOptions: unknown): Promise<unknown> =>
  loadChunk('widget')
    .then((widget) => widget.showRating((window as { touchpoint?: unknown }).touchpoint, surveyOptions))
    .catch((e) => console.error('[touchpoint] showRating:', e));

// Replay the stub's queue in order, each call with the page it was made on.
const filter = createUrlFilter(options.scrubParams as string[] | undefined);
const api: Record<string, (...args: any[]) => unknown> = { track, page, identify, reset, setConsent, showRating };
const replay = ([method, args = [], captured]: Call) => {
  if (!captured || !['track', 'page', 'identify'].includes(method)) return api[method]?.(...args);
  const url = new URL(filter(captured.url));
  const pageFields = {
    url: url.href,
    path: url.pathname,
    title: captured.title,
    referrer: captured.referrer && filter(captured.referrer),
    search: url.search,
  };
  const callOptions = (args[2] ?? {}) as Record<string, any>;
  const properties = method == 'page' ? { ...pageFields, ...(args[1] as object) } : args[1];
  api[method]!(args[0], properties, {
    timestamp: new Date(captured.t),
    ...callOptions,
    context: { page: pageFields, campaign: campaignOf(pageFields.url), ...callOptions.context },
  });
};
for (const call of queue)
  try {
    replay(call);
  } catch {
    // A call the stub kept cannot break the page or the calls after it.
  }

if (tracker) {
  showWidgetFor(document);
  if (vitals !== false) loadChunk('vitals').catch(() => {});
  // Platform listeners (src/platforms/): each chunk loads only when its attribute is present.
  const listen = (chunk: string, fn: string) => loadChunk(chunk).then((m) => m[fn](tracker, { name: datalayer, cartUrl: woocommerce })).catch(() => {});
  if (datalayer) listen('datalayer', 'listenDataLayer');
  if (consentMode) listen('consent', 'listenConsentMode');
  if (tcf) listen('consent', 'listenTcf');
  if (woocommerce) listen('woocommerce', 'listenWooCommerce');
}
