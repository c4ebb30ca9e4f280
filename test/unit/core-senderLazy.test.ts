/**
 * The script tag's stand-in sender (src/core/senderLazy.ts) and journal recovery
 * (src/core/journalRecoverLazy.ts): until the delivery engine chunk has arrived the stand-in
 * keeps this tab's events and beacons them at page exit itself; once the chunk is here every
 * earlier call is replayed to the engine in order and the kept events are handed to it. The
 * chunk loader is mocked (happy-dom runs no scripts): `arrive(engine)` answers the pending load.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import * as realEngine from '../../src/core/senderChunk';
import type { Sender, SenderConfig } from '../../src/core/createSender';
import { LIMITS } from '../../src/core/limits';
import { createReporter } from '../../src/core/reporter';
import { memoryStore, type EventStore, type StoredEvent } from '../../src/core/storage';
import { fakeTransport } from './core-support';

type Engine = typeof realEngine;
let answer: ((engine: Engine | null) => void) | undefined;
let loads = 0;
vi.mock('../../src/core/loadChunk', () => ({
  afterLoad: () => Promise.resolve(),
  loadChunk: vi.fn(() => {
    loads++;
    return new Promise<void>((ok, fail) => {
      answer = (engine) => {
        if (engine) (window as unknown as { touchpointSend: Engine }).touchpointSend = engine;
        engine ? ok() : fail(new Error('did not load'));
      };
    });
  }),
}));
const { createSender } = await import('../../src/core/senderLazy');
const { recoverJournal } = await import('../../src/core/journalRecoverLazy');

/** Answer the load under way with the real engine (or a fake one; null: the load fails). */
const arrive = async (engine: Engine | null = realEngine) => {
  await vi.waitFor(() => expect(answer).toBeDefined());
  const a = answer!;
  answer = undefined;
  a(engine);
  await new Promise((r) => setTimeout(r, 0));
};
/** An engine that records the calls it gets. */
const recording = () => {
  const got: [string, unknown[]][] = [];
  const engine = {
    createSender: () =>
      new Proxy({} as Sender, {
        get: (_, m: string) => (...a: unknown[]) => {
          got.push([m, a]);
          return m == 'unload' ? [] : m == 'flush' ? Promise.resolve() : undefined;
        },
      }),
  } as unknown as Engine;
  return { engine, got };
};

const ev = (i: number): StoredEvent => ({
  k: `e:${String(i).padStart(6, '0')}`,
  v: JSON.stringify({ type: 'track', event: `E${i}`, messageId: `m${i}`, context: {} }),
});
/** A durable-looking store over memory (the sender treats it as shared by tabs). */
const durable = (): EventStore => Object.assign(memoryStore(), { durable: true });

let net: ReturnType<typeof fakeTransport>;
const config = (store: EventStore, extra: Partial<SenderConfig> = {}): SenderConfig => ({
  url: 'https://c.example/v1/batch',
  batchSize: 100,
  flushInterval: 60_000,
  retry: { minDelay: 1000, maxDelay: 300_000 },
  transport: net.transport,
  reporter: createReporter(undefined, false),
  store: () => store,
  allowed: () => true,
  ...extra,
});
const beaconed = () => net.beacons.flatMap((b) => b.batch.batch.map((e) => e.messageId));

beforeEach(() => {
  net = fakeTransport();
  answer = undefined;
  loads = 0;
});
afterEach(() => {
  delete (window as unknown as { touchpointSend?: unknown }).touchpointSend;
});

describe('before the engine arrives', () => {
  test('the sending tab beacons its own events at page exit and removes them from the queue', async () => {
    const store = durable();
    const s = createSender(config(store));
    s.setLeader(true);
    const list = [ev(1), ev(2), ev(3)];
    await store.add(list, 1000);
    s.remember(list, 1000);
    expect(s.unload()).toEqual(list.map((e) => e.k));
    expect(beaconed()).toEqual(['m1', 'm2', 'm3']);
    expect(net.sends).toHaveLength(0);
    await vi.waitFor(async () => expect(await store.count()).toBe(0));
  });

  test('a tab that is not the sender (nor next in line) keeps nothing, hands nothing over, fetches no engine', async () => {
    const s = createSender(config(durable()));
    s.remember([ev(1)], 1000);
    s.notify(1);
    await s.flush();
    expect(s.unload()).toEqual([]);
    expect(net.beacons).toHaveLength(0);
    expect(loads).toBe(0);
  });

  test('next in line hands its events over; nothing goes without consent or to a failing collector', () => {
    const a = createSender(config(durable()));
    a.elect();
    a.remember([ev(1)], 1000);
    expect(a.unload()).toEqual([ev(1).k]);
    const b = createSender(config(durable(), { allowed: () => false }));
    b.setLeader(true);
    b.remember([ev(2)], 1000);
    expect(b.unload()).toEqual([]);
    const c = createSender(config(durable(), { failing: true }));
    c.setLeader(true);
    c.remember([ev(3)], 1000);
    expect(c.unload()).toEqual([]);
    expect(beaconed()).toEqual(['m1']);
  });

  test('a memory queue (no IndexedDB, GPC anonymous) is always its own sender', () => {
    const s = createSender(config(memoryStore()));
    s.remember([ev(1), ev(2)], 1000);
    expect(s.unload()).toEqual([ev(1).k, ev(2).k]);
  });

  test('one beacon of at most one request; what the browser refuses stays queued', async () => {
    const store = durable();
    const s = createSender(config(store));
    s.setLeader(true);
    const big = Array.from({ length: 80 }, (_, i) => ({ k: `e:${String(i).padStart(6, '0')}`, v: JSON.stringify({ messageId: `m${i}`, p: 'x'.repeat(1500) }) }));
    await store.add(big, 1000);
    s.remember(big, 1000);
    const first = s.unload();
    expect(net.beacons).toHaveLength(1);
    expect(net.beacons[0]!.body.length).toBeLessThanOrEqual(LIMITS.requestBytes);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(80);
    net.transport.beacon = () => false; // over the page's keepalive budget
    expect(s.unload()).toEqual([]);
    await vi.waitFor(async () => expect(await store.count()).toBe(80 - first.length));
  });

  test('forget() (consent denied) drops the kept events: nothing leaves at exit', () => {
    const s = createSender(config(durable()));
    s.setLeader(true);
    s.remember([ev(1)], 1000);
    s.forget();
    expect(s.unload()).toEqual([]);
  });

  test('flush waits for the engine, then sends the queue; a chunk that never loads leaves flush resolved', async () => {
    const store = durable();
    await store.add([ev(1), ev(2)], 1000);
    const s = createSender(config(store));
    s.elect(); // next in line: the engine is fetched, but nothing is sent before setLeader
    let done = false;
    const f = s.flush().then(() => (done = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    await arrive();
    await f;
    expect(net.sends).toHaveLength(0);
    s.setLeader(true);
    await s.flush();
    expect(net.delivered().map((e) => e.messageId)).toEqual(['m1', 'm2']);

    const t = createSender(config(durable()));
    t.setLeader(true);
    const g = t.flush();
    await arrive(null);
    await expect(g).resolves.toBeUndefined();
  });

  test('stopped before the chunk arrives: no engine is made', async () => {
    const { engine, got } = recording();
    const s = createSender(config(durable()));
    s.setLeader(true);
    s.stop();
    await arrive(engine).catch(() => {});
    expect(got).toEqual([]);
  });
});

describe('when the engine arrives', () => {
  test('calls are replayed in order, then the kept events handed over (new-event notes are not: the sender drains the queue)', async () => {
    const { engine, got } = recording();
    const s = createSender(config(durable()));
    s.elect();
    s.remember([ev(1)], 500);
    s.notify(1);
    s.notify(2);
    s.setHidden(true);
    s.setLeader(true);
    s.notify(4);
    await arrive(engine);
    expect(got.map(([m, a]) => `${m}(${m == 'remember' ? (a[0] as StoredEvent[]).map((e) => e.k).join() : a.join()})`)).toEqual([
      'elect()',
      'setHidden(true)',
      'setLeader(true)',
      `remember(${ev(1).k})`,
    ]);
    expect(got.at(-1)![1][1]).toBe(500);
    // From now on every call goes straight to the engine.
    s.online();
    expect(got.at(-1)![0]).toBe('online');
  });

  test('a replayed call that throws does not stop the others, and the engine is made once', async () => {
    const made: Sender[] = [];
    const got: string[] = [];
    const engine = {
      createSender: () => {
        const e = {
          setLeader: () => got.push('setLeader'),
          elect: () => {
            throw new Error('stale chunk');
          },
          setHidden: () => got.push('setHidden'),
          flush: () => Promise.resolve(),
          unload: () => [],
        } as unknown as Sender;
        made.push(e);
        return e;
      },
    } as unknown as Engine;
    const s = createSender(config(durable()));
    s.elect();
    s.setLeader(true);
    s.setHidden(true);
    await arrive(engine);
    await s.flush();
    expect(got).toEqual(['setLeader', 'setHidden']);
    expect(made).toHaveLength(1);
  });

  test('the real engine sends the queue and owns the kept events; beaconed ones are not handed over again', async () => {
    const store = durable();
    const s = createSender(config(store));
    s.setLeader(true);
    s.remember([ev(1), ev(2)], 1000);
    expect(s.unload()).toHaveLength(2); // left, then back from the bfcache
    s.restore();
    await store.add([ev(3)], 1000);
    s.remember([ev(3)], 1000);
    net.answer(() => ({ status: 0 })); // offline: the engine keeps ev(3) for the next exit
    await arrive();
    expect(s.unload()).toEqual([ev(3).k]);
    expect(beaconed()).toEqual(['m1', 'm2', 'm3']);
  });

  test('after a failed load, a flush fetches the chunk again and the engine takes over', async () => {
    const store = durable();
    await store.add([ev(1)], 1000);
    const s = createSender(config(store));
    s.setLeader(true);
    await arrive(null);
    // notify() does not retry within 30 s of a failure; flush() does.
    s.notify(1);
    expect(answer).toBeUndefined();
    const f = s.flush();
    await arrive();
    await f;
    expect(net.delivered().map((e) => e.messageId)).toEqual(['m1']);
  });
});

describe('journal recovery (script tag)', () => {
  test('waits for the engine chunk, retrying a failed fetch after 5 s, then applies the notes', async () => {
    vi.useFakeTimers();
    try {
      const name = `tp-${Math.random()}`;
      const store = memoryStore();
      await store.add([ev(1), ev(2)], 1000);
      localStorage.setItem(`${name}:sent:tab1`, JSON.stringify([ev(1).k]));
      let recovered = false;
      const r = recoverJournal(name, store, 1000).then(() => (recovered = true));
      await vi.advanceTimersByTimeAsync(0);
      answer!(null); // the chunk is unreachable
      answer = undefined;
      await vi.advanceTimersByTimeAsync(4000);
      expect(answer).toBeUndefined();
      expect(recovered).toBe(false);
      await vi.advanceTimersByTimeAsync(1500);
      answer!(realEngine);
      await r;
      expect((await store.head(10)).map((e) => e.k)).toEqual([ev(2).k]);
      expect(localStorage.getItem(`${name}:sent:tab1`)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
