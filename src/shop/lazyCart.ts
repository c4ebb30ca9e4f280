/**
 * The script tag's cart: a stand-in for `trackCart` that loads the cart chunk
 * (`touchpoint.cart.js`) at the first cart event, or at once when the marker says a cart with
 * items is stored (so a due abandonment is still sent on a later visit). Events seen before the
 * chunk arrives are queued, in order, and also kept in localStorage (`<storageKey>-cartq`): an
 * "Add to cart" that navigates away before the chunk arrived is applied by the next page.
 * Exit intent comes from the same chunk: `onExitIntent(cb)` loads it and installs the listeners
 * once it has arrived (the unsubscribe function it returns works at once).
 */
import type { EventListener, TouchpointEvent } from '../core/types';
import type { CartParts } from './createShopTracker';
import { hasCart, type CartHandle } from './trackCart';

/** Events that change the cart. */
const CART_EVENT = /^(Product (Added|Removed)|Cart Viewed|Checkout Started|Order Completed)$/;

/** The cart parts, loading the chunk with `load()` (which resolves with its global `touchpointCart`). */
export const lazyCart = (load: () => Promise<unknown>): CartParts => {
  const chunk = load as () => Promise<CartParts>;
  return {
    trackCart: (tracker, options) => {
      const key = `${options.storageKey}-cartq`;
      let real: CartHandle | undefined;
      let feed: EventListener | undefined;
      let queue: TouchpointEvent[] | undefined;
      let on = true;
      const keep = (q?: unknown) => {
        try {
          if (!q) return JSON.parse(localStorage.getItem(key)!) || [];
          if ((q as []).length) localStorage.setItem(key, JSON.stringify(q));
          else localStorage.removeItem(key);
        } catch {}
        return [];
      };
      const start = () => {
        if (queue) return;
        queue = keep();
        chunk()
          .then((c) => {
            if (on)
              real = c.trackCart(
                {
                  track: tracker.track,
                  // The persisted copy stays until the cart has committed each event (trackCart
                  // removes them one by one), so a page torn down meanwhile loses nothing; the
                  // cart skips events it has already applied.
                  subscribe: (l) => (queue!.splice(0).forEach(l), (feed = l), () => (feed = undefined)),
                },
                options,
              );
          })
          .catch(() => {});
      };
      const off = tracker.subscribe((e) => {
        if (e.type == 'track' && CART_EVENT.test(e.event)) start();
        if (feed) feed(e);
        else if (queue) {
          if (queue.push({ type: e.type, event: (e as { event?: string }).event, properties: e.properties, messageId: e.messageId } as TouchpointEvent) > 100) queue.shift();
          keep(queue);
        }
      });
      if (hasCart(options.storageKey) || keep().length) start();
      return {
        items: () => real?.items() ?? [],
        check: () => real?.check() ?? Promise.resolve(),
        stop() {
          on = false;
          off();
          real?.stop();
        },
      };
    },
    onExitIntent: (cb, when) => {
      let off: (() => void) | undefined;
      let on = true;
      chunk()
        .then((c) => {
          if (on) off = c.onExitIntent(cb, when);
        })
        .catch(() => {});
      return () => {
        on = false;
        off?.();
      };
    },
  };
};
