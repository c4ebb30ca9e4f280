/**
 * `createShopTracker(options)`: a tracker with the shop layer switched on — URL scrubbing,
 * per-event journey stages, commerce checks (a bad commerce event is reported through
 * `onError` and not sent), the persisted cart with abandonment, exit intent, page views and
 * HTML tagging. The script tag uses it; npm users can too, or compose the parts themselves.
 */
import { createTracker, type TrackerDeps } from '../core/createTracker';
import { createReporter } from '../core/reporter';
import { JOURNEY_STAGES } from '../core/limits';
import type { CallOptions, Properties, Tracker, TrackerOptions } from '../core/types';
import { checkCommerce } from './checkCommerce';
import { defaultStage } from './defaultStage';
import { onExitIntent } from './onExitIntent';
import { createUrlFilter, SCRUB_PARAMS } from './scrubUrl';
import { tagElements } from './tagElements';
import { trackCart, type CartHandle } from './trackCart';
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

const bad = (name: string, expected: string, v: unknown) =>
  new TypeError(`touchpoint: option "${name}" must be ${expected} (got ${JSON.stringify(v)})`);

/** Create a tracker with the shop layer. Throws a TypeError for a bad option (at set-up only). */
export const createShopTracker = (options: ShopOptions, deps: ShopDeps = {}): ShopTracker => {
  const { pageViews = true, abandonMinutes = 30, scrubParams = SCRUB_PARAMS, tagging = true } = options ?? {};
  if (typeof pageViews != 'boolean') throw bad('pageViews', 'true or false', pageViews);
  if (typeof tagging != 'boolean') throw bad('tagging', 'true or false', tagging);
  if (!(abandonMinutes > 0 && abandonMinutes <= 43_200)) throw bad('abandonMinutes', 'a number of minutes from 0 to 43200', abandonMinutes);
  if (!Array.isArray(scrubParams) || !scrubParams.every((p) => typeof p == 'string' && p))
    throw bad('scrubParams', 'a list of parameter names', scrubParams);
  const filter = createUrlFilter(scrubParams);
  const t = createTracker(options, {
    urlFilter: filter,
    stageOf: defaultStage,
    extraOptions: ['pageViews', 'abandonMinutes', 'scrubParams', 'tagging'],
    ...deps,
  });
  const rep = createReporter(t.options.onError, t.options.debug);
  const pageTp = () => globalThis.document?.body?.dataset.tpTouchpoint;
  const opts = (o?: CallOptions): CallOptions | undefined => {
    const tp = pageTp();
    return tp ? { touchpoint: tp, ...o } : o;
  };
  const track = (event: string, p?: Properties, o?: CallOptions) => {
    const s = o?.journey_stage;
    const m = s && !JOURNEY_STAGES.includes(s) ? `journey stage "${s}" is unknown` : checkCommerce(event, p);
    if (m) rep.error({ code: 'invalid_call', message: m });
    else t.track(event, p, opts(o));
  };
  const shop: ShopTracker = {
    ...t,
    options: t.options,
    track,
    page: (n, p, o) => t.page(n, p, opts(o)),
    identify: (u, tr, o) => t.identify(u, tr, opts(o)),
    cart: trackCart(t, { abandonMinutes, storageKey: t.options.storageKey }),
    onExitIntent: (cb) => onExitIntent(cb, () => shop.cart.items().length > 0),
  };
  const stops: (() => void)[] = [];
  // Started after the current task's calls (e.g. the script tag replaying its stub queue).
  queueMicrotask(() => {
    if (pageViews) stops.push(trackPageViews(shop, filter));
    if (tagging) stops.push(tagElements(track, deps.onAdded));
  });
  shop.destroy = () => {
    stops.forEach((s) => s());
    shop.cart.stop();
    return t.destroy();
  };
  return shop;
};
