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

const launch = (dir: string, viewport = { width: 1280, height: 800 }, hasTouch = false) =>
  chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timezoneId: TZ, viewport, hasTouch });

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
  kioskPage('/kiosk-day.html', { 'store-id': 'hcm-1', 'device-id': 'exit-2', 'flush-interval': '200', 'follow-up': 'none' });
  const dir = profileDir();
  let offline = true;
  // Offline at the collector too: a page-exit beacon at a reload can outlive its page and the
  // page's network emulation; the collector turns it away as a dead network would.
  server.respond(() => (offline ? { status: 503 } : { status: 200 }));
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
  server.respond(null);
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
  kioskPage('/kiosk-press.html', { 'store-id': 'hcm-1', 'device-id': 'exit-3', 'flush-interval': '100', 'follow-up': 'none' });
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

const axe = async (p: Page) => {
  if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ path: `${ROOT}node_modules/axe-core/axe.min.js` });
  return p.evaluate(async () =>
    (await (window as any).axe.run(document)).violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`),
  );
};
const shot = (p: Page, name: string) => p.screenshot({ path: `${ROOT}test-artifacts/${name}.png` });
const chips = (p: Page) => p.locator('.cs button');

test('screenshots at 1280×800 and 800×1280, by touch; axe-core clean on every screen (question, follow-up, order code, countdown, thank-you, refusal)', async () => {
  server.reset();
  kioskPage('/kiosk-look.html', { 'store-id': 'hcm-1', 'device-id': 'exit-5', lang: 'vi', 'order-input': '', 'idle-seconds': '10', 'thanks-seconds': '10', 'flush-interval': '100' });
  kioskPage('/kiosk-refuse.html', {});
  for (const [w, h] of [
    [1280, 800],
    [800, 1280],
  ] as const) {
    const ctx = await launch(profileDir(), { width: w, height: h }, true);
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.clock.install({ time: Date.parse('2026-11-23T10:00:00+07:00') });
    await page.goto(`${server.url}/kiosk-look.html`);
    await ready(page);
    // Faces are big enough to hit from arm's length; every reason and button at least 64 px.
    const face = (await faces(page).nth(0).boundingBox())!;
    expect(Math.min(face.width, face.height)).toBeGreaterThanOrEqual(64);
    await shot(page, `kiosk-${w}x${h}`);
    expect(await axe(page)).toEqual([]);

    await page.getByRole('button', { name: 'Nhập mã đơn hàng' }).tap();
    await page.getByLabel('Mã đơn hàng (in trên hóa đơn)').fill('HD-10293');
    await shot(page, `kiosk-order-${w}x${h}`);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Xong' }).tap();
    await page.getByRole('button', { name: 'Mã đơn hàng: HD-10293' }).waitFor();

    await faces(page).nth(0).tap();
    await chips(page).first().waitFor();
    for (const c of await chips(page).all()) expect((await c.boundingBox())!.height).toBeGreaterThanOrEqual(64);
    expect((await page.getByRole('button', { name: 'Gửi' }).boundingBox())!.height).toBeGreaterThanOrEqual(64);
    await chips(page).nth(0).tap();
    await chips(page).nth(3).tap();
    await shot(page, `kiosk-followup-${w}x${h}`);
    expect(await axe(page)).toEqual([]);
    await page.clock.fastForward(6500); // idle: the countdown shows
    await page.locator('.ct').filter({ hasText: /quay lại sau/ }).waitFor();
    await shot(page, `kiosk-countdown-${w}x${h}`);
    expect(await axe(page)).toEqual([]);
    await page.locator('textarea').tap(); // a touch keeps the follow-up open
    await page.getByRole('button', { name: 'Gửi' }).tap();
    await thanked(page);
    await shot(page, `kiosk-thanks-${w}x${h}`);
    expect(await axe(page)).toEqual([]);
    await waitFor(() => ratings().some((e) => e.properties.completed && e.properties.device_id == 'exit-5'), 15_000);
    await ctx.close();
  }
  const done = ratings().filter((e) => e.properties.completed);
  expect(done[0].properties).toMatchObject({ score: 1, reasons: ['long_wait', 'price_too_high'], order_id: 'HD-10293' });

  const ctx = await launch(profileDir(), { width: 800, height: 1280 });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${server.url}/kiosk-refuse.html`);
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').textContent()).toMatch(/This kiosk cannot start: no store id/);
  expect(errors.join()).toMatch(/no store id/);
  await shot(page, 'kiosk-refused-800x1280');
  expect(await axe(page)).toEqual([]);
  await ctx.close();
});

test('follow-up by keyboard: a face, two reasons, a comment, Send — the reason ids arrive', async () => {
  server.reset();
  kioskPage('/kiosk-keys.html', { 'store-id': 'hcm-1', 'device-id': 'exit-6', 'flush-interval': '100' });
  const ctx = await launch(profileDir());
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(`${server.url}/kiosk-keys.html`);
  await ready(page);
  await faces(page).first().focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter'); // Very good
  await chips(page).first().waitFor();
  await page.keyboard.press('Space'); // focus starts on the first reason
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // third reason
  await page.keyboard.press('Tab');
  await page.keyboard.type('Bạn nhân viên rất dễ thương');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // Send
  await thanked(page);
  await waitFor(() => ratings().some((e) => e.properties.completed), 15_000);
  expect(ratings().find((e) => e.properties.completed).properties).toMatchObject({
    score: 4,
    reasons: ['friendly_staff', 'good_price'],
    comment: 'Bạn nhân viên rất dễ thương',
  });
  await ctx.close();
});

test('the thank-you is identical for a negative and a positive answer (DOM and pixels)', async () => {
  server.reset();
  kioskPage('/kiosk-same.html', { 'store-id': 'hcm-1', 'device-id': 'exit-7', lang: 'en', 'thanks-seconds': '30', 'response-interval': '0' });
  const ctx = await launch(profileDir(), { width: 800, height: 1280 }, true);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(`${server.url}/kiosk-same.html`);
  const thankYou = async (face: number) => {
    await ready(page);
    await faces(page).nth(face).tap();
    await chips(page).first().waitFor();
    await chips(page).first().tap();
    await page.getByRole('button', { name: 'Send' }).tap();
    await thanked(page);
    const dom = await page.evaluate(() => {
      const frame = document.querySelector('[data-touchpoint-kiosk]')!.shadowRoot!;
      return frame.innerHTML.replace(/<div>.*$/s, '') + frame.querySelector('.s > div')!.shadowRoot!.innerHTML;
    });
    const pixels = await page.screenshot();
    await page.evaluate(() => (window as any).touchpointKiosk.current().stop());
    await page.reload();
    return { dom, pixels };
  };
  const negative = await thankYou(0);
  const positive = await thankYou(3);
  expect(positive.dom).toBe(negative.dom);
  expect(positive.dom).toContain('Thank you for your feedback!');
  expect(Buffer.compare(positive.pixels, negative.pixels)).toBe(0);
  await waitFor(() => ratings().filter((e) => e.properties.completed).length >= 2, 15_000);
  expect(ratings().filter((e) => e.properties.completed).map((e) => e.properties.score).sort()).toEqual([1, 4]);
  await ctx.close();
});

test('asks for persistent storage once at start; heartbeats report it with the storage estimate and queue depth, even when the answer never comes', async () => {
  for (const never of [false, true]) {
    server.reset();
    kioskPage('/kiosk-persist.html', { 'store-id': 'hcm-1', 'device-id': 'exit-8', 'flush-interval': '100' });
    const ctx = await launch(profileDir());
    await ctx.addInitScript((never) => {
      const storage = navigator.storage;
      const persist = storage.persist.bind(storage);
      (window as any).persistCalls = 0;
      storage.persist = () => {
        (window as any).persistCalls++;
        // `never`: like Firefox waiting on its permission prompt, which nobody at a kiosk answers.
        return never ? new Promise<boolean>(() => {}) : persist();
      };
    }, never);
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${server.url}/kiosk-persist.html`);
    await ready(page);
    const beats = () => server.events().filter((e) => e.event === 'Kiosk Heartbeat');
    await waitFor(() => beats().length >= 1, 15_000);
    // Another heartbeat once the request is settled: it says what the browser decided.
    await page.evaluate(() => (window as any).touchpointKiosk.current().heartbeat());
    await waitFor(() => beats().length >= 2, 15_000);
    expect(await page.evaluate(() => (window as any).persistCalls)).toBe(1);
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    expect(beats().at(-1).properties).toMatchObject({
      storage_persisted: persisted,
      storage_quota: expect.any(Number),
      storage_usage: expect.any(Number),
      queue_depth: expect.any(Number),
    });
    expect(beats().at(-1).properties.storage_quota).toBeGreaterThan(0);
    await ctx.close();
  }
});

test('opening hours in the store time zone: a rating after closing time is kept and marked, with the local time', async () => {
  server.reset();
  kioskPage('/kiosk-hours.html', {
    'store-id': 'hcm-1',
    'device-id': 'exit-9',
    'flush-interval': '100',
    'follow-up': 'none',
    'opening-hours': 'mo-sa 08:00-22:00; su 09:00-21:00',
    'time-zone': 'Asia/Ho_Chi_Minh',
  });
  // The tablet's own clock is set to UTC: the store's time zone decides.
  const ctx = await chromium.launchPersistentContext(profileDir(), { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timezoneId: 'UTC' });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.clock.install({ time: Date.parse('2026-11-23T21:45:00+07:00') }); // Monday 21:45 in Ho Chi Minh City
  await page.goto(`${server.url}/kiosk-hours.html`);
  await ready(page);
  await faces(page).nth(2).click();
  await thanked(page);
  await page.clock.fastForward(30 * 60_000); // 22:15: closed
  await ready(page);
  await faces(page).nth(0).click();
  await thanked(page);
  await waitFor(() => ratings().length >= 2, 15_000);
  const [open, closed] = ratings().sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  expect(open.properties).toMatchObject({ score: 3, outside_hours: false, time_zone: 'Asia/Ho_Chi_Minh' });
  expect(open.properties.local_time).toMatch(/^2026-11-23T21:45:/); // seconds: however long the page took
  expect(closed.properties).toMatchObject({ score: 1, outside_hours: true, time_zone: 'Asia/Ho_Chi_Minh' });
  expect(closed.properties.local_time).toMatch(/^2026-11-23T22:15/);
  const beat = server.events().find((e) => e.event === 'Kiosk Heartbeat');
  expect(beat.properties).toMatchObject({ time_zone: 'Asia/Ho_Chi_Minh', outside_hours: false });
  await ctx.close();
});

test('a kiosk browser started by automation (navigator.webdriver) still records: the terminal is the store’s device', async () => {
  server.reset();
  kioskPage('/kiosk-automated.html', { 'store-id': 'hcm-1', 'device-id': 'exit-10', 'flush-interval': '100', 'follow-up': 'none' });
  const ctx = await launch(profileDir());
  await ctx.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => true }));
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(`${server.url}/kiosk-automated.html`);
  expect(await page.evaluate(() => navigator.webdriver)).toBe(true);
  await ready(page);
  await faces(page).nth(3).click();
  await thanked(page);
  await waitFor(() => ratings().length >= 1 && server.events().some((e) => e.event === 'Kiosk Heartbeat'), 15_000);
  expect(ratings()[0].properties).toMatchObject({ score: 4, device_id: 'exit-10' });
  await ctx.close();
});
