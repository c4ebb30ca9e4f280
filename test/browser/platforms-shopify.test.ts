/**
 * The Shopify custom pixel (dist/shopify-pixel.js, endpoint filled by scripts/shopify-pixel.mjs)
 * in real Chromium, inside an `<iframe sandbox="allow-scripts">` (an opaque origin: no cookies, no
 * localStorage, no IndexedDB — as in Shopify's sandbox) against a stand-in of the documented
 * standard API: `analytics.subscribe`, async `browser.localStorage` answered by the top frame
 * (as Shopify's is), `init` with `customerPrivacy` and the cart, and
 * `customerPrivacy.subscribe('visitorConsentCollected')`, fed with the documented payload shapes.
 */
import { expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitFor } from '../support/browser';
import { useChromium } from '../support/useChromium';
import type { TestServer } from '../support/server';
import { shopifyPixel } from '../../scripts/shopify-pixel.mjs';

let browser: Browser;
let server: TestServer;
let context: BrowserContext | undefined;
useChromium((b, s) => ((browser = b), (server = s)), () => context);

// The top frame: owns the storage the sandbox reaches through browser.localStorage, and mounts
// the pixel's frame (a new one per storefront page, as Shopify does).
const HOST = `<!doctype html><html><head><title>Storefront</title></head><body><script>
  var store = new Map();
  window.storeDump = function () { return Object.fromEntries(store); };
  addEventListener('message', function (m) {
    var d = m.data;
    if (!d || d.tp !== 'storage') return;
    if (d.op === 'set') store.set(d.key, d.value);
    m.source.postMessage({ tp: 'storage-reply', id: d.id, value: d.op === 'get' ? (store.has(d.key) ? store.get(d.key) : null) : undefined }, '*');
  });
  window.mountPixel = function (srcdoc) {
    var old = document.querySelector('iframe');
    if (old) old.remove();
    var f = document.createElement('iframe');
    f.setAttribute('sandbox', 'allow-scripts');
    f.srcdoc = srcdoc;
    document.body.append(f);
  };
  addEventListener('message', function (m) { if (m.data && m.data.tp === 'ready') window.readyRun = m.data.run; });
  window.toPixel = function (msg) { document.querySelector('iframe').contentWindow.postMessage(msg, '*'); };
</script></body></html>`;

const CONTEXT = {
  document: { location: { href: 'https://tea.example/products/green-tea?variant=4001', pathname: '/products/green-tea', search: '?variant=4001' }, title: 'Green tea', referrer: 'https://tea.example/' },
  navigator: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0', language: 'vi-VN' },
};
const CART_ID = 'Z2NwLXVzLWVhc3QxOjAxSjAwMDAwMDA?key=5c1b8f';

/** The sandbox's standard API stand-in, then the pixel, then a driver taking commands by postMessage. */
const sandbox = (run: string, analyticsProcessingAllowed: boolean, pixel: string) => `<!doctype html><script>
(function () {
  var subs = {}, privacy = [], waiting = {}, seq = 0, n = 0;
  addEventListener('message', function (m) {
    var d = m.data || {};
    if (d.tp === 'storage-reply' && waiting[d.id]) { waiting[d.id](d.value); delete waiting[d.id]; }
    if (d.tp === 'publish') publish(d.name, d.data);
    if (d.tp === 'consent') privacy.forEach(function (cb) { cb({ customerPrivacy: { analyticsProcessingAllowed: d.allowed, marketingAllowed: false, preferencesProcessingAllowed: false, saleOfDataAllowed: false } }); });
  });
  function top(op, key, value) { return new Promise(function (ok) { var id = ++seq; waiting[id] = ok; parent.postMessage({ tp: 'storage', op: op, id: id, key: key, value: value }, '*'); }); }
  function publish(name, data) {
    var ev = { id: 'sh-${run}-' + ++n, clientId: 'client-7f3a', name: name, type: 'standard', timestamp: new Date().toISOString(), context: ${JSON.stringify(CONTEXT)}, data: data };
    (subs[name] || []).concat(subs.all_standard_events || [], subs.all_events || []).forEach(function (cb) { cb(ev); });
  }
  window.analytics = { subscribe: function (name, cb) { (subs[name] = subs[name] || []).push(cb); return Promise.resolve(); } };
  window.browser = { localStorage: { getItem: function (k) { return top('get', k); }, setItem: function (k, v) { return top('set', k, v).then(function () {}); } } };
  window.init = { customerPrivacy: { analyticsProcessingAllowed: ${analyticsProcessingAllowed}, marketingAllowed: false, preferencesProcessingAllowed: false, saleOfDataAllowed: false }, data: { cart: { id: '${CART_ID}' }, customer: null }, context: ${JSON.stringify(CONTEXT)} };
  window.customerPrivacy = { subscribe: function (name, cb) { if (name === 'visitorConsentCollected') privacy.push(cb); return Promise.resolve(); } };
})();
</script><script>${pixel}</script><script>parent.postMessage({ tp: 'ready', run: '${run}' }, '*');</script>`;

const VARIANT = {
  id: 'gid://shopify/ProductVariant/4001',
  image: { src: '//cdn.shopify.com/s/files/green-tea.jpg' },
  price: { amount: 120000, currencyCode: 'VND' },
  product: { id: 'gid://shopify/Product/3001', title: 'Green tea', untranslatedTitle: 'Green tea', vendor: 'Tea House', type: 'Tea', url: '/products/green-tea' },
  sku: 'TEA-500',
  title: '500 g',
  untranslatedTitle: '500 g',
};
const LINE = { cost: { totalAmount: { amount: 240000, currencyCode: 'VND' } }, merchandise: VARIANT, quantity: 2 };
const CHECKOUT = {
  token: 'b1946ac92492d2347c6235b4d2611184',
  currencyCode: 'VND',
  totalPrice: { amount: 240000, currencyCode: 'VND' },
  subtotalPrice: { amount: 240000, currencyCode: 'VND' },
  totalTax: { amount: 0, currencyCode: 'VND' },
  discountsAmount: { amount: 30000, currencyCode: 'VND' },
  discountApplications: [{ title: 'TET2026', type: 'DISCOUNT_CODE', value: { amount: 30000, currencyCode: 'VND' } }],
  shippingLine: { price: { amount: 30000, currencyCode: 'VND' } },
  delivery: { selectedDeliveryOptions: [{ title: 'Giao hàng nhanh', type: 'shipping' }] },
  lineItems: [{ id: 'gid://shopify/CheckoutLineItem/1', quantity: 2, title: 'Green tea', variant: VARIANT, discountAllocations: [] }],
  order: null,
  transactions: [],
};

let run = 0;
const openHost = async (): Promise<Page> => {
  context = await browser.newContext();
  server.page('/shopify/host.html', HOST);
  const p = await context.newPage();
  await p.goto(`${server.url}/shopify/host.html`);
  return p;
};
/** Mount a fresh pixel frame (a storefront page) and wait until it listens. */
const mount = async (p: Page, allowed: boolean) => {
  const pixel = shopifyPixel({ endpoint: server.url, writeKey: 'wk-shop' });
  const id = String(++run);
  await p.evaluate((doc) => (window as any).mountPixel(doc), sandbox(id, allowed, pixel));
  // The frame says so once the pixel has run (it has subscribed).
  await p.waitForFunction((id) => (window as any).readyRun === id, id);
};
const publish = (p: Page, name: string, data: unknown) => p.evaluate(([name, data]) => (window as any).toPixel({ tp: 'publish', name, data }), [name, data] as const);
const consent = (p: Page, allowed: boolean) => p.evaluate((allowed) => (window as any).toPixel({ tp: 'consent', allowed }), allowed);
const tracked = () => server.events().filter((e) => e.type === 'track');

test('every standard event is mapped and delivered from the sandbox: no cookies, keepalive text/plain, ids the webhook shares', async () => {
  const p = await openHost();
  await mount(p, true);
  await publish(p, 'page_viewed', {});
  await publish(p, 'product_viewed', { productVariant: VARIANT });
  await publish(p, 'collection_viewed', { collection: { id: 'gid://shopify/Collection/77', title: 'Teas', productVariants: [VARIANT] } });
  await publish(p, 'search_submitted', { searchResult: { query: 'trà xanh', productVariants: [VARIANT] } });
  await publish(p, 'product_added_to_cart', { cartLine: LINE });
  await publish(p, 'product_removed_from_cart', { cartLine: { ...LINE, quantity: 1 } });
  await publish(p, 'cart_viewed', { cart: { id: CART_ID, cost: { totalAmount: { amount: 240000, currencyCode: 'VND' } }, lines: [LINE], totalQuantity: 2 } });
  await publish(p, 'checkout_started', { checkout: CHECKOUT });
  await publish(p, 'checkout_contact_info_submitted', { checkout: CHECKOUT });
  await publish(p, 'checkout_address_info_submitted', { checkout: CHECKOUT });
  await publish(p, 'checkout_shipping_info_submitted', { checkout: CHECKOUT });
  await publish(p, 'payment_info_submitted', { checkout: { ...CHECKOUT, transactions: [{ gateway: 'cod', amount: { amount: 270000, currencyCode: 'VND' } }] } });
  await publish(p, 'checkout_completed', { checkout: { ...CHECKOUT, order: { id: 'gid://shopify/OrderIdentity/5512345678901' } } });
  await waitFor(() => tracked().some((e) => e.event === 'Order Completed'));
  await waitFor(() => server.events().length >= 13);
  const events = server.events();
  expect(events.map((e) => e.event ?? e.type)).toEqual([
    'page', 'Product Viewed', 'Product List Viewed', 'Products Searched', 'Product Added', 'Product Removed', 'Cart Viewed',
    'Checkout Started', 'Checkout Step Completed', 'Checkout Step Completed', 'Checkout Step Completed', 'Payment Info Entered', 'Order Completed',
  ]);
  const by = (name: string) => events.find((e) => e.event === name);
  const tea = { product_id: '3001', variant: '4001', sku: 'TEA-500', name: 'Green tea', brand: 'Tea House', category: 'Tea', price: 120000, currency: 'VND', url: '/products/green-tea', image_url: '//cdn.shopify.com/s/files/green-tea.jpg' };
  expect(by('Product Viewed').properties).toEqual(tea);
  expect(by('Product Added').properties).toEqual({ ...tea, quantity: 2, cart_id: 'Z2NwLXVzLWVhc3QxOjAxSjAwMDAwMDA' });
  expect(by('Products Searched').properties).toEqual({ query: 'trà xanh' });
  expect(by('Cart Viewed').properties).toMatchObject({ cart_id: 'Z2NwLXVzLWVhc3QxOjAxSjAwMDAwMDA', value: 240000, currency: 'VND', products: [{ ...tea, quantity: 2 }] });
  expect(events.filter((e) => e.event === 'Checkout Step Completed').map((e) => [e.properties.step, e.properties.shipping_method])).toEqual([[1, undefined], [2, undefined], [3, 'Giao hàng nhanh']]);
  expect(by('Payment Info Entered').properties).toEqual({ checkout_id: CHECKOUT.token, step: 4, payment_method: 'cod' });
  expect(by('Order Completed').properties).toEqual({
    order_id: '5512345678901', checkout_id: CHECKOUT.token, cart_id: 'Z2NwLXVzLWVhc3QxOjAxSjAwMDAwMDA', value: 240000, revenue: 240000, currency: 'VND',
    coupon: 'TET2026', tax: 0, shipping: 30000, discount: 30000, products: [{ ...tea, quantity: 2 }],
  });
  expect(events[0]).toMatchObject({ type: 'page', anonymousId: 'client-7f3a', properties: { path: '/products/green-tea', title: 'Green tea' } });
  expect(events.every((e) => /^shopify:sh-\d+-\d+$/.test(e.messageId))).toBe(true);
  expect(events[0].context).toMatchObject({ library: { name: 'touchpoint-shopify-pixel' }, locale: 'vi-VN', channel: 'web', page: { url: CONTEXT.document.location.href } });
  for (const r of server.requests) {
    expect(r.headers.origin).toBe('null'); // the sandbox's opaque origin
    expect(r.headers.cookie).toBeUndefined();
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.json.writeKey).toBe('wk-shop');
  }
});

test('consent: events wait in memory until visitorConsentCollected allows analytics; a refusal drops them', async () => {
  const p = await openHost();
  await mount(p, false);
  await publish(p, 'product_viewed', { productVariant: VARIANT });
  await consent(p, true);
  await waitFor(() => tracked().some((e) => e.event === 'Product Viewed'));
  expect(tracked().map((e) => e.event)).toEqual(['Product Viewed']);

  server.reset();
  server.page('/shopify/host.html', HOST);
  await mount(p, false);
  await publish(p, 'product_viewed', { productVariant: VARIANT }); // held
  await consent(p, false); // refused: dropped
  await publish(p, 'product_added_to_cart', { cartLine: LINE }); // not even held
  await consent(p, true);
  await publish(p, 'cart_viewed', { cart: { id: CART_ID, lines: [], cost: { totalAmount: { amount: 0, currencyCode: 'VND' } } } });
  await waitFor(() => tracked().some((e) => e.event === 'Cart Viewed'));
  // FIFO delivery: anything kept from before would have arrived no later than Cart Viewed.
  expect(tracked().map((e) => e.event)).toEqual(['Cart Viewed']);
  // Nothing was written to storage while consent was not given.
  const stored = await p.evaluate(() => (window as any).storeDump());
  expect(JSON.stringify(stored)).not.toMatch(/Product Viewed|Product Added/);
});

test('events a page could not deliver are kept in browser.localStorage and sent by the next page, once', async () => {
  const p = await openHost();
  server.respond(() => ({ status: 503 }));
  await mount(p, true);
  await publish(p, 'product_added_to_cart', { cartLine: LINE });
  await waitFor(async () => JSON.stringify(await p.evaluate(() => (window as any).storeDump())).includes('Product Added'));
  await waitFor(() => server.requests.length >= 1);
  // The shopper moves on (the frame is replaced), then the collector comes back.
  await mount(p, true);
  server.respond(null);
  await publish(p, 'cart_viewed', { cart: { id: CART_ID, lines: [LINE], cost: { totalAmount: { amount: 240000, currencyCode: 'VND' } } } });
  await waitFor(() => tracked().some((e) => e.event === 'Product Added') && tracked().some((e) => e.event === 'Cart Viewed'));
  const ok = server.requests.filter((r) => r.status === 200).flatMap((r) => r.json.batch);
  expect(ok.map((e: any) => e.event)).toEqual(['Product Added', 'Cart Viewed']);
  // The delivered Product Added is the one page 1 captured (its id), not a new one.
  const first = server.requests.find((r) => r.status === 503)!.json.batch[0];
  expect(ok[0].messageId).toBe(first.messageId);
});
