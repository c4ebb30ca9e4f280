/**
 * The SQL report engine against the in-memory oracle on generated corpora: random mixes of visits,
 * carts, checkouts, orders (browser and server), ratings on every scale with comments and reasons,
 * vitals, kiosks and bots, on a coarse clock so that ties happen, under random filters.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { createSqliteStore, toStoredEvent } from '../../src/collector';
import { buildReport } from '../../src/collector/report/handleReport';
import type { ReportFilter } from '../../src/collector/report/reportFilter';
import type { TouchpointEvent } from '../../src/schema/event';
import { oracle } from './engine-oracle';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const NAMES = [
  null, 'Product Viewed', 'Product Added', 'Product Removed', 'Cart Viewed', 'Checkout Started', 'Checkout Step Viewed',
  'Payment Info Entered', 'Order Completed', 'Cart Abandoned', 'Checkout Abandoned', 'Feedback Submitted', 'Feedback Submitted',
  'Web Vital Measured', 'Kiosk Heartbeat',
] as const;
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

const eventArb = fc.record({
  name: fc.constantFrom(...NAMES),
  session: fc.integer({ min: 0, max: 6 }),
  anon: fc.integer({ min: 0, max: 3 }),
  noSession: fc.boolean(),
  // Minutes before NOW, over two days: coarse enough for ties, long enough for the abandonment window.
  minutesAgo: fc.integer({ min: 0, max: 48 * 60 }).map((m) => m - (m % 7)),
  stage: fc.constantFrom('awareness', 'consideration', 'purchase', 'post_purchase', 'advocacy', 'bogus', undefined),
  touchpoint: fc.constantFrom('home', 'p1', 'p2', 'cart', 'checkout', 'thanks', undefined),
  channel: fc.constantFrom('web', 'web', 'kiosk', 'app', undefined),
  bot: fc.boolean().map((b) => b && Math.random() < 0.3),
  props: fc.record({
    cart_id: maybe(fc.constantFrom('c1', 'c2', 'c3')),
    checkout_id: maybe(fc.constantFrom('k1', 'k2')),
    order_id: maybe(fc.constantFrom('o1', 'o2', 'o3')),
    source: maybe(fc.constant('server')),
    revenue: maybe(fc.integer({ min: 0, max: 500 }).map((x) => x * 1000)),
    currency: maybe(fc.constantFrom('VND', 'usd')),
    survey_type: maybe(fc.constantFrom('emoji', 'nps', 'ces', 'smiley', 'stars')),
    scale_min: maybe(fc.constantFrom(0, 1)),
    scale_max: maybe(fc.constantFrom(2, 4, 5, 7, 10)),
    score: maybe(fc.integer({ min: -1, max: 11 })),
    completed: maybe(fc.boolean()),
    submission_id: maybe(fc.constantFrom('s1', 's2', 's3', 's4')),
    comment: maybe(fc.constantFrom('Good', 'good ', '  Slow   delivery', 'slow delivery', 'Đẹp', 'ĐẸP')),
    reasons: maybe(fc.subarray(['shipping_cost', 'long_wait', 'Giá cao', 'staff'])),
    metric: maybe(fc.constantFrom('LCP', 'CLS', 'inp', 'XYZ')),
    value: maybe(fc.integer({ min: 0, max: 5000 })),
    store_id: maybe(fc.constantFrom('s1', 's2')),
    device_id: maybe(fc.constantFrom('d1', 'd2')),
    queue_depth: maybe(fc.integer({ min: 0, max: 9 })),
  }),
});

const filterArb = fc.record({
  from: fc.constantFrom('2026-11-18', '2026-11-19', '2026-11-20'),
  to: fc.constantFrom(null, '2026-11-19', '2026-11-20'),
  channel: fc.constantFrom(null, 'web', 'kiosk'),
  store: fc.constantFrom(null, 's1'),
  lang: fc.constantFrom('en' as const, 'vi' as const),
});

type Generated = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;
const toEvent = (e: Generated, i: number): TouchpointEvent => {
  const local = new Date(NOW - e.minutesAgo * 60_000 + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
  const properties = Object.fromEntries(Object.entries(e.props).filter(([, v]) => v !== undefined));
  if (properties.metric === 'CLS' && typeof properties.value === 'number') properties.value = properties.value / 10_000;
  return {
    type: e.name ? 'track' : 'page',
    ...(e.name ? { event: e.name } : { name: e.touchpoint ?? 'page' }),
    messageId: `m-${i}`,
    anonymousId: `a-${e.anon}`,
    timestamp: local,
    context: {
      ...(e.channel ? { channel: e.channel } : {}),
      ...(e.touchpoint ? { touchpoint: e.touchpoint } : {}),
      ...(e.stage ? { journey_stage: e.stage } : {}),
      ...(e.noSession ? {} : { session_id: `s-${e.session}` }),
      userAgent: e.bot ? 'Mozilla/5.0 (compatible; Googlebot/2.1)' : 'Mozilla/5.0 (iPhone) Safari',
    },
    properties,
  } as unknown as TouchpointEvent;
};

test('SQL engine = oracle on generated corpora (sessions, continuation, exits, abandonment, ratings, comments, reasons, vitals, kiosks)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 70 }), filterArb, fc.integer({ min: 1, max: 4 }), async (list, f, maxCards) => {
      const store = createSqliteStore({ path: ':memory:' });
      try {
        const rows = list.map((e, i) => {
          const event = toEvent(e, i);
          return toStoredEvent(event, JSON.stringify(event), NOW);
        });
        await store.insert(rows);
        const o = { filter: f as ReportFilter, now: NOW, abandonmentWindowMs: 30 * 60_000, silentAfterMs: 15 * 60_000, minSample: 1, stores: [], maxCards };
        expect(await buildReport(store, o)).toEqual(await oracle(store, o));
      } finally {
        await store.close();
      }
    }),
    { numRuns: 60, seed: 20261205 },
  );
}, 120_000);
