/**
 * End to end, fed only by SDK traffic (no seed): shoppers in real Chromium browse a shop whose
 * pages carry the script tag and `data-tp-*` only, the built SDK delivers to a real collector,
 * and the journey report's sections read what arrived — journey cards, continuation and exits,
 * cart and checkout abandonment — plus a plain Segment page (analytics.js-style batch without
 * our context) that still gets cards (contract 4).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StoredEvent } from '../../src/collector';
import { launch } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { card, expectCatalogued, named, shopPage, startCollector, type E2ECollector } from './e2e-support';

let browser: Browser;
let server: TestServer;
let collector: E2ECollector;
let rows: StoredEvent[];
const contexts: BrowserContext[] = [];

/** SDK window of the script tag (minutes) and the collector's window: the collector's is longer. */
const SDK_ABANDON_MIN = 0.4;
const HOUR = 3_600_000;

const pages = () => {
  const at = { endpoint: collector.url, attrs: `data-abandon-minutes="${SDK_ABANDON_MIN}"` };
  const book = 'data-tp-product-id="bk-9" data-tp-name="Nhà giả kim" data-tp-price="79000" data-tp-currency="VND"';
  shopPage(server, '/e2e/home.html', { ...at, touchpoint: 'e2e_home', stage: 'awareness', body: `<h1>Home</h1><a id="next" href="/e2e/product.html">Book</a>` });
  shopPage(server, '/e2e/product.html', {
    ...at,
    touchpoint: 'e2e_product',
    stage: 'consideration',
    body: `<article data-tp-view="Product Viewed" ${book}><h1>Nhà giả kim</h1><button id="add" data-tp-event="Product Added" ${book} data-tp-quantity="1">Add</button></article>`,
  });
  shopPage(server, '/e2e/checkout.html', { ...at, touchpoint: 'e2e_checkout', stage: 'purchase', body: `<section data-tp-view="Checkout Started" data-tp-value="79000" data-tp-currency="VND"><h1>Pay</h1></section>` });
  shopPage(server, '/e2e/thanks.html', {
    ...at,
    touchpoint: 'e2e_thanks',
    stage: 'post_purchase',
    body: `<section data-tp-view="Order Completed" data-tp-order-id="o-e2e-1" data-tp-revenue="79000" data-tp-value="79000" data-tp-currency="VND"><h1>Thanks</h1></section>`,
  });
};

/** A new shopper (own browser context: own anonymous id, IndexedDB, cart). */
const shopper = async () => {
  const ctx = await browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  const visit = async (path: string) => {
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction(() => typeof (window as { touchpoint?: { flush?: unknown } }).touchpoint?.flush === 'function');
  };
  return { ctx, page, visit };
};

const sessionsWith = (all: StoredEvent[], event: string) => new Set(named(all, event).map((r) => r.sessionId)).size;

beforeAll(async () => {
  [browser, server, collector] = await Promise.all([launch(), startTestServer(), startCollector({ abandonmentWindowMs: 10 * 60_000 })]);
  pages();
  // A: home → product → leaves.  B: home → product → add → checkout → order.  C: home, leaves.
  // D: product → add → checkout → stays idle: the SDK reports both abandonments itself.
  // E: product → add → leaves: the collector derives the cart abandonment once its window ends.
  const a = await shopper();
  await a.visit('/e2e/home.html');
  await a.visit('/e2e/product.html');
  const b = await shopper();
  await b.visit('/e2e/home.html');
  await b.visit('/e2e/product.html');
  await b.page.click('#add');
  await b.visit('/e2e/checkout.html');
  await b.visit('/e2e/thanks.html');
  const c = await shopper();
  await c.visit('/e2e/home.html');
  const d = await shopper();
  await d.visit('/e2e/product.html');
  await d.page.click('#add');
  await d.visit('/e2e/checkout.html');
  const e = await shopper();
  await e.visit('/e2e/product.html');
  await e.page.click('#add');
  // E leaves once the add is delivered (closing the browser: no page is left to notice the
  // abandonment, so only the collector can). The others' last pages stay open.
  await collector.waitRows((all) => sessionsWith(all, 'Product Added') === 3, 60_000);
  await e.ctx.close();
  rows = await collector.waitRows(
    (all) =>
      sessionsWith(all, 'Order Completed') === 1 &&
      sessionsWith(all, 'Product Added') === 3 &&
      sessionsWith(all, 'Checkout Started') === 2 &&
      named(all, 'Checkout Abandoned').length === 1 &&
      named(all, 'Cart Abandoned').length >= 1,
    90_000,
  );
  // The collector's window (10 min) ends for E: move its clock on, as time passing would.
  collector.advance(HOUR);
}, 240_000);

afterAll(async () => {
  for (const ctx of contexts) await ctx.close().catch(() => {});
  await browser?.close();
  await server?.close();
  await collector?.close();
});

describe('journey report sections from SDK traffic', () => {
  test('everything the SDK sent is in the event catalogue', () => {
    expect(rows.length).toBeGreaterThan(15);
    expectCatalogued(rows);
  });

  test('journey cards: each page a card in its stage, sessions counted per card', async () => {
    const report = await collector.report();
    expect(card(report, 'awareness', 'e2e_home')).toMatchObject({ sessions: 3, channels: ['web'] });
    expect(card(report, 'consideration', 'e2e_product')).toMatchObject({ sessions: 4 });
    expect(card(report, 'purchase', 'e2e_checkout')).toMatchObject({ sessions: 2 });
    expect(card(report, 'post_purchase', 'e2e_thanks')).toMatchObject({ sessions: 1 });
    expect(report.totals).toMatchObject({ orders: 1, revenue: { VND: 79000 } });
    const html = await collector.html();
    for (const tp of ['e2e_home', 'e2e_product', 'e2e_checkout', 'e2e_thanks']) expect(html).toContain(tp);
  });

  test('continuation and exits: who went on to a later stage, whose journey ended where', async () => {
    const report = await collector.report();
    // Home: A and B went on, C left.  Product: B (checkout) and D (checkout) went on, A and E left.
    expect(card(report, 'awareness', 'e2e_home')).toMatchObject({ continued: 2, exits: 1, continuation: 0.667 });
    expect(card(report, 'consideration', 'e2e_product')).toMatchObject({ continued: 2, exits: 2, continuation: 0.5 });
    // Checkout: B went on to the thank-you page; D's journey ended there.
    expect(card(report, 'purchase', 'e2e_checkout')).toMatchObject({ continued: 1, exits: 1 });
    // The order's session did not "exit" anywhere.
    expect(card(report, 'post_purchase', 'e2e_thanks')).toMatchObject({ exits: 0 });
  });

  test('cart and checkout abandonment: SDK-reported and collector-derived, orders not abandoned', async () => {
    const report = await collector.report();
    expect(report.funnel.cart).toMatchObject({ started: 3, ordered: 1, abandoned: 2, open: 0 });
    expect(report.funnel.cart.sdk).toBe(1);
    expect(report.funnel.cart.derived).toBe(1);
    expect(report.funnel.checkout).toMatchObject({ started: 2, ordered: 1, abandoned: 1, sdk: 1, derived: 0 });
    expect(report.funnel.steps.map((s) => [s.key, s.sessions])).toEqual([
      ['sessions', 5],
      ['viewed', 4],
      ['cart', 3],
      ['checkout', 2],
      ['order', 1],
    ]);
    expect(card(report, 'purchase', 'e2e_checkout')!.abandoned).toBe(1);
    // The SDK's own events carry the abandoned cart's value and items.
    const sdk = JSON.parse(named(rows, 'Checkout Abandoned')[0]!.json);
    expect(sdk.properties).toMatchObject({ value: 79000, currency: 'VND', products: [expect.objectContaining({ product_id: 'bk-9', quantity: 1 })] });
  });
});

describe('plain Segment traffic (analytics.js-style, no touchpoint context)', () => {
  test('a Segment page gets journey cards from the path and the event names', async () => {
    // What an analytics.js page sends: Segment's own context, nothing of ours.
    const page = (path: string, extra: string) =>
      server.page(
        path,
        `<!doctype html><html><head><meta charset="utf-8"><title>Segment shop</title></head><body><h1>${path}</h1><script>
const anonymousId = 'ajs-' + Math.random().toString(36).slice(2);
const ev = (type, fields) => Object.assign({ type, messageId: 'ajs-' + crypto.randomUUID(), anonymousId, timestamp: new Date().toISOString(),
  context: { library: { name: 'analytics.js', version: 'next-1.70.0' }, page: { path: location.pathname, url: location.href, referrer: document.referrer, title: document.title, search: location.search }, userAgent: navigator.userAgent } }, fields);
const batch = [ev('page', { name: 'Product', properties: { path: location.pathname, url: location.href } }), ${extra}];
fetch('${collector.url}/v1/batch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ batch, sentAt: new Date().toISOString() }) })
  .then((r) => r.json()).then((j) => { document.title = 'sent ' + j.accepted; });
</script></body></html>`,
      );
    page('/seg/book.html', `ev('track', { event: 'Product Viewed', properties: { product_id: 's-1', price: 90000, currency: 'VND' } }), ev('track', { event: 'Product Added', properties: { product_id: 's-1', price: 90000, quantity: 1, currency: 'VND' } })`);
    page('/seg/pay.html', `ev('track', { event: 'Checkout Started', properties: { value: 90000, currency: 'VND' } }), ev('track', { event: 'Order Completed', properties: { order_id: 's-o-1', revenue: 90000, currency: 'VND' } })`);
    const ctx = await browser.newContext();
    contexts.push(ctx);
    const p = await ctx.newPage();
    for (const path of ['/seg/book.html', '/seg/pay.html']) {
      await p.goto(`${server.url}${path}`);
      await p.waitForFunction(() => document.title.startsWith('sent '));
      expect(await p.title()).toBe('sent 3');
    }
    const stored = (await collector.rows()).filter((r) => r.touchpoint?.startsWith('/seg/'));
    expect(stored.map((r) => [r.event ?? r.type, r.touchpoint, r.journeyStage])).toEqual(
      expect.arrayContaining([
        ['Product Viewed', '/seg/book.html', 'consideration'],
        ['Order Completed', '/seg/pay.html', 'purchase'],
      ]),
    );
    const report = await collector.report();
    expect(card(report, 'consideration', '/seg/book.html')).toMatchObject({ sessions: 1 });
    expect(card(report, 'purchase', '/seg/pay.html')).toMatchObject({ sessions: 1 });
    expect(await collector.html()).toContain('/seg/book.html');
  });
});
