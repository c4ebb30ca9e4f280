/**
 * The WooCommerce listener in real Chromium against a fixture shop that behaves like WooCommerce:
 * classic `added_to_cart` / `removed_from_cart` / `updated_checkout` / `checkout_error` triggered
 * on `document.body` through jQuery with WooCommerce's arguments, the Blocks' `wc-blocks_*` DOM
 * events (which carry no product), and the Store API cart the fixture serves at
 * `/wp-json/wc/store/v1/cart`. jQuery is not installed offline: a small stand-in with jQuery's
 * `on`/`off`/`trigger(name, args)` semantics plays it.
 */
import { expect, test } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { waitFor } from '../support/browser';
import { useChromium } from '../support/useChromium';
import type { TestServer } from '../support/server';
import { scriptTag } from './shop/shop-pages';

let browser: Browser;
let server: TestServer;
let context: BrowserContext | undefined;
useChromium((b, s) => ((browser = b), (server = s)), () => context);

const CART = '/wp-json/wc/store/v1/cart';
const JQUERY = `<script>
  window.jQuery = function (el) {
    var reg = (el.__handlers = el.__handlers || {});
    var api = { 0: el, length: 1 };
    api.on = function (names, fn) { names.split(' ').forEach(function (n) { (reg[n] = reg[n] || []).push(fn); }); return api; };
    api.off = function (names, fn) { names.split(' ').forEach(function (n) { reg[n] = (reg[n] || []).filter(function (f) { return f !== fn; }); }); return api; };
    api.trigger = function (name, args) { var e = { type: name, target: el }; (reg[name] || []).slice().forEach(function (fn) { fn.apply(el, [e].concat(args || [])); }); return api; };
    return api;
  };
</script>`;
const LOOP = `<ul class="products">
  <li class="product"><h2 class="woocommerce-loop-product__title">Beanie</h2>
    <a href="?add-to-cart=15" id="beanie" data-quantity="2" class="button add_to_cart_button ajax_add_to_cart" data-product_id="15" data-product_sku="woo-beanie">Add to cart</a></li>
</ul>
<div class="widget_shopping_cart_content"><a href="#" id="remove-beanie" class="remove remove_from_cart_button" data-product_id="15" data-cart_item_key="k15" data-product_sku="woo-beanie">×</a></div>`;

/** A Store API cart body (prices in minor units, as the Store API sends them). */
const cart = (lines: { key: string; id: number; name: string; sku: string; price: string; quantity: number }[], total = '0', coupon?: string) =>
  JSON.stringify({
    items: lines.map((l) => ({ key: l.key, id: l.id, name: l.name, sku: l.sku, quantity: l.quantity, prices: { price: l.price, currency_code: 'USD', currency_minor_unit: 2 } })),
    coupons: coupon ? [{ code: coupon }] : [],
    totals: { total_price: total, currency_code: 'USD', currency_minor_unit: 2 },
  });
const beanie = (quantity: number) => ({ key: 'k15', id: 15, name: 'Beanie', sku: 'woo-beanie', price: '1800', quantity });

const page = (body: string, attrs = 'data-woocommerce') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Woo</title>${JQUERY}${scriptTag(server.url, `data-page-views="false" ${attrs}`)}</head><body>${body}</body></html>`;
const open = async (path: string) => {
  context ??= await browser.newContext();
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(`${server.url}${path}`);
  // The listener has taken its first reading of the cart.
  await p.waitForFunction(() => sessionStorage.getItem('touchpoint-woocart') !== null);
  return Object.assign(p, { errors });
};
const tracked = () => server.events().filter((e) => e.type === 'track');

test('classic added_to_cart, also re-emitted as wc-blocks_added_to_cart, is one Product Added with the Store API line; removed_from_cart too', async () => {
  context = await browser.newContext();
  server.page('/shop/', page(LOOP));
  server.page(CART, cart([]));
  const p = await open('/shop/');
  server.page(CART, cart([beanie(2)], '3600'));
  await p.evaluate(() => {
    const $ = (window as any).jQuery;
    $(document.body).trigger('added_to_cart', [{ 'div.widget_shopping_cart_content': '<div></div>' }, 'hash1', $(document.getElementById('beanie'))]);
    // WooCommerce translates the jQuery event for the Blocks (legacy-events), with no product in it.
    document.body.dispatchEvent(new CustomEvent('wc-blocks_added_to_cart', { bubbles: true, detail: { preserveCartData: false } }));
  });
  await waitFor(() => tracked().some((e) => e.event === 'Product Added'));
  server.page(CART, cart([beanie(1)], '1800'));
  await p.evaluate(() => {
    const $ = (window as any).jQuery;
    $(document.body).trigger('removed_from_cart', [{}, 'hash2', $(document.getElementById('remove-beanie'))]);
  });
  await waitFor(() => tracked().some((e) => e.event === 'Product Removed'));
  await p.evaluate(() => (window as any).touchpoint.flush());
  expect(tracked().map((e) => [e.event, e.properties])).toEqual([
    ['Product Added', { product_id: '15', sku: 'woo-beanie', name: 'Beanie', price: 18, currency: 'USD', quantity: 2 }],
    ['Product Removed', { product_id: '15', sku: 'woo-beanie', name: 'Beanie', price: 18, currency: 'USD', quantity: 1 }],
  ]);
  expect(p.errors).toEqual([]);
});

test('a Blocks add (wc-blocks_added_to_cart, no product in the event) is read from the cart; a form-post add shows up on the next page', async () => {
  context = await browser.newContext();
  server.page('/shop/', page(LOOP));
  server.page(CART, cart([]));
  const p = await open('/shop/');
  server.page(CART, cart([beanie(1)], '1800'));
  await p.evaluate(() => document.body.dispatchEvent(new CustomEvent('wc-blocks_added_to_cart', { bubbles: true, detail: { preserveCartData: false } })));
  await waitFor(() => tracked().some((e) => e.event === 'Product Added'));
  // A classic single-product page posts its form: the cart changes with no event at all.
  server.page(CART, cart([beanie(1), { key: 'k22', id: 22, name: 'Hoodie', sku: 'woo-hoodie', price: '4500', quantity: 1 }], '6300'));
  server.page('/shop/next/', page('<p>cart</p>'));
  await p.goto(`${server.url}/shop/next/`);
  await waitFor(() => tracked().filter((e) => e.event === 'Product Added').length >= 2);
  await p.evaluate(() => (window as any).touchpoint.flush());
  expect(tracked().map((e) => `${e.event} ${e.properties.product_id} ×${e.properties.quantity}`)).toEqual(['Product Added 15 ×1', 'Product Added 22 ×1']);
});

test('checkout: first updated_checkout is Checkout Started, a new shipping method a step, checkout_error Checkout Failed', async () => {
  context = await browser.newContext();
  const form = `<form class="checkout"><ul id="shipping_method">
    <li><input type="radio" class="shipping_method" name="shipping_method[0]" value="flat_rate:1" checked></li>
    <li><input type="radio" class="shipping_method" name="shipping_method[0]" value="local_pickup:2"></li></ul></form>`;
  server.page('/checkout/', page(form));
  server.page(CART, cart([beanie(2)], '4100', 'spring'));
  const p = await open('/checkout/');
  await p.evaluate(() => {
    const $ = (window as any).jQuery;
    $(document.body).trigger('updated_checkout', [{ fragments: {} }]);
    $(document.body).trigger('updated_checkout', [{ fragments: {} }]);
  });
  await waitFor(() => tracked().some((e) => e.event === 'Checkout Started'));
  await p.evaluate(() => {
    const $ = (window as any).jQuery;
    (document.querySelector('input[value="local_pickup:2"]') as HTMLInputElement).checked = true;
    $(document.body).trigger('updated_checkout', [{ fragments: {} }]);
    $(document.body).trigger('checkout_error', ['<ul class="woocommerce-error" role="alert"><li><strong>Billing Phone</strong> is a required field.</li></ul>']);
  });
  await waitFor(() => tracked().some((e) => e.event === 'Checkout Failed'));
  await p.evaluate(() => (window as any).touchpoint.flush());
  expect(tracked().map((e) => [e.event, e.properties])).toEqual([
    ['Checkout Started', { value: 41, currency: 'USD', coupon: 'spring', products: [{ product_id: '15', sku: 'woo-beanie', name: 'Beanie', price: 18, currency: 'USD', quantity: 2 }] }],
    ['Checkout Step Completed', { step: 3, shipping_method: 'local_pickup:2' }],
    ['Checkout Failed', { error: 'Billing Phone is a required field.' }],
  ]);
});

test('without the Store API, a classic add is recorded from its button', async () => {
  context = await browser.newContext();
  server.page('/shop/', page(LOOP));
  // No cart route: the Store API answers 404.
  const p = await context.newPage();
  await p.goto(`${server.url}/shop/`);
  await p.waitForFunction(() => [...document.scripts].some((s) => s.src.includes('touchpoint.woocommerce.js')) && (window as any).touchpointWoocommerce);
  await p.evaluate(() => {
    const $ = (window as any).jQuery;
    $(document.body).trigger('added_to_cart', [{}, 'hash1', $(document.getElementById('beanie'))]);
  });
  await waitFor(() => tracked().some((e) => e.event === 'Product Added'));
  await p.evaluate(() => (window as any).touchpoint.flush());
  expect(tracked().map((e) => [e.event, e.properties])).toEqual([['Product Added', { product_id: '15', quantity: 2, sku: 'woo-beanie' }]]);
});
