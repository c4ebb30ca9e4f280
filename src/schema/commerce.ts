/**
 * The commerce event properties (Segment V2 ecommerce, snake_case) as zod/mini schemas, for the
 * collector and for npm users who validate server-side. The browser core checks the very same
 * rules by hand (src/shop/checkCommerce.ts) so zod stays out of the script tag; a unit test
 * proves the two agree.
 */
import * as z from 'zod/mini';
import { isCurrency } from '../shop/checkCommerce';

const money = z.number().check(z.gte(0), z.refine((v) => v < Infinity));
const str = z.string().check(z.minLength(1), z.maxLength(500));
const intFrom = (min: number) => z.number().check(z.int(), z.gte(min));
const currency = z.string().check(z.refine(isCurrency, 'an ISO 4217 code'));

const fields = {
  price: z.optional(money), value: z.optional(money), revenue: z.optional(money), total: z.optional(money),
  subtotal: z.optional(money), shipping: z.optional(money), tax: z.optional(money), discount: z.optional(money),
  quantity: z.optional(intFrom(1)), step: z.optional(intFrom(1)),
  position: z.optional(z.union([z.string(), intFrom(0)])),
  currency: z.optional(currency),
  product_id: z.optional(str), sku: z.optional(str), name: z.optional(str), brand: z.optional(str),
  category: z.optional(str), variant: z.optional(str), cart_id: z.optional(str), order_id: z.optional(str),
  checkout_id: z.optional(str), query: z.optional(str), coupon: z.optional(str), list_id: z.optional(str),
  promotion_id: z.optional(str),
};

/** A product (also an item of `products`). */
export const ProductSchema = z.looseObject(fields);
/** Properties of any commerce event. */
export const CommercePropertiesSchema = z.looseObject({
  ...fields,
  products: z.optional(z.array(ProductSchema).check(z.maxLength(500))),
});

const need = (keys: string[]) =>
  CommercePropertiesSchema.check(z.refine((p) => keys.some((k) => p[k] != null), `${keys.join(' or ')} is required`));

/** Event name → properties schema. */
export const CommerceEventSchemas = {
  'Products Searched': need(['query']),
  'Product List Viewed': CommercePropertiesSchema,
  'Product Clicked': CommercePropertiesSchema,
  'Product Viewed': CommercePropertiesSchema,
  'Product Added': need(['product_id', 'sku']),
  'Product Removed': need(['product_id', 'sku']),
  'Cart Viewed': CommercePropertiesSchema,
  'Checkout Started': CommercePropertiesSchema,
  'Checkout Step Completed': need(['step']),
  'Order Completed': need(['order_id']),
  'Order Refunded': need(['order_id']),
  'Promotion Viewed': CommercePropertiesSchema,
  'Promotion Clicked': CommercePropertiesSchema,
} as const;
