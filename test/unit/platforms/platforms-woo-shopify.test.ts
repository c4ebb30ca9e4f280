/** Pure parts of the WooCommerce listener and the Shopify pixel: cart readings and diffs, id normalisation. */
import { expect, test } from 'vitest';
import { cartChanges, readWooCart } from '../../../src/platforms/wooCart';
import { bareId, mapShopifyEvent } from '../../../src/platforms/shopify/mapShopifyEvent';

const line = (key: string, id: number, quantity: number, price = '1800') => ({ key, id, name: `P${id}`, sku: `s${id}`, quantity, prices: { price, currency_code: 'EUR', currency_minor_unit: 2 } });

test('Store API cart: minor units, bad lines skipped, totals', () => {
  const cart = readWooCart({
    items: [line('a', 1, 2), line('b', 2, 0), { key: 'c', quantity: 1 }, line('d', 4, 1, '-5')],
    totals: { total_price: '3600', currency_code: 'EUR', currency_minor_unit: 2 },
    coupons: [{ code: 'spring' }],
  });
  expect([...cart.lines.values()]).toEqual([
    { product_id: '1', sku: 's1', name: 'P1', price: 18, currency: 'EUR', quantity: 2 },
    { product_id: '4', sku: 's4', name: 'P4', currency: 'EUR', quantity: 1 },
  ]);
  expect(cart.totals).toEqual({ value: 36, currency: 'EUR', coupon: 'spring' });
  expect(readWooCart('garbage').lines.size).toBe(0);
});

test('cart differences: increases, decreases, removed lines; none for an unchanged cart', () => {
  const before = readWooCart({ items: [line('a', 1, 2), line('b', 2, 1)] });
  const after = readWooCart({ items: [line('a', 1, 5), line('c', 3, 1)] });
  expect(cartChanges(before, after).map(([e, p]) => `${e} ${p.product_id} ×${p.quantity}`)).toEqual(['Product Added 1 ×3', 'Product Added 3 ×1', 'Product Removed 2 ×1']);
  expect(cartChanges(after, readWooCart({ items: [line('a', 1, 4), line('c', 3, 1)] })).map(([e, p]) => `${e} ${p.quantity}`)).toEqual(['Product Removed 1']);
  expect(cartChanges(after, after)).toEqual([]);
});

test('Shopify ids: GIDs to their number, cart ids without the key', () => {
  expect(bareId('gid://shopify/Order/5512345678901')).toBe('5512345678901');
  expect(bareId('gid://shopify/Cart/Z2NwLXVz?key=abc')).toBe('Z2NwLXVz');
  expect(bareId(450789469)).toBe('450789469');
  expect(bareId('')).toBeUndefined();
});

test('Shopify events we do not record, and garbage payloads, map to nothing or to empty properties', () => {
  expect(mapShopifyEvent('alert_displayed', {})).toBeUndefined();
  expect(mapShopifyEvent('product_viewed', null)).toEqual({ type: 'track', event: 'Product Viewed', properties: {} });
  expect(mapShopifyEvent('checkout_completed', { checkout: { order: { id: 'gid://shopify/Order/7' }, totalPrice: { amount: 'x' } } })?.properties).toEqual({ order_id: '7', products: [] });
});
