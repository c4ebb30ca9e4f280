#!/usr/bin/env node
// `npm run demo:seed`: fill the collector's database with realistic customer journeys so the
// journey report is worth looking at on first start. Everything goes through the collector over
// HTTP as real batches (the SDK's wire format), so the seed also exercises validation, dedupe
// (a few batches are re-sent, as a flaky network would) and clock-skew correction.
//
//   node scripts/seed.mjs [--url http://127.0.0.1:8787] [--db ./data/touchpoint.db]
//                         [--sessions 450] [--kiosk 180] [--days 14] [--seed 7] [--write-key KEY]
//
// Without --url a collector is started in-process on a free 127.0.0.1 port, writing to --db.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadCollector } from './loadCollector.mjs';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    db: { type: 'string', default: './data/touchpoint.db' },
    sessions: { type: 'string', default: '450' },
    kiosk: { type: 'string', default: '180' },
    days: { type: 'string', default: '14' },
    seed: { type: 'string', default: '7' },
    'write-key': { type: 'string' },
  },
});

// Deterministic randomness (mulberry32): the same seed gives the same shop.
let state = Number(args.seed) >>> 0 || 7;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const chance = (p) => rand() < p;
const pick = (list) => list[Math.floor(rand() * list.length)];
const int = (min, max) => min + Math.floor(rand() * (max - min + 1));
const weighted = (pairs) => {
  const total = pairs.reduce((a, [, w]) => a + w, 0);
  let r = rand() * total;
  for (const [value, w] of pairs) if ((r -= w) < 0) return value;
  return pairs[pairs.length - 1][0];
};

const OFFSET_MIN = 7 * 60; // Vietnam, UTC+07:00
const pad = (n, w = 2) => String(n).padStart(w, '0');
/** ISO with the +07:00 offset, as the SDK writes it. */
const local = (ms) => {
  const d = new Date(ms + OFFSET_MIN * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+07:00`;
};

const BOOKS = [
  { product_id: 'bk-001', name: 'Dế Mèn phiêu lưu ký', price: 68000 },
  { product_id: 'bk-002', name: 'Số đỏ', price: 85000 },
  { product_id: 'bk-003', name: 'Nhà giả kim', price: 79000 },
  { product_id: 'bk-004', name: 'Tuổi thơ dữ dội', price: 120000 },
  { product_id: 'bk-005', name: 'Cho tôi xin một vé đi tuổi thơ', price: 95000 },
  { product_id: 'bk-006', name: 'Sapiens', price: 199000 },
  { product_id: 'bk-007', name: 'Atomic Habits', price: 159000 },
];
const COMMENTS = {
  low: [
    ['vi', 'Phí giao hàng cao quá'],
    ['vi', 'Thanh toán nhiều bước quá'],
    ['vi', 'Không thấy mã giảm giá'],
    ['en', 'Shipping cost only shown at the end'],
    ['en', 'Too many steps to pay'],
    ['vi', 'Trang tải chậm'],
  ],
  mid: [
    ['vi', 'Tạm ổn'],
    ['en', 'OK, but delivery options are unclear'],
    ['vi', 'Giá hơi cao'],
  ],
  high: [
    ['vi', 'Giao hàng nhanh, đóng gói đẹp'],
    ['vi', 'Rất hài lòng'],
    ['en', 'Easy to find the book I wanted'],
    ['en', 'Great selection, fast checkout'],
    ['vi', 'Nhân viên tư vấn nhiệt tình'],
  ],
};
const REASONS = {
  checkout: ['shipping cost', 'too many steps', 'payment failed', 'no COD option'],
  product_page: ['price', 'not enough reviews', 'out of stock'],
  store_exit: ['Xếp hàng lâu', 'Thiếu sách cần tìm', 'Nhân viên thân thiện', 'Không gian đẹp'],
};

/** Score for a 1–5 emoji rating whose mood is `m` (0 unhappy … 1 happy). */
const scoreOf = (m, min, max) => Math.max(min, Math.min(max, Math.round(min + (max - min) * Math.min(1, Math.max(0, m + (rand() - 0.5) * 0.5)))));
const commentFor = (score, min, max) => {
  const m = (score - min) / (max - min);
  if (!chance(0.45)) return null;
  return pick(m < 0.4 ? COMMENTS.low : m < 0.7 ? COMMENTS.mid : COMMENTS.high)[1];
};

const now = Date.now();
const days = Number(args.days);
/** A visit start in the last `days` days, busier in the evening (local time). */
const visitStart = () => {
  const day = int(0, days - 1);
  const hour = weighted([[8, 2], [10, 3], [12, 5], [14, 3], [17, 4], [19, 8], [20, 9], [21, 8], [22, 5], [23, 2]]);
  const localMidnight = Math.floor((now + OFFSET_MIN * 60_000) / 86_400_000) * 86_400_000 - OFFSET_MIN * 60_000;
  const t = localMidnight - day * 86_400_000 + (hour + rand()) * 3_600_000;
  return Math.min(t, now - 40 * 60_000); // every window has ended by now
};

/** One web visit: a list of events in time order. */
const webVisit = (anonymousId, userId) => {
  const session = randomUUID();
  let t = visitStart();
  const events = [];
  const ua = pick(['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)', 'Mozilla/5.0 (Linux; Android 15; SM-A556E)', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)']);
  const campaign = chance(0.3) ? { source: pick(['facebook', 'zalo', 'google']), medium: pick(['cpc', 'social']), name: 'sach-thang-11' } : undefined;
  const add = (type, fields, touchpoint, stage, gapMs = int(8, 90) * 1000) => {
    t += gapMs;
    events.push({
      type,
      ...fields,
      messageId: randomUUID(),
      anonymousId,
      ...(userId ? { userId } : {}),
      timestamp: local(t),
      context: {
        library: { name: 'touchpoint', version: '0.1.0' },
        locale: pick(['vi-VN', 'vi-VN', 'en-US']),
        timezone: 'Asia/Ho_Chi_Minh',
        userAgent: ua,
        page: { path: `/${touchpoint === 'home' ? '' : touchpoint}`, title: touchpoint },
        ...(campaign ? { campaign } : {}),
        channel: 'web',
        touchpoint,
        journey_stage: stage,
        session_id: session,
      },
    });
  };
  const page = (touchpoint, stage, gap) => add('page', { name: touchpoint, properties: { path: `/${touchpoint}` } }, touchpoint, stage, gap);
  const track = (event, properties, touchpoint, stage, gap) => add('track', { event, properties }, touchpoint, stage, gap);
  const vitals = (touchpoint, stage, slow) => {
    const lcp = Math.round((slow ? 2600 : 1400) + rand() * 1800);
    const inp = Math.round((slow ? 180 : 80) + rand() * 250);
    const cls = Math.round(rand() * (slow ? 0.3 : 0.12) * 1000) / 1000;
    const rate = (v, good, poor) => (v <= good ? 'good' : v <= poor ? 'needs-improvement' : 'poor');
    track('Web Vital Measured', { metric: 'LCP', value: lcp, rating: rate(lcp, 2500, 4000) }, touchpoint, stage, 1500);
    if (chance(0.6)) track('Web Vital Measured', { metric: 'INP', value: inp, rating: rate(inp, 200, 500) }, touchpoint, stage, 4000);
    if (chance(0.6)) track('Web Vital Measured', { metric: 'CLS', value: cls, rating: rate(cls, 0.1, 0.25) }, touchpoint, stage, 100);
    if (chance(0.3)) track('Web Vital Measured', { metric: 'TTFB', value: Math.round(200 + rand() * 900), rating: 'good' }, touchpoint, stage, 10);
  };
  const rate = (touchpoint, stage, mood, extra = {}) => {
    const submission_id = randomUUID();
    const survey = { survey_id: `${touchpoint}-emoji`, survey_type: 'emoji', scale_min: 1, scale_max: 5, touchpoint, journey_stage: stage, channel: 'web', ...extra };
    track('Feedback Shown', survey, touchpoint, stage, 3000);
    if (chance(0.25)) return track('Feedback Dismissed', survey, touchpoint, stage, 4000);
    const score = scoreOf(mood, 1, 5);
    const base = { ...survey, submission_id, score, label: ['Very unhappy', 'Unhappy', 'Neutral', 'Happy', 'Very happy'][score - 1] };
    track('Feedback Submitted', { ...base, comment: null, reasons: [], completed: false }, touchpoint, stage, 2500);
    if (chance(0.7)) {
      const reasons = REASONS[touchpoint] && score <= 3 ? [pick(REASONS[touchpoint])] : [];
      track('Feedback Submitted', { ...base, comment: commentFor(score, 1, 5), reasons, completed: true }, touchpoint, stage, 9000);
    }
  };

  page(pick(['home', 'home', 'home', 'landing_campaign', 'blog']), 'awareness', 0);
  if (chance(0.4)) vitals('home', 'awareness', false);
  if (!chance(0.78)) return events; // bounced
  page(pick(['product_list', 'search']), 'consideration');
  const cart = [];
  const viewed = int(1, 3);
  for (let i = 0; i < viewed; i++) {
    const book = pick(BOOKS);
    track('Product Viewed', { ...book, currency: 'VND' }, 'product_page', 'consideration');
    if (i === 0 && chance(0.5)) vitals('product_page', 'consideration', true);
    if (chance(0.45)) cart.push({ ...book, quantity: int(1, 2) });
  }
  if (chance(0.12)) rate('product_page', 'consideration', 0.55);
  if (!cart.length) return events;
  const cart_id = randomUUID();
  for (const item of cart) track('Product Added', { ...item, cart_id, currency: 'VND' }, 'product_page', 'consideration', 20_000);
  const value = cart.reduce((a, p) => a + p.price * p.quantity, 0);
  page('cart', 'purchase');
  track('Cart Viewed', { cart_id, products: cart, value, currency: 'VND' }, 'cart', 'purchase', 1000);
  const leave = rand();
  if (leave < 0.28) {
    // Leaves from the cart; half the time the SDK saw the exit and said so itself.
    if (chance(0.5)) track('Cart Abandoned', { cart_id, products: cart, value, currency: 'VND' }, 'cart', 'purchase', 30_000);
    return events;
  }
  track('Checkout Started', { cart_id, products: cart, value, currency: 'VND' }, 'checkout', 'purchase');
  if (chance(0.5)) vitals('checkout', 'purchase', chance(0.5));
  if (leave < 0.52) {
    // The shipping-cost surprise: the journey's low point.
    if (chance(0.5)) rate('checkout', 'purchase', 0.2);
    if (chance(0.6)) track('Checkout Abandoned', { cart_id, products: cart, value, currency: 'VND' }, 'checkout', 'purchase', 20_000);
    return events;
  }
  if (chance(0.25)) rate('checkout', 'purchase', 0.45);
  const order_id = `DH${int(100000, 999999)}`;
  track('Order Completed', { order_id, cart_id, revenue: value + 25000, value, shipping: 25000, currency: 'VND', products: cart }, 'checkout', 'purchase', 60_000);
  page('thank_you', 'post_purchase', 2000);
  if (chance(0.6)) rate('thank_you', 'post_purchase', 0.85, { order_id });
  if (chance(0.3)) {
    // Days later: tracking the delivery, then maybe a review or a referral.
    t += int(1, 3) * 86_400_000;
    if (t < now) {
      page('order_tracking', 'post_purchase', 0);
      if (chance(0.5)) rate('order_tracking', 'post_purchase', chance(0.3) ? 0.3 : 0.75, { order_id });
      if (chance(0.4)) {
        page('review_form', 'advocacy');
        track('Product Reviewed', { product_id: cart[0].product_id, rating: int(3, 5) }, 'review_form', 'advocacy');
        if (chance(0.5)) track('Referral Shared', { channel: pick(['zalo', 'facebook']) }, 'review_form', 'advocacy');
      }
    }
  }
  return events;
};

/** In-store kiosks: four-smiley exit terminals and a 5-star counter tablet. */
const KIOSKS = [
  { store_id: 'hcm-q1', device_id: 'exit-1', touchpoint: 'store_exit', stage: 'post_purchase', scale: [1, 4], type: 'smiley' },
  { store_id: 'hcm-q1', device_id: 'counter-1', touchpoint: 'store_counter', stage: 'purchase', scale: [1, 5], type: 'stars' },
  { store_id: 'hn-hoankiem', device_id: 'exit-1', touchpoint: 'store_exit', stage: 'post_purchase', scale: [1, 4], type: 'smiley' },
];
const kioskEvent = (k, event, properties, t, session) => ({
  type: 'track',
  event,
  properties: { store_id: k.store_id, device_id: k.device_id, ...properties },
  messageId: randomUUID(),
  anonymousId: `kiosk-${k.store_id}-${k.device_id}`,
  timestamp: local(t),
  context: { library: { name: 'touchpoint', version: '0.1.0' }, locale: 'vi-VN', timezone: 'Asia/Ho_Chi_Minh', channel: 'kiosk', touchpoint: k.touchpoint, journey_stage: k.stage, session_id: session, store_id: k.store_id },
});
const kioskCustomer = () => {
  const k = pick(KIOSKS);
  const session = randomUUID();
  const day = int(0, days - 1);
  const hour = weighted([[9, 2], [10, 3], [11, 4], [12, 6], [13, 5], [15, 3], [17, 4], [18, 6], [19, 7], [20, 5], [21, 2]]);
  const localMidnight = Math.floor((now + OFFSET_MIN * 60_000) / 86_400_000) * 86_400_000 - OFFSET_MIN * 60_000;
  const t = Math.min(localMidnight - day * 86_400_000 + (hour + rand()) * 3_600_000, now - 60_000);
  // Lunch and evening rush: long queues at the exit, moods drop.
  const rush = hour === 12 || hour === 13 || hour === 19;
  const mood = k.touchpoint === 'store_counter' ? 0.8 : rush ? 0.4 : 0.75;
  const [min, max] = k.scale;
  const score = scoreOf(mood, min, max);
  const submission_id = randomUUID();
  const base = { survey_id: `${k.touchpoint}-${k.type}`, survey_type: k.type, scale_min: min, scale_max: max, submission_id, score, touchpoint: k.touchpoint, journey_stage: k.stage, channel: 'kiosk' };
  const events = [kioskEvent(k, 'Feedback Submitted', { ...base, comment: null, reasons: [], completed: false }, t, session)];
  if (chance(0.5)) {
    const reasons = REASONS[k.touchpoint] ? [pick(score <= (min + max) / 2 ? REASONS.store_exit.slice(0, 2) : REASONS.store_exit.slice(2))] : [];
    events.push(kioskEvent(k, 'Feedback Submitted', { ...base, comment: commentFor(score, min, max), reasons, completed: true }, t + 12_000, session));
  }
  return { kiosk: k, events };
};
/** Heartbeats every 5 minutes over the last 3 hours; the Hà Nội exit kiosk went silent 2 hours ago. */
const heartbeats = () =>
  KIOSKS.flatMap((k) => {
    const silent = k.store_id === 'hn-hoankiem';
    const out = [];
    for (let m = 180; m >= (silent ? 120 : 0); m -= 5) {
      out.push(kioskEvent(k, 'Kiosk Heartbeat', { queue_depth: silent ? 40 + (180 - m) : int(0, 3), last_delivery_at: local(now - m * 60_000), battery: silent ? 0.05 : 0.9 - rand() * 0.3 }, now - m * 60_000 - 1000, `hb-${k.device_id}`));
    }
    return out;
  });

// ---------------------------------------------------------------------------------------------
const main = async () => {
  let url = args.url;
  let running;
  if (!url) {
    const { listen } = await loadCollector();
    running = await listen({ port: 0, host: '127.0.0.1', dbPath: args.db, rateLimit: false });
    url = running.url;
    console.log(`collector started on ${url} writing ${args.db}`);
  }
  const headers = { 'content-type': 'application/json' };
  if (args['write-key']) headers.authorization = `Basic ${Buffer.from(`${args['write-key']}:`).toString('base64')}`;
  const totals = { requests: 0, accepted: 0, duplicates: 0, rejected: 0 };
  const send = async (batch) => {
    const res = await fetch(`${url}/v1/batch`, { method: 'POST', headers, body: JSON.stringify({ batch, sentAt: local(Date.now()) }) });
    const body = await res.json();
    if (!res.ok) throw new Error(`collector answered ${res.status}: ${JSON.stringify(body)}`);
    totals.requests += 1;
    totals.accepted += body.accepted;
    totals.duplicates += body.duplicates;
    totals.rejected += body.rejected.length;
  };

  // Web: some shoppers come back for a second visit.
  const batches = [];
  const shoppers = [];
  for (let i = 0; i < Number(args.sessions); i++) {
    const returning = shoppers.length > 20 && chance(0.2);
    const shopper = returning ? pick(shoppers) : { anonymousId: randomUUID(), userId: chance(0.15) ? `kh-${int(1000, 9999)}` : undefined };
    if (!returning) shoppers.push(shopper);
    batches.push(webVisit(shopper.anonymousId, shopper.userId));
  }
  // Kiosks store and forward: customers' ratings arrive in batches of up to 25.
  const byKiosk = new Map();
  for (let i = 0; i < Number(args.kiosk); i++) {
    const { kiosk, events } = kioskCustomer();
    const key = `${kiosk.store_id}/${kiosk.device_id}`;
    byKiosk.set(key, [...(byKiosk.get(key) ?? []), ...events]);
  }
  for (const events of byKiosk.values()) {
    events.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    for (let i = 0; i < events.length; i += 25) batches.push(events.slice(i, i + 25));
  }
  batches.push(heartbeats());

  // A few re-sends, as a flaky mobile network does: acknowledged, not stored twice.
  const resend = batches.filter(() => chance(0.04));
  const queue = [...batches, ...resend];
  const workers = Array.from({ length: 4 }, async () => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) await send(batch);
  });
  await Promise.all(workers);

  console.log(
    `seeded ${totals.accepted} events (${totals.duplicates} duplicates acknowledged, ${totals.rejected} rejected) in ${totals.requests} batches: ` +
      `${args.sessions} web visits, ${args.kiosk} kiosk customers, ${KIOSKS.length} kiosks`,
  );
  console.log(`report: ${url}/report  ·  ${url}/report?lang=vi  ·  ${url}/report.json`);
  if (running) await running.close();
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
