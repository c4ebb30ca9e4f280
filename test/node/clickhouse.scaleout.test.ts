/**
 * Scale-out, shown: two collector servers on different ports write to one ClickHouse database.
 * Every batch reaches both (a retry that went to the other instance, at the same time or later),
 * and both serve the same report, with every event once: the report of a single SQLite collector
 * that received each batch once.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSqliteStore, listen, type RunningCollector } from '../../src/collector';
import { createClickHouseStore } from '../../src/collector/clickhouse/createClickHouseStore';
import { clickhouseExec, clickhouseUrl, dropDatabase, freshDatabase } from '../support/clickhouse';
import { JOURNEYS_END, journeyBatches } from '../support/journeys.mjs';
import { reportUrl } from '../support/report';

const database = freshDatabase();
const now = () => JOURNEYS_END;
let a: RunningCollector;
let b: RunningCollector;
let single: RunningCollector;

beforeAll(async () => {
  // Behind a load balancer every collector has the same report credential.
  const options = { port: 0, rateLimit: false as const, now, reportToken: `scale-${Date.now()}` };
  a = await listen({ ...options, store: createClickHouseStore({ url: clickhouseUrl(), database }) });
  b = await listen({ ...options, store: createClickHouseStore({ url: clickhouseUrl(), database }) });
  single = await listen({ ...options, store: createSqliteStore({ path: ':memory:' }) });
});
afterAll(async () => {
  await Promise.all([a, b, single].map((c) => c?.close()));
  await dropDatabase(database);
});

const send = async (to: RunningCollector, body: unknown) => {
  const res = await fetch(`${to.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as { accepted: number; duplicates: number };
};
const report = async (from: RunningCollector) => {
  const res = await fetch(reportUrl(from, '/report.json', { from: '2026-11-01', to: '2026-11-30' }));
  expect(res.status).toBe(200);
  const { generatedAt: _, ...numbers } = await res.json();
  return numbers;
};

test('two collectors, each batch sent to both: every event once, the same report as one SQLite collector', async () => {
  const batches = [...journeyBatches({ visits: 300, size: 40, prefix: `scale-${Date.now()}` })];
  const events = batches.reduce((n, x) => n + x.batch.length, 0);
  for (const [i, body] of batches.entries()) {
    await send(single, body);
    if (i % 3 === 0) {
      // The retry lands on the other instance while the first attempt is still in flight.
      await Promise.all([send(a, body), send(b, body)]);
    } else {
      // The first attempt was stored but its answer lost; the retry goes to the other instance.
      const [first, second] = i % 3 === 1 ? [a, b] : [b, a];
      expect(await send(first, body)).toMatchObject({ accepted: body.batch.length });
      expect(await send(second, body)).toMatchObject({ accepted: 0, duplicates: body.batch.length });
    }
  }
  const distinct = await clickhouseExec(`SELECT uniqExact(message_id) FROM ${database}.events`);
  expect(Number(distinct)).toBe(events);
  expect(await a.collector.store.query({})).toHaveLength(events);

  const expected = await report(single);
  expect(expected.stages.length).toBeGreaterThan(2);
  expect(await report(a)).toEqual(expected);
  expect(await report(b)).toEqual(expected);
  // The report link of one collector opens on the other.
  expect((await fetch(reportUrl(a, '/report.json').replace(a.url, b.url))).status).toBe(200);
});
