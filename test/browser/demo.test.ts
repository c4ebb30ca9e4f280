/**
 * The `npm start` demo end to end in Chromium: the demo server runs in-process on a free port with
 * a temporary database (no seed) and a 6-second cart window (the script tag's
 * data-abandon-minutes). One shopper buys a book and rates the order on the thank-you page;
 * another fills a cart, reaches checkout, answers "what stopped you?" on exit intent and leaves
 * the tab open until the SDK's own timer abandons the cart. Then /report.json and /report must
 * show the order, both abandonments and the ratings. Screenshots go to test-artifacts/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
// @ts-ignore -- plain ESM script without type declarations
import { startDemo } from '../../scripts/start.mjs';
import { stubSnippet } from '../../src/shop/stubSnippet';
import { launch, waitFor } from '../support/browser';
import { reportUrl } from '../support/report';

const ROOT = new URL('../../', import.meta.url).pathname;
const ARTIFACTS = join(ROOT, 'test-artifacts');
const WINDOW_MIN = 0.1; // 6 s

let dir: string;
let demo: { url: string; reportToken: string; close(): Promise<void> };
let browser: Browser;
const problems: string[] = [];

/** A page that records CSP violations and script errors into `problems`. */
const watch = (p: Page) => {
  p.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) problems.push(`${p.url()}: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`${p.url()}: ${e.message}`));
  p.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && problems.push(`${r.status()} ${r.url()}`));
  return p;
};
const report = async () => (await fetch(reportUrl(demo, '/report.json'))).json();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tp-demo-e2e-'));
  demo = await startDemo({ port: 0, dbPath: join(dir, 'demo.db'), seed: false, abandonMinutes: WINDOW_MIN, log: () => {} });
  browser = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('pages carry the documented snippet and no other script; the server answers with a CSP that allows it', async () => {
  const res = await fetch(`${demo.url}/shop/en/book/bk-003`);
  const html = await res.text();
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toMatch(/script-src 'self' 'sha256-[\w+/=]+'/);
  expect(csp).not.toContain('unsafe-inline');
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(inline).toEqual([stubSnippet('/')]);
  const external = [...html.matchAll(/<script [^>]*src="([^"]+)"/g)].map((m) => m[1]);
  expect(external).toEqual(['/touchpoint.js']);
  expect(html).toContain('data-tp-event="Product Added"');
  for (const path of ['/touchpoint.js', '/touchpoint.widget.js', '/touchpoint.vitals.js', '/touchpoint.kiosk.js', '/dist/touchpoint.kiosk.js', '/dist/index.js', '/kiosk.html', '/report', '/spa/', '/']) {
    expect((await fetch(path === '/report' ? reportUrl(demo, path) : `${demo.url}${path}`)).status, path).toBe(200);
  }
});

test('a purchase with a rating and an abandonment with "what stopped you?" show in the report', async () => {
  // --- Shopper 1: buys a book (English) and rates the order.
  const buyer = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const p = watch(await buyer.newPage());
  await p.goto(`${demo.url}/shop/en/`);
  await p.screenshot({ path: join(ARTIFACTS, 'demo-shop-home-en.png'), fullPage: true });
  await p.getByRole('link', { name: /Nhà giả kim/ }).first().click();
  await p.waitForURL(/\/book\/bk-003$/);
  await p.getByRole('button', { name: 'Add to cart' }).click();
  await p.waitForURL(/\/cart$/);
  await expect.poll(() => p.locator('#cart-total').textContent()).toMatch(/79,000/);
  await p.getByRole('link', { name: 'Go to checkout' }).click();
  await p.waitForURL(/\/checkout$/);
  await p.getByLabel('Full name').fill('Nguyễn Văn A');
  await p.getByLabel('Delivery address').fill('1 Lê Lợi, Quận 1, TP HCM');
  await p.getByRole('button', { name: 'Place order' }).click();
  await p.waitForURL(/\/thanks\/o-[0-9a-f]+$/);
  const orderId = await p.locator('#order-id').textContent();
  const good = p.getByRole('radio', { name: 'Very good' });
  await good.waitFor({ timeout: 15_000 });
  await p.screenshot({ path: join(ARTIFACTS, 'demo-shop-thanks-en.png'), fullPage: true });
  await good.click();
  await p.locator('textarea').fill('Found the book fast, easy checkout');
  await p.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => p.locator('[role=status]').first().textContent()).toMatch(/Thank you/);

  // --- Shopper 2 (Vietnamese): fills a cart, reaches checkout, leaves with the tab open.
  const leaver = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'vi-VN' });
  const q = watch(await leaver.newPage());
  await q.goto(`${demo.url}/shop/vi/books`);
  await q.screenshot({ path: join(ARTIFACTS, 'demo-shop-books-vi.png'), fullPage: true });
  await q.locator('li.book', { hasText: 'Sapiens' }).getByRole('button', { name: 'Thêm vào giỏ' }).click();
  await q.waitForURL(/\/cart$/);
  await q.screenshot({ path: join(ARTIFACTS, 'demo-shop-cart-vi.png'), fullPage: true });
  await q.getByRole('link', { name: 'Tiến hành thanh toán' }).click();
  await q.waitForURL(/\/checkout$/);
  // Let the SDK see the cart (Product Added) before the exit intent: it fires only with a full cart.
  const dialog = q.getByRole('dialog');
  await waitFor(async () => {
    await q.mouse.move(400, 300);
    await q.mouse.move(400, 2);
    await q.mouse.move(400, -20);
    return dialog.isVisible();
  }, 15_000, 300);
  if (!(await dialog.isVisible())) {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(dir, 'demo.db'), { readonly: true });
    console.log(db.prepare("SELECT event, touchpoint, type, json_extract(json,'$.properties.survey_id') s FROM events ORDER BY id").all());
    console.log(await q.evaluate(() => [document.querySelectorAll('touchpoint-rating').length, typeof (window as any).touchpointWidget]));
  }
  expect(await dialog.isVisible()).toBe(true);
  await q.screenshot({ path: join(ARTIFACTS, 'demo-shop-exit-intent-vi.png') });
  await q.getByRole('radio', { name: 'Tệ', exact: true }).click();
  await dialog.locator('textarea').fill('Phí giao hàng cao quá');
  await dialog.getByRole('button', { name: 'Gửi' }).click();
  // The SDK's timer sends Cart Abandoned and Checkout Abandoned once the window has run out.
  const r = await waitFor(async () => {
    const j = await report();
    return j.totals.orders >= 1 && j.funnel.cart.sdk >= 1 && j.funnel.checkout.sdk >= 1 && j.totals.ratings >= 2 ? j : null;
  }, 40_000, 500);
  expect(r, JSON.stringify((await report()).funnel)).toBeTruthy();
  expect(r.totals.orders).toBe(1);
  expect(r.totals.revenue).toEqual({ VND: 79000 });
  expect(r.funnel.cart).toMatchObject({ started: 2, ordered: 1, abandoned: 1, sdk: 1 });
  expect(r.funnel.checkout).toMatchObject({ started: 2, ordered: 1, abandoned: 1, sdk: 1 });
  expect(r.totals.ratings).toBe(2);

  // --- The report page shows them.
  const rp = watch(await buyer.newPage());
  await rp.goto(reportUrl(demo, '/report', { lang: 'en' }));
  const text = (await rp.locator('body').innerText()).replace(/\s+/g, ' ');
  expect(text).toContain('Phí giao hàng cao quá');
  expect(text).toContain('Found the book fast, easy checkout');
  expect(text).toMatch(/abandon/i);
  await rp.screenshot({ path: join(ARTIFACTS, 'demo-report-en.png'), fullPage: true });
  expect(orderId).toMatch(/^o-/);
  expect(problems).toEqual([]);
  await buyer.close();
  await leaver.close();
});

test('the single-page version (npm build) tracks one page per route change and its commerce events', async () => {
  const ctx = await browser.newContext();
  const p = watch(await ctx.newPage());
  await p.goto(`${demo.url}/spa/`);
  await p.getByRole('link', { name: 'All books' }).click();
  await p.getByRole('link', { name: 'Atomic Habits' }).click();
  await p.waitForURL(/\/spa\/book\/bk-007$/);
  await p.screenshot({ path: join(ARTIFACTS, 'demo-spa-product.png') });
  await p.getByRole('button', { name: 'Add to cart' }).click();
  await p.getByRole('link', { name: 'Cart (1)' }).click();
  await p.getByRole('button', { name: 'Place order' }).click();
  await p.waitForURL(/\/spa\/thanks$/);
  await p.goBack();
  await p.waitForURL(/\/spa\/cart$/);
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(join(dir, 'demo.db'), { readonly: true });
  const rows = () =>
    db.prepare("SELECT type, event, touchpoint, json_extract(json, '$.context.page.path') path FROM events WHERE touchpoint LIKE 'spa%' ORDER BY timestamp, id").all() as any[];
  const got = await waitFor(() => (rows().some((r) => r.event === 'Order Completed') && rows().filter((r) => r.type === 'page').length >= 6 ? rows() : null), 20_000, 200);
  db.close();
  expect(got, JSON.stringify(rows)).toBeTruthy();
  expect(got!.filter((r) => r.type === 'page').map((r) => r.path)).toEqual(['/spa/', '/spa/books', '/spa/book/bk-007', '/spa/cart', '/spa/thanks', '/spa/cart']);
  expect(got!.filter((r) => r.type === 'track').map((r) => r.event)).toEqual(
    expect.arrayContaining(['Product Viewed', 'Product Added', 'Cart Viewed', 'Checkout Started', 'Order Completed']),
  );
  expect(problems).toEqual([]);
  await ctx.close();
});

test('the kiosk page is served with its script and shows the four-smiley rating', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const p = watch(await ctx.newPage());
  await p.goto(`${demo.url}/kiosk.html?store_id=demo-store&device_id=demo-1`);
  await p.getByRole('radio').first().waitFor({ timeout: 15_000 });
  expect(await p.getByRole('radio').count()).toBe(4);
  await p.screenshot({ path: join(ARTIFACTS, 'demo-kiosk.png') });
  expect(problems).toEqual([]);
  await ctx.close();
});
