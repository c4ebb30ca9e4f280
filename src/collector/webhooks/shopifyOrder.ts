/**
 * Reads a Shopify `orders/create` webhook body (REST Admin API order resource) into a
 * {@link ServerOrder}. Haravan's and Sapo's order webhooks have the same resource shape (their
 * Admin APIs follow Shopify's: `id`, `total_price`, `currency`, `line_items`, `cart_token`,
 * `checkout_token`), so they are read by the same function.
 */
import { idOf, money, quantity, type ServerOrder } from './orderEvent';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);

/** The order, or undefined when the body has no order id. */
export const shopifyOrder = (body: unknown): ServerOrder | undefined => {
  const o = obj(body);
  // The GraphQL id's digits are exact; `id` is a JSON number that a future id could overflow.
  const gid = typeof o.admin_graphql_api_id === 'string' ? /\/(\d+)$/.exec(o.admin_graphql_api_id)?.[1] : undefined;
  const order_id = gid ?? idOf(o.id);
  if (!order_id) return;
  const shipping = money(obj(obj(o.total_shipping_price_set).shop_money).amount) ??
    list(o.shipping_lines).reduce<number | undefined>((sum, l) => (money(l.price) ?? 0) + (sum ?? 0), undefined);
  return {
    order_id,
    created_at: typeof o.created_at === 'string' ? o.created_at : undefined,
    cart_id: idOf(o.cart_token),
    checkout_id: idOf(o.checkout_token) ?? idOf(o.checkout_id),
    value: money(o.total_price),
    currency: typeof o.currency === 'string' ? o.currency.toUpperCase() : undefined,
    tax: money(o.total_tax),
    shipping,
    discount: money(o.total_discounts),
    coupon: idOf(list(o.discount_codes)[0]?.code),
    status: idOf(o.financial_status),
    products: list(o.line_items).map((l) => ({
      product_id: idOf(l.product_id),
      variant: idOf(l.variant_id),
      sku: idOf(l.sku),
      name: idOf(l.title) ?? idOf(l.name),
      brand: idOf(l.vendor),
      price: money(l.price),
      quantity: quantity(l.quantity),
    })),
  };
};
