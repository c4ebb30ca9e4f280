/**
 * Order webhooks at the collector, with real HMAC-SHA256 signatures computed here: Shopify
 * `orders/create`, WooCommerce `order.created`, Haravan `orders/create`.
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Collector } from '../../src/collector';
import { rows, tempCollector } from './collector-fixtures';

const SECRETS = { shopify: 'shpss_test_secret', woocommerce: 'wc-secret-42', haravan: 'hrv-secret', sapo: 'sapo-secret' };
const cleanups: (() => Promise<void>)[] = [];
const make = () => {
  const t = tempCollector({ webhooks: SECRETS });
  cleanups.push(t.cleanup);
  return t.collector;
};
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const sign = (body: string | Buffer, secret: string) => createHmac('sha256', secret).update(body).digest('base64');
const hook = (c: Collector, platform: string, body: string, headers: Record<string, string>) =>
  c(new Request(`http://127.0.0.1/v1/webhooks/${platform}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }));

/** A Shopify REST order as `orders/create` sends it (abridged to the fields read). */
const shopifyBody = JSON.stringify({
  id: 5512345678901,
  admin_graphql_api_id: 'gid://shopify/Order/5512345678901',
  name: '#1001',
  created_at: '2026-11-22T17:03:00+07:00',
  currency: 'VND',
  total_price: '450000.00',
  total_tax: '0.00',
  total_discounts: '50000.00',
  financial_status: 'paid',
  cart_token: 'c1-7e1d9a',
  checkout_token: 'b1946ac92492d2347c6235b4d2611184',
  discount_codes: [{ code: 'TET2026', amount: '50000.00', type: 'fixed_amount' }],
  total_shipping_price_set: { shop_money: { amount: '30000.00', currency_code: 'VND' } },
  line_items: [
    { id: 1, product_id: 632910392, variant_id: 808950810, title: 'Áo dài lụa', price: '235000.00', quantity: 2, sku: 'AD-01', vendor: 'Lụa Hà Đông' },
  ],
});

describe('Shopify orders/create', () => {
  const headers = (body: string, secret = SECRETS.shopify) => ({ 'x-shopify-hmac-sha256': sign(body, secret), 'x-shopify-topic': 'orders/create' });

  test('a signed order is stored as a server Order Completed with the ids the report joins on', async () => {
    const c = make();
    const res = await hook(c, 'shopify', shopifyBody, headers(shopifyBody));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, accepted: 1, duplicates: 0 });
    const [row, ...more] = await rows(c);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ event: 'Order Completed', messageId: 'order:shopify:5512345678901', anonymousId: 'server:shopify', journeyStage: 'purchase', tzOffsetMinutes: 420 });
    expect(JSON.parse(row!.json).properties).toEqual({
      source: 'server',
      platform: 'shopify',
      order_id: '5512345678901',
      cart_id: 'c1-7e1d9a',
      checkout_id: 'b1946ac92492d2347c6235b4d2611184',
      value: 450000,
      revenue: 450000,
      currency: 'VND',
      tax: 0,
      shipping: 30000,
      discount: 50000,
      coupon: 'TET2026',
      status: 'paid',
      products: [{ product_id: '632910392', variant: '808950810', sku: 'AD-01', name: 'Áo dài lụa', brand: 'Lụa Hà Đông', price: 235000, quantity: 2 }],
    });
  });

  test('a retried webhook is a duplicate, not a second order', async () => {
    const c = make();
    await hook(c, 'shopify', shopifyBody, headers(shopifyBody));
    const again = await hook(c, 'shopify', shopifyBody, headers(shopifyBody));
    expect(await again.json()).toEqual({ ok: true, accepted: 0, duplicates: 1 });
    expect(await rows(c)).toHaveLength(1);
  });

  test('a wrong, missing or stale signature answers 401 and stores nothing', async () => {
    const c = make();
    const wrong = await hook(c, 'shopify', shopifyBody, headers(shopifyBody, 'another-secret'));
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    const missing = await hook(c, 'shopify', shopifyBody, { 'x-shopify-topic': 'orders/create' });
    expect(missing.status).toBe(401);
    // Signed body, then one byte changed in transit (the total).
    const tampered = shopifyBody.replace('450000.00', '950000.00');
    expect((await hook(c, 'shopify', tampered, headers(shopifyBody))).status).toBe(401);
    // A hex digest (another platform's habit) is not Shopify's base64.
    const hex = createHmac('sha256', SECRETS.shopify).update(shopifyBody).digest('hex');
    expect((await hook(c, 'shopify', shopifyBody, { 'x-shopify-hmac-sha256': hex })).status).toBe(401);
    expect(await rows(c)).toHaveLength(0);
  });

  test('the signature covers the raw bytes: a body with a BOM and non-ASCII text verifies as sent', async () => {
    const c = make();
    const raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(shopifyBody)]);
    const res = await c(
      new Request('http://127.0.0.1/v1/webhooks/shopify', { method: 'POST', headers: { 'x-shopify-hmac-sha256': sign(raw, SECRETS.shopify) }, body: raw }),
    );
    // Verified (not 401); the BOM makes it unreadable JSON, which is acknowledged and ignored.
    expect(res.status).toBe(200);
  });

  test('other topics are acknowledged and not stored; an unconfigured platform is 404', async () => {
    const c = make();
    const body = JSON.stringify({ id: 1 });
    const res = await hook(c, 'shopify', body, { 'x-shopify-hmac-sha256': sign(body, SECRETS.shopify), 'x-shopify-topic': 'products/update' });
    expect(await res.json()).toMatchObject({ ok: true, ignored: 'topic products/update' });
    expect((await hook(c, 'bigcommerce', body, {})).status).toBe(404);
    expect(await rows(c)).toHaveLength(0);
  });
});

describe('WooCommerce order.created', () => {
  const body = JSON.stringify({
    id: 727,
    status: 'processing',
    currency: 'eur',
    date_created: '2026-11-22T11:03:00',
    date_created_gmt: '2026-11-22T10:03:00',
    discount_total: '0.00',
    shipping_total: '4.90',
    total: '33.80',
    total_tax: '5.40',
    line_items: [{ id: 315, name: 'Woo Album #4', product_id: 96, variation_id: 0, quantity: 2, sku: 'WA4', price: 14.45 }],
    coupon_lines: [],
  });

  test('a signed order is stored with the order id, money and products', async () => {
    const c = make();
    const res = await hook(c, 'woocommerce', body, { 'x-wc-webhook-signature': sign(body, SECRETS.woocommerce), 'x-wc-webhook-topic': 'order.created' });
    expect(res.status).toBe(200);
    const [row] = await rows(c);
    expect(row!.messageId).toBe('order:woocommerce:727');
    expect(new Date(row!.timestamp).toISOString()).toBe('2026-11-22T10:03:00.000Z');
    expect(JSON.parse(row!.json).properties).toMatchObject({
      source: 'server',
      order_id: '727',
      value: 33.8,
      currency: 'EUR',
      tax: 5.4,
      shipping: 4.9,
      status: 'processing',
      products: [{ product_id: '96', sku: 'WA4', name: 'Woo Album #4', price: 14.45, quantity: 2 }],
    });
  });

  test('the ping WooCommerce sends when a webhook is saved is acknowledged; an unsigned one is refused', async () => {
    const c = make();
    const ping = 'webhook_id=12';
    expect(await (await hook(c, 'woocommerce', ping, { 'x-wc-webhook-signature': sign(ping, SECRETS.woocommerce) })).json()).toMatchObject({ ok: true, ignored: 'not an order' });
    expect((await hook(c, 'woocommerce', body, { 'x-wc-webhook-topic': 'order.created' })).status).toBe(401);
    expect(await rows(c)).toHaveLength(0);
  });
});

describe('Haravan orders/create', () => {
  const body = JSON.stringify({
    id: 1004875331,
    created_at: '2026-11-22T09:15:00.000Z',
    currency: 'VND',
    total_price: 289000,
    cart_token: 'hrv-cart-55',
    checkout_token: 'hrv-co-91',
    line_items: [{ product_id: 1017395032, variant_id: 1036986735, title: 'Cà phê Buôn Ma Thuột', price: 129500, quantity: 2 }],
  });

  test('a signed order (X-Haravan-Hmacsha256) is stored; a wrong signature is 401', async () => {
    const c = make();
    expect((await hook(c, 'haravan', body, { 'x-haravan-hmacsha256': sign(body, 'not-it'), 'x-haravan-topic': 'orders/create' })).status).toBe(401);
    const res = await hook(c, 'haravan', body, { 'x-haravan-hmacsha256': sign(body, SECRETS.haravan), 'x-haravan-topic': 'orders/create' });
    expect(res.status).toBe(200);
    const [row, ...more] = await rows(c);
    expect(more).toHaveLength(0);
    expect(row!.messageId).toBe('order:haravan:1004875331');
    expect(JSON.parse(row!.json).properties).toMatchObject({ source: 'server', cart_id: 'hrv-cart-55', checkout_id: 'hrv-co-91', value: 289000, currency: 'VND' });
  });
});

describe('Sapo orders/create', () => {
  test('a signed order (X-Sapo-Hmac-Sha256) is stored once; an unsigned one is 401', async () => {
    const c = make();
    const body = JSON.stringify({ id: 30551234, created_at: '2026-11-22T16:40:00+07:00', currency: 'VND', total_price: 150000, checkout_token: 'sapo-co-1', line_items: [{ product_id: 77, title: 'Sổ tay', price: 75000, quantity: 2 }] });
    expect((await hook(c, 'sapo', body, { 'x-sapo-topic': 'orders/create' })).status).toBe(401);
    const headers = { 'x-sapo-hmac-sha256': sign(body, SECRETS.sapo), 'x-sapo-topic': 'orders/create' };
    expect(await (await hook(c, 'sapo', body, headers)).json()).toEqual({ ok: true, accepted: 1, duplicates: 0 });
    expect(await (await hook(c, 'sapo', body, headers)).json()).toEqual({ ok: true, accepted: 0, duplicates: 1 });
    const [row, ...more] = await rows(c);
    expect(more).toHaveLength(0);
    expect(row!.messageId).toBe('order:sapo:30551234');
    expect(JSON.parse(row!.json).properties).toMatchObject({ source: 'server', platform: 'sapo', checkout_id: 'sapo-co-1', value: 150000, products: [{ product_id: '77', name: 'Sổ tay', price: 75000, quantity: 2 }] });
  });
});
