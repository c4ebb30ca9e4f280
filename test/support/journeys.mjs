// Deterministic shop traffic in the SDK's wire format, for the store tests and the ClickHouse
// benchmark: web visits (pages, products, carts, checkouts, orders, ratings with comments and
// reasons, web vitals, SDK-reported abandonment) and kiosk ratings with heartbeats, in Vietnam
// (+07:00). Generated visit by visit, so a benchmark can stream millions of events.

import { seededRandom } from '../../scripts/seededRandom.mjs';

const OFFSET_MIN = 7 * 60;
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** ISO time with the +07:00 offset, as the SDK writes it. */
const local = (ms) => {
  const d = new Date(ms + OFFSET_MIN * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+07:00`;
};

/** Seeded randomness (mulberry32): the same seed gives the same traffic. */
const random = (seed) => {
  const next = seededRandom(seed >>> 0 || 1);
  return { next, chance: (p) => next() < p, int: (a, b) => a + Math.floor(next() * (b - a + 1)), pick: (list) => list[Math.floor(next() * list.length)] };
};

const PRODUCTS = ['bk-001', 'bk-002', 'bk-003', 'bk-004', 'bk-005'];
const COMMENTS = ['Giao nhanh', 'Phí ship cao quá', 'Dễ dùng', 'Chờ lâu', 'ok'];
const REASONS = ['shipping_cost', 'price', 'slow_delivery', 'Thiếu size'];

/**
 * Visits, each an array of events in time order.
 * @param {{ visits: number, seed?: number, endAt?: number, days?: number, prefix?: string, ordered?: boolean }} options
 *   `endAt`: no event after it (default 2026-11-30T12:00Z); `days`: how far back visits start;
 *   `prefix`: of every messageId and session id, so runs do not collide; `ordered`: visits start
 *   in order over the days (live traffic), else at random times.
 */
export function* journeyVisits({ visits, seed = 7, endAt = JOURNEYS_END, days = 14, prefix = 'j', ordered = false }) {
  const r = random(seed);
  let n = 0;
  for (let v = 0; v < visits; v++) {
    const kiosk = r.chance(0.2);
    const session = `${prefix}-s${v}`;
    // Live traffic arrives in time order; `ordered` spreads the visits evenly instead of at random.
    const minutesBack = ordered ? Math.round(((visits - v) / visits) * days * 24 * 60) : r.int(1, days * 24 * 60);
    let t = endAt - minutesBack * 60_000 - 3_600_000;
    const events = [];
    const add = (type, fields, touchpoint, stage, channel = 'web', extra = {}) => {
      t += r.int(5, 90) * 1000;
      events.push({
        type,
        ...fields,
        messageId: `${prefix}-${++n}`,
        anonymousId: kiosk ? `kiosk-${v % 3}` : `${prefix}-a${v % Math.max(1, Math.floor(visits * 0.8))}`,
        timestamp: local(Math.min(t, endAt)),
        context: { channel, touchpoint, journey_stage: stage, session_id: session, ...extra },
      });
    };
    const track = (event, properties, touchpoint, stage) => add('track', { event, properties }, touchpoint, stage);
    const rate = (touchpoint, stage, mood) => {
      const score = Math.max(1, Math.min(5, Math.round(mood * 5 + r.next() * 2 - 1)));
      const base = { survey_type: 'emoji', scale_min: 1, scale_max: 5, score, submission_id: `${session}-${touchpoint}` };
      track('Feedback Submitted', { ...base, completed: false }, touchpoint, stage);
      if (r.chance(0.6)) track('Feedback Submitted', { ...base, completed: true, comment: r.pick(COMMENTS), reasons: score <= 3 ? [r.pick(REASONS)] : [] }, touchpoint, stage);
    };
    if (kiosk) {
      const store = { store_id: r.pick(['hcm-q1', 'hn-hk']), device_id: 'exit-1' };
      const score = r.int(1, 4);
      add('track', { event: 'Feedback Submitted', properties: { ...store, survey_type: 'smiley', scale_min: 1, scale_max: 4, score, reasons: score < 3 ? ['queue'] : [] } }, 'store_exit', 'post_purchase', 'kiosk', { store_id: store.store_id });
      if (r.chance(0.3)) add('track', { event: 'Kiosk Heartbeat', properties: { ...store, queue_depth: r.int(0, 5), battery: 0.8 } }, 'store_exit', 'post_purchase', 'kiosk', { store_id: store.store_id });
      yield events;
      continue;
    }
    add('page', { name: 'home', properties: { path: '/' } }, 'home', 'awareness');
    if (r.chance(0.3)) track('Web Vital Measured', { metric: 'LCP', value: r.int(900, 5000), delta: 10, rating: 'good', metric_id: `v${n}`, navigation_type: 'navigate' }, 'home', 'awareness');
    if (r.chance(0.25)) {
      yield events;
      continue;
    }
    track('Product Viewed', { product_id: r.pick(PRODUCTS), price: 90000 }, 'product_page', 'consideration');
    if (r.chance(0.15)) rate('product_page', 'consideration', 0.6);
    if (r.chance(0.5)) {
      yield events;
      continue;
    }
    const cart_id = `${session}-cart`;
    track('Product Added', { product_id: r.pick(PRODUCTS), cart_id, price: 90000, quantity: 1 }, 'cart', 'purchase');
    const leave = r.next();
    if (leave < 0.3) {
      if (r.chance(0.5)) track('Cart Abandoned', { cart_id, value: 90000 }, 'cart', 'purchase');
      yield events;
      continue;
    }
    track('Checkout Started', { cart_id, value: 90000, currency: 'VND' }, 'checkout', 'purchase');
    if (leave < 0.5) {
      if (r.chance(0.5)) rate('checkout', 'purchase', 0.3);
      yield events;
      continue;
    }
    track('Order Completed', { order_id: `${session}-o`, cart_id, revenue: 115000, currency: 'VND' }, 'checkout', 'purchase');
    add('page', { name: 'thank_you', properties: { path: '/thank-you' } }, 'thank_you', 'post_purchase');
    if (r.chance(0.5)) rate('thank_you', 'post_purchase', 0.85);
    yield events;
  }
}

/** Default end of the generated traffic: give a collector this clock and times stay as generated. */
export const JOURNEYS_END = Date.parse('2026-11-30T12:00:00Z');

/**
 * The same traffic as batches of at most `size` events (whole visits, in order), the way SDKs
 * flush: `{ batch, sentAt }` bodies for `POST /v1/batch`. Every batch is sent "at" `endAt`, so a
 * collector whose clock reads `endAt` stores each event at its generated time (skew correction
 * keeps the interval between capture and send).
 * @param {Parameters<typeof journeyVisits>[0] & { size?: number }} options
 */
export function* journeyBatches({ size = 100, endAt = JOURNEYS_END, ...options }) {
  const sentAt = local(endAt);
  let batch = [];
  for (const visit of journeyVisits({ ...options, endAt })) {
    if (batch.length + visit.length > size && batch.length) {
      yield { batch, sentAt };
      batch = [];
    }
    batch.push(...visit);
  }
  if (batch.length) yield { batch, sentAt };
}
