import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Collector, Report } from '../../src/collector';
import { getReport, post, tempCollector } from './collector-fixtures';

// A small, fully known data set: five web shoppers who reach the cart, one who only browses,
// three kiosk ratings and two kiosks, all on 20 Nov 2026 in Vietnam (+07:00).
const NOW = Date.parse('2026-11-20T12:00:00.000Z');
let n = 0;
const at = (hhmm: string) => `2026-11-20T${hhmm}:00.000+07:00`;
const e = (session: string, time: string, stage: string, touchpoint: string, event: string | null, properties: Record<string, unknown> = {}, channel = 'web') => ({
  type: event ? 'track' : 'page',
  ...(event ? { event } : { name: touchpoint }),
  messageId: `r-${++n}`,
  anonymousId: channel === 'kiosk' ? 'kiosk-k1' : `anon-${session}`,
  timestamp: at(time),
  context: { channel, touchpoint, journey_stage: stage, session_id: session },
  properties,
});
const rating = (score: number, extra: Record<string, unknown> = {}) => ({ survey_type: 'emoji', scale_min: 1, scale_max: 5, score, completed: true, ...extra });

const web = [
  // A: the happy path, rated 5 after the order (tap first, then the comment: counted once).
  e('A', '15:00', 'awareness', 'home', null),
  e('A', '15:01', 'consideration', 'product_page', 'Product Viewed'),
  e('A', '15:02', 'purchase', 'cart', 'Product Added', { cart_id: 'ca' }),
  e('A', '15:03', 'purchase', 'checkout', 'Checkout Started', { cart_id: 'ca' }),
  e('A', '15:04', 'purchase', 'checkout', 'Order Completed', { order_id: 'o-A', revenue: 200000, currency: 'VND' }),
  e('A', '15:05', 'post_purchase', 'thank_you', 'Feedback Submitted', rating(5, { submission_id: 'sA', completed: false })),
  e('A', '15:06', 'post_purchase', 'thank_you', 'Feedback Submitted', rating(5, { submission_id: 'sA', comment: 'Giao nhanh, đóng gói đẹp' })),
  // B: unhappy with the price, adds to cart and never comes back (derived abandonment).
  e('B', '15:00', 'awareness', 'home', null),
  e('B', '15:01', 'consideration', 'product_page', 'Product Viewed'),
  e('B', '15:01', 'consideration', 'product_page', 'Feedback Submitted', rating(2, { submission_id: 'sB', comment: '<script>alert(1)</script> too expensive', reasons: ['price_too_high', 'shipping cost'] })),
  e('B', '15:02', 'purchase', 'cart', 'Product Added'),
  // C: the SDK reports the abandonment itself; it must not be counted twice.
  e('C', '15:00', 'awareness', 'home', null),
  e('C', '15:01', 'purchase', 'cart', 'Product Added', { cart_id: 'c1' }),
  e('C', '15:02', 'purchase', 'cart', 'Cart Abandoned', { cart_id: 'c1', value: 90000 }),
  // D: leaves in checkout (SDK checkout abandonment; the cart is derived).
  e('D', '15:00', 'consideration', 'product_page', 'Product Viewed'),
  e('D', '15:01', 'purchase', 'cart', 'Product Added', { cart_id: 'd1' }),
  e('D', '15:02', 'purchase', 'checkout', 'Checkout Started', { cart_id: 'd1' }),
  e('D', '15:03', 'purchase', 'checkout', 'Checkout Abandoned', { cart_id: 'd1' }),
  // E: the SDK saw an exit with a full cart, but she came back within the window and ordered.
  e('E', '15:00', 'consideration', 'product_page', 'Product Viewed', { product_id: 'p<1>' }),
  e('E', '15:01', 'purchase', 'cart', 'Product Added'),
  e('E', '15:02', 'purchase', 'cart', 'Cart Abandoned'),
  e('E', '15:10', 'purchase', 'checkout', 'Order Completed', { order_id: 'o-E', revenue: 150000, currency: 'VND' }),
  // F: browses and leaves.
  e('F', '15:00', 'awareness', 'home', null),
  e('F', '15:01', 'consideration', 'product_page', 'Product Viewed'),
  ...[1000, 2000, 3000, 4000].map((v) => e('F', '15:02', 'consideration', 'product_page', 'Web Vital Measured', { metric: 'LCP', value: v, rating: 'poor' })),
];
const kiosk = [
  e('k-1', '09:00', 'post_purchase', 'store_exit', 'Feedback Submitted', { survey_type: 'smiley', scale_min: 1, scale_max: 4, score: 4, store_id: 's1', device_id: 'k1' }, 'kiosk'),
  e('k-2', '09:30', 'post_purchase', 'store_exit', 'Feedback Submitted', { survey_type: 'smiley', scale_min: 1, scale_max: 4, score: 1, store_id: 's1', device_id: 'k1', reasons: ['queue'] }, 'kiosk'),
  e('k-3', '14:00', 'post_purchase', 'store_exit', 'Feedback Submitted', { survey_type: 'smiley', scale_min: 1, scale_max: 4, score: 3, store_id: 's1', device_id: 'k1' }, 'kiosk'),
  e('k-hb', '18:59', 'post_purchase', 'store_exit', 'Kiosk Heartbeat', { store_id: 's1', device_id: 'k1', queue_depth: 0, battery: 0.8 }, 'kiosk'),
];
const oldBeat = e('k-hb2', '18:00', 'post_purchase', 'store_exit', 'Kiosk Heartbeat', { store_id: 's1', device_id: 'k2', queue_depth: 12, battery: 0.1 }, 'kiosk');

let clock = NOW - 3_600_000;
let collector: Collector;
let cleanup: () => Promise<void>;
let report: Report;
const get = (path: string, headers: Record<string, string> = {}) => getReport(collector, path, headers);

beforeAll(async () => {
  ({ collector, cleanup } = tempCollector({ now: () => clock, report: { minSample: 1 } }));
  // No sentAt: the client times are taken as they are (no skew to correct).
  expect(await (await post(collector, '/v1/batch', { batch: [oldBeat] })).json()).toMatchObject({ accepted: 1 });
  clock = NOW;
  expect(await (await post(collector, '/v1/batch', { batch: [...web, ...kiosk] })).json()).toMatchObject({ accepted: web.length + kiosk.length });
  report = (await (await get('/report.json?from=2026-11-20&to=2026-11-20')).json()) as Report;
});
afterAll(() => cleanup());

const card = (stage: string, touchpoint: string) => report.stages.find((s) => s.stage === stage)!.touchpoints.find((t) => t.touchpoint === touchpoint)!;

describe('report numbers on a known data set', () => {
  test('totals and funnel', () => {
    expect(report.totals).toEqual({ events: web.length + kiosk.length + 1, sessions: 9, ratings: 5, orders: 2, revenue: { VND: 350000 }, botEvents: 0 });
    expect(report.funnel.steps).toEqual([
      { key: 'sessions', sessions: 9, rate: null },
      { key: 'viewed', sessions: 5, rate: 0.556 },
      { key: 'cart', sessions: 5, rate: 1 },
      { key: 'checkout', sessions: 2, rate: 0.4 },
      { key: 'order', sessions: 2, rate: 1 },
    ]);
  });

  test('abandonment: SDK events and derived ones, each counted once; a come-back is no abandonment', () => {
    expect(report.funnel.cart).toEqual({ started: 5, ordered: 2, abandoned: 3, sdk: 1, derived: 2, open: 0, rate: 0.6 });
    expect(report.funnel.checkout).toEqual({ started: 2, ordered: 1, abandoned: 1, sdk: 1, derived: 0, open: 0, rate: 0.5 });
    expect(card('purchase', 'cart').abandoned).toBe(2); // B (derived), C (SDK)
    expect(card('purchase', 'checkout').abandoned).toBe(1); // D left there: cart and checkout, one session
  });

  test('stages and touchpoint cards', () => {
    expect(report.stages.map((s) => [s.stage, s.sessions, s.continuation])).toEqual([
      ['awareness', 4, 1],
      ['consideration', 5, 0.8],
      ['purchase', 5, 0.2],
      ['post_purchase', 4, 0],
      ['advocacy', 0, null],
    ]);
    expect(card('awareness', 'home')).toMatchObject({ sessions: 4, continued: 4, continuation: 1, exits: 0, channels: ['web'] });
    expect(card('consideration', 'product_page')).toMatchObject({ sessions: 5, continued: 4, continuation: 0.8, exits: 1 });
    expect(card('purchase', 'cart')).toMatchObject({ sessions: 5, continued: 1, continuation: 0.2, exits: 2 });
    expect(card('purchase', 'checkout')).toMatchObject({ sessions: 3, continued: 1, exits: 1 });
  });

  test('ratings: latest record per submission, distribution, CSAT, comments and reasons', () => {
    const thanks = card('post_purchase', 'thank_you').ratings!;
    expect(thanks.count).toBe(1);
    expect(thanks.emotion).toBe(100);
    expect(card('post_purchase', 'thank_you').comments).toEqual([{ text: 'Giao nhanh, đóng gói đẹp', count: 1 }]);
    const product = card('consideration', 'product_page');
    expect(product.ratings!.scales[0]).toMatchObject({ surveyType: 'emoji', min: 1, max: 5, count: 1, average: 2, csat: 0 });
    expect(product.reasons).toEqual([{ id: 'price_too_high', text: 'Price too high', count: 1 }, { id: 'shipping cost', text: 'shipping cost', count: 1 }]);
    const exit = card('post_purchase', 'store_exit');
    expect(exit.channels).toEqual(['kiosk']);
    expect(exit.ratings).toMatchObject({ count: 3, emotion: 55.6 });
    expect(exit.ratings!.scales[0]!.distribution).toEqual([{ score: 1, count: 1 }, { score: 2, count: 0 }, { score: 3, count: 1 }, { score: 4, count: 1 }]);
    expect(exit.ratings!.scales[0]!.csat).toBe(0.667);
  });

  test('the downs: only differences beyond noise (one 2 of 5 against five others is not)', () => {
    // A single unhappy rating and 1 of 5 going on from the cart are too few to tell from noise
    // (test/node/collector.cx.test.ts has a data set where they are not).
    expect(report.downs).toEqual([]);
    expect(card('post_purchase', 'store_exit')).toMatchObject({ continuation: null, exits: 0 }); // a kiosk terminal
    expect(card('consideration', 'product_page').downs).toEqual([]);
  });

  test('kiosk ratings by local hour, vitals, silent kiosks', () => {
    expect(report.kioskHours[9]).toEqual({ hour: 9, count: 2, emotion: 50 });
    expect(report.kioskHours[14]).toEqual({ hour: 14, count: 1, emotion: 66.7 });
    expect(report.kioskHours.reduce((a, h) => a + h.count, 0)).toBe(3);
    expect(report.vitals).toEqual([{ touchpoint: 'product_page', metrics: [{ name: 'LCP', count: 4, p75: 3000, good: 0.5 }] }]);
    expect(report.kiosks).toEqual([
      { storeId: 's1', deviceId: 'k2', lastSeen: new Date(NOW - 3_600_000).toISOString(), minutesAgo: 60, queueDepth: 12, battery: 0.1, silent: true },
      { storeId: 's1', deviceId: 'k1', lastSeen: new Date(NOW - 60_000).toISOString(), minutesAgo: 1, queueDepth: 0, battery: 0.8, silent: false },
    ]);
  });

  test('filters: channel, store, date range', async () => {
    const kioskOnly = (await (await get('/report.json?from=2026-11-20&channel=kiosk')).json()) as Report;
    expect(kioskOnly.totals.sessions).toBe(3); // heartbeats are not visits
    expect(kioskOnly.filter).toMatchObject({ channel: 'kiosk', store: null });
    const store = (await (await get('/report.json?from=2026-11-20&store=s1')).json()) as Report;
    expect(store.totals.ratings).toBe(3);
    expect(store.stores).toEqual(['s1']);
    const before = (await (await get('/report.json?from=2026-11-01&to=2026-11-19')).json()) as Report;
    expect(before.totals.events).toBe(0);
    const junk = (await (await get('/report.json?from=yesterday&channel=fax')).json()) as Report;
    expect(junk.filter).toMatchObject({ from: '2026-10-22', to: null, channel: null });
  });
});

describe('report HTML', () => {
  test('escapes user text, draws SVG, speaks Vietnamese and English', async () => {
    const res = await get('/report?from=2026-11-20&lang=vi');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Báo cáo hành trình cảm xúc');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; too expensive');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<svg');
    expect(html).toContain('Điểm trũng');
    const en = await (await get('/report?from=2026-11-20', { 'accept-language': 'en-US' })).text();
    expect(en).toContain('Emotional journey report');
    const vi = await (await get('/report?from=2026-11-20', { 'accept-language': 'vi-VN,vi;q=0.9' })).text();
    expect(vi).toContain('lang="vi"');
  });

  test('hostile touchpoint, store and filter values are escaped everywhere', async () => {
    const { collector: c, cleanup: done } = tempCollector();
    try {
      const evil = '"><img src=x onerror=alert(1)>';
      await post(c, '/v1/batch', { batch: [e('X', '10:00', 'awareness', evil, 'Feedback Submitted', { ...rating(1), comment: evil, reasons: [evil], store_id: evil })] });
      const html = await (await getReport(c, `/report?from=2026-11-01&store=${encodeURIComponent(evil)}`)).text();
      expect(html).not.toContain('<img');
      expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    } finally {
      await done();
    }
  });
});
