#!/usr/bin/env node
// `npm run demo:seed`: fill the collector's database with realistic customer journeys so the
// journey report is worth looking at on first start. The events are made by the SDK itself: its
// tracker (`createTracker`, bundled from src/ by scripts/loadCollector.mjs) records each visit
// with capture times in the past, adds ids, sessions and context, and sends real batches through
// the collector over HTTP. Only what a browser would see (page, user agent, the widget's answers,
// web-vitals' measurements) is made up here. A few batches are re-sent, as a flaky network would,
// so dedupe and clock-skew correction are exercised too.
//
//   node scripts/seed.mjs [--url http://127.0.0.1:8787] [--db ./data/touchpoint.db]
//                         [--sessions 450] [--kiosk 180] [--days 14] [--seed 7] [--write-key KEY]
//
// Without --url a collector is started in-process on a free 127.0.0.1 port, writing to --db.
// The shop is in Vietnam: capture times carry +07:00 whatever this machine's time zone.
process.env.TZ = 'Asia/Ho_Chi_Minh';

import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadCollector, loadSdk } from './loadCollector.mjs';
import { seededRandom } from './seededRandom.mjs';
import { BOOKS } from '../demo/shop/catalog.mjs';
import { PAGES } from '../demo/shop/render.mjs';

const { createTracker, memoryStore, trackCommerce, COMMERCE_EVENTS, DEFAULT_REASONS, isoLocal, rateVital, vitalProperties } = await loadSdk();

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

// The same seed gives the same shop.
const rand = seededRandom(Number(args.seed) >>> 0 || 7);
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

// The demo shop's own books and page stages (demo/shop/*.mjs): the seeded journeys use the very
// stage each shop page gives its events with <body data-tp-stage>, so a touchpoint never lands in
// two stages when demo clicks and seeded journeys meet in one report.
const BOOK_LIST = BOOKS.map((b) => ({ product_id: b.id, name: b.name, category: b.category, price: b.price }));
const SAMPLE_CART = { [BOOKS[0].id]: 1 };
const SHOP_STAGE = {
  home: PAGES.home('vi').stage,
  product_list: PAGES.books('vi').stage,
  product_page: PAGES.book('vi', { id: BOOKS[0].id }).stage,
  cart: PAGES.cart('vi', { cart: SAMPLE_CART }).stage,
  checkout: PAGES.checkout('vi', { cart: SAMPLE_CART }).stage,
  thank_you: PAGES.thanks('vi', { order: { id: 'o-1', total: 1 }, first: true }).stage,
};
/** Touchpoints of the seeded shop beyond the demo's pages, each in one stage. */
const STAGE = { ...SHOP_STAGE, landing_campaign: 'awareness', blog: 'awareness', search: 'consideration', order_tracking: 'post_purchase', review_form: 'advocacy' };
const PATH = {
  home: '/shop/vi/', product_list: '/shop/vi/books', product_page: '/shop/vi/book', cart: '/shop/vi/cart', checkout: '/shop/vi/checkout',
  thank_you: '/shop/vi/thanks', landing_campaign: '/khuyen-mai', blog: '/blog/sach-hay-thang-11', search: '/shop/vi/search',
  order_tracking: '/don-hang', review_form: '/danh-gia',
};
const SITE = 'https://laxanh.example';

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
/** The widget's point labels (src/widget/strings.ts, vi.ts): five points, and the kiosk's four smileys. */
const LABELS = { en: ['Very bad', 'Bad', 'Okay', 'Good', 'Very good'], vi: ['Rất tệ', 'Tệ', 'Bình thường', 'Tốt', 'Rất tốt'] };
const labelOf = (lang, score, min, max) => (max - min === 3 ? [0, 1, 3, 4] : [0, 1, 2, 3, 4]).map((i) => LABELS[lang][i])[score - min];

/** Score for a rating whose mood is `m` (0 unhappy … 1 happy). */
const scoreOf = (m, min, max) => Math.max(min, Math.min(max, Math.round(min + (max - min) * Math.min(1, Math.max(0, m + (rand() - 0.5) * 0.5)))));
const commentFor = (score, min, max) => {
  const m = (score - min) / (max - min);
  if (!chance(0.45)) return null;
  return pick(m < 0.4 ? COMMENTS.low : m < 0.7 ? COMMENTS.mid : COMMENTS.high)[1];
};
/** Reasons picked in a follow-up: built-in ids from DEFAULT_REASONS (contract 2), the first ones more often. */
const reasonsFor = (instrument, score, min, max) => {
  if (!instrument) return [];
  const positive = (score - min) / (max - min) >= 0.7;
  const list = DEFAULT_REASONS[instrument][positive ? 'positive' : 'negative'];
  if (positive && !chance(0.4)) return [];
  const first = list[Math.min(list.length - 1, Math.floor(rand() * rand() * list.length))];
  return chance(0.25) ? [...new Set([first, pick(list)])] : [first];
};

const now = Date.now();
const days = Number(args.days);
const localMidnight = Math.floor((now + OFFSET_MIN * 60_000) / 86_400_000) * 86_400_000 - OFFSET_MIN * 60_000;
/** A visit start in the last `days` days, busier in the evening (local time). */
const visitStart = () => {
  const day = int(0, days - 1);
  const hour = weighted([[8, 2], [10, 3], [12, 5], [14, 3], [17, 4], [19, 8], [20, 9], [21, 8], [22, 5], [23, 2]]);
  const t = localMidnight - day * 86_400_000 + (hour + rand()) * 3_600_000;
  // Every abandonment window has ended by now: a time later today moves to yesterday.
  return t > now - 40 * 60_000 ? t - 86_400_000 : t;
};

/**
 * One web visit, recorded by the SDK's tracker `tp` as the shop's pages would: each call names
 * the page's touchpoint and stage (the shop's <body data-tp-*>) and carries the page in its
 * context; the tracker adds ids, the session, the capture time and the rest of the context.
 */
const webVisit = (tp, abandonMinutes, userId) => {
  let t = visitStart();
  const ua = pick(['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 'Mozilla/5.0 (Linux; Android 15; SM-A556E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36']);
  const lang = pick(['vi', 'vi', 'en']);
  const locale = lang === 'vi' ? 'vi-VN' : 'en-US';
  const campaign = chance(0.3) ? { source: pick(['facebook', 'zalo', 'google']), medium: pick(['cpc', 'social']), name: 'sach-thang-11' } : undefined;
  const search = campaign ? `?utm_source=${campaign.source}&utm_medium=${campaign.medium}&utm_campaign=${campaign.name}` : '';
  const pageOf = (touchpoint, first) => ({ url: `${SITE}${PATH[touchpoint]}${first ? search : ''}`, path: PATH[touchpoint], title: touchpoint, referrer: '', search: first ? search : '' });
  let first = true;
  const on = (touchpoint, gapMs) => {
    t += gapMs;
    return { touchpoint, journey_stage: STAGE[touchpoint], timestamp: new Date(t), context: { page: pageOf(touchpoint, first), userAgent: ua, locale, ...(campaign ? { campaign } : {}) } };
  };
  const gap = () => int(8, 90) * 1000;
  const page = (touchpoint, gapMs = gap()) => {
    const o = on(touchpoint, gapMs);
    tp.page(touchpoint, o.context.page, o);
    first = false;
  };
  // Commerce events go through the shop layer's typed, checked path (a bad one is reported, not sent).
  const track = (event, properties, touchpoint, gapMs = gap()) =>
    (COMMERCE_EVENTS.includes(event) ? trackCommerce : (t, ...a) => t.track(...a))(tp, event, properties, on(touchpoint, gapMs));

  /** The vitals chunk's event (vitalProperties, contract 1): LCP, FCP, TTFB on load, CLS and INP later. */
  const vitals = (touchpoint, slow) => {
    const metric = (name, value, gapMs) =>
      track('Web Vital Measured', vitalProperties({ name, value, delta: value, rating: rateVital(name, value), id: `v5-${t}-${int(1e12, 9e12)}`, navigationType: 'navigate' }), touchpoint, gapMs);
    const ttfb = (slow ? 500 : 150) + rand() * (slow ? 1600 : 700);
    const fcp = ttfb + 300 + rand() * (slow ? 2200 : 1100);
    metric('TTFB', ttfb, 200);
    metric('FCP', fcp, 300);
    metric('LCP', fcp + rand() * (slow ? 2500 : 900), 1200);
    if (chance(0.6)) metric('INP', (slow ? 120 : 60) + rand() * (slow ? 450 : 220), 4000);
    if (chance(0.7)) metric('CLS', rand() * (slow ? 0.3 : 0.12), 100);
  };
  /** The rating widget's events (src/widget/startRating.ts): shown, the tap, then its completion. */
  const rate = (touchpoint, mood, survey, instrument, extra = {}) => {
    const base = { survey_id: survey.id, survey_type: survey.type, scale_min: 1, scale_max: 5, touchpoint, journey_stage: STAGE[touchpoint], channel: 'web', ...extra };
    track('Feedback Shown', base, touchpoint, 3000);
    if (chance(0.25)) return track('Feedback Dismissed', base, touchpoint, 4000);
    const score = scoreOf(mood, 1, 5);
    const answer = { ...base, submission_id: randomUUID(), score, label: labelOf(lang, score, 1, 5) };
    track('Feedback Submitted', { ...answer, comment: null, reasons: [], completed: false }, touchpoint, 2500);
    if (chance(0.7)) track('Feedback Submitted', { ...answer, comment: commentFor(score, 1, 5), reasons: reasonsFor(instrument, score, 1, 5), completed: true }, touchpoint, 9000);
  };
  const EXIT = { id: 'what-stopped-you', type: 'emoji' };

  const landing = campaign ? 'landing_campaign' : pick(['home', 'home', 'home', 'blog']);
  page(landing, 0);
  // A signed-in shopper: the shop calls identify() on the first page.
  if (userId) tp.identify(userId, {}, on(landing, 500));
  if (chance(0.4)) vitals(landing, false);
  if (!chance(0.78)) return; // bounced
  page(pick(['product_list', 'product_list', 'search']));
  const cart = [];
  const viewed = int(1, 3);
  for (let i = 0; i < viewed; i++) {
    const book = pick(BOOK_LIST);
    page('product_page');
    track('Product Viewed', { ...book, currency: 'VND' }, 'product_page', 500);
    if (i === 0 && chance(0.5)) vitals('product_page', true);
    if (chance(0.45)) {
      const quantity = int(1, 2);
      cart.push({ ...book, quantity });
      track('Product Added', { ...book, quantity, currency: 'VND' }, 'product_page', 20_000);
    }
  }
  if (chance(0.12)) rate('product_page', 0.55, { id: 'product-page', type: 'emoji' });
  if (!cart.length) return;
  const value = cart.reduce((a, p) => a + p.price * p.quantity, 0);
  page('cart');
  track('Cart Viewed', { products: cart, value, currency: 'VND' }, 'cart', 1000);
  const leave = rand();
  // As trackCart (src/shop/trackCart.ts) sends it: the SDK's own cart id, the items, their value.
  const abandoned = (what, touchpoint) => track(`${what} Abandoned`, { cart_id: randomUUID(), products: cart, value, currency: 'VND' }, touchpoint, abandonMinutes * 60_000);
  if (leave < 0.28) {
    // Leaves from the cart: the exit-intent survey sometimes catches them; the SDK reports the
    // abandonment itself once the window ran out (on a later page load, half the time never).
    if (chance(0.35)) rate('cart', 0.3, EXIT, 'checkout');
    if (chance(0.5)) abandoned('Cart', 'cart');
    return;
  }
  page('checkout');
  track('Checkout Started', { products: cart, value, currency: 'VND' }, 'checkout', 500);
  if (chance(0.5)) vitals('checkout', chance(0.5));
  if (leave < 0.52) {
    // The shipping-cost surprise: the journey's low point.
    if (chance(0.5)) rate('checkout', 0.2, EXIT, 'checkout');
    if (chance(0.6)) abandoned('Checkout', 'checkout');
    return;
  }
  const order_id = `DH${int(100000, 999999)}`;
  // As on the demo's thank-you page: Order Completed is tagged there (first view only).
  page('thank_you', 60_000);
  track('Order Completed', { order_id, revenue: value + 25000, value, shipping: 25000, currency: 'VND', products: cart }, 'thank_you', 200);
  if (chance(0.6)) rate('thank_you', 0.85, { id: 'order-csat', type: 'csat' }, 'order', { order_id });
  if (chance(0.3)) {
    // Days later: tracking the delivery, then maybe a review or a share.
    t += int(1, 3) * 86_400_000;
    if (t < now - 3_600_000) {
      page('order_tracking', 0);
      if (chance(0.5)) rate('order_tracking', chance(0.3) ? 0.3 : 0.75, { id: 'delivery-csat', type: 'csat' }, 'order', { order_id });
      if (chance(0.4)) {
        page('review_form');
        track('Product Reviewed', { product_id: cart[0].product_id, review_id: randomUUID(), rating: int(3, 5) }, 'review_form');
        if (chance(0.5)) track('Product Shared', { product_id: cart[0].product_id, share_via: pick(['zalo', 'facebook']) }, 'review_form');
      }
    }
  }
};

/** In-store kiosks: four-smiley exit terminals and a 5-star counter tablet; every id fixed. */
const KIOSKS = [
  { store_id: 'hcm-q1', device_id: 'exit-1', touchpoint: 'store_exit', stage: 'post_purchase', scale: [1, 4], type: 'smiley' },
  { store_id: 'hcm-q1', device_id: 'counter-1', touchpoint: 'store_counter', stage: 'purchase', scale: [1, 5], type: 'stars' },
  { store_id: 'hn-hoankiem', device_id: 'exit-1', touchpoint: 'store_exit', stage: 'post_purchase', scale: [1, 4], type: 'smiley' },
];
const TABLET_UA = 'Mozilla/5.0 (Linux; Android 14; SM-X210) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
/** `track` as the kiosk's tracker does it (src/kiosk/createKioskTracker.ts): ids in properties and context. */
const kioskTrack = (tp, k, event, properties, at) =>
  tp.track(event, { ...properties, store_id: k.store_id, device_id: k.device_id }, { timestamp: new Date(at), context: { store_id: k.store_id, device_id: k.device_id, locale: 'vi-VN', userAgent: TABLET_UA } });

/** One customer at a terminal: the tap, sometimes its follow-up; then the kiosk resets. */
const kioskCustomer = (tp, k, t, hour) => {
  // Lunch and evening rush: long queues at the exit, moods drop.
  const rush = hour === 12 || hour === 13 || hour === 19;
  const mood = k.touchpoint === 'store_counter' ? 0.8 : rush ? 0.4 : 0.75;
  const [min, max] = k.scale;
  const score = scoreOf(mood, min, max);
  const base = { survey_id: `${k.touchpoint}-${k.type}`, survey_type: k.type, scale_min: min, scale_max: max, touchpoint: k.touchpoint, journey_stage: k.stage, channel: 'kiosk', submission_id: randomUUID(), score, label: labelOf('vi', score, min, max) };
  const repeat_presses = chance(0.08) ? int(1, 6) : 0;
  kioskTrack(tp, k, 'Feedback Submitted', { ...base, comment: null, reasons: [], completed: false, repeat_presses }, t);
  if (chance(0.5)) kioskTrack(tp, k, 'Feedback Submitted', { ...base, comment: commentFor(score, min, max), reasons: reasonsFor('kiosk', score, min, max), completed: true, repeat_presses }, t + 12_000);
  tp.reset();
};
/** Heartbeats every 5 minutes over the last 3 hours; the Hà Nội exit kiosk went silent 2 hours ago. */
const heartbeats = (tp, k) => {
  const silent = k.store_id === 'hn-hoankiem';
  for (let m = 180; m >= (silent ? 120 : 0); m -= 5) {
    const at = now - m * 60_000 - 1000;
    kioskTrack(tp, k, 'Kiosk Heartbeat', { queue_depth: silent ? 40 + (180 - m) : int(0, 3), last_delivery_at: isoLocal(at - int(0, 4) * 60_000), battery: Math.round((silent ? 0.05 : 0.9 - rand() * 0.3) * 100) / 100, charging: !silent, app_version: '0.1.0', online: !silent || m > 150 }, at);
  }
};

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
  const totals = { requests: 0, accepted: 0, duplicates: 0, rejected: 0 };
  const failures = [];
  const problems = [];
  const post = async (batchUrl, body) => {
    const res = await fetch(batchUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    const answer = await res.json().catch(() => ({}));
    totals.requests += 1;
    if (!res.ok) failures.push(`collector answered ${res.status}: ${JSON.stringify(answer)}`);
    else {
      totals.accepted += answer.accepted ?? 0;
      totals.duplicates += answer.duplicates ?? 0;
      totals.rejected += answer.rejected?.length ?? 0;
    }
    return { status: res.status };
  };
  // The SDK's transport, pointed at the collector; now and then a batch goes twice (a lost ack).
  const transport = {
    async send(batchUrl, body) {
      const result = await post(batchUrl, body);
      if (result.status === 200 && chance(0.04)) await post(batchUrl, body);
      return result;
    },
    beacon: () => false,
  };
  let trackers = 0;
  /** A tracker as the SDK makes it; `drain` sends all it holds (flush sends one batch at a time). */
  const tracker = (options) => {
    const tp = createTracker(
      { endpoint: url, writeKey: args['write-key'], flushInterval: 3_600_000, storageKey: `seed-${++trackers}`, onError: (e) => problems.push(e), ...options },
      // Node has no IndexedDB: the SDK's memory queue, said explicitly (no fallback warning).
      { transport, store: memoryStore() },
    );
    const drain = async () => {
      for (let sent = -1; sent !== totals.requests; ) {
        sent = totals.requests;
        await tp.flush();
      }
      await tp.destroy();
    };
    return { tp, drain };
  };

  // Web: one tracker per shopper; some shoppers come back for a second visit (a new session).
  const shoppers = Array.from({ length: Number(args.sessions) }, () => ({ visits: 1, userId: chance(0.15) ? `kh-${int(1000, 9999)}` : undefined }));
  for (let i = 0; i < shoppers.length * 0.2; i++) pick(shoppers).visits += 1;
  const visits = shoppers.reduce((a, s) => a + s.visits, 0);
  const queue = shoppers.map((shopper) => async () => {
    const { tp, drain } = tracker({ batchSize: 100 });
    for (let v = 0; v < shopper.visits; v++) webVisit(tp, 30, v === 0 ? shopper.userId : undefined);
    await drain();
  });

  // Kiosks store and forward: each terminal's customers in time order, sent 25 events a batch.
  const customers = new Map(KIOSKS.map((k) => [k, []]));
  for (let i = 0; i < Number(args.kiosk); i++) {
    const k = pick(KIOSKS);
    const day = int(0, days - 1);
    const hour = weighted([[9, 2], [10, 3], [11, 4], [12, 6], [13, 5], [15, 3], [17, 4], [18, 6], [19, 7], [20, 5], [21, 2]]);
    const start = localMidnight - day * 86_400_000 + (hour + rand()) * 3_600_000;
    const t = start > now - 60_000 ? start - 86_400_000 : start;
    customers.get(k).push({ t, hour });
  }
  for (const [k, list] of customers)
    queue.push(async () => {
      const { tp, drain } = tracker({ channel: 'kiosk', touchpoint: k.touchpoint, journeyStage: k.stage, batchSize: 25 });
      for (const c of list.sort((a, b) => a.t - b.t)) kioskCustomer(tp, k, c.t, c.hour);
      heartbeats(tp, k);
      await drain();
    });

  const workers = Array.from({ length: 4 }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  });
  await Promise.all(workers);
  if (failures.length) throw new Error(`${failures.length} batches were refused; first: ${failures[0]}`);
  if (problems.length) throw new Error(`the SDK reported ${problems.length} problems; first: ${problems[0].code} ${problems[0].message}`);

  console.log(
    `seeded ${totals.accepted} events (${totals.duplicates} duplicates acknowledged, ${totals.rejected} rejected) in ${totals.requests} batches: ` +
      `${visits} web visits of ${shoppers.length} shoppers, ${args.kiosk} kiosk customers, ${KIOSKS.length} kiosks`,
  );
  if (running) {
    const token = running.reportToken ? `token=${running.reportToken}` : '';
    console.log(`report: ${url}/report?${token}  ·  ${url}/report?lang=vi&${token}  ·  ${url}/report.json?${token}`);
  } else console.log(`report: ${url}/report (with the collector's report token)`);
  if (running) await running.close();
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
