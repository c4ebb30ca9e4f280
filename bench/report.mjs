#!/usr/bin/env node
// `npm run bench:report`: the journey report on 100k, 1M and 10M realistic events.
//
// For each size a database of realistic journeys over the last 30 days (web visits with product
// views, web vitals, carts, checkouts, orders, SDK and derived abandonment, ratings with comments
// and reasons; kiosk ratings and heartbeats) is generated straight into SQLite through the
// store's own schema and row columns (bounded: 20,000 rows per transaction), and kept in
// data/bench/ for the next run. Then, in a fresh process (so its peak RSS is the server's), a
// collector serves it: /report.json is fetched 3 times (median printed) while one client posts a
// one-event batch every 20 ms; ingest p99 is printed idle and during the reports.
// Prints figures, asserts nothing. Targets: 1M <= 1 s, 10M <= 5 s, peak RSS <= 300 MB.
//
//   node bench/report.mjs [--sizes 100k,1M,10M] [--fresh] [--store clickhouse [--url http://…]]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCollector } from '../scripts/loadCollector.mjs';
import { seededRandom } from '../scripts/seededRandom.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIR = join(ROOT, 'data/bench');
const GENERATOR = 'v1';
const DAY = 86_400_000;
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100k,1M,10M' },
    fresh: { type: 'boolean', default: false },
    child: { type: 'string' },
    // `--store clickhouse`: also load each history into ClickHouse and time the report there (bench/clickhouse-report.mjs).
    store: { type: 'string', default: 'sqlite' },
    url: { type: 'string' },
  },
});
const parseSize = (s) => Math.round(Number(s.replace(/[kKmM]$/, '')) * (/[mM]$/.test(s) ? 1e6 : /[kK]$/.test(s) ? 1e3 : 1));

const rand = seededRandom(42);
const pick = (list) => list[Math.floor(rand() * list.length)];
const chance = (p) => rand() < p;

const PRODUCT_PAGES = Array.from({ length: 12 }, (_, i) => `product_${i}`);
const COMMENTS = ['Giao nhanh', 'Phí ship cao quá', 'Đóng gói đẹp', 'Thanh toán lỗi', 'Sách đẹp', 'Hơi chậm'];
const REASONS = [['shipping_cost'], ['too_many_steps', 'payment_failed'], ['easy_checkout'], ['fast_delivery', 'good_price'], ['Giá hơi cao']];

/** One visit's events as store rows (no HTTP: straight into the table, like a restore). */
const visit = (cols, v, start, out) => {
  const session = `s-${v}`;
  const anon = `a-${v % 50_000}`;
  let t = start;
  const add = (type, event, touchpoint, stage, props, channel = 'web') => {
    t += 5_000 + Math.floor(rand() * 60_000);
    const messageId = `m-${v}-${out.length}`;
    const json = JSON.stringify({ type, event, messageId, anonymousId: anon, timestamp: new Date(t).toISOString(), context: { channel, touchpoint, journey_stage: stage, session_id: session, userAgent: 'Mozilla/5.0 (iPhone) Safari' }, properties: props });
    out.push({
      messageId, type, event: type === 'track' ? event : null, anonymousId: anon, userId: null, sessionId: session, channel, touchpoint, journeyStage: stage,
      storeId: props.store_id ?? null, deviceId: props.device_id ?? null, timestamp: t, originalTimestamp: new Date(t).toISOString(), sentAt: null, receivedAt: t,
      tzOffsetMinutes: 420, localTime: t + 7 * 3_600_000, localHour: new Date(t + 7 * 3_600_000).getUTCHours(), json,
      ...cols.reportColumns({ messageId, event: type === 'track' ? event : null, anonymousId: anon, userId: null, sessionId: session, context: {}, properties: props }),
    });
  };
  if (v % 9 === 0) {
    // A kiosk rating at a store exit.
    const store = `store-${v % 6}`;
    add('track', 'Feedback Submitted', 'store_exit', 'post_purchase', { survey_type: 'smiley', scale_min: 1, scale_max: 4, score: 1 + Math.floor(rand() * 4), store_id: store, device_id: `${store}-exit`, reasons: chance(0.3) ? pick(REASONS) : [] }, 'kiosk');
    if (v % 36 === 0) add('track', 'Kiosk Heartbeat', 'store_exit', 'post_purchase', { store_id: store, device_id: `${store}-exit`, queue_depth: 0, battery: 0.8 }, 'kiosk');
    return;
  }
  add('page', null, 'home', 'awareness', {});
  const views = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < views; i++) {
    const page = pick(PRODUCT_PAGES);
    add('track', 'Product Viewed', page, 'consideration', { product_id: page });
    if (chance(0.5)) add('track', 'Web Vital Measured', page, 'consideration', { metric: pick(['LCP', 'INP', 'CLS', 'TTFB']), value: Math.round(rand() * 4000), rating: 'good' });
  }
  if (!chance(0.45)) return;
  const cart = `c-${v}`;
  add('track', 'Product Added', 'cart', 'purchase', { cart_id: cart, value: 120000, currency: 'VND' });
  add('track', 'Cart Viewed', 'cart', 'purchase', { cart_id: cart });
  if (chance(0.3)) return add('track', 'Cart Abandoned', 'cart', 'purchase', { cart_id: cart, value: 120000 });
  if (chance(0.2)) return;
  add('track', 'Checkout Started', 'checkout', 'purchase', { cart_id: cart });
  if (chance(0.25)) return add('track', 'Checkout Abandoned', 'checkout', 'purchase', { cart_id: cart });
  const order = `o-${v}`;
  add('track', 'Order Completed', 'checkout', 'purchase', { order_id: order, cart_id: cart, revenue: 145000, currency: 'VND' });
  if (chance(0.6)) {
    const score = 1 + Math.floor(rand() * 5);
    add('track', 'Feedback Submitted', 'thank_you', 'post_purchase', { survey_type: 'emoji', scale_min: 1, scale_max: 5, score, submission_id: `f-${v}`, completed: true, comment: chance(0.3) ? pick(COMMENTS) : undefined, reasons: chance(0.4) ? pick(REASONS) : [] });
  }
};

const generate = async (size, file) => {
  const cols = await loadCollector();
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const tmp = `${file}.partial`;
  rmSync(tmp, { force: true });
  const db = new Database(tmp);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.exec(cols.SQLITE_SCHEMA);
  const insert = db.prepare(cols.SQLITE_INSERT);
  const insertAll = db.transaction((rows) => {
    for (const r of rows) insert.run(cols.toSqliteRow(r));
  });
  const now = Date.now();
  const started = performance.now();
  let written = 0;
  for (let v = 0; written < size; v++) {
    const rows = [];
    // Bounded: about 20,000 rows per transaction.
    while (rows.length < 20_000 && written + rows.length < size) visit(cols, v++, now - 30 * DAY + Math.floor(rand() * (30 * DAY - 3_600_000)), rows);
    insertAll(rows.slice(0, size - written));
    written += Math.min(rows.length, size - written);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, file);
  return (performance.now() - started) / 1000;
};

/** The measuring side, in its own process: serve the file, time the report, post meanwhile. */
const measure = async (file) => {
  const { listen } = await loadCollector();
  const running = await listen({ port: 0, dbPath: file, rateLimit: false });
  const token = running.reportToken;
  let n = 0;
  const postOne = async () => {
    const t0 = performance.now();
    const ts = new Date().toISOString();
    const res = await fetch(`${running.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ batch: [{ type: 'track', event: 'Product Viewed', messageId: `live-${process.pid}-${++n}`, anonymousId: 'live', timestamp: ts, context: { channel: 'web', touchpoint: 'home', journey_stage: 'awareness', session_id: 'live' } }] }) });
    await res.arrayBuffer();
    return performance.now() - t0;
  };
  const p99 = (xs) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * 0.99) - 1)] ?? NaN;
  const ingestWhile = async (work) => {
    const lat = [];
    let done = false;
    const loop = (async () => {
      while (!done) {
        lat.push(await postOne());
        await new Promise((ok) => setTimeout(ok, 20));
      }
    })();
    const result = await work();
    done = true;
    await loop;
    return { lat, result };
  };
  const idle = await ingestWhile(() => new Promise((ok) => setTimeout(ok, 2000)));
  const times = [];
  const during = await ingestWhile(async () => {
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const res = await fetch(`${running.url}/report.json${token ? `?token=${token}` : ''}`);
      const body = await res.json();
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`report answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
      if (i === 0) console.log(`    report: ${body.totals.events.toLocaleString('en-US')} events, ${body.totals.sessions.toLocaleString('en-US')} visits, ${body.totals.orders.toLocaleString('en-US')} orders`);
    }
  });
  await running.close();
  const median = [...times].sort((a, b) => a - b)[1];
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`    /report.json median of 3: ${(median / 1000).toFixed(2)} s  (${times.map((t) => (t / 1000).toFixed(2)).join(' / ')})`);
  console.log(`    peak RSS of the server process: ${rss.toFixed(0)} MB`);
  console.log(`    ingest p99: idle ${p99(idle.lat).toFixed(1)} ms (${idle.lat.length} posts) · during reports ${p99(during.lat).toFixed(1)} ms (${during.lat.length} posts)`);
};

if (values.child && values.store === 'clickhouse') await (await import('./clickhouse-report.mjs')).measureClickHouse(values.child, { url: values.url });
else if (values.child) await measure(values.child);
else {
  mkdirSync(DIR, { recursive: true });
  console.log(`touchpoint report benchmark — ${cpus().length} CPU(s), Node ${process.version}, load ${loadavg().map((x) => x.toFixed(1)).join(' / ')}`);
  for (const label of values.sizes.split(',')) {
    const size = parseSize(label);
    const file = join(DIR, `report-${label}-${GENERATOR}.db`);
    if (values.fresh) rmSync(file, { force: true });
    console.log(`  ${label} events`);
    if (!existsSync(file)) console.log(`    generated in ${(await generate(size, file)).toFixed(1)} s → ${file}`);
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file], { stdio: 'inherit' });
    if (values.store === 'clickhouse') {
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file, '--store', 'clickhouse', ...(values.url ? ['--url', values.url] : [])], { stdio: 'inherit' });
    }
  }
}
