/**
 * The `Order Completed` event a verified order webhook is stored as (contract 6 of the platform
 * work): `properties.source = 'server'`, the platform's order id, the cart and checkout ids the
 * browser events carry, and `messageId = order:<platform>:<order_id>` so a retried webhook is a
 * duplicate, never a second order.
 */

/** Platforms whose order webhooks the collector accepts. */
export type WebhookPlatform = 'shopify' | 'woocommerce' | 'haravan' | 'sapo';

/** A product line of an order, in Segment V2 names. */
export interface OrderLine {
  product_id?: string;
  variant?: string;
  sku?: string;
  name?: string;
  brand?: string;
  price?: number;
  quantity?: number;
}

/** An order read from a platform's webhook body, in Segment V2 names. */
export interface ServerOrder {
  order_id: string;
  /** When the order was created (ISO 8601, with an offset or `Z`). */
  created_at?: string;
  cart_id?: string;
  checkout_id?: string;
  /** Order total, the amount the shopper paid. */
  value?: number;
  currency?: string;
  tax?: number;
  shipping?: number;
  discount?: number;
  coupon?: string;
  status?: string;
  products: OrderLine[];
}

/** A money amount as platforms send it (`"199.00"` or a number); undefined when not a finite amount ≥ 0. */
export const money = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/** An id as platforms send it (number or string); undefined when empty. */
export const idOf = (v: unknown): string | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' && v.trim() ? v.trim().slice(0, 500) : undefined;

/** A quantity: a positive integer, else undefined. */
export const quantity = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : v;
  return Number.isInteger(n) && (n as number) >= 1 ? (n as number) : undefined;
};

/** RFC 3339 with an offset: kept as sent, so the report knows the shop's local hour. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO date-time the wire schema accepts: one without an offset (WooCommerce's `_gmt`) is UTC. */
const isoTime = (v: string | undefined, fallback: number): string => {
  if (v && RFC3339.test(v)) return v;
  const utc = v ? Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(v) ? v : `${v}Z`) : NaN;
  return new Date(Number.isNaN(utc) ? fallback : utc).toISOString();
};

/** Drop undefined fields, so the stored JSON holds only what the platform sent. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The Segment `track` event an order is stored as. */
export const orderEvent = (platform: WebhookPlatform, order: ServerOrder, receivedAt: number) => ({
  type: 'track' as const,
  event: 'Order Completed',
  messageId: `order:${platform}:${order.order_id}`.slice(0, 100),
  anonymousId: `server:${platform}`,
  timestamp: isoTime(order.created_at, receivedAt),
  context: {
    library: { name: 'touchpoint-webhooks', version: __VERSION__ },
    channel: 'web' as const,
    touchpoint: `${platform}_order_webhook`,
    journey_stage: 'purchase' as const,
  },
  properties: defined({
    source: 'server',
    platform,
    order_id: order.order_id,
    cart_id: order.cart_id,
    checkout_id: order.checkout_id,
    value: order.value,
    revenue: order.value,
    currency: order.currency,
    tax: order.tax,
    shipping: order.shipping,
    discount: order.discount,
    coupon: order.coupon,
    status: order.status,
    products: order.products.map(defined),
  }),
});
