// The ClickHouse half of `npm run bench:report -- --store clickhouse`: the same generated history
// as the SQLite run, loaded into a throwaway ClickHouse (scripts/clickhouse-local.mjs, or --url)
// through the store's own insert path (copySqliteToClickHouse: 10,000-row INSERTs, each with
// its duplicate check), then /report.json served by a collector on the ClickHouse store.
import { startClickHouse } from '../scripts/clickhouse-local.mjs';
import { loadCollector } from '../scripts/loadCollector.mjs';

/**
 * Load `file` (a collector's SQLite database) into ClickHouse and time the report on it.
 * @param {string} file
 * @param {{ url?: string }} [options]
 */
export const measureClickHouse = async (file, { url } = {}) => {
  const { listen, createClickHouseStore, copySqliteToClickHouse } = await loadCollector();
  const server = url ? undefined : await startClickHouse();
  const database = `bench_${process.pid}`;
  const store = createClickHouseStore({ url: url ?? server.url, database, insertTimeoutMs: 120_000, queryTimeoutMs: 600_000 });
  try {
    const t0 = performance.now();
    const { copied } = await copySqliteToClickHouse({ sqlitePath: file, store });
    const seconds = (performance.now() - t0) / 1000;
    console.log(`    ClickHouse load: ${copied.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s = ${Math.round(copied / seconds).toLocaleString('en-US')} rows/s (10,000-row INSERTs with the duplicate check)`);
    const running = await listen({ port: 0, store, rateLimit: false });
    const times = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const res = await fetch(`${running.url}/report.json?token=${running.reportToken}`);
      const body = await res.json();
      times.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`report answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
      if (i === 0) console.log(`    ClickHouse report: ${body.totals.events.toLocaleString('en-US')} events, ${body.totals.sessions.toLocaleString('en-US')} visits, ${body.totals.orders.toLocaleString('en-US')} orders`);
    }
    const median = [...times].sort((a, b) => a - b)[1];
    console.log(`    ClickHouse /report.json median of 3: ${(median / 1000).toFixed(2)} s  (${times.map((t) => (t / 1000).toFixed(2)).join(' / ')})`);
    await running.close();
    if (url) await fetch(url, { method: 'POST', body: `DROP DATABASE IF EXISTS ${database}` });
  } finally {
    await server?.stop();
  }
};
