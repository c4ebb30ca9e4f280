/**
 * End to end, fed only by SDK traffic: in-store kiosks (the built `touchpoint.kiosk.js` in real
 * Chromium, Vietnamese time zone) and a shop page's web vitals (the script tag's vitals chunk)
 * reach a real collector; the report's kiosk hours, silent kiosk and web vitals sections read
 * what arrived.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StoredEvent } from '../../src/collector';
import { rateVital, VITAL_METRICS, type VitalMetric } from '../../src/schema/vitals';
import { launch, waitFor } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { expectCatalogued, named, shopPage, startCollector, type E2ECollector } from './e2e-support';

let browser: Browser;
let server: TestServer;
const contexts: BrowserContext[] = [];
const HOUR = 3_600_000;

beforeAll(async () => {
  [browser, server] = await Promise.all([launch(), startTestServer()]);
});
afterAll(async () => {
  for (const ctx of contexts) await ctx.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

const newPage = async () => {
  const ctx = await browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  return { ctx, page };
};

describe('kiosks', () => {
  let collector: E2ECollector;
  let rows: StoredEvent[];
  let live: Page;
  beforeAll(async () => {
    collector = await startCollector({ silentAfterMs: 15 * 60_000 });
    const kioskPage = (device: string) =>
      server.page(
        `/kiosk-${device}.html`,
        `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Kiosk</title></head><body>` +
          `<script src="/dist/touchpoint.kiosk.js" data-endpoint="${collector.url}" data-fullscreen="false" data-flush-interval="200" ` +
          `data-store-id="e2e-store" data-device-id="${device}" data-touchpoint="e2e_store_exit" data-journey-stage="post_purchase" data-follow-up="none"></script></body></html>`,
      );
    kioskPage('k-live');
    kioskPage('k-gone');
    const press = async (device: string, face: number) => {
      const { ctx, page } = await newPage();
      await page.goto(`${server.url}/kiosk-${device}.html`);
      await page.locator('[role=radio]').nth(face).click();
      await page.locator('[role=status]').filter({ hasText: /./ }).waitFor();
      return { ctx, page };
    };
    ({ page: live } = await press('k-live', 3));
    const gone = await press('k-gone', 0);
    rows = await collector.waitRows(
      (all) =>
        new Set(named(all, 'Feedback Submitted').map((r) => r.deviceId)).size === 2 && new Set(named(all, 'Kiosk Heartbeat').map((r) => r.deviceId)).size === 2,
      60_000,
    );
    // k-gone is switched off; an hour passes; k-live is still there (its page restarts: a heartbeat).
    await gone.ctx.close();
    collector.advance(HOUR);
    const before = Date.now() + HOUR;
    await live.reload();
    await collector.waitRows((all) => named(all, 'Kiosk Heartbeat').some((r) => r.deviceId === 'k-live' && r.receivedAt >= before), 60_000);
  }, 180_000);
  afterAll(() => collector?.close());

  test('everything the kiosks sent is in the event catalogue', () => {
    expectCatalogued(rows);
  });

  test('kiosk hours: each rating in the kiosk’s own local hour', async () => {
    const report = await collector.report();
    const ratings = named(rows, 'Feedback Submitted');
    // The hour the kiosk's own clock (Asia/Ho_Chi_Minh) wrote on each rating.
    const hours = ratings.map((r) => Number(JSON.parse(r.json).timestamp.slice(11, 13)));
    expect(JSON.parse(ratings[0]!.json).timestamp).toMatch(/\+07:00$/);
    for (const h of new Set(hours)) expect(report.kioskHours[h]!.count).toBe(hours.filter((x) => x === h).length);
    expect(report.kioskHours.reduce((a, h) => a + h.count, 0)).toBe(2);
    // Smiley 4 (score 4 of 1–4) and smiley 1: emotion 100 and 0.
    const emotions = report.kioskHours.filter((h) => h.count).map((h) => h.emotion);
    expect(emotions.length === 1 ? emotions : emotions.sort()).toEqual(emotions.length === 1 ? [50] : [0, 100]);
  });

  test('silent kiosk: the one without a heartbeat for an hour is flagged, the live one is not', async () => {
    const report = await collector.report();
    const gone = report.kiosks.find((k) => k.deviceId === 'k-gone');
    const alive = report.kiosks.find((k) => k.deviceId === 'k-live');
    expect(gone).toMatchObject({ storeId: 'e2e-store', silent: true });
    expect(gone!.minutesAgo).toBeGreaterThanOrEqual(59);
    expect(alive).toMatchObject({ storeId: 'e2e-store', silent: false, queueDepth: expect.any(Number) });
    expect(report.kiosks[0]!.deviceId).toBe('k-gone'); // silent ones first
    expect(await collector.html()).toContain('k-gone');
  });
});

describe('web vitals', () => {
  let collector: E2ECollector;
  let rows: StoredEvent[];
  beforeAll(async () => {
    collector = await startCollector();
    const big = `<h1 style="font-size:60px">Sách hay mỗi ngày</h1><button id="slow">slow</button>`;
    shopPage(server, '/vit/page.html', { endpoint: collector.url, touchpoint: 'e2e_vitals', stage: 'consideration', body: big, attrs: 'data-vitals="true"' });
    shopPage(server, '/vit/next.html', { endpoint: collector.url, touchpoint: 'e2e_next', stage: 'consideration', body: '<p>next</p>' });
    const { page } = await newPage();
    await page.goto(`${server.url}/vit/page.html`);
    await page.waitForFunction(() => (window as { touchpointVitals?: unknown }).touchpointVitals);
    await page.evaluate(() =>
      document.getElementById('slow')!.addEventListener('click', () => {
        const end = performance.now() + 120;
        while (performance.now() < end);
      }),
    );
    await page.click('#slow');
    // Hidden (as when the shopper switches tabs; headless pages never hide on their own), then
    // gone: web-vitals reports CLS, LCP and INP when the page is hidden.
    await waitFor(() => page.evaluate(() => performance.getEntriesByType('event').length > 0).catch(() => true), 5000);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.goto(`${server.url}/vit/next.html`);
    const metrics = (all: StoredEvent[]) => new Set(named(all, 'Web Vital Measured').filter((r) => r.touchpoint === 'e2e_vitals').map((r) => JSON.parse(r.json).properties.metric));
    rows = await collector.waitRows((all) => metrics(all).size === 5, 60_000);
  }, 180_000);
  afterAll(() => collector?.close());

  test('the vitals chunk sends Web Vital Measured per contract 1 for all five metrics, catalogued', () => {
    const sent = named(rows, 'Web Vital Measured').map((r) => JSON.parse(r.json).properties);
    expect(new Set(sent.map((p) => p.metric))).toEqual(new Set(VITAL_METRICS));
    for (const p of sent) expect(p).toMatchObject({ value: expect.any(Number), delta: expect.any(Number), metric_id: expect.any(String), navigation_type: expect.any(String) });
    expectCatalogued(rows);
  });

  test('the report shows LCP, INP, CLS, FCP, TTFB of the touchpoint, rated by rateVital (waits for branch report: contract 1)', async () => {
    const report = await collector.report();
    const here = report.vitals.find((v) => v.touchpoint === 'e2e_vitals');
    expect(here).toBeDefined();
    const byMetric = new Map(here!.metrics.map((m) => [(m as { metric?: string }).metric ?? m.name, m]));
    for (const metric of VITAL_METRICS) {
      const values = named(rows, 'Web Vital Measured')
        .filter((r) => r.touchpoint === 'e2e_vitals')
        .map((r) => JSON.parse(r.json).properties)
        .filter((p) => p.metric === metric)
        .map((p) => p.value as number);
      const good = values.filter((v) => rateVital(metric as VitalMetric, v) === 'good').length / values.length;
      expect(byMetric.get(metric), metric).toMatchObject({ count: values.length, good: Math.round(good * 1000) / 1000 });
    }
    expect(await collector.html()).toContain('FCP');
  });
});
