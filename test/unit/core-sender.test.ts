import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createSender, pack, type SenderConfig } from '../../src/core/createSender';
import { LIMITS } from '../../src/core/limits';
import { createReporter } from '../../src/core/reporter';
import { utf8Length } from '../../src/core/serialise';
import { memoryStore, type EventStore, type StoredEvent } from '../../src/core/storage';
import type { Deferred, SendResult } from '../../src/core/transport';
import type { TouchpointError } from '../../src/core/types';
import fc from 'fast-check';
import { fakeTransport, readBatch, type WireBatch } from './core-support';

let seq = 0;
const mk = (pad = 0): StoredEvent => {
  const i = seq++;
  return {
    k: `e:${String(i).padStart(8, '0')}`,
    v: JSON.stringify({ type: 'track', event: `E${i}`, messageId: `m${i}`, properties: { pad: 'x'.repeat(pad) }, context: { session_id: 's' } }),
  };
};
const many = (n: number, pad = 0) => Array.from({ length: n }, () => mk(pad));
const idsOf = (list: StoredEvent[]) => list.map((e) => (JSON.parse(e.v) as { messageId: string }).messageId);

describe('pack', () => {
  test('a valid Segment batch: events in order; sentAt once, for the batch', () => {
    const list = many(3);
    const { body, keys, bytes } = pack(list, LIMITS.requestBytes, {});
    const b = JSON.parse(body) as WireBatch;
    expect(b.batch.map((e) => e.messageId)).toEqual(idsOf(list));
    expect(keys).toEqual(list.map((e) => e.k));
    expect(b.sentAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    for (const e of b.batch) expect('sentAt' in e).toBe(false);
    expect('writeKey' in b).toBe(false);
    expect(bytes).toBeGreaterThanOrEqual(utf8Length(body));
  });

  test('writeKey goes into the batch envelope; dropped_events into the first event only (counted once)', () => {
    const b = readBatch(pack(many(2), LIMITS.requestBytes, { writeKey: 'k"ey', dropped: 7 }).body);
    expect(b.writeKey).toBe('k"ey');
    expect(b.batch[0]!.context.dropped_events).toBe(7);
    expect(b.batch[1]!.context.dropped_events).toBeUndefined();
  });

  test('compact: shared context entries go once into the batch context; merged back, each event is as stored', () => {
    const shared = { library: { name: 'touchpoint', version: '1' }, userAgent: 'Mozilla/5.0 …', locale: 'vi-VN', session_id: 's1' };
    const list = ['/a', '/a', '/b'].map((path, i) => ({
      k: `e:${i}`,
      v: JSON.stringify({ anonymousId: 'a', type: 'track', event: `E${i}`, messageId: `m${i}`, properties: { i }, context: { ...shared, page: { path }, touchpoint: path } }),
    }));
    const { body } = pack(list, LIMITS.requestBytes, {});
    const b = readBatch(body);
    expect(b.raw.context).toEqual(shared);
    expect(b.raw.batch[0]!.context).toEqual({ page: { path: '/a' }, touchpoint: '/a' });
    expect(b.batch).toEqual(list.map((e) => JSON.parse(e.v)));
    expect(utf8Length(body)).toBeLessThan(list.reduce((n, e) => n + utf8Length(e.v), 0) - 2 * utf8Length(JSON.stringify(shared)) + 100);
  });

  test('compact, any events: merged back they equal the stored events; the body stays within maxBytes (property)', () => {
    const value = fc.oneof(fc.constantFrom('x', 'ệ', 1, true, null), fc.dictionary(fc.constantFrom('a', 'b'), fc.constantFrom(1, 2)));
    const context = fc.dictionary(fc.constantFrom('library', 'page', 'touchpoint', 'session_id', 'campaign', 'x"y', 'dropped_events'), value);
    fc.assert(
      fc.property(fc.array(context, { minLength: 1, maxLength: 30 }), fc.integer({ min: 200, max: 4000 }), (contexts, maxBytes) => {
        const list = contexts.map((c, i) => ({ k: `e:${String(i).padStart(3, '0')}`, v: JSON.stringify({ type: 'track', messageId: `m${i}`, context: c }) }));
        const { body, keys, bytes } = pack(list, maxBytes, {});
        const b = readBatch(body);
        const sent = list.slice(0, keys.length).map((e) => JSON.parse(e.v));
        // An event without context gets the batch's shared entries only if it had them (none).
        expect(b.batch.map((e) => ({ ...e, context: e.context ?? {} }))).toEqual(sent.map((e) => ({ ...e, context: e.context })));
        expect(bytes).toBe(utf8Length(body));
        if (keys.length > 1) expect(bytes).toBeLessThanOrEqual(maxBytes);
      }),
      { numRuns: 200 },
    );
  });

  test('bounded in bytes (UTF-8): the body never exceeds maxBytes and the rest is left for later', () => {
    // 100 events of ~2 KB of 3-byte characters each: ~6 KB each in UTF-8.
    const list = Array.from({ length: 100 }, (_, i) => ({
      k: `e:${String(i).padStart(4, '0')}`,
      v: JSON.stringify({ type: 'track', messageId: `m${i}`, properties: { t: 'ệ'.repeat(2000) }, context: { a: 1 } }),
    }));
    let rest = list;
    const seen: string[] = [];
    while (rest.length) {
      const { body, keys, bytes } = pack(rest, LIMITS.requestBytes, { writeKey: 'wk', dropped: 3 });
      expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(LIMITS.requestBytes);
      expect(bytes).toBeLessThanOrEqual(LIMITS.requestBytes);
      expect(keys.length).toBeGreaterThan(0);
      // Nearly full: one more event would not have fitted.
      expect(utf8Length(body) + utf8Length(rest[keys.length]?.v ?? '') + 40).toBeGreaterThan(keys.length < rest.length ? LIMITS.requestBytes : 0);
      seen.push(...keys);
      rest = rest.slice(keys.length);
    }
    expect(seen).toEqual(list.map((e) => e.k));
  });

  test('at least one event, even when that one alone is over the bound', () => {
    const list = many(3, 500);
    const { body, keys } = pack(list, 100, {});
    expect(keys).toEqual([list[0]!.k]);
    expect(JSON.parse(body).batch).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------

interface Setup {
  store: EventStore;
  errors: TouchpointError[];
  ft: ReturnType<typeof fakeTransport>;
  sender: ReturnType<typeof createSender>;
  /** Queue n events as the tracker does: store, remember, notify. */
  queue(n: number, pad?: number): Promise<StoredEvent[]>;
}

const setup = (over: Partial<SenderConfig> = {}, answer?: (b: WireBatch, call: number) => SendResult | Promise<SendResult>): Setup => {
  const store = memoryStore();
  const errors: TouchpointError[] = [];
  const ft = fakeTransport(answer);
  const sender = createSender({
    url: 'https://c.example/v1/batch',
    batchSize: 10,
    flushInterval: 1000,
    retry: { minDelay: 1000, maxDelay: 300_000 },
    transport: ft.transport,
    reporter: createReporter((e) => void errors.push(e), false),
    store: () => store,
    allowed: () => true,
    ...over,
  });
  return {
    store,
    errors,
    ft,
    sender,
    async queue(n, pad = 0) {
      const list = many(n, pad);
      await store.add(list, 1_000_000);
      sender.remember(list, 1_000_000);
      sender.notify(n);
      return list;
    },
  };
};

const sentIds = (s: Setup) => s.ft.sends.map((r) => r.batch.batch.map((e) => e.messageId));
const gaps = (s: Setup) => s.ft.sends.slice(1).map((r, i) => r.at - s.ft.sends[i]!.at);

describe('createSender', () => {
  let live: Setup[] = [];
  const make = (...a: Parameters<typeof setup>) => {
    const s = setup(...a);
    live.push(s);
    return s;
  };
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-22T10:00:00Z'));
  });
  afterEach(() => {
    for (const s of live) s.sender.stop();
    live = [];
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  test('time batching: fewer than batchSize events go out after flushInterval', async () => {
    const s = make();
    const list = await s.queue(3);
    await vi.advanceTimersByTimeAsync(999);
    expect(s.ft.sends).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(sentIds(s)).toEqual([idsOf(list)]);
    expect(s.ft.sends[0]!.url).toBe('https://c.example/v1/batch');
    expect(await s.store.count()).toBe(0);
  });

  test('count batching: batchSize events go out at once', async () => {
    const s = make();
    await s.queue(10);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.ft.sends).toHaveLength(1);
    expect(s.ft.sends[0]!.batch.batch).toHaveLength(10);
  });

  test('flush sends everything, batchSize per request, in order; 2xx deletes', async () => {
    const s = make();
    const list = await s.queue(25);
    await s.sender.flush();
    expect(sentIds(s)).toEqual([idsOf(list.slice(0, 10)), idsOf(list.slice(10, 20)), idsOf(list.slice(20))]);
    expect(await s.store.count()).toBe(0);
  });

  test('small requests are keepalive (they survive the page going away)', async () => {
    const s = make();
    await s.queue(2);
    await s.sender.flush();
    expect(s.ft.sends[0]!.keepalive).toBe(true);
  });

  test.each([503, 500, 502, 408, 429, 0])('%i is retried with back-off; nothing deleted until a 2xx', async (status) => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const s = make({}, (_b, call) => ({ status: call <= 3 ? status : 200 }));
    const list = await s.queue(4);
    await s.sender.flush();
    expect(s.ft.sends).toHaveLength(1);
    expect(await s.store.count()).toBe(4);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.ft.sends.map((r) => r.status)).toEqual([status, status, status, 200]);
    // random() = 0: no jitter; minDelay, doubling: 1000, 2000, 4000.
    expect(gaps(s)).toEqual([1000, 2000, 4000]);
    // The same events, exactly once delivered.
    expect(sentIds(s).at(-1)).toEqual(idsOf(list));
    expect(await s.store.count()).toBe(0);
    expect(s.errors).toEqual([]);
  });

  test('back-off grows exponentially with jitter up to maxDelay', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999999);
    const s = make({ retry: { minDelay: 1000, maxDelay: 4000 } }, () => ({ status: 503 }));
    await s.queue(1);
    await s.sender.flush();
    await vi.advanceTimersByTimeAsync(20_000);
    const g = gaps(s).slice(0, 5).map((x) => Math.round(x / 10) * 10);
    // Full jitter (+50%): 1500, 3000, then capped at maxDelay (6000 → 4000).
    expect(g).toEqual([1500, 3000, 4000, 4000, 4000]);
  });

  test('jitter spreads the first wait between minDelay and 1.5 × minDelay', async () => {
    const r = vi.spyOn(Math, 'random');
    const waits: number[] = [];
    for (const x of [0, 0.5, 0.99]) {
      r.mockReturnValue(x);
      const s = make({ retry: { minDelay: 1000, maxDelay: 300_000 } }, (_b, call) => ({ status: call === 1 ? 503 : 200 }));
      await s.queue(1);
      await s.sender.flush();
      await vi.advanceTimersByTimeAsync(2000);
      waits.push(gaps(s)[0]!);
    }
    expect(waits).toEqual([1000, 1250, 1495]);
  });

  test('429 Retry-After is honoured: no request before it, even on flush()', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const s = make({ retry: { minDelay: 100, maxDelay: 300_000 } }, (_b, call) =>
      call === 1 ? { status: 429, retryAfter: 3000 } : { status: 200 },
    );
    await s.queue(2);
    await s.sender.flush();
    await vi.advanceTimersByTimeAsync(1000);
    await s.sender.flush();
    await vi.advanceTimersByTimeAsync(1999);
    expect(s.ft.sends).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.ft.sends).toHaveLength(2);
    expect(gaps(s)).toEqual([3000]);
    expect(await s.store.count()).toBe(0);
  });

  test('503 Retry-After is honoured too', async () => {
    const s = make({ retry: { minDelay: 100, maxDelay: 300_000 } }, (_b, call) =>
      call === 1 ? { status: 503, retryAfter: 5000 } : { status: 200 },
    );
    await s.queue(1);
    await s.sender.flush();
    await vi.advanceTimersByTimeAsync(6000);
    expect(gaps(s)).toEqual([5000]);
  });

  test('a Retry-After shorter than the back-off does not shorten it', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const s = make({ retry: { minDelay: 4000, maxDelay: 300_000 } }, (_b, call) =>
      call === 1 ? { status: 429, retryAfter: 10 } : { status: 200 },
    );
    await s.queue(1);
    await s.sender.flush();
    await vi.advanceTimersByTimeAsync(5000);
    expect(gaps(s)).toEqual([4000]);
  });

  test('a Retry-After longer than maxDelay wins over the back-off cap', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const s = make({ retry: { minDelay: 100, maxDelay: 1000 } }, (_b, call) =>
      call === 1 ? { status: 503, retryAfter: 8000 } : { status: 200 },
    );
    await s.queue(1);
    await s.sender.flush();
    await vi.advanceTimersByTimeAsync(7999);
    expect(s.ft.sends).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(gaps(s)).toEqual([8000]);
  });

  test('Retry-After of a 500 (not 429/503) is ignored: plain back-off', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const s = make({ retry: { minDelay: 100, maxDelay: 300_000 } }, (_b, call) =>
      call === 1 ? { status: 500, retryAfter: 8000 } : { status: 200 },
    );
    await s.queue(1);
    await s.sender.flush();
    await vi.advanceTimersByTimeAsync(200);
    expect(gaps(s)).toEqual([100]);
  });

  test('flush() skips the exponential back-off (but not a Retry-After)', async () => {
    const s = make({ retry: { minDelay: 60_000, maxDelay: 300_000 } }, (_b, call) => ({ status: call === 1 ? 503 : 200 }));
    await s.queue(1);
    await s.sender.flush();
    await vi.advanceTimersByTimeAsync(100);
    expect(s.ft.sends).toHaveLength(1);
    await s.sender.flush();
    expect(s.ft.sends).toHaveLength(2);
    expect(await s.store.count()).toBe(0);
  });

  test('after a success the back-off starts again from minDelay', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const statuses = [503, 503, 200, 503, 200];
    const s = make({}, (_b, call) => ({ status: statuses[call - 1] ?? 200 }));
    await s.queue(1);
    await s.sender.flush();
    await vi.advanceTimersByTimeAsync(5000);
    await s.queue(1);
    await s.sender.flush();
    await vi.advanceTimersByTimeAsync(5000);
    expect(s.ft.sends.map((r) => r.status)).toEqual(statuses);
    // 1000, 2000 … then the 4th request (after a success) waits 1000 again.
    expect(gaps(s)[0]).toBe(1000);
    expect(gaps(s)[1]).toBe(2000);
    expect(s.ft.sends[4]!.at - s.ft.sends[3]!.at).toBe(1000);
  });

  test('413 halves the batch until it fits; every event delivered once, in order', async () => {
    const s = make({ batchSize: 8 }, (b) => ({ status: b.batch.length > 3 ? 413 : 200 }));
    const list = await s.queue(8);
    await s.sender.flush();
    expect(s.ft.sends[0]!.batch.batch).toHaveLength(8);
    expect(s.ft.sends[1]!.batch.batch).toHaveLength(4);
    const ok = s.ft.sends.filter((r) => r.status === 200);
    for (const r of ok) expect(r.batch.batch.length).toBeLessThanOrEqual(3);
    expect(ok.flatMap((r) => r.batch.batch.map((e) => e.messageId))).toEqual(idsOf(list));
    expect(await s.store.count()).toBe(0);
    expect(s.errors).toEqual([]);
  });

  test('a batch size that got a 413 is remembered: later batches are not refused once each', async () => {
    const s = make({ batchSize: 8 }, (b) => ({ status: b.batch.length > 3 ? 413 : 200 }));
    await s.queue(8);
    await s.sender.flush();
    const refusedFirst = s.ft.sends.filter((r) => r.status === 413).length;
    expect(refusedFirst).toBe(2); // 8, then 4; 2 fits
    const later = await s.queue(8);
    await s.sender.flush();
    expect(s.ft.sends.filter((r) => r.status === 413)).toHaveLength(refusedFirst);
    expect(s.ft.delivered().slice(-8).map((e) => e.messageId)).toEqual(idsOf(later));
    expect(await s.store.count()).toBe(0);
  });

  test('413 for a single event: dropped and reported with the status, the queue moves on', async () => {
    const s = make({ batchSize: 1 }, (_b, call) => ({ status: call === 1 ? 413 : 200 }));
    const list = await s.queue(2);
    await s.sender.flush();
    expect(s.errors).toEqual([expect.objectContaining({ code: 'delivery_rejected', status: 413, count: 1 })]);
    expect(s.ft.delivered().map((e) => e.messageId)).toEqual(idsOf(list.slice(1)));
    expect(await s.store.count()).toBe(0);
  });

  test.each([400, 401, 403, 404, 422])('%i drops the batch, reports delivery_rejected with the status; next batch delivered', async (status) => {
    const s = make({}, (_b, call) => ({ status: call === 1 ? status : 200 }));
    const list = await s.queue(15);
    await s.sender.flush();
    await vi.advanceTimersByTimeAsync(400_000);
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatchObject({ code: 'delivery_rejected', status, count: 10 });
    expect(s.errors[0]!.message).toContain(String(status));
    expect(s.ft.sends).toHaveLength(2);
    expect(s.ft.delivered().map((e) => e.messageId)).toEqual(idsOf(list.slice(10)));
    expect(await s.store.count()).toBe(0);
  });

  test('offline: nothing is sent; back online: sent at once', async () => {
    let online = false;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
    try {
      const s = make();
      await s.queue(3);
      await s.sender.flush();
      await vi.advanceTimersByTimeAsync(5000);
      expect(s.ft.sends).toHaveLength(0);
      online = true;
      s.sender.online();
      await vi.advanceTimersByTimeAsync(0);
      expect(s.ft.sends).toHaveLength(1);
      expect(await s.store.count()).toBe(0);
    } finally {
      delete (navigator as unknown as Record<string, unknown>).onLine;
    }
  });

  test('online() cancels a pending back-off', async () => {
    const s = make({ retry: { minDelay: 60_000, maxDelay: 300_000 } }, (_b, call) => ({ status: call === 1 ? 0 : 200 }));
    await s.queue(1);
    await s.sender.flush();
    s.sender.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.ft.sends.map((r) => r.status)).toEqual([0, 200]);
  });

  test('a durable (shared) store is sent only by the leader tab', async () => {
    const shared = memoryStore();
    const durable: EventStore = { ...shared, durable: true };
    const s = make({ store: () => durable });
    await durable.add(many(3), 1000);
    s.sender.notify(3);
    await s.sender.flush();
    await vi.advanceTimersByTimeAsync(5000);
    expect(s.ft.sends).toHaveLength(0);
    s.sender.setLeader(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.ft.sends).toHaveLength(1);
    expect(await durable.count()).toBe(0);
  });

  test('not allowed (consent, destroyed): nothing is sent', async () => {
    let allowed = false;
    const s = make({ allowed: () => allowed });
    await s.queue(3);
    await s.sender.flush();
    await vi.advanceTimersByTimeAsync(5000);
    expect(s.ft.sends).toHaveLength(0);
    allowed = true;
    await s.sender.flush();
    expect(s.ft.sends).toHaveLength(1);
  });

  test('stop(): no request afterwards, scheduled or retried', async () => {
    const s = make({}, () => ({ status: 503 }));
    await s.queue(1);
    await s.sender.flush();
    s.sender.stop();
    await s.queue(3);
    await vi.advanceTimersByTimeAsync(400_000);
    await s.sender.flush();
    expect(s.ft.sends).toHaveLength(1);
  });

  test('writeKey and the dropped counter travel in the batch; the counter is cleared after a 2xx', async () => {
    const s = make({ writeKey: 'wk-1', batchSize: 2 });
    await s.store.setMeta('dropped', 4);
    await s.queue(3);
    await s.sender.flush();
    expect(s.ft.sends[0]!.batch.writeKey).toBe('wk-1');
    expect(s.ft.sends[0]!.batch.batch[0]!.context.dropped_events).toBe(4);
    expect(s.ft.sends[1]!.batch.writeKey).toBe('wk-1');
    expect(s.ft.sends[1]!.batch.batch[0]!.context.dropped_events).toBeUndefined();
    expect(await s.store.meta('dropped')).toBeUndefined();
  });

  test('the dropped counter is kept while delivery fails, and reported once it succeeds', async () => {
    const s = make({}, (_b, call) => ({ status: call === 1 ? 503 : 200 }));
    await s.store.setMeta('dropped', 2);
    await s.queue(1);
    await s.sender.flush();
    expect(await s.store.meta('dropped')).toBe(2);
    await s.sender.flush();
    expect(s.ft.sends.map((r) => r.batch.batch[0]!.context.dropped_events)).toEqual([2, 2]);
    expect(await s.store.meta('dropped')).toBeUndefined();
  });

  test('drops counted while a batch is in flight are not lost', async () => {
    let s!: Setup;
    s = make({}, async (_b, call) => {
      if (call === 1) await s.store.setMeta('dropped', 5); // 3 more evicted meanwhile
      return { status: 200 };
    });
    await s.store.setMeta('dropped', 2);
    await s.queue(1);
    await s.sender.flush();
    expect(s.ft.sends[0]!.batch.batch[0]!.context.dropped_events).toBe(2);
    expect(await s.store.meta('dropped')).toBe(3);
  });

  // A flush() during a run already in progress chains a run of its own after it: the run in
  // progress had read an empty queue head.
  test('flush() resolves only after its own attempt, even when a run is already in progress', async () => {
    vi.useRealTimers();
    const inner = memoryStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first = true;
    // Reads take a macrotask, as IndexedDB reads do.
    const slow: EventStore = {
      ...inner,
      async head(limit) {
        const snapshot = await inner.head(limit);
        await new Promise((r) => setTimeout(r, 1));
        if (first) {
          first = false;
          await gate;
        }
        return snapshot;
      },
    };
    const s = make({ store: () => slow });
    s.sender.setLeader(true); // run 1 reads the (empty) head and waits
    const list = many(2);
    await slow.add(list, 1000);
    const flushed = s.sender.flush();
    release();
    await flushed;
    expect(s.ft.sends.map((r) => r.batch.batch.length)).toEqual([2]);
  });

  test('a store that throws is reported as delivery_failed, not thrown', async () => {
    const broken: EventStore = { ...memoryStore(), head: () => Promise.reject(new Error('disk gone')) };
    const s = make({ store: () => broken });
    await expect(s.sender.flush()).resolves.toBeUndefined();
    expect(s.errors).toEqual([expect.objectContaining({ code: 'delivery_failed' })]);
  });

  describe('unload', () => {
    test("hands this tab's unsent events to the browser by beacon and removes them from the store", async () => {
      const s = make();
      s.sender.setLeader(true);
      await vi.advanceTimersByTimeAsync(0);
      const list = await s.queue(3);
      const handed = s.sender.unload();
      expect(handed).toEqual(list.map((e) => e.k));
      expect(s.ft.beacons).toHaveLength(1);
      expect(s.ft.beacons[0]!.batch.batch.map((e) => e.messageId)).toEqual(idsOf(list));
      await vi.advanceTimersByTimeAsync(0);
      expect(await s.store.count()).toBe(0);
      expect(s.ft.sends).toHaveLength(0);
    });

    test('never more than the 64 KiB keepalive budget, each beacon ≤ 60 KB; the rest stays queued', async () => {
      const s = make({ batchSize: 2500, flushInterval: 3_600_000 });
      s.sender.setLeader(true);
      await vi.advanceTimersByTimeAsync(0);
      const list = await s.queue(200, 1000);
      const handed = s.sender.unload();
      const sizes = s.ft.beacons.map((b) => utf8Length(b.body));
      expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(65_536);
      for (const n of sizes) expect(n).toBeLessThanOrEqual(LIMITS.requestBytes);
      expect(handed.length).toBeGreaterThan(30);
      expect(handed).toEqual(list.slice(0, handed.length).map((e) => e.k));
      await vi.advanceTimersByTimeAsync(0);
      expect(await s.store.count()).toBe(200 - handed.length);
    });

    test('offline, a tab next in line hands nothing over at exit: the events stay queued', async () => {
      const durable: EventStore = { ...memoryStore(), durable: true };
      const s = make({ store: () => durable });
      s.sender.elect();
      const list = many(3);
      await durable.add(list, 1_000_000);
      s.sender.remember(list, 1_000_000);
      vi.stubGlobal('navigator', { ...navigator, onLine: false });
      try {
        expect(s.sender.unload()).toEqual([]);
      } finally {
        vi.unstubAllGlobals();
      }
      expect(s.ft.beacons).toHaveLength(0);
      expect(await durable.count()).toBe(3);
    });

    test('a tab next in line (elected) before its lock is granted hands its own events over; one that is not, does not', async () => {
      const durable = (): EventStore => ({ ...memoryStore(), durable: true });
      const elected = durable();
      const a = make({ store: () => elected });
      a.sender.elect();
      const list = many(3);
      await elected.add(list, 1_000_000);
      a.sender.remember(list, 1_000_000);
      expect(a.sender.unload()).toEqual(list.map((e) => e.k));
      expect(a.ft.beacons).toHaveLength(1);
      expect(a.ft.sends).toHaveLength(0); // elected is not the sender: no regular requests

      const waiting = durable();
      const b = make({ store: () => waiting });
      await waiting.add(list, 1_000_000);
      b.sender.remember(list, 1_000_000);
      expect(b.sender.unload()).toEqual([]); // another tab sends these
      expect(b.ft.beacons).toHaveLength(0);
    });

    test('a refused beacon keeps the events queued', async () => {
      const s = make();
      s.sender.setLeader(true);
      s.ft.transport.beacon = () => false;
      await s.queue(3);
      expect(s.sender.unload()).toEqual([]);
      expect(await s.store.count()).toBe(3);
    });

    test('during back-off nothing is beaconed (the queue keeps the events for the next page)', async () => {
      const s = make({}, () => ({ status: 503 }));
      s.sender.setLeader(true);
      await vi.advanceTimersByTimeAsync(0);
      await s.queue(3);
      await s.sender.flush();
      expect(s.ft.sends).toHaveLength(1);
      expect(s.sender.unload()).toEqual([]);
      expect(s.ft.beacons).toHaveLength(0);
      expect(await s.store.count()).toBe(3);
    });

    test('after a network error (status 0) the unload beacon still goes: only HTTP failures stop it', async () => {
      const s = make({}, () => ({ status: 0 }));
      s.sender.setLeader(true);
      await vi.advanceTimersByTimeAsync(0);
      const list = await s.queue(3);
      await s.sender.flush();
      expect(s.ft.sends.map((r) => r.status)).toEqual([0]);
      expect(s.sender.unload()).toEqual(list.map((e) => e.k));
      expect(s.ft.beacons[0]!.batch.batch.map((e) => e.messageId)).toEqual(idsOf(list));
    });

    test('a request in flight at unload counts as handed, and its bytes come out of the beacon budget', async () => {
      const s = make({ batchSize: 2500, flushInterval: 3_600_000 }, () => new Promise<SendResult>(() => {}));
      s.sender.setLeader(true);
      await vi.advanceTimersByTimeAsync(0);
      const first = await s.queue(40, 1000);
      void s.sender.flush();
      await vi.advanceTimersByTimeAsync(0);
      expect(s.ft.sends).toHaveLength(1);
      const inflight = s.ft.sends[0]!;
      const inflightKeys = first.slice(0, inflight.batch.batch.length).map((e) => e.k);
      expect(utf8Length(inflight.body)).toBeGreaterThan(LIMITS.requestBytes - 2000);
      await s.queue(100, 1000);
      const handed = s.sender.unload();
      // The keepalive request outlives the page: its events are reported as handed over …
      expect(handed.slice(0, inflightKeys.length)).toEqual(inflightKeys);
      expect(new Set(handed).size).toBe(handed.length);
      // … and never beaconed a second time.
      const beaconed = s.ft.beacons.flatMap((b) => b.batch.batch.map((e) => e.messageId));
      for (const id of inflight.batch.batch.map((e) => e.messageId)) expect(beaconed).not.toContain(id);
      expect(beaconed.length).toBeGreaterThan(0);
      // Everything together stays inside the page's 64 KiB keepalive budget.
      const total = s.ft.beacons.reduce((a, b) => a + utf8Length(b.body), utf8Length(inflight.body));
      expect(total).toBeLessThanOrEqual(65_536);
    });

    test('delivered events whose delete has not committed are returned too (for the journal)', async () => {
      const inner = memoryStore();
      const stuck: EventStore = { ...inner, remove: () => new Promise<void>(() => {}) };
      const s = make({ store: () => stuck });
      s.sender.setLeader(true);
      await vi.advanceTimersByTimeAsync(0);
      const list = many(2);
      await inner.add(list, 1000);
      s.sender.remember(list, 1000);
      void s.sender.flush();
      await vi.advanceTimersByTimeAsync(0);
      expect(s.ft.delivered().map((e) => e.messageId)).toEqual(idsOf(list));
      expect(await inner.count()).toBe(2); // the delete is still pending
      expect(s.sender.unload()).toEqual(list.map((e) => e.k));
      expect(s.ft.beacons).toHaveLength(0); // delivered already: not beaconed again
    });

    test('nothing acked and nothing sendable: unload returns nothing', async () => {
      const s = make({ allowed: () => false });
      await s.queue(2);
      expect(s.sender.unload()).toEqual([]);
      expect(s.ft.beacons).toHaveLength(0);
    });
  });

  describe('fetchLater', () => {
    const withLater = (s: Setup) => {
      const armed: { body: string; d: Deferred & { activated: boolean }; aborted: boolean }[] = [];
      s.ft.transport.later = (_url, body) => {
        const rec = { body, aborted: false, d: undefined as unknown as Deferred & { activated: boolean } };
        rec.d = { activated: false, abort: () => void (rec.aborted = true) };
        armed.push(rec);
        return rec.d;
      };
      return armed;
    };

    test('unsent events are kept armed while the page is hidden; disarmed once delivered', async () => {
      const s = make();
      const armed = withLater(s);
      s.sender.setLeader(true);
      s.sender.setHidden(true);
      await vi.advanceTimersByTimeAsync(0);
      const list = await s.queue(3);
      expect(armed).toHaveLength(1);
      expect((JSON.parse(armed[0]!.body) as WireBatch).batch.map((e) => e.messageId)).toEqual(idsOf(list));
      await s.sender.flush();
      expect(armed[0]!.aborted).toBe(true);
      expect(armed.filter((a) => !a.aborted)).toHaveLength(0);
    });

    test('unload hands the armed request over instead of beaconing the same events', async () => {
      const s = make();
      const armed = withLater(s);
      s.sender.setLeader(true);
      s.sender.setHidden(true);
      await vi.advanceTimersByTimeAsync(0);
      const list = await s.queue(3);
      expect(s.sender.unload()).toEqual(list.map((e) => e.k));
      expect(s.ft.beacons).toHaveLength(0);
      expect(armed[0]!.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(0);
      expect(await s.store.count()).toBe(0);
    });

    test('back from the bfcache before it fired: aborted and the events queued again', async () => {
      const s = make();
      const armed = withLater(s);
      s.sender.setLeader(true);
      s.sender.setHidden(true);
      await vi.advanceTimersByTimeAsync(0);
      const list = await s.queue(3);
      expect(s.sender.unload()).toEqual(list.map((e) => e.k));
      await vi.advanceTimersByTimeAsync(0);
      expect(await s.store.count()).toBe(0);
      await vi.advanceTimersByTimeAsync(0);
      s.sender.restore();
      expect(armed[0]!.aborted).toBe(true);
      await vi.advanceTimersByTimeAsync(2000);
      await s.sender.flush();
      expect(s.ft.delivered().map((e) => e.messageId)).toEqual(idsOf(list));
    });

    test('armed only while the page is hidden', async () => {
      const s = make();
      const armed = withLater(s);
      s.sender.setLeader(true);
      await vi.advanceTimersByTimeAsync(0);
      const list = await s.queue(3);
      expect(armed).toHaveLength(0);
      s.sender.setHidden(true);
      expect(armed).toHaveLength(1);
      expect((JSON.parse(armed[0]!.body) as WireBatch).batch.map((e) => e.messageId)).toEqual(idsOf(list));
      s.sender.setHidden(false);
      expect(armed[0]!.aborted).toBe(true);
      await s.queue(1);
      expect(armed).toHaveLength(1);
    });

    test('never armed after unload (pagehide), even if hidden again or new events arrive', async () => {
      const s = make();
      const armed = withLater(s);
      s.sender.setLeader(true);
      s.sender.setHidden(true);
      await vi.advanceTimersByTimeAsync(0);
      await s.queue(2);
      expect(armed).toHaveLength(1);
      s.sender.unload();
      const list = many(2);
      s.sender.remember(list, 1000);
      s.sender.setHidden(true);
      s.sender.rearm();
      expect(armed).toHaveLength(1);
      expect(armed[0]!.aborted).toBe(false); // the handed-over request stays with the browser
    });

    test('not armed by a non-leader tab or without consent', async () => {
      let allowed = false;
      const s = make({ allowed: () => allowed });
      const armed = withLater(s);
      s.sender.setHidden(true);
      const list = many(2);
      s.sender.remember(list, 1000); // a memory store: remembered although not leader
      expect(armed).toHaveLength(0); // not leader
      s.sender.setLeader(true);
      s.sender.remember(list, 1000);
      expect(armed).toHaveLength(0); // not allowed
      allowed = true;
      s.sender.rearm();
      expect(armed).toHaveLength(1);
    });

    test('an HTTP failure disarms (the collector would drop it); a network error does not', async () => {
      const http = make({}, () => ({ status: 503 }));
      const a = withLater(http);
      http.sender.setLeader(true);
      http.sender.setHidden(true);
      await vi.advanceTimersByTimeAsync(0);
      await http.queue(2);
      expect(a).toHaveLength(1);
      await http.sender.flush();
      expect(a.filter((x) => !x.aborted)).toHaveLength(0);

      const net = make({}, () => ({ status: 0 }));
      const b = withLater(net);
      net.sender.setLeader(true);
      net.sender.setHidden(true);
      await vi.advanceTimersByTimeAsync(0);
      const list = await net.queue(2);
      await net.sender.flush();
      const live = b.filter((x) => !x.aborted);
      expect(live).toHaveLength(1);
      expect((JSON.parse(live[0]!.body) as WireBatch).batch.map((e) => e.messageId)).toEqual(idsOf(list));
    });
  });
});
