/**
 * The GA4 data-layer listener, Consent Mode v2 and TCF v2.2 in real Chromium, through the script
 * tag: pages instrumented only with dataLayer pushes / gtag calls (as a GTM shop is), a GTM-like
 * wrapper of push, a thank-you page reloaded, and real-shaped consent APIs.
 */
import { expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitFor } from '../support/browser';
import { useChromium } from '../support/useChromium';
import type { TestServer } from '../support/server';
import { scriptTag } from './shop/shop-pages';

let browser: Browser;
let server: TestServer;
let context: BrowserContext | undefined;
useChromium((b, s) => ((browser = b), (server = s)), () => context);

const html = (head: string, attrs: string, body = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>GA4 shop</title>${head}${scriptTag(server.url, `data-page-views="false" ${attrs}`)}</head><body>${body}</body></html>`;

/** Open `path` in a fresh context (useChromium closes it after each test). */
const open = async (path: string) => {
  context = await browser.newContext();
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(`${server.url}${path}`);
  await p.waitForFunction(() => typeof (window as any).touchpoint?.flush === 'function');
  return Object.assign(p, { errors });
};
const flush = (p: Page) => p.evaluate(() => (window as any).touchpoint.flush());
const tracked = () => server.events().filter((e) => e.type === 'track');

// A GTM-like container: wraps push after the page set it up and records what it saw.
const GTM = `<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  window.gtmSaw = [];
  var gtmPush = dataLayer.push;
  dataLayer.push = function () { for (var i = 0; i < arguments.length; i++) gtmSaw.push(arguments[i]); return gtmPush.apply(dataLayer, arguments); };
  dataLayer.push({ event: 'gtm.js', 'gtm.start': 1 });
  dataLayer.push({ ecommerce: null });
  dataLayer.push({ event: 'view_item', ecommerce: { currency: 'VND', value: 120000, items: [{ item_id: 'tea-1', item_name: 'Green tea', price: 120000, quantity: 1 }] } });
</script>`;

test('pushes before and after the script arrive as Segment events; GTM still sees every push', async () => {
  server.page('/ga4/product.html', html(GTM, 'data-datalayer'));
  const p = await open('/ga4/product.html');
  await waitFor(() => tracked().some((e) => e.event === 'Product Viewed'));
  const back = await p.evaluate(() => {
    const w = window as any;
    const r1 = w.dataLayer.push({ ecommerce: null });
    const r2 = w.dataLayer.push({ event: 'page_variables', pageType: 'product' });
    w.gtag('event', 'add_to_cart', { currency: 'VND', value: 360000, items: [{ item_id: 'tea-1', item_name: 'Green tea', price: 120000, quantity: 2 }, { item_id: 'cup-2', item_name: 'Cup', price: '120000', quantity: '1' }] });
    w.dataLayer.push({ event: 'begin_checkout', ecommerce: { currency: 'VND', value: 360000, coupon: 'TET', items: [{ item_id: 'tea-1', quantity: 2 }] } });
    return { r1, r2, length: w.dataLayer.length, gtm: w.gtmSaw.length };
  });
  // push() returned the new length each time (the original ran), GTM's wrapper saw all six pushes.
  expect(back).toEqual({ r1: 4, r2: 5, length: 7, gtm: 7 });
  await flush(p);
  await waitFor(() => tracked().length >= 4);
  expect(tracked().map((e) => e.event)).toEqual(['Product Viewed', 'Product Added', 'Product Added', 'Checkout Started']);
  const [viewed, added, cup, checkout] = tracked();
  expect(viewed.properties).toEqual({ product_id: 'tea-1', name: 'Green tea', price: 120000, quantity: 1, currency: 'VND', value: 120000 });
  expect(added.properties).toEqual({ currency: 'VND', product_id: 'tea-1', name: 'Green tea', price: 120000, quantity: 2 });
  expect(cup.properties).toMatchObject({ product_id: 'cup-2', price: 120000, quantity: 1 });
  expect(checkout.properties).toMatchObject({ value: 360000, currency: 'VND', coupon: 'TET', products: [{ product_id: 'tea-1', quantity: 2 }] });
  expect(p.errors).toEqual([]);
});

test('a reloaded thank-you page records its purchase once; another order is recorded', async () => {
  const thanks = (id: string) =>
    html(
      `<script>window.dataLayer = [];function gtag(){dataLayer.push(arguments);}
        gtag('event', 'purchase', { transaction_id: '${id}', value: 390000, tax: 0, shipping: 30000, currency: 'VND', coupon: 'TET', items: [{ item_id: 'tea-1', item_name: 'Green tea', price: 120000, quantity: 3 }] });</script>`,
      'data-datalayer',
    );
  server.page('/ga4/thanks.html', thanks('T-1001'));
  const p = await open('/ga4/thanks.html');
  await waitFor(() => tracked().length >= 1);
  await flush(p);
  await p.reload();
  await p.waitForFunction(() => typeof (window as any).touchpoint?.flush === 'function');
  // The same purchase pushed again on this page too (a theme that pushes twice).
  await p.evaluate(() => (window as any).gtag('event', 'purchase', { transaction_id: 'T-1001', value: 390000, currency: 'VND' }));
  await p.evaluate(() => (window as any).touchpoint.track('Reloaded'));
  await flush(p);
  await waitFor(() => tracked().some((e) => e.event === 'Reloaded'));
  server.page('/ga4/thanks.html', thanks('T-1002'));
  await p.reload();
  await p.waitForFunction(() => typeof (window as any).touchpoint?.flush === 'function');
  await waitFor(() => tracked().filter((e) => e.event === 'Order Completed').length >= 2);
  await flush(p);
  const orders = tracked().filter((e) => e.event === 'Order Completed');
  expect(orders.map((e) => e.properties.order_id)).toEqual(['T-1001', 'T-1002']);
  expect(orders[0].properties).toEqual({
    order_id: 'T-1001', value: 390000, revenue: 390000, currency: 'VND', coupon: 'TET', tax: 0, shipping: 30000,
    products: [{ product_id: 'tea-1', name: 'Green tea', price: 120000, quantity: 3 }],
  });
});

test('garbage on the data layer never breaks the page; a purchase without transaction_id is reported, not sent', async () => {
  server.page('/ga4/garbage.html', html('<script>window.dataLayer = [];</script>', 'data-datalayer data-debug'));
  const p = await open('/ga4/garbage.html');
  await p.waitForFunction(() => (window as any).dataLayer.push !== Array.prototype.push);
  const logged: string[] = [];
  p.on('console', (m) => logged.push(m.text()));
  const ok = await p.evaluate(() => {
    const dl = (window as any).dataLayer;
    const cyclic: any = { event: 'view_item' };
    cyclic.ecommerce = { items: [cyclic], value: cyclic };
    dl.push(null, 42, 'str', cyclic, { event: 'purchase', ecommerce: { value: 'lots', items: [null, 7] } });
    dl.push({ event: 'add_to_cart', ecommerce: { items: [{ item_id: 'ok-1', quantity: 1 }] } });
    return dl.length;
  });
  expect(ok).toBe(6);
  await flush(p);
  await waitFor(() => tracked().some((e) => e.event === 'Product Added'));
  expect(tracked().map((e) => e.event)).toEqual(['Product Viewed', 'Product Added']);
  expect(logged.some((l) => /Order Completed: order_id is required/.test(l))).toBe(true);
  expect(p.errors).toEqual([]);
});

const consentPage = (head: string, attrs: string) => html(`<script>window.dataLayer = [];function gtag(){dataLayer.push(arguments);}${head}</script>`, attrs);

test('Consent Mode v2: a denied default holds events, an update granting analytics_storage sends them, a denial stops', async () => {
  server.page('/ga4/cm.html', consentPage(`gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });`, 'data-consent-mode'));
  const p = await open('/ga4/cm.html');
  await p.evaluate(() => (window as any).touchpoint.track('Before Choice'));
  // Let the consent chunk arrive and apply the default; nothing may leave meanwhile.
  await p.waitForFunction(() => [...document.scripts].some((s) => s.src.includes('touchpoint.consent.js')));
  await flush(p);
  expect(server.events()).toEqual([]);
  await p.evaluate(() => (window as any).gtag('consent', 'update', { ad_storage: 'denied', analytics_storage: 'granted' }));
  await waitFor(() => server.events().some((e) => e.event === 'Before Choice'));
  expect(server.events().map((e) => e.event)).toContain('Before Choice');
  await p.evaluate(() => (window as any).gtag('consent', 'update', { analytics_storage: 'denied' }));
  await p.evaluate(() => (window as any).touchpoint.track('After Denial'));
  await flush(p);
  expect(server.events().map((e) => e.event)).not.toContain('After Denial');
});

test('Consent Mode v2: a granted default sends at once', async () => {
  server.page('/ga4/cm2.html', consentPage(`gtag('consent', 'default', { analytics_storage: 'granted' });`, 'data-consent-mode'));
  const p = await open('/ga4/cm2.html');
  await p.evaluate(() => (window as any).touchpoint.track('Granted By Default'));
  await waitFor(() => server.events().some((e) => e.event === 'Granted By Default'));
  expect(server.events().map((e) => e.event)).toContain('Granted By Default');
});

// A CMP's __tcfapi as the TCF v2.2 CMP API defines it: addEventListener calls back at once with
// the current TC data and again on every change; the page's banner calls window.cmpDecide().
const TCF = `<script>
  (function () {
    var listeners = [], nextId = 1, tc = { tcString: 'CP', gdprApplies: true, eventStatus: 'cmpuishown', cmpStatus: 'loaded', purpose: { consents: {}, legitimateInterests: {} }, publisher: { consents: {}, legitimateInterests: {} } };
    window.__tcfapi = function (command, version, callback, parameter) {
      if (version !== 2) return callback(null, false);
      if (command === 'addEventListener') { var id = nextId++; listeners.push({ id: id, cb: callback }); callback(Object.assign({}, tc, { listenerId: id }), true); }
      else if (command === 'removeEventListener') { listeners = listeners.filter(function (l) { return l.id !== parameter; }); callback(true, true); }
      else if (command === 'ping') callback({ gdprApplies: true, cmpLoaded: true, apiVersion: '2.2' }, true);
    };
    window.cmpDecide = function (consents, li) {
      tc = Object.assign({}, tc, { eventStatus: 'useractioncomplete', purpose: { consents: consents, legitimateInterests: li || {} } });
      listeners.forEach(function (l) { l.cb(Object.assign({}, tc, { listenerId: l.id }), true); });
    };
  })();
</script>`;

test('TCF v2.2: nothing leaves while the CMP UI is shown; purposes 1, 8, 9 grant', async () => {
  server.page('/tcf/yes.html', html(TCF, 'data-tcf'));
  const p = await open('/tcf/yes.html');
  await p.evaluate(() => (window as any).touchpoint.track('Before Choice'));
  await p.waitForFunction(() => [...document.scripts].some((s) => s.src.includes('touchpoint.consent.js')));
  await flush(p);
  expect(server.events()).toEqual([]);
  await p.evaluate(() => (window as any).cmpDecide({ 1: true, 8: true }, { 9: true }));
  await waitFor(() => server.events().some((e) => e.event === 'Before Choice'));
  expect(server.events().map((e) => e.event)).toContain('Before Choice');
});

test('TCF v2.2: storage without the measurement purposes denies (held events dropped, not merely held)', async () => {
  server.page('/tcf/no.html', html(TCF, 'data-tcf'));
  const p = await open('/tcf/no.html');
  await p.evaluate(() => (window as any).touchpoint.track('Before Choice'));
  await p.waitForFunction(() => [...document.scripts].some((s) => s.src.includes('touchpoint.consent.js')));
  await p.evaluate(() => (window as any).cmpDecide({ 1: true, 2: true, 7: true }));
  await p.evaluate(() => (window as any).touchpoint.track('After Denial'));
  await flush(p);
  expect(server.events()).toEqual([]);
  // The visitor changes their mind: only what happens from now on is recorded.
  await p.evaluate(() => (window as any).cmpDecide({ 1: true, 8: true, 9: true }));
  await p.evaluate(() => (window as any).touchpoint.track('After Grant'));
  await waitFor(() => server.events().some((e) => e.event === 'After Grant'));
  await flush(p);
  expect(server.events().map((e) => e.event)).toEqual(['After Grant']);
});

test('the demo GA4 shop (demo/ga4.html): nothing before consent; then the list, the cart and one order', async () => {
  context = await browser.newContext();
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(`${server.url}/demo/ga4.html`);
  await p.waitForFunction(() => typeof (window as any).touchpoint?.flush === 'function');
  await p.click('#products li:nth-child(1) button:text("Add to cart")');
  await flush(p);
  expect(server.events()).toEqual([]);
  await p.click('#grant');
  await p.click('#products li:nth-child(3) button:text("Add to cart")');
  await p.click('#checkout');
  await p.click('#order');
  await p.click('#reload-thanks');
  await waitFor(() => tracked().some((e) => e.event === 'Order Completed'));
  await flush(p);
  const shop = tracked().filter((e) => e.event !== 'Web Vital Measured');
  expect(shop.map((e) => e.event)).toEqual(['Product List Viewed', 'Product Added', 'Product Added', 'Checkout Started', 'Order Completed']);
  expect(shop.at(-1).properties).toMatchObject({ value: 490000, currency: 'VND', shipping: 30000, products: [{ product_id: 'tea-1' }, { product_id: 'pot-3' }] });
  expect(errors).toEqual([]);
});

test('the purchase memory is written only once consent is granted; a refusal stores nothing and loses no later order', async () => {
  const thanks = `<script>window.dataLayer = [];function gtag(){dataLayer.push(arguments);}
    gtag('consent', 'default', { analytics_storage: 'denied' });
    gtag('event', 'purchase', { transaction_id: 'T-9', value: 100000, currency: 'VND' });</script>`;
  server.page('/ga4/consent-thanks.html', html(thanks, 'data-datalayer data-consent-mode'));
  const p = await open('/ga4/consent-thanks.html');
  const orders = () => p.evaluate(() => localStorage.getItem('touchpoint-orders'));
  await p.waitForFunction(() => [...document.scripts].filter((s) => /touchpoint\.(datalayer|consent)\.js/.test(s.src)).length === 2);
  await p.waitForFunction(() => (window as any).touchpointDatalayer && (window as any).touchpointConsent);
  await flush(p);
  // Held in memory (consent pending): no order sent, no order id on the device.
  expect(tracked()).toEqual([]);
  expect(await orders()).toBeNull();
  // Refused: dropped, and still nothing on the device.
  await p.evaluate(() => (window as any).gtag('consent', 'update', { analytics_storage: 'denied' }));
  await flush(p);
  expect(await orders()).toBeNull();
  // The visitor comes back to the page and accepts this time: the order is recorded, then remembered.
  await p.reload();
  await p.waitForFunction(() => (window as any).touchpointDatalayer && (window as any).touchpointConsent);
  await p.evaluate(() => (window as any).gtag('consent', 'update', { analytics_storage: 'granted' }));
  await waitFor(() => tracked().some((e) => e.event === 'Order Completed'));
  expect(JSON.parse((await orders())!)).toEqual(['T-9']);
  await p.reload();
  await p.waitForFunction(() => (window as any).touchpointDatalayer && (window as any).touchpointConsent);
  await p.evaluate(() => (window as any).gtag('consent', 'update', { analytics_storage: 'granted' }));
  await p.evaluate(() => (window as any).touchpoint.track('Second Visit'));
  await waitFor(() => tracked().some((e) => e.event === 'Second Visit'));
  await flush(p);
  expect(tracked().filter((e) => e.event === 'Order Completed')).toHaveLength(1);
});
