/**
 * `scripts/sqlite-to-clickhouse.mjs`: a collector's SQLite history copied into ClickHouse row for
 * row, streamed in chunks, and safe to run again.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { createCollector, createSqliteStore } from '../../src/collector';
import { createClickHouseStore } from '../../src/collector/clickhouse/createClickHouseStore';
import { clickhouseUrl, dropDatabase, freshDatabase } from '../support/clickhouse';
import { JOURNEYS_END, journeyBatches } from '../support/journeys.mjs';

const run = promisify(execFile);
const script = new URL('../../scripts/sqlite-to-clickhouse.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tp-migrate-'));
const database = freshDatabase();
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await dropDatabase(database);
});

test('copies every stored row, in chunks; a second run copies nothing more', async () => {
  const db = join(dir, 'touchpoint.db');
  const collector = createCollector({ dbPath: db, rateLimit: false, now: () => JOURNEYS_END });
  for (const body of journeyBatches({ visits: 80, size: 30, prefix: `mig-${Date.now()}` })) {
    const res = await collector(new Request('http://127.0.0.1/v1/batch', { method: 'POST', body: JSON.stringify(body) }));
    expect(res.status).toBe(200);
  }
  await collector.close();
  const sqlite = createSqliteStore({ path: db });
  const expected = await sqlite.query({});
  sqlite.close();
  expect(expected.length).toBeGreaterThan(100);

  const args = [script, '--db', db, '--url', clickhouseUrl(), '--database', database, '--chunk', '40'];
  const first = await run(process.execPath, args, { timeout: 60_000 });
  expect(first.stdout).toContain(`${expected.length} of ${expected.length} rows copied to ${database}.events`);
  const clickhouse = createClickHouseStore({ url: clickhouseUrl(), database });
  expect(await clickhouse.query({})).toEqual(expected);

  const again = await run(process.execPath, args, { timeout: 60_000 });
  expect(again.stdout).toContain(`0 of ${expected.length} rows copied`);
  expect(await clickhouse.query({})).toHaveLength(expected.length);
  await clickhouse.close();
});

test('a missing database file fails with a message and exit code 1', async () => {
  const failed = await run(process.execPath, [script, '--db', join(dir, 'nope.db'), '--url', clickhouseUrl()], { timeout: 60_000 }).catch((e) => e);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain('nope.db: no such file');
});
