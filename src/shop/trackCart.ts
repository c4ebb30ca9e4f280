/**
 * The cart, kept in IndexedDB across pages, reloads and visits (idb-keyval custom store, database
 * `<storageKey>-shop-v1`), updated by the tracker's own events: Product Added/Removed change the
 * items, Checkout Started marks the checkout, Order Completed empties it, any other event counts
 * as activity. When the cart has items and nothing happened for `abandonMinutes`, `Cart
 * Abandoned` (and, after Checkout Started, `Checkout Abandoned`) is tracked once per cart,
 * timestamped when the window ran out: by a timer while a page is open, or on the next page
 * load. The "sent" flag is flipped in the same IndexedDB transaction that reads the cart, so
 * several tabs never send it twice. While the cart has items, localStorage holds the marker
 * `<storageKey>-cart` = "1" (read by exit intent, and by the script tag to know it must load its
 * cart chunk at start).
 */
import { createStore, promisifyRequest } from 'idb-keyval';
import { uuid } from '../core/uuid';
import type { Properties, Tracker } from '../core/types';

/** One line of the cart. */
export interface CartItem {
  product_id?: string;
  sku?: string;
  name?: string;
  variant?: string;
  price?: number;
  quantity: number;
  currency?: string;
}

/** The persisted cart. */
export interface Cart {
  /** Cart id (the site's `cart_id` when it sent one). */
  id: string;
  /**
   * Set when `id` is the site's own `cart_id`. Only then do the abandonment events carry it: the
   * collector keys a cart by `cart_id`, else by session, so an id the site's events never showed
   * would split one cart into two.
   */
  site?: 1;
  items: CartItem[];
  /** Time of the last activity (ms). */
  last: number;
  /** Checkout Started at (ms), until the order. */
  co?: number;
  /** Cart Abandoned / Checkout Abandoned already sent for this cart. */
  a?: 1;
  ca?: 1;
  /** messageIds of the last events applied: a replayed event (see lazyCart) counts once. */
  seen?: string[];
}

/** What `trackCart()` returns. */
export interface CartHandle {
  /** The items of the cart as last seen by this page. */
  items(): CartItem[];
  /** Check for abandonment now (also done on start and by a timer). */
  check(): Promise<void>;
  /** Stop the timer and the subscription. */
  stop(): void;
}

export interface CartOptions {
  /** Minutes of inactivity after which a non-empty cart is abandoned. Default 30. */
  abandonMinutes?: number;
  /** Database name prefix. Default `'touchpoint'`. */
  storageKey?: string;
}

/** The tracker calls the cart needs: `track` sends the abandonment events, `subscribe` feeds it. */
export type CartTracker = Pick<Tracker, 'track' | 'subscribe'>;

/** Whether the marker says a cart with items is stored (false when localStorage is blocked). */
export const hasCart = (storageKey = 'touchpoint'): boolean => {
  try {
    return !!localStorage.getItem(`${storageKey}-cart`);
  } catch {
    return false;
  }
};

type Use = <T>(cb: (s: IDBObjectStore) => T | PromiseLike<T>) => Promise<T>;

const empty = (): Cart => ({ id: uuid(), items: [], last: 0 });
const KEEP = ['product_id', 'sku', 'name', 'variant', 'price', 'currency'] as const;
const same = (i: CartItem, p: Properties) => (i.product_id ?? i.sku) == (p.product_id ?? p.sku) && i.variant == p.variant;

/** Cart value: the sum of price × quantity. */
export const cartValue = (items: CartItem[]): number =>
  Math.round(items.reduce((s, i) => s + (i.price ?? 0) * i.quantity, 0) * 100) / 100;

/** The cart after one event (pure; exported for tests). */
export const applyEvent = (c: Cart, event: string, p: Properties, now: number): Cart => {
  if (/ Abandoned$/.test(event)) return c;
  c = { ...c, items: c.items.map((i) => ({ ...i })) };
  const q = (p.quantity as number) || 1;
  const item = c.items.find((i) => same(i, p));
  if (event == 'Order Completed') return { ...empty(), last: now };
  if (event == 'Product Added') {
    if (c.a || c.ca) c = { ...c, id: uuid(), site: undefined, a: undefined, ca: undefined };
    if (typeof p.cart_id == 'string') c = { ...c, id: p.cart_id, site: 1 };
    if (item) item.quantity += q;
    else {
      const n: CartItem = { quantity: q };
      for (const k of KEEP) if (p[k] != null) (n as unknown as Properties)[k] = p[k];
      c.items.push(n);
    }
  } else if (event == 'Product Removed' && item) {
    item.quantity -= p.quantity ? q : item.quantity;
    c.items = c.items.filter((i) => i.quantity > 0);
  } else if (event == 'Checkout Started') c.co = now;
  if (event != 'Product Removed' || c.items.length) c.last = now;
  return c;
};

/** Keep the cart of this tracker and send the abandonment events. Never throws. */
export const trackCart = (tracker: CartTracker, { abandonMinutes = 30, storageKey = 'touchpoint' }: CartOptions = {}): CartHandle => {
  const ms = abandonMinutes * 60_000;
  let mem: Cart | undefined;
  let use: Use;
  try {
    const s = createStore(`${storageKey}-shop-v1`, 'kv');
    use = (cb) => s('readwrite', cb);
  } catch {
    use = (cb) => Promise.resolve(cb(undefined as unknown as IDBObjectStore));
  }
  let cart = empty();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  /** Read, change and write the cart in one transaction (memory when IndexedDB fails). */
  const update = <T>(fn: (c: Cart) => [Cart, T]): Promise<T> => {
    const run = async (s?: IDBObjectStore) => {
      const prev = (s ? ((await promisifyRequest(s.get('cart'))) as Cart | undefined) : mem) ?? empty();
      const [next, out] = fn(prev);
      if (s) {
        s.put(next, 'cart');
        await promisifyRequest(s.transaction);
      } else mem = next;
      cart = next;
      try {
        if (next.items.length) localStorage.setItem(`${storageKey}-cart`, '1');
        else localStorage.removeItem(`${storageKey}-cart`);
      } catch {}
      schedule();
      return out;
    };
    return use(run).catch(() => ((use = (cb) => Promise.resolve(cb(undefined as unknown as IDBObjectStore))), run()));
  };
  const schedule = () => {
    clearTimeout(timer);
    if (!stopped && cart.items.length && !(cart.a && (!cart.co || cart.ca)))
      timer = setTimeout(check, Math.max(0, cart.last + ms - Date.now()) + 50);
  };
  const check = (): Promise<void> =>
    update((c) => {
      const due = c.last + ms;
      const send: string[] = [];
      if (c.items.length && Date.now() >= due) {
        if (!c.a) send.push('Cart');
        if (c.co && !c.ca) send.push('Checkout');
        c = { ...c, a: 1, ca: c.co ? 1 : c.ca };
      }
      return [c, () => {
        const props = { cart_id: c.site ? c.id : undefined, products: c.items, value: cartValue(c.items), currency: c.items.find((i) => i.currency)?.currency };
        for (const s of send) tracker.track(`${s} Abandoned`, props, { timestamp: new Date(due), journey_stage: 'purchase' });
      }] as [Cart, () => void];
    })
      .then((send) => send())
      .catch(() => {});
  // The check's transaction goes first: the events of this page (its page view, or the ones a
  // subscription replays) must not refresh the activity before a due abandonment is seen.
  void check();
  const off = tracker.subscribe((e) => {
    const name = e.type == 'track' ? e.event : '';
    const id = e.messageId;
    void update((c) => {
      if (id && c.seen?.includes(id)) return [c, 0];
      const next = applyEvent(c, name, (e.properties ?? {}) as Properties, Date.now());
      if (id) next.seen = [...(next.seen ?? []), id].slice(-50);
      return [next, 0];
    })
      .then(() => {
        // Committed: it no longer needs the script tag's persisted queue (lazyCart).
        const k = `${storageKey}-cartq`;
        const q = id && localStorage.getItem(k);
        if (!q) return;
        const rest = (JSON.parse(q) as { messageId?: string }[]).filter((x) => x.messageId != id);
        rest.length ? localStorage.setItem(k, JSON.stringify(rest)) : localStorage.removeItem(k);
      })
      .catch(() => {});
  });
  return {
    items: () => cart.items,
    check,
    stop() {
      stopped = true;
      clearTimeout(timer);
      off();
    },
  };
};
