/**
 * The ClickHouse store against a real server (18.16 in CI): the same rows and reads as SQLite,
 * dedupe by messageId that holds across collectors, one INSERT per group commit, the 2xx only
 * after ClickHouse acknowledged, and 503 + Retry-After when ClickHouse is down or stalled.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { createCollector, createSqliteStore, toStoredEvent, type StoredEvent } from '../../src/collector';
import { createClickHouseStore, type ClickHouseStore } from '../../src/collector/clickhouse/createClickHouseStore';
import type { TouchpointEvent } from '../../src/schema/event';
import { clickhouseExec, clickhouseProxy, clickhouseUrl, dropDatabase, freshDatabase } from '../support/clickhouse';
import { ev, post } from './collector-fixtures';

const databases: string[] = [];
const stores: ClickHouseStore[] = [];
/** A store in a fresh database, closed and dropped after the file. */
const open = (options: Parameters<typeof createClickHouseStore>[0] = {}) => {
  const database = options.database ?? freshDatabase();
  databases.push(database);
  const store = createClickHouseStore({ url: clickhouseUrl(), database, ...options });
  stores.push(store);
  return store;
};
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await Promise.all(databases.map(dropDatabase));
});

const row = (overrides: Record<string, unknown> = {}, context: Record<string, unknown> = {}, receivedAt = Date.parse('2026-11-22T10:05:00Z')): StoredEvent => {
  const event = ev(overrides, context) as unknown as TouchpointEvent;
  // Sent when received: the stored time is the event's own (no skew to correct).
  return toStoredEvent(event, JSON.stringify(event), receivedAt, new Date(receivedAt).toISOString());
};

describe('rows', () => {
  test('stores and reads back exactly what SQLite stores, odd characters and nulls included', async () => {
    const rows = [
      row({ messageId: `quote ' and \\ backslash ${Date.now()}`, userId: 'u-1' }, { store_id: 'hcm-1', device_id: 'kiosk-7' }),
      row({ type: 'page', event: undefined, name: 'Home', anonymousId: 'ẩn danh 👋', timestamp: '2026-11-20T08:00:00.000Z' }),
      row({ properties: { note: 'line\nbreak\t"quoted"\u0001', rating: 4 } }),
      row({ timestamp: undefined }),
    ];
    const sqlite = createSqliteStore({ path: ':memory:' });
    const clickhouse = open();
    expect((await clickhouse.insert(rows)).inserted).toEqual([true, true, true, true]);
    sqlite.insert(rows);
    expect(await clickhouse.query({})).toEqual(await sqlite.query({}));
    expect(await clickhouse.stores()).toEqual(['hcm-1']);
    sqlite.close();
  });

  test('query filters select the same events as SQLite', async () => {
    const at = (iso: string, o: Record<string, unknown> = {}, c: Record<string, unknown> = {}) => row({ timestamp: iso, ...o }, c, Date.parse('2026-12-02T00:00:00Z'));
    const rows = [
      at('2026-11-01T23:59:59.999+07:00'),
      at('2026-11-02T00:00:00.000+07:00', { event: 'Product Added' }, { channel: 'kiosk', store_id: 's1' }),
      at('2026-11-10T12:00:00.000-05:00', { event: 'Feedback Submitted' }, { store_id: 's2' }),
      at('2026-11-30T23:59:59.999Z', { event: 'Kiosk Heartbeat' }, { channel: 'kiosk', store_id: 's1' }),
      at('2026-12-01T00:00:00.000Z'),
    ];
    const sqlite = createSqliteStore({ path: ':memory:' });
    const clickhouse = open();
    sqlite.insert(rows);
    await clickhouse.insert(rows);
    const from = Date.parse('2026-11-02T00:00:00Z');
    const to = Date.parse('2026-11-30T23:59:59.999Z');
    for (const q of [
      { fromLocal: from, toLocal: to },
      { fromLocal: from },
      { toLocal: to },
      { channel: 'kiosk' },
      { storeId: 's1', fromLocal: from, toLocal: to },
      { events: ['Feedback Submitted', 'Kiosk Heartbeat'] },
    ]) {
      const ids = (await clickhouse.query(q)).map((r) => r.messageId);
      expect(ids, JSON.stringify(q)).toEqual((await sqlite.query(q)).map((r) => r.messageId));
    }
    expect((await clickhouse.query({ fromLocal: from, toLocal: to })).length).toBe(3);
    sqlite.close();
  });
});

describe('dedupe by messageId', () => {
  test('a repeat inside one insert, and a later insert of the same ids, are duplicates', async () => {
    const store = open();
    const a = row();
    const b = row();
    expect((await store.insert([a, b, { ...a, json: '{"copy":true}' }])).inserted).toEqual([true, true, false]);
    expect((await store.insert([b, row()])).inserted).toEqual([false, true]);
    expect((await store.query({})).map((r) => r.json)).not.toContain('{"copy":true}');
    expect(await store.query({})).toHaveLength(3);
  });

  test('two collectors on one database: the second sees the first one`s rows as duplicates', async () => {
    const database = freshDatabase();
    const first = open({ database });
    const second = open({ database });
    const batch = [row(), row(), row()];
    expect((await first.insert(batch)).inserted).toEqual([true, true, true]);
    expect((await second.insert(batch)).inserted).toEqual([false, false, false]);
    expect(await second.query({})).toHaveLength(3);
  });

  test('copies stored by a race between collectors are read once, the first received', async () => {
    const store = open();
    const original = row({}, {}, Date.parse('2026-11-22T10:05:00Z'));
    await store.insert([original]);
    // Two collectors that checked at the same moment both insert: write the second copy the way
    // the losing collector would (later arrival, skew-corrected a little differently).
    const late = { ...row({ messageId: original.messageId }, {}, original.receivedAt + 1500), json: '{"second":true}' };
    await clickhouseExec(
      `INSERT INTO ${store.table} (message_id, type, timestamp, received_at, local_time, local_hour, local_day, position, json)
       VALUES ('${late.messageId}', 'track', ${late.timestamp}, ${late.receivedAt}, ${late.localTime}, ${late.localHour}, '2026-11-22', 0, '${late.json}')`,
    );
    expect(await clickhouseExec(`SELECT count() FROM ${store.table}`)).toBe('2\n');
    const read = await store.query({});
    expect(read).toHaveLength(1);
    expect(read[0]!.json).toBe(original.json);
    expect((await store.insert([original])).inserted).toEqual([false]);
  });
});

describe('writes', () => {
  test('inserts of the same event-loop turn go to ClickHouse as one INSERT', async () => {
    const proxy = await clickhouseProxy();
    const store = open({ url: proxy.url });
    await store.insert([row()]); // creates the table
    proxy.statements.length = 0;
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => store.insert([row(), row()])));
    expect(results.map((r) => r.inserted)).toEqual(Array(5).fill([true, true]));
    expect(proxy.statements.filter((s) => /^\s*INSERT/i.test(s))).toHaveLength(1);
    expect(await store.query({})).toHaveLength(11);
    await proxy.close();
  });

  test('the collector answers 200 only after ClickHouse acknowledged the insert', async () => {
    const proxy = await clickhouseProxy();
    const store = open({ url: proxy.url });
    const collector = createCollector({ store, rateLimit: false });
    let release!: () => void;
    proxy.holdInserts = new Promise((r) => (release = r));
    let answered = false;
    const response = post(collector, '/v1/batch', { batch: [ev(), ev()] }).then((r) => ((answered = true), r));
    // Wait until the INSERT is being held at the proxy, then give it time to (wrongly) answer.
    await expect.poll(() => proxy.statements.some((s) => s.startsWith('SELECT DISTINCT message_id')), { timeout: 20_000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    expect(proxy.statements.some((s) => /^\s*INSERT/i.test(s))).toBe(false);
    release();
    const res = await response;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(await store.query({})).toHaveLength(2);
    await proxy.close();
  });

  test('ClickHouse down: 503 with Retry-After; once it is back the retry stores every event once', async () => {
    const proxy = await clickhouseProxy();
    const url = proxy.url;
    await proxy.close(); // nothing listens on that port now
    const database = freshDatabase();
    const errors: unknown[] = [];
    const down = createCollector({ store: open({ url, database }), rateLimit: false, onError: (e) => errors.push(e) });
    const batch = { batch: [ev(), ev(), ev()] };
    const res = await post(down, '/v1/batch', batch);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(errors).toHaveLength(1);
    const up = createCollector({ store: open({ database }), rateLimit: false });
    expect(await (await post(up, '/v1/batch', batch)).json()).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(await (await post(up, '/v1/batch', batch)).json()).toMatchObject({ accepted: 0, duplicates: 3 });
  });

  test('ClickHouse stalled: 503 within the insert timeout; the retry stores every event once', async () => {
    const proxy = await clickhouseProxy();
    const database = freshDatabase();
    await open({ database }).insert([row()]); // the table exists before ClickHouse stalls
    const store = open({ url: proxy.url, database, insertTimeoutMs: 1000, createTable: false });
    const collector = createCollector({ store, rateLimit: false });
    proxy.stall = true;
    const batch = { batch: [ev(), ev()] };
    const res = await post(collector, '/v1/batch', batch);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    proxy.stall = false;
    // The SDK retries until it is answered 200 (a loaded machine may need more than one try).
    await expect.poll(async () => (await post(collector, '/v1/batch', batch)).status, { timeout: 30_000, interval: 200 }).toBe(200);
    expect(await store.query({})).toHaveLength(3);
    await proxy.close();
  });

  test('bad names fail fast, naming the option', () => {
    expect(() => createClickHouseStore({ database: 'x; DROP TABLE y' })).toThrow(/database/);
    expect(() => createClickHouseStore({ table: 'a.b' })).toThrow(/table/);
  });
});
