/**
 * `createShopTracker(options)`: a tracker with the shop layer switched on — URL scrubbing,
 * per-event journey stages, commerce checks (a bad commerce event is reported through
 * `onError` and not sent), the persisted cart with abandonment, exit intent, page views and
 * HTML tagging. The script tag uses it; npm users can too, or compose the parts themselves.
 */
import { createTracker, type TrackerDeps } from '../core/createTracker';
import { guard } from '../core/guard';
import { createReporter } from '../core/reporter';
import { resolveOptions, type Rule } from '../core/resolveOptions';
import type { CallOptions, Properties, ResolvedOptions, Tracker, TrackerOptions } from '../core/types';
import { checkCommerce } from './checkCommerce';
import { defaultStage } from './defaultStage';
import { onExitIntent } from './onExitIntent';
import { createUrlFilter, SCRUB_PARAMS } from './scrubUrl';
import { tagElements } from './tagElements';
import { hasCart, trackCart, type CartHandle, type CartOptions, type CartTracker } from './trackCart';
import { trackPageViews } from './trackPageViews';

/** Options of `createShopTracker()`: the tracker's, plus the shop layer's. */
export interface ShopOptions extends TrackerOptions {
  /** Track page views and SPA navigations. Default true. */
  pageViews?: boolean;
  /** Minutes of inactivity after which a non-empty cart is abandoned. Default 30. */
  abandonMinutes?: number;
  /** Query parameters removed from URLs (replaces the default list `SCRUB_PARAMS`). */
  scrubParams?: string[];
  /** Pick up `data-tp-*` tagged elements. Default true. */
  tagging?: boolean;
}

/** A tracker with the shop layer. */
export interface ShopTracker extends Tracker {
  /** Call `cb` on exit intent while the cart is non-empty; returns an unsubscribe function. */
  onExitIntent(cb: () => void): () => void;
  /** The cart. */
  readonly cart: CartHandle;
}

/** Injection points: the tracker's, plus a hook that sees every element added to the page. */
export interface ShopDeps extends TrackerDeps {
  onAdded?: (el: Element) => void;
}

/** Makes the cart of a shop tracker: `trackCart`, or the script tag's lazy loader of its chunk. */
export type CartFactory = (tracker: CartTracker, options: CartOptions) => CartHandle;

/**
 * The parts a shop tracker gets from the cart chunk (`cartChunk.ts`): bundled for npm users, a
 * lazy loader of `touchpoint.cart.js` in the script tag (see `lazyCart.ts`).
 */
export interface CartParts {
  trackCart: CartFactory;
  onExitIntent: typeof onExitIntent;
}

/** The shop layer's options (checked first, in this order). */
export const SHOP_RULES: Record<string, Rule> = {
  pageViews: ['bool', true],
  tagging: ['bool', true],
  abandonMinutes: ['num', 30, 0, 43_200],
  scrubParams: ['list', SCRUB_PARAMS],
};

/** `createShopTracker` with the cart and exit intent from `parts` (the script tag loads them lazily). */
export const shopTracker = (options: ShopOptions, deps: ShopDeps, parts: CartParts): ShopTracker => {
  // The shop options are checked with the core's (one table, one message form).
  const { pageViews, abandonMinutes, scrubParams, tagging } = resolveOptions(options, [], SHOP_RULES) as ResolvedOptions &
    Required<Pick<ShopOptions, 'pageViews' | 'abandonMinutes' | 'scrubParams' | 'tagging'>>;
  const filter = createUrlFilter(scrubParams);
  const t = createTracker(options, {
    urlFilter: filter,
    stageOf: defaultStage,
    extraOptions: Object.keys(SHOP_RULES),
    ...deps,
  });
  const { storageKey } = t.options;
  const rep = createReporter(t.options.onError, t.options.debug);
  // The page's touchpoint (`<body data-tp-touchpoint>`) for every call that names none.
  const opts = (o?: CallOptions): CallOptions | undefined => {
    const tp = globalThis.document?.body?.dataset.tpTouchpoint;
    return tp ? { touchpoint: tp, ...o } : o;
  };
  // A bad commerce event is reported and not sent (the core checks the call options).
  // Guarded: the checks read the host's values (a Symbol name, a revoked Proxy) and must not throw.
  const track = guard(rep, 'track', (event: string, p?: Properties, o?: CallOptions) => {
    const m = checkCommerce(event, p);
    if (m) rep.error({ code: 'invalid_call', message: m });
    else t.track(event, p, opts(o));
  });
  // The cart's abandonment events go through the shop `track`: they carry the page's touchpoint.
  const cart = parts.trackCart({ track, subscribe: t.subscribe }, { abandonMinutes, storageKey });
  const shop: ShopTracker = {
    ...t,
    track,
    page: guard(rep, 'page', (n, p, o) => t.page(n, p, opts(o))),
    identify: guard(rep, 'identify', (u, tr, o) => t.identify(u, tr, opts(o))),
    cart,
    onExitIntent: (cb) =>
      guard(rep, 'onExitIntent', parts.onExitIntent)(cb, () => hasCart(storageKey) || cart.items().length > 0) ?? (() => {}),
  };
  const stops = [cart.stop];
  // Started after the current task's calls (e.g. the script tag replaying its stub queue).
  queueMicrotask(() => {
    if (pageViews) stops.push(trackPageViews(shop, filter));
    if (tagging) stops.push(tagElements(track, deps.onAdded));
  });
  shop.destroy = () => {
    stops.forEach((s) => s());
    return t.destroy();
  };
  return shop;
};

/** Create a tracker with the shop layer. Throws a TypeError for a bad option (at set-up only). */
export const createShopTracker = (options: ShopOptions, deps: ShopDeps = {}): ShopTracker => shopTracker(options, deps, { trackCart, onExitIntent });
