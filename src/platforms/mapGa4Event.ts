/**
 * GA4 ecommerce events → Segment V2 ecommerce events (names and snake_case properties), as the
 * data-layer listener records them. Values are taken only when well-formed (numbers ≥ 0, integer
 * quantities, 3-letter currencies, non-empty ids), so a sloppy theme's strings like `"12.50"` are
 * read and its garbage is left out rather than failing the whole event.
 */
import type { Properties } from '../core/types';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** A money amount: numbers and numeric strings ≥ 0. */
const money = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
};
/** An id or name: non-empty strings (trimmed, at most 500 characters) and numbers. */
const text = (v: unknown): string | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' && v.trim() ? v.trim().slice(0, 500) : undefined;
const count = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : v;
  return Number.isInteger(n) && (n as number) >= 1 ? (n as number) : undefined;
};
const currencyOf = (v: unknown): string | undefined => (typeof v === 'string' && /^[a-z]{3}$/i.test(v.trim()) ? v.trim().toUpperCase() : undefined);
/** Only the fields that have a value. */
const defined = (o: Properties): Properties => {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
};

/** A GA4 item → a Segment product. */
export const productOf = (item: unknown): Properties => {
  const i = obj(item);
  return defined({
    product_id: text(i.item_id),
    name: text(i.item_name),
    brand: text(i.item_brand),
    category: text(i.item_category),
    variant: text(i.item_variant),
    price: money(i.price),
    quantity: count(i.quantity),
    coupon: text(i.coupon),
    discount: money(i.discount),
    position: Number.isInteger(i.index) && (i.index as number) >= 0 ? i.index : undefined,
    list_id: text(i.item_list_id),
    affiliation: text(i.affiliation),
    currency: currencyOf(i.currency),
  });
};

/** GA4 event names this mapping knows. */
export const GA4_EVENTS = [
  'view_item', 'view_item_list', 'select_item', 'add_to_cart', 'remove_from_cart', 'view_cart',
  'begin_checkout', 'add_shipping_info', 'add_payment_info', 'purchase', 'refund',
] as const;

/**
 * The Segment events for one GA4 event (`[name, properties]` pairs: `add_to_cart` with three items
 * is three `Product Added`), or an empty list for anything else.
 */
export const mapGa4Event = (name: string, params: unknown): [string, Properties][] => {
  const p = obj(params);
  const items = Array.isArray(p.items) ? p.items : [];
  const products = items.slice(0, 500).map(productOf);
  const order = defined({
    value: money(p.value),
    currency: currencyOf(p.currency),
    coupon: text(p.coupon),
    products,
  });
  const first = () => ({ ...products[0], ...defined({ currency: currencyOf(p.currency), value: money(p.value) }) });
  switch (name) {
    case 'view_item':
      return [['Product Viewed', first()]];
    case 'select_item':
      return [['Product Clicked', defined({ ...first(), list_id: text(p.item_list_id) ?? products[0]?.list_id, list_name: text(p.item_list_name) })]];
    case 'view_item_list':
      return [['Product List Viewed', defined({ list_id: text(p.item_list_id), category: text(p.item_list_name), products })]];
    case 'add_to_cart':
    case 'remove_from_cart': {
      const event = name == 'add_to_cart' ? 'Product Added' : 'Product Removed';
      const currency = currencyOf(p.currency);
      return products.map((product) => [event, defined({ currency, ...product })]);
    }
    case 'view_cart':
      return [['Cart Viewed', order]];
    case 'begin_checkout':
      return [['Checkout Started', order]];
    // Steps as the Shopify pixel numbers them: contact 1, address 2, shipping 3, payment 4.
    case 'add_shipping_info':
      return [['Checkout Step Completed', defined({ step: 3, shipping_method: text(p.shipping_tier), ...order })]];
    case 'add_payment_info':
      return [['Payment Info Entered', defined({ step: 4, payment_method: text(p.payment_type), ...order })]];
    case 'purchase':
      return [['Order Completed', defined({ order_id: text(p.transaction_id), affiliation: text(p.affiliation), ...order, revenue: order.value, tax: money(p.tax), shipping: money(p.shipping) })]];
    case 'refund':
      return [['Order Refunded', defined({ order_id: text(p.transaction_id), ...order })]];
  }
  return [];
};
