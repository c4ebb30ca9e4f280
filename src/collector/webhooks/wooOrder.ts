/**
 * Reads a WooCommerce `order.created` webhook body (the REST API v3 order resource) into a
 * {@link ServerOrder}. WooCommerce has no stable cart id (its `cart_hash` changes with every cart
 * change), so the order carries none: abandonment of such a cart closes by the browser's own
 * `Order Completed` or by time.
 */
import { idOf, money, quantity, type ServerOrder } from './orderEvent';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);

/** The order, or undefined when the body has no order id. */
export const wooOrder = (body: unknown): ServerOrder | undefined => {
  const o = obj(body);
  const order_id = idOf(o.id);
  if (!order_id) return;
  return {
    order_id,
    created_at: typeof o.date_created_gmt === 'string' ? o.date_created_gmt : undefined,
    value: money(o.total),
    currency: typeof o.currency === 'string' ? o.currency.toUpperCase() : undefined,
    tax: money(o.total_tax),
    shipping: money(o.shipping_total),
    discount: money(o.discount_total),
    coupon: idOf(list(o.coupon_lines)[0]?.code),
    status: idOf(o.status),
    products: list(o.line_items).map((l) => ({
      product_id: idOf(l.product_id),
      variant: l.variation_id ? idOf(l.variation_id) : undefined,
      sku: idOf(l.sku),
      name: idOf(l.name),
      price: money(l.price),
      quantity: quantity(l.quantity),
    })),
  };
};
