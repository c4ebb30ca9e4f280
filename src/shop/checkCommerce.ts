/**
 * Hand-written checks of the commerce event properties: the same rules as the zod schemas of
 * `src/schema/commerce.ts` (a unit test proves they agree), without zod's weight in the
 * script-tag core. Returns a short message naming the first bad property, or undefined.
 */
import type { Properties } from '../core/types';

/** The Segment V2 ecommerce events that are checked (others pass unchecked). */
export const COMMERCE_EVENTS = [
  'Products Searched', 'Product List Viewed', 'Product Clicked', 'Product Viewed', 'Product Added',
  'Product Removed', 'Cart Viewed', 'Checkout Started', 'Checkout Step Completed', 'Order Completed',
  'Order Refunded', 'Promotion Viewed', 'Promotion Clicked',
];
/** Property names holding money: finite numbers ≥ 0. */
export const MONEY = ['price', 'value', 'revenue', 'total', 'subtotal', 'shipping', 'tax', 'discount'];
/** Property names holding ids and names: non-empty strings of at most 500 characters. */
export const STRINGS = ['product_id', 'sku', 'name', 'brand', 'category', 'variant', 'cart_id', 'order_id', 'checkout_id', 'query', 'coupon', 'list_id', 'promotion_id'];
/** Properties an event cannot do without (any one of the list). */
export const REQUIRED: Record<string, string[]> = {
  'Product Added': ['product_id', 'sku'],
  'Product Removed': ['product_id', 'sku'],
  'Order Completed': ['order_id'],
  'Order Refunded': ['order_id'],
  'Products Searched': ['query'],
  'Checkout Step Completed': ['step'],
};

let codes: Set<string> | undefined;
/** Whether `c` is an ISO 4217 currency code the engine knows (any 3 capitals where it cannot tell). */
export const isCurrency = (c: unknown): boolean => {
  if (typeof c != 'string' || !/^[A-Z]{3}$/.test(c)) return false;
  try {
    codes ??= new Set((Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf!('currency'));
  } catch {
    return true;
  }
  return codes.has(c);
};

const int = (v: unknown, min: number) => Number.isInteger(v) && (v as number) >= min;

const checkProps = (p: Properties, nested?: boolean): string | undefined => {
  for (const k in p) {
    const v = p[k];
    const bad = MONEY.includes(k)
      ? !(typeof v == 'number' && v >= 0 && v < Infinity) && 'a number ≥ 0'
      : k == 'quantity' || k == 'step'
        ? !int(v, 1) && 'an integer ≥ 1'
        : k == 'position'
          ? typeof v != 'string' && !int(v, 0) && 'an integer ≥ 0'
          : k == 'currency'
            ? !isCurrency(v) && 'an ISO 4217 code'
            : STRINGS.includes(k)
              ? !(typeof v == 'string' && v && v.length <= 500) && 'a string'
              : k == 'products' && !nested
                ? !(Array.isArray(v) && v.length <= 500 && v.every((x) => x && typeof x == 'object')) && 'a list of products'
                : false;
    if (bad) return `${k} must be ${bad} (got ${JSON.stringify(v)})`;
  }
  if (!nested && Array.isArray(p.products))
    for (let i = 0; i < p.products.length; i++) {
      const m = checkProps(p.products[i] as Properties, true);
      if (m) return `products[${i}].${m}`;
    }
};

/** Check a commerce event's properties; returns what is wrong, or undefined when it may be sent. */
export const checkCommerce = (event: string, properties: Properties = {}): string | undefined => {
  if (!COMMERCE_EVENTS.includes(event)) return;
  const need = REQUIRED[event];
  const m =
    need && need.every((k) => properties[k] == null)
      ? `${need.join(' or ')} is required`
      : checkProps(properties);
  return m && `${event}: ${m}`;
};
