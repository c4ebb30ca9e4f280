/**
 * The shop layer in real Chromium against the local test collector, using only the snippet and
 * HTML attributes: tagging, cart across pages, abandonment after the window (clock driven),
 * no abandonment after a purchase, bad tagged values reported and not sent.
 */
import { expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitFor } from '../../support/browser';
import { useChromium } from '../../support/useChromium';
import type { TestServer } from '../../support/server';
import { serveShop } from './shop-pages';

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
useChromium((b, s) => ((browser = b), (server = s)), () => context);

const named = (name: string) => server.events().filter((e) => e.event === name);
const open = async (path: string) => {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`${server.url}${path}`);
  return page;
};
const addToCart = async (): Promise<Page> => {
  const page = await open('/shop/product.html');
  expect(await waitFor(() => named('Product Viewed').length)).toBe(1);
  await page.click('#add');
  expect(await waitFor(() => named('Product Added').length)).toBe(1);
  return page;
};

test('view → add to cart → leave; back after the window: exactly one Cart Abandoned with items and value', async () => {
  serveShop(server);
  context = await browser.newContext();
  const page = await addToCart();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.click('#bad');
  await page.click('#badqty');
  await page.click('#badcur');
  await waitFor(() => errors.length >= 3, 3000);
  expect(errors.join('\n')).toMatch(/price must be a number/);
  expect(errors.join('\n')).toMatch(/quantity must be an integer/);
  expect(errors.join('\n')).toMatch(/currency must be an ISO 4217 code/);
  const added = named('Product Added')[0];
  expect(added.properties).toMatchObject({ product_id: 'tea-1', price: 120000, quantity: 2, currency: 'VND' });
  expect(added.context).toMatchObject({ touchpoint: 'pdp', journey_stage: 'consideration', channel: 'web' });
  const addedAt = Date.parse(added.timestamp);
  await page.close();
  expect(named('Cart Abandoned')).toHaveLength(0);

  // 31 minutes later (the page clock runs from there).
  await context.clock.install({ time: Date.now() + 31 * 60_000 });
  const back = await open('/shop/product.html');
  expect(await waitFor(() => named('Cart Abandoned').length)).toBe(1);
  const ab = named('Cart Abandoned')[0];
  expect(ab.properties.products).toEqual([{ product_id: 'tea-1', name: 'Green tea', price: 120000, currency: 'VND', quantity: 2 }]);
  expect(ab.properties).toMatchObject({ value: 240000, currency: 'VND' });
  expect(ab.context.journey_stage).toBe('purchase');
  // Sent through the shop layer: the page's <body data-tp-touchpoint>.
  expect(ab.context.touchpoint).toBe('pdp');
  // Its timestamp is when the window ran out, not now.
  expect(Math.abs(Date.parse(ab.timestamp) - (addedAt + 30 * 60_000))).toBeLessThan(5000);
  await back.reload();
  await open('/shop/checkout.html');
  await new Promise((r) => setTimeout(r, 1500));
  expect(named('Cart Abandoned')).toHaveLength(1);
  expect(named('Checkout Abandoned')).toHaveLength(0);
});

test('the timer sends Cart Abandoned and Checkout Abandoned while the page stays open', async () => {
  serveShop(server);
  context = await browser.newContext();
  await context.clock.install();
  await addToCart();
  const co = await open('/shop/checkout.html');
  await co.click('#start');
  expect(await waitFor(() => named('Checkout Started').length)).toBe(1);
  await co.clock.fastForward('31:00');
  expect(await waitFor(() => named('Checkout Abandoned').length && named('Cart Abandoned').length)).toBeTruthy();
  await co.clock.fastForward('31:00');
  await new Promise((r) => setTimeout(r, 1000));
  expect(named('Cart Abandoned')).toHaveLength(1);
  expect(named('Checkout Abandoned')).toHaveLength(1);
  expect(named('Checkout Abandoned')[0].properties.value).toBe(240000);
});

test('an add to cart that leaves the page before the cart chunk arrived still counts on the next page', async () => {
  serveShop(server);
  server.delay('/dist/touchpoint.cart.js', 2500);
  context = await browser.newContext();
  await context.clock.install();
  const p = await open('/shop/product.html');
  expect(await waitFor(() => named('Product Viewed').length)).toBe(1);
  await p.click('#add');
  expect(await waitFor(() => named('Product Added').length)).toBe(1);
  // Left at once: the chunk (2.5 s away) never ran on the product page; the add waits in localStorage.
  expect(await p.evaluate(() => [typeof (window as any).touchpointCart, localStorage.getItem('touchpoint-cartq')])).toEqual([
    'undefined',
    expect.stringMatching(/Product Added/),
  ]);
  await p.goto(`${server.url}/shop/checkout.html`);
  await p.waitForFunction(() => (window as any).touchpointCart, null, { timeout: 10_000 });
  await p.waitForFunction(() => !localStorage.getItem('touchpoint-cartq') && localStorage.getItem('touchpoint-cart'));
  await p.clock.fastForward('31:00');
  expect(await waitFor(() => named('Cart Abandoned').length)).toBe(1);
  expect(named('Cart Abandoned')[0].properties).toMatchObject({ value: 240000, currency: 'VND' });
});

test('a purchase journey sends no abandonment', async () => {
  serveShop(server);
  context = await browser.newContext();
  const p = await addToCart();
  await p.click('#checkout');
  await p.waitForURL(/checkout/);
  await p.click('#start');
  expect(await waitFor(() => named('Checkout Started').length)).toBe(1);
  await p.goto(`${server.url}/shop/thanks.html`);
  expect(await waitFor(() => named('Order Completed').length)).toBe(1);
  expect(named('Order Completed')[0].context.journey_stage).toBe('purchase');
  await p.close();
  await context.clock.install({ time: Date.now() + 120 * 60_000 });
  const back = await open('/shop/product.html');
  await back.clock.fastForward('40:00');
  await new Promise((r) => setTimeout(r, 1500));
  expect(named('Cart Abandoned')).toHaveLength(0);
  expect(named('Checkout Abandoned')).toHaveLength(0);
});
