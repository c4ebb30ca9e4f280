/**
 * Types of the Segment V2 ecommerce events touchpoint knows, with snake_case properties. Types
 * only: the run-time checks are in `checkCommerce.ts`, the zod schemas in `src/schema/commerce.ts`.
 */

/** A product, as in Segment's ecommerce spec. */
export interface Product {
  product_id?: string;
  sku?: string;
  name?: string;
  brand?: string;
  category?: string;
  variant?: string;
  /** Unit price, ≥ 0. */
  price?: number;
  /** A positive integer. Default 1 in the cart. */
  quantity?: number;
  /** ISO 4217 code, e.g. `VND`, `EUR`. */
  currency?: string;
  coupon?: string;
  /** Position in a list, an integer ≥ 0. */
  position?: number;
  url?: string;
  image_url?: string;
  [key: string]: unknown;
}

/** Properties of order-level events (checkout, order, refund, cart). */
export interface OrderProperties {
  order_id?: string;
  checkout_id?: string;
  cart_id?: string;
  affiliation?: string;
  /** Money amounts, each ≥ 0. */
  value?: number;
  revenue?: number;
  total?: number;
  subtotal?: number;
  shipping?: number;
  tax?: number;
  discount?: number;
  coupon?: string;
  currency?: string;
  products?: Product[];
  [key: string]: unknown;
}

/** Event name → properties type. */
export interface CommerceEvents {
  'Products Searched': { query: string; [key: string]: unknown };
  'Product List Viewed': { list_id?: string; category?: string; products?: Product[]; [key: string]: unknown };
  'Product Clicked': Product;
  'Product Viewed': Product;
  /** Needs `product_id` or `sku`. */
  'Product Added': Product & { cart_id?: string };
  /** Needs `product_id` or `sku`. */
  'Product Removed': Product & { cart_id?: string };
  'Cart Viewed': OrderProperties;
  'Checkout Started': OrderProperties;
  /** `step` is an integer ≥ 1. */
  'Checkout Step Completed': { checkout_id?: string; step: number; shipping_method?: string; payment_method?: string; [key: string]: unknown };
  /** Needs `order_id`. */
  'Order Completed': OrderProperties & { order_id: string };
  /** Needs `order_id`. */
  'Order Refunded': OrderProperties & { order_id: string };
  'Promotion Viewed': { promotion_id?: string; creative?: string; name?: string; position?: string | number; [key: string]: unknown };
  'Promotion Clicked': { promotion_id?: string; creative?: string; name?: string; position?: string | number; [key: string]: unknown };
}

/** Names of the commerce events touchpoint validates. */
export type CommerceEvent = keyof CommerceEvents;
