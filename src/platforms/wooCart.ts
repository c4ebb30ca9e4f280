/**
 * The WooCommerce cart as its Store API returns it (`GET /wp-json/wc/store/v1/cart`, part of
 * WooCommerce core), read into Segment V2 products, and the difference between two readings as
 * `Product Added` / `Product Removed` events. Prices in the Store API are strings in minor units
 * (`"1800"` with `currency_minor_unit: 2` is 18.00).
 */
import type { Properties } from '../core/types';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** One cart line, keyed by the Store API's line key. */
export interface WooLine extends Properties {
  product_id: string;
  quantity: number;
}

/** A cart reading: lines by key, and the totals. */
export interface WooCart {
  lines: Map<string, WooLine>;
  /** `value`, `currency`, `coupon` of the cart as a whole. */
  totals: Properties;
}

/** An amount in minor units → a number, or undefined. */
const amount = (minor: unknown, unit: unknown): number | undefined => {
  const n = Number(minor);
  return typeof minor === 'string' && minor !== '' && Number.isFinite(n) && n >= 0 ? n / 10 ** (Number(unit) || 0) : undefined;
};
const text = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' && v.trim() ? v.trim().slice(0, 500) : undefined);
const defined = <T extends Properties>(o: T): T => {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
};

/** Read a Store API cart response body. */
export const readWooCart = (body: unknown): WooCart => {
  const cart = obj(body);
  const lines = new Map<string, WooLine>();
  for (const raw of Array.isArray(cart.items) ? cart.items : []) {
    const item = obj(raw);
    const prices = obj(item.prices);
    const key = text(item.key) ?? text(item.id);
    const quantity = Number(item.quantity);
    if (!key || !text(item.id) || !Number.isInteger(quantity) || quantity < 1) continue;
    lines.set(
      key,
      defined({
        product_id: text(item.id)!,
        sku: text(item.sku),
        name: text(item.name),
        price: amount(prices.price, prices.currency_minor_unit),
        currency: text(prices.currency_code),
        quantity,
      }),
    );
  }
  const totals = obj(cart.totals);
  const coupons = Array.isArray(cart.coupons) ? cart.coupons.map(obj) : [];
  return {
    lines,
    totals: defined({
      value: amount(totals.total_price, totals.currency_minor_unit),
      currency: text(totals.currency_code),
      coupon: text(coupons[0]?.code),
    }),
  };
};

/** What changed from `before` to `after`: one event per line whose quantity went up or down. */
export const cartChanges = (before: WooCart, after: WooCart): [string, Properties][] => {
  const out: [string, Properties][] = [];
  for (const [key, line] of after.lines) {
    const delta = line.quantity - (before.lines.get(key)?.quantity ?? 0);
    if (delta) out.push([delta > 0 ? 'Product Added' : 'Product Removed', { ...line, quantity: Math.abs(delta) }]);
  }
  for (const [key, line] of before.lines) if (!after.lines.has(key)) out.push(['Product Removed', line]);
  return out;
};
