/**
 * The SQL report engine against its oracle, the in-memory computeReport: the same report, number
 * for number, on the seed corpus (the realistic shop) and on small generated corpora.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSqliteStore, type EventStore } from '../../src/collector';
import { buildReport } from '../../src/collector/report/handleReport';
import { oracle } from './engine-oracle';
import { parseReportFilter, type ReportFilter } from '../../src/collector/report/reportFilter';
import type { ComputeOptions } from '../../src/collector/report/reportTypes';

const ROOT = new URL('../../', import.meta.url).pathname;
let dir: string;
let store: EventStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tp-engine-'));
  const db = join(dir, 'seed.db');
  const { stdout } = await promisify(execFile)(process.execPath, ['scripts/seed.mjs', '--db', db, '--sessions', '300', '--kiosk', '120', '--seed', '5'], { cwd: ROOT });
  expect(stdout).toMatch(/seeded \d+ events/);
  store = createSqliteStore({ path: db });
}, 120_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const options = (query: string, now = Date.now()): ComputeOptions => ({
  filter: parseReportFilter(new URL(`http://x/report${query}`), { now, defaultDays: 30 }) as ReportFilter,
  now,
  abandonmentWindowMs: 30 * 60_000,
  silentAfterMs: 15 * 60_000,
  minSample: 3,
  stores: [],
  maxCards: 1000,
});

test.each(['', '?channel=web', '?channel=kiosk', '?store=hcm-q1', '?lang=vi'])('seed corpus %s: SQL engine = oracle', async (query) => {
  const o = options(query);
  const sql = await buildReport(store, o);
  expect(sql.totals.events).toBeGreaterThan(query === '?channel=kiosk' || query === '?store=hcm-q1' ? 100 : 1000);
  expect(sql).toEqual(await oracle(store, o));
});

test('the seed corpus exercises what the report shows', async () => {
  const r = await buildReport(store, options(''));
  expect(r.funnel.cart.sdk).toBeGreaterThan(0);
  expect(r.funnel.cart.derived).toBeGreaterThan(0);
  expect(r.funnel.cart.ordered).toBeGreaterThan(0);
  expect(r.downs.length).toBeGreaterThan(0);
  expect(r.kiosks.length).toBeGreaterThan(0);
  expect(r.kioskHours.some((h) => h.count > 0)).toBe(true);
  expect(r.stages.flatMap((s) => s.touchpoints).some((c) => c.comments.length && c.ratings)).toBe(true);
});
