/** Commerce checks: the hand-written checks and the zod schemas agree, case by case and on random input. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkCommerce, COMMERCE_EVENTS } from '../../../src/shop/checkCommerce';
import { CommerceEventSchemas } from '../../../src/schema/commerce';

const zodOk = (event: string, p: unknown) => CommerceEventSchemas[event as keyof typeof CommerceEventSchemas].safeParse(p).success;

const cases: [string, Record<string, unknown>, boolean][] = [
  ['Product Added', { product_id: 'p1', price: 10, quantity: 2, currency: 'VND' }, true],
  ['Product Added', { sku: 's1' }, true],
  ['Product Added', { price: 10 }, false],
  ['Product Added', { product_id: 'p1', price: -1 }, false],
  ['Product Added', { product_id: 'p1', quantity: 1.5 }, false],
  ['Product Added', { product_id: 'p1', quantity: 0 }, false],
  ['Product Added', { product_id: 'p1', currency: 'XYZ' }, false],
  ['Product Added', { product_id: 'p1', currency: 'vnd' }, false],
  ['Product Added', { product_id: 'p1', price: Infinity }, false],
  ['Product Added', { product_id: 'p1', price: '10' }, false],
  ['Product Added', { product_id: 7 }, false],
  ['Order Completed', { order_id: 'o1', revenue: 5, products: [{ product_id: 'a', price: 1 }] }, true],
  ['Order Completed', { order_id: 'o1', products: [{ product_id: 'a', price: -1 }] }, false],
  ['Order Completed', { order_id: 'o1', products: 'a' }, false],
  ['Order Completed', { revenue: 5 }, false],
  ['Checkout Step Completed', { step: 2 }, true],
  ['Checkout Step Completed', { step: 0 }, false],
  ['Products Searched', { query: 'tea' }, true],
  ['Promotion Viewed', { promotion_id: 'x', position: 'top' }, true],
  ['Product List Viewed', { products: [{ position: 1 }, { position: -1 }] }, false],
  ['Cart Viewed', { value: 0, custom: { any: 1 } }, true],
];

describe('checkCommerce', () => {
  test.each(cases)('%s %j → %s', (event, p, ok) => {
    expect(checkCommerce(event, p) === undefined).toBe(ok);
    expect(zodOk(event, p)).toBe(ok);
  });
  test('messages name the event and the property', () => {
    expect(checkCommerce('Product Added', { product_id: 'p', price: -5 })).toBe('Product Added: price must be a number ≥ 0 (got -5)');
    expect(checkCommerce('Order Completed', { order_id: 'o', products: [{ quantity: 2.5 }] })).toMatch(/products\[0\]\.quantity/);
    expect(checkCommerce('Something Else', { price: -5 })).toBeUndefined();
  });
  test('agrees with the zod schemas on random properties', () => {
    const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -2, max: 2 }), fc.constantFrom('VND', 'EUR', 'XYZ', '', 'a', 'tea'), fc.constant(null));
    const keys = fc.constantFrom('price', 'quantity', 'position', 'currency', 'product_id', 'order_id', 'step', 'query', 'note', 'value');
    const props = fc.dictionary(keys, value);
    fc.assert(
      fc.property(fc.constantFrom(...COMMERCE_EVENTS), props, fc.option(fc.array(props, { maxLength: 3 })), (event, p, products) => {
        const all = products ? { ...p, products } : p;
        expect(checkCommerce(event, all) === undefined).toBe(zodOk(event, all));
      }),
      { numRuns: 2000 },
    );
  });
});
