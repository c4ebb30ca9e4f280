#!/usr/bin/env node
// `npm run bench:collector`: how fast the reference collector ingests, and how close it gets to
// what SQLite itself can do on this machine.
//
//  1. The collector (node:http + the Fetch handler + zod validation + SQLite, default settings:
//     WAL, synchronous=FULL, group commit of concurrent batches) runs in a worker thread.
//  2. A bounded load generator on the main thread sends pre-built 100-event batches over
//     keep-alive HTTP with a fixed number of requests in flight; it records every latency.
//  3. In the same run, the raw ceiling: better-sqlite3 inserting the same rows, 100 per
//     transaction, same schema, indexes and pragmas, no HTTP, no validation.
// Prints figures, asserts nothing. Target: >= 20,000 events/s and >= 50% of the raw ceiling.
//
//   node bench/collector.mjs [--events 100000] [--concurrency 8] [--batch 100] [--synchronous full|normal]
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadCollector } from '../scripts/loadCollector.mjs';

if (!isMainThread) {
  // The server side: a collector as users run it, minus the rate limit (one client sends all).
  const { listen, createSqliteStore } = await loadCollector();
  const store = createSqliteStore({ path: workerData.dbPath, synchronous: workerData.synchronous });
  const running = await listen({ port: 0, store, rateLimit: false });
  parentPort.postMessage({ url: running.url });
  parentPort.on('message', async (m) => {
    if (m === 'close') {
      await running.close();
      parentPort.postMessage('closed');
    }
  });
} else {
  const { values } = parseArgs({
    options: { synchronous: { type: 'string', default: 'full' }, events: { type: 'string', default: '100000' }, concurrency: { type: 'string', default: '8' }, batch: { type: 'string', default: '100' } },
  });
  const EVENTS = Number(values.events);
  const BATCH = Number(values.batch);
  const CONCURRENCY = Number(values.concurrency);
  const REQUESTS = Math.ceil(EVENTS / BATCH);
  const WARMUP = 30;

  let n = 0;
  const event = (i) => ({
    type: 'track',
    event: ['Product Viewed', 'Product Added', 'Feedback Submitted', 'Checkout Started'][i % 4],
    messageId: `bench-${process.pid}-${++n}`,
    anonymousId: `anon-${i % 5000}`,
    timestamp: new Date(Date.now() - 60_000 + (i % 1000)).toISOString().replace('Z', '+07:00'),
    context: {
      library: { name: 'touchpoint', version: '0.1.0' },
      locale: 'vi-VN',
      timezone: 'Asia/Ho_Chi_Minh',
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15',
      page: { path: '/sach/nha-gia-kim', url: 'https://shop.example/sach/nha-gia-kim', title: 'Nhà giả kim' },
      channel: i % 5 ? 'web' : 'kiosk',
      touchpoint: 'product_page',
      journey_stage: 'consideration',
      session_id: `s-${i % 20000}`,
    },
    properties: { product_id: `bk-${i % 300}`, name: 'Nhà giả kim', price: 79000, currency: 'VND', quantity: 1, cart_id: `c-${i % 9000}` },
  });
  const makeBody = () => JSON.stringify({ batch: Array.from({ length: BATCH }, (_, i) => event(n + i)), sentAt: new Date().toISOString() });

  const dir = mkdtempSync(join(tmpdir(), 'tp-bench-'));
  console.log(`touchpoint collector benchmark — ${cpus().length} CPU(s), Node ${process.version}, ${REQUESTS} requests × ${BATCH} events, ${CONCURRENCY} in flight`);
  const bodies = Array.from({ length: REQUESTS + WARMUP }, makeBody);
  console.log(`  body size: ${Math.round(Buffer.byteLength(bodies[0]) / 1024)} KB per batch, ${Math.round(Buffer.byteLength(bodies[0]) / BATCH)} B per event`);

  // --- 1 + 2: the collector over HTTP ------------------------------------------------------
  const worker = new Worker(new URL(import.meta.url), { workerData: { dbPath: join(dir, 'collector.db'), synchronous: values.synchronous } });
  const { url } = await new Promise((ok) => worker.once('message', ok));
  const target = new URL('/v1/batch', url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const post = (body) =>
    new Promise((ok, fail) => {
      const started = process.hrtime.bigint();
      const req = request(target, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        const parts = [];
        res.on('data', (c) => parts.push(c));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const answer = JSON.parse(Buffer.concat(parts).toString());
          if (res.statusCode !== 200 || answer.accepted !== BATCH) fail(new Error(`unexpected answer ${res.statusCode} ${JSON.stringify(answer).slice(0, 200)}`));
          else ok(ms);
        });
      });
      req.on('error', fail);
      req.end(body);
    });
  const run = async (list) => {
    const latencies = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < list.length) latencies.push(await post(list[next++]));
      }),
    );
    return latencies;
  };
  await run(bodies.slice(0, WARMUP));
  const t0 = performance.now();
  const latencies = await run(bodies.slice(WARMUP));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  const httpRate = (REQUESTS * BATCH) / seconds;
  worker.postMessage('close');
  await new Promise((ok) => worker.once('message', ok));
  await worker.terminate();
  agent.destroy();

  // --- 3: the raw better-sqlite3 ceiling on the same rows ------------------------------------
  const { SQLITE_SCHEMA, SQLITE_INSERT, toStoredEvent, toSqliteRow } = await loadCollector();
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${values.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.exec(SQLITE_SCHEMA);
  const insert = db.prepare(SQLITE_INSERT);
  const insertBatch = db.transaction((rows) => {
    for (const row of rows) insert.run(row);
  });
  const now = Date.now();
  const rowBatches = bodies.slice(WARMUP).map((body) => {
    const { batch, sentAt } = JSON.parse(body);
    // Fresh ids: the collector's run already used these in its own database file, not this one,
    // but keep them distinct from anything else all the same.
    return batch.map((e) => toSqliteRow(toStoredEvent({ ...e, messageId: `raw-${e.messageId}` }, JSON.stringify(e), now, sentAt)));
  });
  const r0 = performance.now();
  for (const rows of rowBatches) insertBatch(rows);
  const rawRate = (REQUESTS * BATCH) / ((performance.now() - r0) / 1000);
  db.close();
  rmSync(dir, { recursive: true, force: true });

  const fmt = (x) => Math.round(x).toLocaleString('en-US');
  console.log(`  collector over HTTP : ${fmt(httpRate)} events/s  (${fmt(httpRate / BATCH)} requests/s, ${seconds.toFixed(2)} s)`);
  console.log(`  request latency     : p50 ${pct(0.5).toFixed(1)} ms · p99 ${pct(0.99).toFixed(1)} ms · max ${latencies[latencies.length - 1].toFixed(1)} ms`);
  console.log(`  raw SQLite ceiling  : ${fmt(rawRate)} rows/s  (better-sqlite3, ${BATCH} rows per transaction, same schema and pragmas)`);
  console.log(`  collector / ceiling : ${((httpRate / rawRate) * 100).toFixed(0)}%   (targets: >= 20,000 events/s, >= 50%)`);
  // Both phases need idle cores to compare: on a shared machine, read the figures with this.
  console.log(`  load average        : ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (1/5/15 min) on ${cpus().length} CPU(s)`);
}
