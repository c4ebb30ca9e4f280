/**
 * Kiosk mode in real Chromium against the local test collector: a day offline with reloads and a
 * browser restart, twenty presses, idle reset and fresh sessions, screenshots, axe-core.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { CHROMIUM, CHROMIUM_ARGS, profileDir, waitFor } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
const ROOT = new URL('../../', import.meta.url).pathname;
const TZ = 'Asia/Ho_Chi_Minh';

beforeAll(async () => {
  server = await startTestServer();
  mkdirSync(`${ROOT}test-artifacts`, { recursive: true });
});
afterAll(async () => {
  await server?.close();
});

/** A kiosk page: the script tag with its data attributes. */
const kioskPage = (path: string, attrs: Record<string, string>) =>
  server.page(
    path,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Kiosk</title></head><body>` +
      `<script src="/dist/touchpoint.kiosk.js" data-endpoint="${server.url}" data-fullscreen="false" ${Object.entries(attrs)
        .map(([k, v]) => `data-${k}="${v}"`)
        .join(' ')}></script></body></html>`,
  );

const launch = (dir: string, viewport = { width: 1280, height: 800 }) =>
  chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timezoneId: TZ, viewport });

const faces = (p: Page) => p.locator('[role=radio]');
const status = (p: Page) => p.locator('[role=status]');
const thanked = (p: Page) => status(p).filter({ hasText: /./ }).waitFor();
/** The question is back: four faces and an empty thank-you region. */
const ready = async (p: Page) => {
  await faces(p).nth(3).waitFor();
  await waitFor(async () => (await status(p).textContent()) === '', 5000);
};
const ratings = () => {
  const by = new Map<string, any>();
  for (const e of server.events()) if (e.event === 'Feedback Submitted') by.set(e.messageId, e);
  return [...by.values()];
};
const localHour = (ts: string) => Number(ts.slice(11, 13));

test('offline for a simulated day: 200 ratings, two reloads and a browser restart, all arrive once with the right hour and ids', async () => {
  server.reset();
  kioskPage('/kiosk-day.html', { 'store-id': 'hcm-1', 'device-id': 'exit-2', 'flush-interval': '200' });
  const dir = profileDir();
  let offline = true;
  /** The kiosk page and script come "from cache" while the network is cut (a real kiosk has a service worker or a kiosk browser's cache for that). */
  const serveOffline = async (ctx: BrowserContext) => {
    const html = await (await fetch(`${server.url}/kiosk-day.html`)).text();
    await ctx.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.startsWith('/v1/')) return offline ? route.abort('internetdisconnected') : route.continue();
      if (url.pathname === '/kiosk-day.html') return route.fulfill({ status: 200, contentType: 'text/html', body: html });
      if (url.pathname === '/dist/touchpoint.kiosk.js') return route.fulfill({ status: 200, contentType: 'text/javascript', body: readFileSync(`${ROOT}dist/touchpoint.kiosk.js`) });
      return route.abort();
    });
  };
  const open = async (ctx: BrowserContext, at: number) => {
    const p = ctx.pages()[0] ?? (await ctx.newPage());
    p.on('pageerror', (e) => console.log('pageerror', e.message));
    await p.clock.install({ time: at });
    await p.goto(`${server.url}/kiosk-day.html`);
    await ready(p);
    return p;
  };

  // 07:30 to 21:00 local time (+07:00): 200 customers, one every ~4 minutes.
  const start = Date.parse('2026-11-23T07:30:00+07:00');
  const step = Math.floor((13.5 * 3600_000) / 200);
  const expectedHours: number[] = [];
  let ctx = await launch(dir);
  await serveOffline(ctx);
  await ctx.setOffline(true);
  let page = await open(ctx, start);
  for (let i = 0; i < 200; i++) {
    if (i === 70 || i === 140) {
      const now = await page.evaluate(() => Date.now());
      await page.reload();
      await page.clock.setSystemTime(now);
      await ready(page);
    }
    if (i === 170) {
      const now = await page.evaluate(() => Date.now());
      await ctx.close();
      ctx = await launch(dir);
      await serveOffline(ctx);
      await ctx.setOffline(true);
      page = await open(ctx, now);
    }
    const now = await page.evaluate(() => Date.now());
    expectedHours.push(new Date(now + 7 * 3600_000).getUTCHours());
    await faces(page).nth(i % 4).click();
    await thanked(page);
    await page.clock.fastForward(step);
    await ready(page);
  }
  expect(server.events().length).toBe(0);
  offline = false;
  await ctx.setOffline(false);
  const ok = await waitFor(() => ratings().length >= 200, 60_000);
  await new Promise((r) => setTimeout(r, 1000)); // anything extra (duplicates) would arrive now
  const all = server.events().filter((e) => e.event === 'Feedback Submitted');
  const list = ratings().sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  console.log(
    `kiosk day: ${list.length} ratings in ${server.requests.length} requests, ${all.length - list.length} duplicates, ` +
      `${server.events().filter((e) => e.event === 'Kiosk Heartbeat').length} heartbeats`,
  );
  expect(ok).toBeTruthy();
  expect(all.length).toBe(200); // exactly once: no messageId twice
  expect(list).toHaveLength(200);
  expect(new Set(list.map((e) => e.properties.submission_id)).size).toBe(200);
  expect(list.map((e) => localHour(e.timestamp))).toEqual(expectedHours);
  expect(list.every((e) => e.timestamp.endsWith('+07:00'))).toBe(true);
  expect(new Set(expectedHours).size).toBeGreaterThanOrEqual(14); // 07 … 20
  for (const e of list) {
    expect(e.properties).toMatchObject({ store_id: 'hcm-1', device_id: 'exit-2', survey_type: 'smiley', scale_max: 4 });
    expect(e.context).toMatchObject({ channel: 'kiosk', store_id: 'hcm-1', device_id: 'exit-2' });
  }
  expect(list.map((e) => e.properties.score)).toEqual(list.map((_, i) => (i % 4) + 1));
  // A fresh respondent each time: 200 anonymous ids, 200 sessions.
  expect(new Set(list.map((e) => e.anonymousId)).size).toBe(200);
  expect(new Set(list.map((e) => e.context.session_id)).size).toBe(200);
  // Heartbeats (every 15 simulated minutes, at each start and when the network came back) were queued and delivered too.
  const beats = server.events().filter((e) => e.event === 'Kiosk Heartbeat');
  expect(beats.length).toBeGreaterThan(50);
  expect(beats[0].properties).toMatchObject({ store_id: 'hcm-1', device_id: 'exit-2', queue_depth: expect.any(Number), app_version: expect.any(String) });
  await ctx.close();
});

test('twenty presses in two seconds: one rating, reported with repeat_presses; idle reset and a fresh session', async () => {
  server.reset();
  kioskPage('/kiosk-press.html', { 'store-id': 'hcm-1', 'device-id': 'exit-3', 'flush-interval': '100' });
  const ctx = await launch(profileDir());
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`${server.url}/kiosk-press.html`);
  await ready(page);
  const box = (await faces(page).nth(1).boundingBox())!;
  for (let i = 0; i < 20; i++) {
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(100);
  }
  await waitFor(() => ratings().length >= 2, 15_000);
  await page.waitForTimeout(500);
  const list = ratings();
  expect(new Set(list.map((e) => e.properties.submission_id)).size).toBe(1);
  const last = list.sort((a, b) => a.timestamp.localeCompare(b.timestamp)).at(-1);
  expect(last.properties).toMatchObject({ score: 2, repeat_presses: 19, completed: true });
  expect(list[0].anonymousId).toBe(last.anonymousId);
  await ctx.close();
});

test('follow-up: countdown for the last 5 s, reset after 10 s idle, nothing kept; next respondent is a new session', async () => {
  server.reset();
  kioskPage('/kiosk-idle.html', { 'store-id': 'hcm-1', 'device-id': 'exit-4', 'flush-interval': '100', 'follow-up': 'comment' });
  const ctx = await launch(profileDir());
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.clock.install({ time: Date.parse('2026-11-23T10:00:00+07:00') });
  await page.goto(`${server.url}/kiosk-idle.html`);
  await ready(page);
  await faces(page).nth(0).click();
  const text = page.locator('textarea');
  await text.fill('private words of customer one');
  const countdown = page.locator('.c');
  await page.clock.fastForward(4000);
  expect(await countdown.isVisible()).toBe(false);
  await page.clock.fastForward(2100); // 6.1 s idle: 3.9 s left
  await expect.poll(() => countdown.textContent()).toBe('Starting over in 4 s');
  expect(await countdown.isVisible()).toBe(true);
  await page.clock.fastForward(4000);
  await ready(page);
  expect(await page.locator('textarea').count()).toBe(0);
  expect(await countdown.isVisible()).toBe(false);
  expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/private/);
  // Next respondent.
  await page.clock.fastForward(1000);
  await faces(page).nth(3).click();
  await page.locator('textarea').fill('great');
  await page.getByRole('button', { name: 'Send' }).click();
  await thanked(page);
  await waitFor(() => ratings().some((e) => e.properties.score === 4 && e.properties.completed), 15_000);
  const list = ratings();
  const first = list.filter((e) => e.properties.score === 1);
  const second = list.filter((e) => e.properties.score === 4);
  expect(first.every((e) => e.properties.completed === false && e.properties.comment === null)).toBe(true);
  expect(second.at(-1).properties).toMatchObject({ completed: true, comment: 'great' });
  expect(first[0].anonymousId).not.toBe(second[0].anonymousId);
  expect(first[0].context.session_id).not.toBe(second[0].context.session_id);
  await ctx.close();
});

test('screenshots at 768×1024 and 1280×800; axe-core finds no violations (question, follow-up, thank-you, refusal)', async () => {
  server.reset();
  kioskPage('/kiosk-look.html', { 'store-id': 'hcm-1', 'device-id': 'exit-5', lang: 'vi', reasons: 'Chờ lâu|Nhân viên|Giá', 'order-input': '' });
  kioskPage('/kiosk-refuse.html', {});
  const axe = async (p: Page) => {
    await p.addScriptTag({ path: `${ROOT}node_modules/axe-core/axe.min.js` });
    return p.evaluate(async () =>
      (await (window as any).axe.run(document)).violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`),
    );
  };
  for (const [w, h] of [
    [768, 1024],
    [1280, 800],
  ] as const) {
    const ctx = await launch(profileDir(), { width: w, height: h });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${server.url}/kiosk-look.html`);
    await ready(page);
    await page.screenshot({ path: `${ROOT}test-artifacts/kiosk-${w}x${h}.png` });
    expect(await axe(page)).toEqual([]);
    await faces(page).nth(0).click();
    await page.locator('input[type=checkbox]').first().waitFor();
    await page.screenshot({ path: `${ROOT}test-artifacts/kiosk-followup-${w}x${h}.png` });
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Gửi' }).click();
    await thanked(page);
    await page.screenshot({ path: `${ROOT}test-artifacts/kiosk-thanks-${w}x${h}.png` });
    expect(await axe(page)).toEqual([]);
    await ctx.close();
  }
  const ctx = await launch(profileDir(), { width: 768, height: 1024 });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${server.url}/kiosk-refuse.html`);
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').textContent()).toMatch(/This kiosk cannot start: no store id/);
  expect(errors.join()).toMatch(/no store id/);
  await page.screenshot({ path: `${ROOT}test-artifacts/kiosk-refused-768x1024.png` });
  expect(await axe(page)).toEqual([]);
  await ctx.close();
});
