/**
 * `listenWooCommerce(tracker, options)`: records a WooCommerce shop's cart and checkout without
 * tagging. WooCommerce says *that* the cart changed — classic jQuery events on `document.body`
 * (`added_to_cart`, `removed_from_cart`) and the Blocks' DOM events (`wc-blocks_added_to_cart`,
 * `wc-blocks_removed_from_cart`, which carry no product at all) — so each of them makes the
 * listener read the cart from WooCommerce's Store API and record the difference with its last
 * reading (`wooCart.ts`). One mechanism for both worlds: a classic event that WooCommerce also
 * re-emits as a Blocks event is read twice and recorded once. The last reading is kept for the
 * tab (sessionStorage), so an add made by a plain form post (a classic product page) shows up on
 * the next page. Where the Store API cannot be read, a classic event's button (`data-product_id`,
 * `data-product_sku`, `data-quantity`) is recorded instead.
 *
 * Checkout: the first `updated_checkout` of a page is `Checkout Started` (value, currency,
 * coupon, products from the cart); a later one with another chosen shipping method is
 * `Checkout Step Completed` (step 3, `shipping_method`); `checkout_error` is `Checkout Failed`
 * with the message's text.
 */
import type { Properties, Tracker } from '../core/types';
import { cartChanges, readWooCart, type WooCart, type WooLine } from './wooCart';

/** Options of {@link listenWooCommerce}. */
export interface WooCommerceOptions {
  /** The Store API cart URL. Default `'/wp-json/wc/store/v1/cart'` (WordPress with pretty permalinks). */
  cartUrl?: string;
}

type JQueryLike = (el: unknown) => { on(events: string, handler: (...args: any[]) => void): unknown; off(events: string, handler: (...args: any[]) => void): unknown };

const BLOCK_EVENTS = ['wc-blocks_added_to_cart', 'wc-blocks_removed_from_cart'];

/** A cart reading as kept in sessionStorage: the lines only. */
const save = (key: string, cart: WooCart) => {
  try {
    sessionStorage.setItem(key, JSON.stringify([...cart.lines]));
  } catch {
    // blocked storage: the next page simply has no earlier reading
  }
};
const load = (key: string): WooCart | undefined => {
  try {
    const lines = JSON.parse(sessionStorage.getItem(key) ?? 'null');
    return Array.isArray(lines) ? { lines: new Map<string, WooLine>(lines), totals: {} } : undefined;
  } catch {
    return undefined;
  }
};
/** The text of WooCommerce's error notice HTML (tags dropped), at most 200 characters. */
const noticeText = (html: unknown) => (typeof html === 'string' ? html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200) : '');

/** Start listening; returns a function that stops. Throws a TypeError only for a missing tracker. */
export const listenWooCommerce = (tracker: Pick<Tracker, 'track' | 'options'>, options: WooCommerceOptions = {}): (() => void) => {
  if (typeof tracker?.track !== 'function') throw new TypeError('touchpoint: listenWooCommerce(tracker): a tracker is required');
  const url = typeof options.cartUrl === 'string' && options.cartUrl ? options.cartUrl : '/wp-json/wc/store/v1/cart';
  const key = `${tracker.options.storageKey}-woocart`;
  const debug = (m: string) => tracker.options.debug && console.log(`[touchpoint] WooCommerce: ${m}`);
  let on = true;
  let last = load(key);
  /** Readings and checkout steps run one after another, so two quick events never race. */
  let chain: Promise<unknown> = Promise.resolve();
  const then = (step: () => Promise<void> | void) => (chain = chain.then(step).catch((e) => debug(String(e))));

  const read = (): Promise<WooCart | undefined> =>
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json().then(readWooCart) : undefined))
      .catch(() => undefined);

  /** Read the cart and record what changed; `fallback` records from the event itself when that is impossible. */
  const sync = (fallback?: () => void) =>
    then(async () => {
      const now = await read();
      if (!on) return;
      if (!now || !last) {
        if (!now) debug(`the Store API cart (${url}) could not be read`);
        fallback?.();
      } else for (const [event, properties] of cartChanges(last, now)) tracker.track(event, properties);
      if (now) save(key, (last = now));
    });

  // Classic events: (event, fragments, cart_hash, $button) as WooCommerce's add-to-cart.js triggers them.
  const fromButton = (event: string) => (_e: unknown, _fragments: unknown, _hash: unknown, $button: unknown) => {
    const el = ($button as ArrayLike<unknown> | undefined)?.[0] ?? $button;
    const id = el instanceof Element ? el.getAttribute('data-product_id') : null;
    sync(
      id
        ? () => {
            const props: Properties = { product_id: id, quantity: Math.max(1, parseInt((el as Element).getAttribute('data-quantity') ?? '', 10) || 1) };
            const sku = (el as Element).getAttribute('data-product_sku');
            if (sku) props.sku = sku;
            tracker.track(event, props);
          }
        : undefined,
    );
  };
  let started = false;
  let shipping: string | undefined;
  const chosenShipping = () =>
    (document.querySelector('input.shipping_method:checked, select.shipping_method') as HTMLInputElement | null)?.value || undefined;
  // The method is read when the event fires (the form may change before the step runs).
  const onCheckout = () => {
    const method = chosenShipping();
    then(async () => {
      if (!started) {
        started = true;
        shipping = method;
        const cart = await read();
        if (cart) save(key, (last = cart));
        tracker.track('Checkout Started', { ...cart?.totals, products: cart ? [...cart.lines.values()] : [] });
      } else if (method && method !== shipping) {
        shipping = method;
        tracker.track('Checkout Step Completed', { step: 3, shipping_method: method });
      }
    });
  };
  // In the same chain, so the events keep the order in which WooCommerce fired them.
  const onError = (_e: unknown, html: unknown) => {
    const error = noticeText(html);
    then(() => tracker.track('Checkout Failed', { error }));
  };
  const classic: Record<string, (...args: any[]) => void> = {
    added_to_cart: fromButton('Product Added'),
    removed_from_cart: fromButton('Product Removed'),
    updated_checkout: onCheckout,
    checkout_error: onError,
  };
  const onBlocks = () => sync();

  // jQuery may arrive after this chunk (footer scripts): try again once the page is parsed and loaded.
  let jq: JQueryLike | undefined;
  const attach = () => {
    const $ = (globalThis as { jQuery?: JQueryLike }).jQuery;
    if (!on || jq || typeof $ !== 'function') return;
    jq = $;
    for (const name in classic) $(document.body).on(name, classic[name]!);
  };
  attach();
  addEventListener('DOMContentLoaded', attach);
  addEventListener('load', attach);
  // Captured at the document: the Blocks dispatch on body, with or without bubbling.
  for (const name of BLOCK_EVENTS) document.addEventListener(name, onBlocks, true);
  // The reading this page starts from (and what changed since the last page, e.g. a form post).
  sync();

  return () => {
    on = false;
    removeEventListener('DOMContentLoaded', attach);
    removeEventListener('load', attach);
    for (const name of BLOCK_EVENTS) document.removeEventListener(name, onBlocks, true);
    if (jq) for (const name in classic) jq(document.body).off(name, classic[name]!);
  };
};
