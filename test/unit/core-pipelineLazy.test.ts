/**
 * The script tag's stand-in pipeline (src/core/pipelineLazy.ts): until the back-end chunk
 * (`touchpoint.send.js`) has arrived it keeps this tab's events in memory, beacons them at page
 * exit and notes what did not fit in the unload journal; once the chunk is here, consent changes
 * are replayed in order and the kept events are added to the real pipeline. The chunk loader is
 * mocked (happy-dom runs no scripts): `arrive(chunk)` answers the pending load.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import * as realChunk from '../../src/core/senderChunk';
import type { Pipeline, PipelineConfig } from '../../src/core/pipeline';
import { createReporter } from '../../src/core/reporter';
import { resolveOptions } from '../../src/core/resolveOptions';
import { memoryStore, type EventStore, type StoredEvent } from '../../src/core/storage';
import { createUnloadJournal } from '../../src/core/unloadJournal';
import type { TouchpointError } from '../../src/core/types';
import { fakeTransport } from './core-support';

type Chunk = typeof realChunk;
let answer: ((chunk: Chunk | null) => void) | undefined;
let loads = 0;
vi.mock('../../src/core/loadChunk', () => ({
  afterLoad: () => Promise.resolve(),
  loadChunk: vi.fn(() => {
    loads++;
    return new Promise<void>((ok, fail) => {
      answer = (chunk) => {
        if (chunk) (window as unknown as { touchpointSend: Chunk }).touchpointSend = chunk;
        chunk ? ok() : fail(new Error('did not load'));
      };
    });
  }),
}));
const { createPipeline } = await import('../../src/core/pipelineLazy');

/** Answer the load under way with the real chunk (or a fake one; null: the load fails). */
const arrive = async (chunk: Chunk | null = realChunk) => {
  await vi.waitFor(() => expect(answer).toBeDefined());
  const a = answer!;
  answer = undefined;
  a(chunk);
  await new Promise((r) => setTimeout(r, 0));
};
/** A chunk whose pipeline records the calls it gets. */
const recording = () => {
  const got: [string, unknown[]][] = [];
  const chunk = {
    createPipeline: () =>
      new Proxy({} as Pipeline, {
        get: (_, m: string) => (...a: unknown[]) => {
          got.push([m, a]);
          return m == 'flush' || m == 'destroy' ? Promise.resolve() : undefined;
        },
      }),
  } as unknown as Chunk;
  return { chunk, got };
};

const ev = (i: number, pad = 0): StoredEvent => ({
  k: `e:${String(i).padStart(6, '0')}`,
  v: JSON.stringify({ type: 'track', event: `E${i}`, messageId: `m${i}`, properties: { pad: 'x'.repeat(pad) }, context: {} }),
});
const DB = 'tp-test-v1';
const spillKey = `${DB}:spill:tab1`;
/** What this tab noted for the next page. */
const noted = (): StoredEvent[] => JSON.parse(localStorage.getItem(spillKey) ?? '[]');

let beacons: { url: string; ids: string[] }[];
let accept = true;
let errors: TouchpointError[];
let net: ReturnType<typeof fakeTransport>;
let store: EventStore;
const config = (extra: Partial<PipelineConfig> = {}, options: Record<string, unknown> = {}): PipelineConfig => ({
  opts: resolveOptions({ endpoint: 'https://c.example', flushInterval: 60_000, ...options }),
  deps: { transport: net.transport, store },
  reporter: createReporter((e) => errors.push(e), false),
  dbName: DB,
  tab: 'tab1',
  anonymous: false,
  allowed: () => true,
  ...extra,
});

beforeEach(() => {
  localStorage.clear();
  beacons = [];
  accept = true;
  errors = [];
  answer = undefined;
  loads = 0;
  net = fakeTransport();
  // A durable-looking store over memory (shared by tabs, as IndexedDB would be).
  store = Object.assign(memoryStore(), { durable: true });
  vi.stubGlobal('navigator', {
    ...navigator,
    onLine: true,
    sendBeacon: (url: string, body: string) => {
      if (accept) beacons.push({ url, ids: JSON.parse(body).batch.map((e: { messageId: string }) => e.messageId) });
      return accept;
    },
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  delete (window as unknown as { touchpointSend?: unknown }).touchpointSend;
});

describe('before the chunk arrives', () => {
  test('events wait in memory (no queue yet) and go out in one beacon at page exit; nothing is noted', async () => {
    const p = createPipeline(config());
    p.add([ev(1), ev(2)]);
    p.add([ev(3)]);
    expect(await store.count()).toBe(0);
    p.unload();
    expect(beacons).toEqual([{ url: 'https://c.example/v1/batch', ids: ['m1', 'm2', 'm3'] }]);
    expect(noted()).toEqual([]);
    // Handed over once: a second exit (an event tracked after pagehide) sends only the new one.
    p.add([ev(4)]);
    p.unload();
    expect(beacons[1]!.ids).toEqual(['m4']);
  });

  test('what does not fit one request, or what the browser refuses, is noted for the next page', async () => {
    const p = createPipeline(config());
    const big = [1, 2, 3, 4].map((i) => ev(i, 12_000)); // ~12 KB each: two fit in 30 KiB
    p.add(big);
    p.unload();
    expect(beacons[0]!.ids).toEqual(['m1', 'm2']);
    expect(noted().map((e) => e.k)).toEqual([big[2]!.k, big[3]!.k]);
    // The next sender applies the notes to the queue before it sends anything.
    await createUnloadJournal(DB, 'tab2').recover(store, 1000);
    expect((await store.head(10)).map((e) => e.k)).toEqual([big[2]!.k, big[3]!.k]);

    localStorage.clear();
    accept = false;
    const q = createPipeline(config());
    q.add([ev(7)]);
    q.unload();
    expect(noted().map((e) => e.k)).toEqual([ev(7).k]);
  });

  test('no beacon without consent, to a collector known to be failing, or offline: the events are noted', () => {
    const a = createPipeline(config({ allowed: () => false }));
    a.add([ev(1)]);
    a.unload();
    localStorage.setItem(`${DB}:failing`, String(Date.now()));
    const b = createPipeline(config());
    b.add([ev(2)]);
    b.unload();
    localStorage.removeItem(`${DB}:failing`);
    vi.stubGlobal('navigator', { ...navigator, onLine: false });
    const c = createPipeline(config());
    c.add([ev(3)]);
    c.unload();
    expect(beacons).toEqual([]);
    expect(noted().map((e) => e.k)).toEqual([ev(1).k, ev(2).k, ev(3).k]);
  });

  test('GPC anonymous mode beacons but notes nothing on the device', () => {
    accept = false;
    const p = createPipeline(config({ anonymous: true }));
    p.add([ev(1)]);
    p.unload();
    expect(localStorage.length).toBe(0);
  });

  test('bounded by queueCap: the oldest are dropped and reported', () => {
    const p = createPipeline(config({}, { queueCap: 10 }));
    p.add(Array.from({ length: 12 }, (_, i) => ev(i)));
    expect(errors).toMatchObject([{ code: 'events_dropped', count: 2 }]);
    p.unload();
    expect(beacons[0]!.ids).toEqual(Array.from({ length: 10 }, (_, i) => `m${i + 2}`));
  });

  test('consent denied forgets the kept events: nothing leaves at exit', () => {
    const p = createPipeline(config());
    p.add([ev(1)]);
    p.consent(false);
    p.unload();
    expect(beacons).toEqual([]);
    expect(noted()).toEqual([]);
  });

  test('destroyed: the events are noted for a later page and no pipeline is made', async () => {
    const { chunk, got } = recording();
    const p = createPipeline(config());
    p.add([ev(1)]);
    await p.destroy();
    expect(noted().map((e) => e.k)).toEqual([ev(1).k]);
    await arrive(chunk);
    expect(got).toEqual([]);
  });

  test('back from the bfcache: the notes are taken back, or dropped with the events if another tab queued them', async () => {
    accept = false;
    const p = createPipeline(config());
    p.add([ev(1)]);
    p.unload();
    expect(noted()).toHaveLength(1);
    p.restore();
    expect(localStorage.getItem(spillKey)).toBeNull();
    // Kept: a later exit (still no chunk) sends it.
    accept = true;
    p.unload();
    expect(beacons[0]!.ids).toEqual(['m1']);

    accept = false;
    const q = createPipeline(config({ tab: 'tab1' }));
    q.add([ev(2)]);
    q.unload();
    await createUnloadJournal(DB, 'tab2').recover(store, 1000); // another tab queued it
    q.restore();
    accept = true;
    q.unload();
    expect(beacons).toHaveLength(1); // ev(2) is the other tab's to send now
    expect(await store.count()).toBe(1);
  });
});

describe('when the chunk arrives', () => {
  test('consent changes are replayed in order, then the kept events added; later calls go straight through', async () => {
    const { chunk, got } = recording();
    const p = createPipeline(config());
    p.add([ev(1)]);
    p.consent(false);
    p.add([ev(2)]);
    p.consent(true);
    await arrive(chunk);
    expect(got).toEqual([
      ['consent', [false]],
      ['consent', [true]],
      ['add', [[ev(2)]]],
    ]);
    p.add([ev(3)]);
    p.unload();
    p.restore();
    await p.flush();
    expect(got.slice(3).map(([m]) => m)).toEqual(['add', 'unload', 'restore', 'flush']);
    expect(beacons).toEqual([]);
  });

  test('the real pipeline queues the kept events and sends them', async () => {
    const p = createPipeline(config());
    p.add([ev(1), ev(2)]);
    await arrive();
    await p.flush();
    expect(net.delivered().map((e) => e.messageId)).toEqual(['m1', 'm2']);
    await p.destroy();
  });

  test('flush fetches the chunk at once; a chunk that fails is retried after 5 s, doubling, and flush still resolves', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const p = createPipeline(config());
    p.add([ev(1)]);
    await vi.waitFor(() => expect(loads).toBe(1));
    answer!(null);
    await vi.advanceTimersByTimeAsync(4900);
    expect(loads).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(loads).toBe(2);
    answer!(null);
    await vi.advanceTimersByTimeAsync(9900);
    expect(loads).toBe(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(loads).toBe(3);
    answer!(null);
    await vi.advanceTimersByTimeAsync(0);
    // A flush does not wait for the back-off.
    const f = p.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(loads).toBe(4);
    answer!(null);
    await expect(f).resolves.toBeUndefined();
    vi.useRealTimers();
    const g = p.flush();
    await arrive();
    await g;
    expect(net.delivered().map((e) => e.messageId)).toEqual(['m1']);
    await p.destroy();
  });
});
