/**
 * The CX additions of the report on the collector: the versioned JSON and its schema, the SQL and
 * in-memory reads agreeing, low points only beyond noise, the period comparison, touchpoint labels
 * and option checks.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCollector, listen, type EventStore, type RunningCollector } from '../../src/collector';
import { loadHeatCells, loadRatingRows } from '../../src/collector/report/ratingRows';
import { ReportJson, REPORT_JSON_SCHEMA } from '../../src/collector/report/reportSchema';
import { getReport, post, tempCollector } from './collector-fixtures';
import { reportUrl } from '../support/report';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('on the seeded shop', () => {
  let dir: string;
  let running: RunningCollector;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tp-cx-'));
    running = await listen({ port: 0, dbPath: join(dir, 'cx.db'), rateLimit: false, report: { alerts: false } });
    await promisify(execFile)(process.execPath, ['scripts/seed.mjs', '--url', running.url, '--sessions', '120', '--kiosk', '60', '--seed', '5'], { cwd: ROOT });
  }, 120_000);
  afterAll(async () => {
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('/report.json is version 2 and matches its JSON Schema exactly (strict: no undocumented field)', async () => {
    const variants: Record<string, string>[] = [{}, { lang: 'vi', channel: 'kiosk' }, { compare: 'none' }];
    for (const params of variants) {
      const json = await (await fetch(reportUrl(running, '/report.json', params))).json();
      const parsed = ReportJson.safeParse(json);
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    }
    const schema = await fetch(reportUrl(running, '/report.schema.json'));
    expect(schema.headers.get('content-type')).toMatch(/^application\/schema\+json/);
    expect(await schema.json()).toEqual(JSON.parse(JSON.stringify(REPORT_JSON_SCHEMA)));
  });

  test('the headline shows this period’s emotion even when the earlier period is empty', async () => {
    const json = await (await fetch(reportUrl(running, '/report.json'))).json();
    expect(json.comparison.sessions.previous).toBe(0);
    const emotion = Math.round(json.comparison.emotion.current);
    const html = await (await fetch(reportUrl(running, '/report', { lang: 'en' }))).text();
    expect(html).toMatch(new RegExp(`<div class="tile"><span class="muted">Emotion</span><b>${emotion}</b>`));
  });

  test('heat map cells and rating rows: SQL over the store = the in-memory reading', async () => {
    const store = running.collector.store;
    const memory: EventStore = { insert: store.insert, query: store.query, stores: store.stores, close: () => undefined };
    expect(store.reportRead).toBeDefined();
    const params = { from: 0, to: Date.now() + 86_400_000, channel: null, store: null, cutoff: Date.now(), beatsFrom: 0 };
    const sort = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
    const sqlCells = await loadHeatCells(store, params);
    expect(sqlCells.length).toBeGreaterThan(10);
    const memCells = await loadHeatCells(memory, params);
    const round = (cells: typeof sqlCells) => cells.map((c) => ({ ...c, emotionSum: Math.round(c.emotionSum * 1e6) / 1e6 }));
    expect(sort(round(sqlCells))).toEqual(sort(round(memCells)));
    const sqlRows = await loadRatingRows(store, params, { withText: true, newestFirst: true, limit: 25 });
    expect(sqlRows).toHaveLength(25);
    expect(sqlRows).toEqual(await loadRatingRows(memory, params, { withText: true, newestFirst: true, limit: 25 }));
    expect(await loadRatingRows(store, { ...params, store: 'hcm-q1' })).toEqual(await loadRatingRows(memory, { ...params, store: 'hcm-q1' }));
  });
});

// Two days of a web shop: checkout ratings are unhappy, the others happy; `n` ratings each.
const day = (d: string, hh: string) => `2026-11-${d}T${hh}:00:00.000+07:00`;
const ratings = (d: string, n: number, checkoutScore: number) =>
  ['product_page', 'checkout', 'thank_you'].flatMap((touchpoint, t) =>
    Array.from({ length: n }, (_, i) => ({
      type: 'track',
      event: 'Feedback Submitted',
      messageId: `cx-${d}-${touchpoint}-${i}`,
      anonymousId: `a-${d}-${t}-${i}`,
      timestamp: day(d, String(10 + (i % 10)).padStart(2, '0')),
      context: { channel: 'web', touchpoint, journey_stage: ['consideration', 'purchase', 'post_purchase'][t], session_id: `s-${d}-${t}-${i}` },
      properties: { survey_type: 'emoji', scale_min: 1, scale_max: 5, score: touchpoint === 'checkout' ? (i % 2 ? checkoutScore : checkoutScore + 1) : 4 + (i % 2), completed: true },
    })),
  );

describe('low points and comparison', () => {
  const NOW = Date.parse('2026-11-21T12:00:00Z');
  test('a low point needs a difference beyond noise; the comparison says which deltas are', async () => {
    const { collector, cleanup } = tempCollector({ now: () => NOW, report: { alerts: false, minSample: 3 } });
    try {
      // 20 Nov: 40 ratings each, checkout 1–2 (low). 19 Nov (the day before): checkout 3–4.
      for (const batch of [ratings('20', 40, 1), ratings('19', 40, 3)]) expect((await (await post(collector, '/v1/batch', { batch })).json()).accepted).toBe(120);
      const get = async (q: string) => (await getReport(collector, `/report.json?${q}`)).json();
      const r = await get('from=2026-11-20&to=2026-11-20');
      expect(r.downs.map((d: { touchpoint: string; kind: string }) => [d.touchpoint, d.kind])).toEqual([['checkout', 'emotion']]);
      const checkout = r.places.find((p: { touchpoint: string }) => p.touchpoint === 'checkout');
      expect(checkout.emotion).toMatchObject({ n: 40, directional: false });
      expect(checkout.emotion.value).toBeCloseTo(12.5, 6);
      expect(checkout.csat).toMatchObject({ value: 0, low: 0, n: 40 });
      // The comparison: the day before, by default.
      expect(r.comparison).toMatchObject({ from: '2026-11-19', to: '2026-11-19', ratings: { current: 120, previous: 120, delta: 0, beyondNoise: false } });
      const cmp = r.comparison.touchpoints.find((p: { touchpoint: string }) => p.touchpoint === 'checkout');
      expect(cmp.emotion.delta).toBeCloseTo(-50, 6);
      expect(cmp.emotion.beyondNoise).toBe(true);
      const pp = r.comparison.touchpoints.find((p: { touchpoint: string }) => p.touchpoint === 'product_page');
      expect(pp.emotion).toMatchObject({ delta: 0, beyondNoise: false });
      // A chosen period, or none.
      expect((await get('from=2026-11-20&to=2026-11-20&cfrom=2026-11-01&cto=2026-11-02')).comparison.ratings).toMatchObject({ previous: 0, delta: 120 });
      expect((await get('from=2026-11-20&to=2026-11-20&compare=none')).comparison).toBeNull();
      // Three ratings each, checkout 3–4 against 4–5: too few to tell from noise, no low point, directional.
      const { collector: small, cleanup: done } = tempCollector({ now: () => NOW, report: { alerts: false, minSample: 3 } });
      await post(small, '/v1/batch', { batch: ratings('20', 3, 3) });
      const s = await (await getReport(small, '/report.json?from=2026-11-20&to=2026-11-20')).json();
      expect(s.downs).toEqual([]);
      expect(s.places.find((p: { touchpoint: string }) => p.touchpoint === 'checkout').emotion.directional).toBe(true);
      await done();
    } finally {
      await cleanup();
    }
  });
});

describe('labels and options', () => {
  test('touchpoints get human labels in vi and en; a shop adds its own', async () => {
    const { collector, cleanup } = tempCollector({ report: { alerts: false, touchpointLabels: { checkout: { vi: 'Trang thanh toán' }, gift_wrap: 'Gói quà' } } });
    try {
      await post(collector, '/v1/batch', { batch: [...ratings('20', 1, 1)].map((e) => ({ ...e, timestamp: new Date().toISOString() })) });
      const get = async (lang: string) => (await getReport(collector, `/report.json?lang=${lang}`)).json();
      expect((await get('vi')).labels).toEqual({ product_page: 'Trang sản phẩm', checkout: 'Trang thanh toán', thank_you: 'Xác nhận đơn hàng' });
      expect((await get('en')).labels).toEqual({ product_page: 'Product page', checkout: 'Checkout', thank_you: 'Order confirmation' });
      const html = await (await getReport(collector, '/report?lang=vi')).text();
      expect(html).toContain('<h3>Trang thanh toán</h3>');
      expect(html).not.toContain('<h3>checkout</h3>');
    } finally {
      await cleanup();
    }
  });

  test('acknowledging needs the report token, a same-site form and its form token', async () => {
    const { collector, cleanup } = tempCollector({ report: { alerts: { rules: [{ kind: 'kiosk_silent', minutes: 1 }], intervalMs: 60_000 } } });
    try {
      await post(collector, '/v1/batch', {
        batch: [{ type: 'track', event: 'Kiosk Heartbeat', messageId: 'hb-1', anonymousId: 'k', timestamp: new Date(Date.now() - 10 * 60_000).toISOString(), context: { channel: 'kiosk', store_id: 's' }, properties: { store_id: 's', device_id: 'd' } }],
      });
      const [alert] = await collector.alerts!.check();
      expect(alert).toMatchObject({ kind: 'kiosk_silent', scope: { storeId: 's', deviceId: 'd' } });
      const html = await (await getReport(collector, '/report')).text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
      const ack = (url: string, headers: Record<string, string>, form: Record<string, string>) =>
        collector(new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) }));
      const withToken = reportUrl({ url: 'http://127.0.0.1', reportToken: collector.reportToken }, '/report/alerts/ack');
      expect((await ack(reportUrl({ url: 'http://127.0.0.1' }, '/report/alerts/ack'), {}, { id: alert!.id, csrf })).status).toBe(401);
      expect((await ack(withToken, { origin: 'null' }, { id: alert!.id, csrf })).status).toBe(403);
      expect((await ack(withToken, { 'sec-fetch-site': 'same-site' }, { id: alert!.id, csrf })).status).toBe(403);
      expect((await ack(withToken, {}, { id: alert!.id, csrf: 'forged' })).status).toBe(403);
      expect(collector.alerts!.alerts.open()).toHaveLength(1);
      const ok = await ack(withToken, { origin: 'null', 'sec-fetch-site': 'same-origin' }, { id: alert!.id, csrf, back: '?lang=vi' });
      expect(ok.status).toBe(303);
      expect(ok.headers.get('location')).toBe('../../report?lang=vi#alerts');
      expect(collector.alerts!.alerts.open()).toHaveLength(0);
      expect((await ack(withToken, {}, { id: alert!.id, csrf })).status).toBe(404);
    } finally {
      await cleanup();
    }
  });

  test('bad report options fail at set-up, naming the option', () => {
    const make = (report: object) => () => createCollector({ dbPath: ':memory:', report });
    expect(make({ openingHours: { 'hcm-q1': '8h-22h' } })).toThrow(/report\.openingHours\.hcm-q1: "8h-22h"/);
    expect(make({ touchpointLabels: { checkout: 3 } })).toThrow(/report\.touchpointLabels\.checkout/);
    expect(make({ alerts: { rules: [{ kind: 'negative_share', threshold: 2, windowHours: 1, minCount: 1 }] } })).toThrow(/report\.alerts\.rules\[0\]\.threshold/);
    expect(make({ alerts: { webhook: { url: 'ftp://x' } } })).toThrow(/report\.alerts\.webhook\.url/);
  });

  test('the demo shop footer speaks Vietnamese', async () => {
    // The demo is plain JavaScript (no types): its page renderer, as the demo server calls it.
    const { renderPage } = (await import('../../demo/shop/render.mjs' as string)) as { renderPage: (o: object) => string };
    const html = renderPage({ lang: 'vi', view: 'home', path: '/vi/', title: 'x', stage: 'awareness', body: '' });
    expect(html).toContain('>báo cáo hành trình cảm xúc</a>');
    expect(html).not.toMatch(/>report<\/a>/);
  });
});
