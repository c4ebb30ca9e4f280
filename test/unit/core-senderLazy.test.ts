/**
 * The script tag's stand-in sender (src/core/senderLazy.ts): until the delivery engine chunk
 * has arrived it keeps this tab's events and beacons them at page exit itself; once the chunk
 * is here every earlier call is replayed to the engine in order, without the events it already
 * handed over. The chunk loader is mocked: happy-dom runs no scripts.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import * as engine from '../../src/core/senderChunk';
import type { SenderConfig } from '../../src/core/createSender';
import { LIMITS } from '../../src/core/limits';
import { createReporter } from '../../src/core/reporter';
import { memoryStore, type EventStore, type StoredEvent } from '../../src/core/storage';
import { fakeTransport } from './core-support';

let arrive: (ok: boolean) => void = () => {};
vi.mock('../../src/core/loadChunk', () => ({
  loadChunk: vi.fn(
    () =>
      new Promise<void>((ok, fail) => {
        arrive = (yes) => {
          if (yes) (window as unknown as { touchpointSend: typeof engine }).touchpointSend = engine;
          yes ? ok() : fail(new Error('did not load'));
        };
      }),
  ),
}));
const { createSender } = await import('../../src/core/senderLazy');

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

beforeEach(() => {
  net = fakeTransport();
});
afterEach(() => {
  delete (window as unknown as { touchpointSend?: unknown }).touchpointSend;
});

describe('before the engine arrives', () => {
  test('the sending tab beacons its own events at page exit, within one batch body', async () => {
    const store = durable();
    const s = createSender(config(store));
    s.setLeader(true);
    const list = [ev(1), ev(2), ev(3)];
    await store.add(list, 1000);
    s.remember(list, 1000);
    const sent = s.unload();
    expect(sent).toEqual(list.map((e) => e.k));
    expect(net.beacons).toHaveLength(1);
    expect(net.beacons[0]!.batch.batch.map((e) => e.messageId)).toEqual(['m1', 'm2', 'm3']);
    expect(net.sends).toHaveLength(0);
    await vi.waitFor(async () => expect(await store.count()).toBe(0));
  });

  test('a tab that is not the sender (nor next in line) hands nothing over', () => {
    const s = createSender(config(durable()));
    s.remember([ev(1)], 1000);
    expect(s.unload()).toEqual([]);
    expect(net.beacons).toHaveLength(0);
  });

  test('the next tab in line hands its events over; no beacon without consent or to a failing collector', () => {
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
    expect(net.beacons.flatMap((b) => b.batch.batch.map((e) => e.messageId))).toEqual(['m1']);
  });

  test('one beacon of at most one request per exit; what the browser refuses stays queued', async () => {
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
    // Over the page's keepalive budget the browser says no: nothing is counted as handed over.
    net.transport.beacon = () => false;
    expect(s.unload()).toEqual([]);
    await vi.waitFor(async () => expect(await store.count()).toBe(80 - first.length));
  });

  test('flush waits for the engine and then sends the queue; a chunk that never loads leaves flush resolved', async () => {
    const store = durable();
    await store.add([ev(1), ev(2)], 1000);
    const s = createSender(config(store));
    s.setLeader(true);
    const f = s.flush();
    arrive(true);
    await f;
    await vi.waitFor(() => expect(net.delivered().map((e) => e.messageId)).toEqual(['m1', 'm2']));

    const t = createSender(config(durable()));
    t.setLeader(true);
    const g = t.flush();
    arrive(false);
    await expect(g).resolves.toBeUndefined();
  });
});

describe('when the engine arrives', () => {
  test('earlier calls are replayed in order: the engine sends the queue and owns the events', async () => {
    const store = durable();
    const s = createSender(config(store));
    s.setLeader(true);
    await store.add([ev(1)], 1000);
    s.remember([ev(1)], 1000);
    s.notify(1);
    arrive(true);
    await vi.waitFor(() => expect(net.sends.length).toBeGreaterThan(0));
    // From now on the engine's unload answers (it knows what is delivered).
    await s.flush();
    expect(net.delivered().map((e) => e.messageId)).toEqual(['m1']);
    expect(s.unload()).toEqual([]);
  });

  test('events the stand-in beaconed are not handed over again by the engine', async () => {
    const s = createSender(config(durable()));
    s.setLeader(true);
    s.remember([ev(1), ev(2)], 1000);
    expect(s.unload()).toHaveLength(2);
    s.restore(); // back from the bfcache
    s.remember([ev(3)], 1000);
    arrive(true);
    await vi.waitFor(() => expect((window as unknown as { touchpointSend?: unknown }).touchpointSend).toBeDefined());
    await Promise.resolve();
    const again = s.unload();
    expect(again).toEqual([ev(3).k]);
    expect(net.beacons.flatMap((b) => b.batch.batch.map((e) => e.messageId))).toEqual(['m1', 'm2', 'm3']);
  });
});
