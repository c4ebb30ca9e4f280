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
// The same names as one pattern (the script tag carries only this).
const EVENT = /^(Product (Added|Removed|List Viewed|Clicked|Viewed)|Cart Viewed|Checkout (Started|Step Completed)|Order (Completed|Refunded)|Products Searched|Promotion (Viewed|Clicked))$/;
/** Money (finite numbers ≥ 0), ids and names (non-empty strings of at most 500 characters). */
const MONEY = /^(price|value|revenue|total|subtotal|shipping|tax|discount)$/;
const STRING = /^(product_id|sku|name|brand|category|variant|cart_id|order_id|checkout_id|query|coupon|list_id|promotion_id)$/;

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

const checkProps = (p: Properties, nested?: 1): string | undefined => {
  for (const k in p) {
    const v = p[k];
    const bad = MONEY.test(k)
      ? !(typeof v == 'number' && v >= 0 && v < Infinity) && 'a number ≥ 0'
      : k == 'quantity' || k == 'step'
        ? !int(v, 1) && 'an integer ≥ 1'
        : k == 'position'
          ? typeof v != 'string' && !int(v, 0) && 'an integer ≥ 0'
          : k == 'currency'
            ? !isCurrency(v) && 'an ISO 4217 code'
            : STRING.test(k)
              ? !(typeof v == 'string' && v && v.length <= 500) && 'a string'
              : k == 'products' && !nested
                ? !(Array.isArray(v) && v.length <= 500 && v.every((x) => x && typeof x == 'object')) && 'a list of products'
                : 0;
    if (bad) return `${k} must be ${bad} (got ${JSON.stringify(v)})`;
  }
  if (!nested && Array.isArray(p.products))
    for (const [i, x] of p.products.entries()) {
      const m = checkProps(x as Properties, 1);
      if (m) return `products[${i}].${m}`;
    }
};

/** Check a commerce event's properties; returns what is wrong, or undefined when it may be sent. */
export const checkCommerce = (event: string, p: Properties = {}): string | undefined => {
  if (!EVENT.test(event)) return;
  // Properties an event cannot do without (any one of them).
  const need = /^Product [AR]/.test(event) ? 'product_id or sku' : /^Order/.test(event) ? 'order_id' : event == 'Products Searched' ? 'query' : /Step/.test(event) ? 'step' : '';
  const m = need && need.split(' or ').every((k) => p[k] == null) ? `${need} is required` : checkProps(p);
  return m && `${event}: ${m}`;
};
