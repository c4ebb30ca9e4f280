#!/usr/bin/env node
// `npm run bench:clickhouse`: SQLite and ClickHouse side by side at a given history size.
//
//  1. Ingest: seeded shop traffic (test/support/journeys.mjs, in time order like live traffic)
//     goes into each store the way the collector writes it: 100-event requests, 8 in flight,
//     group commit (SQLite: one transaction; ClickHouse: one INSERT with its duplicate check).
//  2. Report: `GET /report.json` over the whole range through the collector's handler, twice
//     (the first read is cold), on the store just filled.
// ClickHouse is a throwaway local server (scripts/clickhouse-local.mjs) unless --url is given.
// Prints figures, asserts nothing. Bounded by --events; run 10,000,000 at most once.
//
//   node bench/clickhouse.mjs [--events 1000000] [--stores sqlite,clickhouse] [--url http://…]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCollector } from '../scripts/loadCollector.mjs';
import { startClickHouse } from '../scripts/clickhouse-local.mjs';
import { JOURNEYS_END, journeyVisits } from '../test/support/journeys.mjs';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    stores: { type: 'string', default: 'sqlite,clickhouse' },
    url: { type: 'string' },
    batch: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '8' },
    days: { type: 'string', default: '30' },
  },
});
const EVENTS = Number(values.events);
const BATCH = Number(values.batch);
const CONCURRENCY = Number(values.concurrency);
const DAYS = Number(values.days);
const fmt = (x) => Math.round(x).toLocaleString('en-US');

const collectorModule = await loadCollector();
const { createCollector, createSqliteStore, createClickHouseStore, toStoredEvent } = collectorModule;

/** Rows of about `EVENTS` events in `BATCH`-sized requests, made on the fly (10M do not fit in memory). */
function* requests() {
  const sentAt = new Date(JOURNEYS_END).toISOString();
  let made = 0;
  let rows = [];
  for (const visit of journeyVisits({ visits: Math.ceil(EVENTS / 3), days: DAYS, ordered: true, prefix: `b${process.pid}` })) {
    for (const event of visit) {
      rows.push(toStoredEvent(event, JSON.stringify(event), JOURNEYS_END, sentAt));
      if (++made >= EVENTS) break;
      if (rows.length === BATCH) {
        yield rows;
        rows = [];
      }
    }
    if (made >= EVENTS) break;
  }
  if (rows.length) yield rows;
}

/** Insert everything with CONCURRENCY requests in flight; events per second. */
const ingest = async (store) => {
  const source = requests();
  let stored = 0;
  const t0 = performance.now();
  let lastPrint = t0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let next = source.next(); !next.done; next = source.next()) {
        const { inserted } = await store.insert(next.value);
        stored += inserted.filter(Boolean).length;
        if (performance.now() - lastPrint > 5000) {
          lastPrint = performance.now();
          process.stderr.write(`    … ${fmt(stored)} events, ${fmt(stored / ((lastPrint - t0) / 1000))}/s\n`);
        }
      }
    }),
  );
  return { stored, seconds: (performance.now() - t0) / 1000 };
};

/** Time `GET /report.json` over the whole range: cold, then warm. */
const reportTimes = async (store) => {
  const collector = createCollector({ store, rateLimit: false, now: () => JOURNEYS_END, report: { defaultDays: DAYS + 2 }, reportToken: 'bench' });
  const times = [];
  let sessions = 0;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    const res = await collector(new Request('http://127.0.0.1/report.json?token=bench'));
    const report = await res.json();
    if (res.status !== 200) throw new Error(`report answered ${res.status}: ${JSON.stringify(report).slice(0, 300)}`);
    times.push((performance.now() - t0) / 1000);
    sessions = report.stages?.reduce((n, s) => n + s.sessions, 0) ?? 0;
  }
  return { times, sessions };
};

const results = [];
const dir = mkdtempSync(join(tmpdir(), 'tp-bench-ch-'));
let server;
console.log(`touchpoint store benchmark — ${fmt(EVENTS)} events over ${DAYS} days, ${BATCH}-event requests × ${CONCURRENCY} in flight, ${cpus().length} CPU(s), Node ${process.version}`);
try {
  for (const kind of values.stores.split(',')) {
    let store;
    let size = async () => 0;
    if (kind === 'sqlite') {
      const path = join(dir, 'touchpoint.db');
      store = createSqliteStore({ path });
      size = async () => statSync(path).size + statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    } else if (kind === 'clickhouse') {
      if (!values.url) server = await startClickHouse();
      const url = values.url ?? server.url;
      const database = `bench_${process.pid}`;
      store = createClickHouseStore({ url, database, insertTimeoutMs: 60_000, queryTimeoutMs: 600_000 });
      size = async () => Number((await store.select(`SELECT sum(bytes) AS b FROM system.parts WHERE active AND database = '${database}'`))[0]?.b ?? 0);
    } else throw new Error(`--stores: unknown store ${kind}`);
    console.log(`  ${kind}: ingesting…`);
    const { stored, seconds } = await ingest(store);
    console.log(`  ${kind}: ${fmt(stored)} events in ${seconds.toFixed(1)} s; report…`);
    const report = await reportTimes(store).catch((error) => ({ error: error.message.slice(0, 200) }));
    results.push({ kind, stored, seconds, bytes: await size(), report });
    await store.close();
  }
} finally {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}

console.log(`\n  store       events      ingest events/s   report cold / warm   on disk`);
for (const r of results) {
  const report = r.report.error ? `failed: ${r.report.error}` : `${r.report.times[0].toFixed(2)} s / ${r.report.times[1].toFixed(2)} s`;
  console.log(`  ${r.kind.padEnd(10)}  ${fmt(r.stored).padStart(10)}  ${fmt(r.stored / r.seconds).padStart(16)}   ${report.padEnd(20)} ${(r.bytes / 1e6).toFixed(0)} MB`);
}
console.log(`  load average: ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (1/5/15 min) on ${cpus().length} CPU(s)`);
