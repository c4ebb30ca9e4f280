/**
 * The journey report on ClickHouse: the report's SQL (same query definitions, ClickHouse dialect)
 * gives the same report as the in-memory oracle and as the SQLite engine, number for number, on
 * the seed corpus copied into ClickHouse; copies of events stored by a race are counted once.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSqliteStore, type EventStore } from '../../src/collector';
import { COLUMNS } from '../../src/collector/clickhouse/clickhouseSchema';
import { copySqliteToClickHouse } from '../../src/collector/clickhouse/copySqliteToClickHouse';
import { createClickHouseStore, type ClickHouseStore } from '../../src/collector/clickhouse/createClickHouseStore';
import { computeReport } from '../../src/collector/report/computeReport';
import { buildReport, reportParams } from '../../src/collector/report/handleReport';
import { parseReportFilter, toEventQuery, type ReportFilter } from '../../src/collector/report/reportFilter';
import type { ComputeOptions } from '../../src/collector/report/reportTypes';
import { clickhouseExec, clickhouseUrl, dropDatabase, freshDatabase } from '../support/clickhouse';

const ROOT = new URL('../../', import.meta.url).pathname;
const database = freshDatabase();
let dir: string;
let sqlite: EventStore;
let clickhouse: ClickHouseStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tp-ch-report-'));
  const db = join(dir, 'seed.db');
  await promisify(execFile)(process.execPath, ['scripts/seed.mjs', '--db', db, '--sessions', '250', '--kiosk', '100', '--seed', '11'], { cwd: ROOT });
  sqlite = createSqliteStore({ path: db });
  clickhouse = createClickHouseStore({ url: clickhouseUrl(), database });
  await copySqliteToClickHouse({ sqlitePath: db, store: clickhouse });
}, 120_000);
afterAll(async () => {
  await sqlite?.close();
  await clickhouse?.close();
  await dropDatabase(database);
  rmSync(dir, { recursive: true, force: true });
});

const options = (query: string, now: number): ComputeOptions => ({
  filter: parseReportFilter(new URL(`http://x/report${query}`), { now, defaultDays: 30 }) as ReportFilter,
  now,
  abandonmentWindowMs: 30 * 60_000,
  silentAfterMs: 15 * 60_000,
  minSample: 3,
  stores: [],
  maxCards: 1000,
});

/** The oracle: every event of the range in memory, from SQLite. */
const oracle = async (o: ComputeOptions) => {
  const params = reportParams(o.filter, o.now, o.abandonmentWindowMs);
  const events = await sqlite.query(toEventQuery(o.filter));
  const beats = await sqlite.query({ events: ['Kiosk Heartbeat'], fromLocal: params.beatsFrom, ...(o.filter.store ? { storeId: o.filter.store } : {}) });
  return computeReport(events, beats, o);
};

test.each(['', '?channel=web', '?channel=kiosk', '?store=hcm-q1', '?lang=vi'])('seed corpus %s: ClickHouse = oracle = SQLite', async (query) => {
  const o = options(query, Date.now());
  const report = await buildReport(clickhouse, o);
  expect(report.totals.events).toBeGreaterThan(100);
  expect(report).toEqual(await oracle(o));
  expect(report).toEqual(await buildReport(sqlite, o));
});

test('copies stored by a race between collectors are counted once', async () => {
  const o = options('', Date.now());
  const before = await buildReport(clickhouse, o);
  // A later copy of every tenth event, as a collector that lost the race would store it.
  const copied = Number(await clickhouseExec(`SELECT count() FROM ${clickhouse.table} WHERE cityHash64(message_id) % 10 = 0`));
  expect(copied).toBeGreaterThan(50);
  const columns = [...COLUMNS.map(([, column]) => column), 'local_day', 'position', 'copy'];
  const later = columns.map((c) => (c === 'received_at' ? 'received_at + 1500' : c === 'copy' ? 'copy + 1' : c));
  await clickhouseExec(`INSERT INTO ${clickhouse.table} (${columns.join(', ')}) SELECT ${later.join(', ')} FROM ${clickhouse.table} WHERE cityHash64(message_id) % 10 = 0`);
  const raw = Number(await clickhouseExec(`SELECT count() FROM ${clickhouse.table}`));
  const distinct = Number(await clickhouseExec(`SELECT uniqExact(message_id) FROM ${clickhouse.table}`));
  expect(raw - distinct).toBe(copied);
  expect(await buildReport(clickhouse, o)).toEqual(before);
  // The report's intermediate tables are gone once it is built.
  expect(await clickhouseExec(`SELECT count() FROM system.tables WHERE database = '${database}' AND name LIKE 'report_%'`)).toBe('0\n');
});
