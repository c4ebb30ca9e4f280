import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { createCollector, createSqliteStore, type EventStore, type StoredEvent } from '../../src/collector';
import { EventSchema } from '../../src/schema/event';
import { LIMITS } from '../../src/core/limits';

const dir = mkdtempSync(join(tmpdir(), 'tp-collector-prop-'));
const sqlite = createSqliteStore({ path: join(dir, 'prop.db'), synchronous: 'normal' });
/** Everything the collector really committed, by messageId (recorded after the SQLite commit). */
const committed = new Map<string, StoredEvent>();
const spy: EventStore = {
  insert: async (rows) => {
    const result = await sqlite.insert(rows);
    rows.forEach((row, i) => result.inserted[i] && committed.set(row.messageId, row));
    return result;
  },
  query: (q) => sqlite.query(q),
  stores: () => sqlite.stores(),
  close: () => sqlite.close(),
};
const collector = createCollector({ store: spy, rateLimit: false, maxBodyBytes: 64 * 1024 });
afterAll(async () => {
  await collector.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The oracle: what the collector must accept, judged independently of its code path. */
const isValid = (value: unknown) =>
  !!value && typeof value === 'object' && !Array.isArray(value) && EventSchema.safeParse(value).success && Buffer.byteLength(JSON.stringify(value)) <= LIMITS.eventBytes;

const iso = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .chain((d) => fc.constantFrom(d.toISOString(), d.toISOString().replace('Z', '+07:00'), d.toISOString().replace('Z', '-03:30')));
const validEvent = fc.record({
  type: fc.constantFrom('track', 'page', 'identify'),
  event: fc.constantFrom('Product Added', 'Order Completed', 'Feedback Submitted', 'Kiosk Heartbeat', 'x'),
  messageId: fc.uuid(),
  anonymousId: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
  userId: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
  timestamp: fc.option(iso, { nil: undefined }),
  sentAt: fc.option(iso, { nil: undefined }),
  context: fc.record(
    {
      channel: fc.constantFrom('web', 'kiosk', 'app', 'store'),
      touchpoint: fc.string({ maxLength: 30 }),
      journey_stage: fc.constantFrom('awareness', 'consideration', 'purchase', 'post_purchase', 'advocacy'),
      session_id: fc.string({ maxLength: 30 }),
    },
    { requiredKeys: [] },
  ),
  properties: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
}).map((e) => ({ ...e, anonymousId: e.anonymousId ?? (e.userId ? undefined : 'anon') }));

/** A valid event with one field broken, dropped, or replaced by anything at all. */
const mutated = fc.tuple(validEvent, fc.constantFrom('type', 'event', 'messageId', 'anonymousId', 'timestamp', 'context', 'properties', 'sentAt'), fc.oneof(
    { weight: 6, arbitrary: fc.anything() },
    { weight: 2, arbitrary: fc.constant(undefined) },
    // Just under or over the 32 KB event limit (built with repeat: generating 32K chars one by one is slow).
    { weight: 1, arbitrary: fc.integer({ min: -600, max: 600 }).map((d) => 'x'.repeat(LIMITS.eventBytes - 200 + d)) },
  )).map(
  ([e, key, value]) => {
    const copy: Record<string, unknown> = { ...e };
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  },
);
/** A valid event padded to just under or just over the 32 KB limit, in multi-byte text. */
const nearLimit = fc.tuple(validEvent, fc.integer({ min: -300, max: 300 })).map(([e, d]) => ({ ...e, properties: { comment: 'Cảm ơn! '.repeat(Math.floor((LIMITS.eventBytes - 700) / 11) + d) } }));
const anyEvent = fc.oneof({ weight: 4, arbitrary: validEvent }, { weight: 1, arbitrary: nearLimit }, { weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });

/** Request bodies: valid and mixed batches, random JSON, random bytes, truncated and gzip bodies. */
const body = fc.oneof(
  { weight: 5, arbitrary: fc.record({ batch: fc.array(anyEvent, { maxLength: 12 }), sentAt: fc.option(iso, { nil: undefined }) }).map((b) => ({ path: '/v1/batch', text: JSON.stringify(b), gzip: false })) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('/v1/track', '/v1/page', '/v1/identify'), anyEvent).map(([path, e]) => ({ path, text: JSON.stringify(e) ?? 'null', gzip: false })) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => ({ path: '/v1/batch', text: JSON.stringify(v) ?? 'null', gzip: false })) },
  { weight: 1, arbitrary: fc.string().map((text) => ({ path: '/v1/batch', text, gzip: false })) },
  { weight: 1, arbitrary: fc.record({ batch: fc.array(validEvent, { minLength: 1, maxLength: 5 }) }).chain((b) => fc.nat(200).map((cut) => ({ path: '/v1/batch', text: JSON.stringify(b).slice(0, cut), gzip: false }))) },
  { weight: 1, arbitrary: fc.record({ batch: fc.array(anyEvent, { maxLength: 6 }) }).map((b) => ({ path: '/v1/batch', text: JSON.stringify(b), gzip: true })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ path: '/v1/batch', text: null, bytes, gzip: true })) },
);

test('random and mutated bodies: never a crash or 5xx, never an invalid event stored, never a valid one lost', async () => {
  await fc.assert(
    fc.asyncProperty(body, fc.constantFrom('application/json', 'text/plain;charset=UTF-8'), async (b, type) => {
      const raw: Uint8Array = 'bytes' in b && b.bytes ? b.bytes : new TextEncoder().encode(b.text ?? '');
      const payload = b.gzip && !('bytes' in b) ? gzipSync(raw) : raw;
      const res = await collector(
        new Request(`http://127.0.0.1${b.path}`, {
          method: 'POST',
          body: payload as Uint8Array<ArrayBuffer>,
          headers: { 'content-type': type, ...(b.gzip ? { 'content-encoding': 'gzip' } : {}) },
        }),
        { clientAddress: '127.0.0.1' },
      );
      expect([200, 400, 413]).toContain(res.status);
      const answer = (await res.json()) as { ok: boolean; accepted?: number; duplicates?: number; rejected?: { index: number }[]; error?: { code: string; message: string } };
      if (res.status !== 200) {
        expect(answer.error?.message.length).toBeGreaterThan(0);
        return;
      }
      const parsed = JSON.parse(b.text!);
      const events: unknown[] = b.path === '/v1/batch' ? parsed.batch : [{ ...parsed, type: b.path.slice(4) }];
      const invalid = events.flatMap((e, i) => (isValid(e) ? [] : [i]));
      expect(answer.rejected!.map((r) => r.index)).toEqual(invalid);
      expect(answer.accepted! + answer.duplicates! + invalid.length).toBe(events.length);
      for (const e of events) if (isValid(e)) expect(committed.has((e as { messageId: string }).messageId)).toBe(true);
    }),
    { numRuns: 2500 },
  );
  // Everything in the database passes the wire schema, and nothing is there that was not acknowledged.
  const all = await sqlite.query({});
  expect(all.length).toBe(committed.size);
  expect(all.length).toBeGreaterThan(500);
  for (const row of all) expect(EventSchema.safeParse(JSON.parse(row.json)).success).toBe(true);
}, 60_000);
