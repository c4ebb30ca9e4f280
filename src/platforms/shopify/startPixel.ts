/**
 * The Shopify custom pixel's engine: subscribes to every standard event, turns each into our
 * event (`pixelEvent.ts`) and hands it to the sender (`pixelSender.ts`) — or holds it while
 * consent is unknown. Custom pixels must check consent themselves:
 * `init.customerPrivacy.analyticsProcessingAllowed`, then every
 * `customerPrivacy.subscribe('visitorConsentCollected')` update.
 * - allowed → events are stored (async `browser.localStorage`) and sent;
 * - not allowed at page start (no choice yet, or a region that asks first) → events wait in
 *   memory only, nothing stored or sent;
 * - refused in an update → held and queued events are dropped with the stored copy.
 */
import { bareId } from './mapShopifyEvent';
import { pixelEvent, type PixelEntry } from './pixelEvent';
import { createPixelSender, type AsyncStorage } from './pixelSender';

/** The parts of the Web Pixels API this uses (standard API: `analytics`, `browser`, `init`, `customerPrivacy`). */
export interface PixelApi {
  analytics: { subscribe(name: string, callback: (event: any) => void): unknown };
  browser?: { localStorage?: AsyncStorage };
  init?: { customerPrivacy?: { analyticsProcessingAllowed?: boolean }; data?: { cart?: { id?: string } | null }; context?: any };
  customerPrivacy?: { subscribe(name: string, callback: (event: any) => void): unknown };
}

/** Settings filled in by `scripts/shopify-pixel.mjs`. */
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

/** The batch URL for an endpoint (the SDK's rule: a base URL gets `/v1/batch`). */
const batchUrl = (endpoint: string) => {
  const u = new URL(endpoint);
  if (!/\/batch$/.test(u.pathname)) u.pathname = `${u.pathname.replace(/\/$/, '')}/v1/batch`;
  return u.href;
};

/** Events held until consent is known, at most. */
const MAX_HELD = 500;

/** Start the pixel; returns `flush()`. */
export const startPixel = (api: PixelApi, config: PixelConfig, deps: PixelDeps = {}) => {
  const sender = createPixelSender({
    url: batchUrl(config.endpoint),
    writeKey: config.writeKey,
    interval: config.flushInterval ?? 1000,
    storage: api.browser?.localStorage,
    fetch: deps.fetch ?? fetch,
    setTimeout: deps.setTimeout ?? setTimeout,
  });
  const cartId = bareId(api.init?.data?.cart?.id);
  /** true: allowed; undefined: not known yet (hold); false: refused (drop). */
  let allowed: boolean | undefined = api.init?.customerPrivacy?.analyticsProcessingAllowed === true || undefined;
  let held: PixelEntry[] = [];
  if (allowed) sender.start();

  const setAllowed = (next: boolean) => {
    if (next === allowed) return;
    allowed = next;
    if (next) {
      sender.start();
      sender.add(held.splice(0));
    } else {
      held = [];
      sender.stop();
    }
  };
  const capture = (e: any) => {
    try {
      if (allowed === false) return;
      const entry = pixelEvent(e, cartId);
      if (!entry) return;
      if (allowed) sender.add([entry], e.name == 'checkout_completed');
      else if (held.push(entry) > MAX_HELD) held.shift();
    } catch {
      // one bad payload never stops the pixel
    }
  };

  api.analytics.subscribe('all_standard_events', capture);
  api.customerPrivacy?.subscribe('visitorConsentCollected', (e: any) => setAllowed(e?.customerPrivacy?.analyticsProcessingAllowed === true));
  try {
    addEventListener('pagehide', () => void sender.flush());
  } catch {
    // no window in a strict (worker) sandbox: the timer and the stored copy cover page changes
  }
  return { flush: sender.flush };
};
