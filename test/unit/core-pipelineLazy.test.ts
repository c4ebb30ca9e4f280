/**
 * The script tag's stand-in pipeline (src/core/pipelineLazy.ts): until the back-end chunk
 * (`touchpoint.send.js`) has arrived it keeps this tab's events in memory, notes them in the
 * unload journal when the page is hidden, beacons them at page exit and notes what did not fit;
 * once the chunk is here, consent changes are replayed and the kept events are added to the real
 * pipeline. The chunk loader is mocked (happy-dom runs no scripts): `arrive(chunk)` answers the
 * pending load.
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
    return new Promise<unknown>((ok, fail) => {
      answer = (chunk) => (chunk ? ok(chunk) : fail(new Error('did not load')));
    });
  }),
}));
const { createPipeline } = await import('../../src/core/pipelineLazy');
/** Every stand-in of a test is destroyed after it (a pending retry must not reach the next test). */
const live: Pipeline[] = [];
const make = (c: PipelineConfig) => {
  const p = createPipeline(c);
  live.push(p);
  return p;
};

/** Answer the load under way with the real chunk (or a fake one; null: the load fails). */
const arrive = async (chunk: Chunk | null = realChunk) => {
  await vi.waitFor(() => expect(answer).toBeDefined());
  const a = answer!;
  answer = undefined;
  a(chunk);
  await new Promise((r) => setTimeout(r, 0));
};
/**
 * A chunk whose pipeline records the calls it gets (and how many pipelines were made); it knows
 * whether its tab sends once `ready` resolves (at once unless given).
 */
const recording = (ready: Promise<void> = Promise.resolve()) => {
  const got: [string, unknown[]][] = [];
  const made = { n: 0 };
  const chunk = {
    createPipeline: () =>
      ++made.n &&
      new Proxy({} as Pipeline, {
        get: (_, m: string) => m == 'ready' ? ready : (...a: unknown[]) => {
          got.push([m, a]);
          return m == 'flush' || m == 'destroy' ? Promise.resolve() : undefined;
        },
      }),
  } as unknown as Chunk;
  return { chunk, got, made };
};

const ev = (i: number, pad = 0): StoredEvent => ({
  k: `e:${String(i).padStart(6, '0')}`,
  v: JSON.stringify({ type: 'track', event: `E${i}`, messageId: `m${i}`, properties: { pad: 'x'.repeat(pad) }, context: {} }),
});
const DB = 'tp-test-v1';
const spillKey = `${DB}:early:tab1`;
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
  vi.stubGlobal('navigator', { ...navigator, onLine: true });
  // The exit hand-over is a keepalive fetch (beacon.ts); a refusal is a synchronous throw.
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    if (!accept) throw new TypeError('refused');
    beacons.push({ url, ids: JSON.parse(init.body as string).batch.map((e: { messageId: string }) => e.messageId) });
    return Promise.resolve(new Response(null));
  });
});
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.destroy()));
  vi.unstubAllGlobals();
  vi.useRealTimers();
  setHidden(false);
});
/** Hide or show the page (fires visibilitychange). */
const setHidden = (hidden: boolean) => {
  Object.defineProperty(document, 'hidden', { value: hidden, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
};

describe('before the chunk arrives', () => {
  test('events wait in memory (no queue yet) and go out in one beacon at page exit; nothing is noted', async () => {
    const p = make(config());
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
    await p.destroy();
  });

  test('a second exit that sends what the first one noted takes those notes back (nothing is sent twice)', async () => {
    const p = make(config());
    accept = false; // the browser refuses the first exit's beacon
    p.add([ev(1), ev(2)]);
    p.unload();
    expect(noted().map((e) => e.k)).toEqual([ev(1).k, ev(2).k]);
    accept = true;
    p.add([ev(3)]); // a web vital on the way out
    p.unload();
    expect(beacons.map((b) => b.ids)).toEqual([['m1', 'm2', 'm3']]);
    expect(noted()).toEqual([]);
    await createUnloadJournal(DB, 'tab2').recover(store, 1000);
    expect(await store.count()).toBe(0);
  });

  test('what does not fit the page\'s keepalive budget, or what the browser refuses, is noted for the next page', async () => {
    const p = make(config());
    const big = [1, 2, 3, 4].map((i) => ev(i, 25_000)); // one per request (≤ 30 KiB), two in 64 KiB
    p.add(big);
    p.unload();
    expect(beacons.map((b) => b.ids)).toEqual([['m1'], ['m2']]);
    expect(noted().map((e) => e.k)).toEqual([big[2]!.k, big[3]!.k]);
    // The next sender applies the notes to the queue before it sends anything.
    await createUnloadJournal(DB, 'tab2').recover(store, 1000);
    expect((await store.head(10)).map((e) => e.k)).toEqual([big[2]!.k, big[3]!.k]);

    localStorage.clear();
    accept = false;
    const q = make(config());
    q.add([ev(7)]);
    q.unload();
    expect(noted().map((e) => e.k)).toEqual([ev(7).k]);
  });

  test('no beacon without consent, to a collector known to be failing, or offline: the events are noted', async () => {
    const a = make(config({ allowed: () => false, tab: 'a' }));
    a.add([ev(1)]);
    a.unload();
    localStorage.setItem(`${DB}:failing`, String(Date.now()));
    const b = make(config({ tab: 'b' }));
    b.add([ev(2)]);
    b.unload();
    localStorage.removeItem(`${DB}:failing`);
    vi.stubGlobal('navigator', { ...navigator, onLine: false });
    const c = make(config({ tab: 'c' }));
    c.add([ev(3)]);
    c.unload();
    expect(beacons).toEqual([]);
    await createUnloadJournal(DB, 'd').recover(store, 1000);
    expect((await store.head(10)).map((e) => e.k)).toEqual([ev(1).k, ev(2).k, ev(3).k]);
  });

  test('GPC anonymous mode beacons, and notes nothing on the device; nor does a browser without IndexedDB', () => {
    const p = make(config({ anonymous: true }));
    p.add([ev(1)]);
    p.unload();
    expect(beacons[0]!.ids).toEqual(['m1']);
    accept = false;
    p.add([ev(2)]);
    setHidden(true);
    p.unload();
    expect(localStorage.length).toBe(0);
    vi.stubGlobal('indexedDB', undefined);
    const q = make(config());
    q.add([ev(3)]);
    q.unload();
    expect(localStorage.length).toBe(0);
  });

  test('bounded by queueCap: the oldest are dropped and reported', () => {
    const p = make(config({}, { queueCap: 10 }));
    p.add(Array.from({ length: 12 }, (_, i) => ev(i)));
    expect(errors).toMatchObject([{ code: 'events_dropped', count: 2 }]);
    p.unload();
    expect(beacons[0]!.ids).toEqual(Array.from({ length: 10 }, (_, i) => `m${i + 2}`));
  });

  test('consent denied forgets the kept events: nothing leaves at exit', () => {
    const p = make(config());
    p.add([ev(1)]);
    p.consent(false);
    p.unload();
    expect(beacons).toEqual([]);
    expect(noted()).toEqual([]);
  });

  test('destroyed: the events are noted for a later page, no pipeline is made, no load is retried', async () => {
    const { chunk, made } = recording();
    const p = make(config());
    p.add([ev(1)]);
    await p.destroy();
    expect(noted().map((e) => e.k)).toEqual([ev(1).k]);
    await new Promise((r) => setTimeout(r, 0));
    expect(loads).toBe(0);
    // Destroyed while the chunk is on its way.
    const q = make(config());
    await vi.waitFor(() => expect(loads).toBe(1));
    await q.destroy();
    await arrive(chunk);
    expect(made.n).toBe(0);

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const r = make(config());
    await vi.waitFor(() => expect(loads).toBe(2));
    await r.destroy();
    answer!(null);
    await vi.advanceTimersByTimeAsync(400_000);
    expect(loads).toBe(2);
    await r.flush();
    expect(loads).toBe(2);
  });

  test('back from the bfcache: the notes are taken back, or dropped with the events if another tab queued them', async () => {
    accept = false;
    const p = make(config());
    p.add([ev(1)]);
    p.unload();
    expect(noted()).toHaveLength(1);
    p.restore();
    expect(localStorage.getItem(spillKey)).toBeNull();
    // Kept: a later exit (still no chunk) sends it.
    accept = true;
    p.unload();
    expect(beacons[0]!.ids).toEqual(['m1']);
    // Nothing noted (the beacon took all): a restore keeps what was tracked since.
    p.restore();
    p.add([ev(9)]);
    p.restore();
    p.unload();
    expect(beacons[1]!.ids).toEqual(['m9']);
    beacons.length = 0;

    accept = false;
    const q = make(config({ tab: 'tab1' }));
    q.add([ev(2)]);
    q.unload();
    await createUnloadJournal(DB, 'tab2').recover(store, 1000); // another tab queued it
    q.restore();
    accept = true;
    q.unload();
    expect(beacons).toHaveLength(0); // ev(2) is the other tab's to send now
    expect(await store.count()).toBe(1);
  });

  test('a full localStorage: nothing counts as noted, so a restore keeps the events', () => {
    accept = false;
    const p = make(config());
    p.add([ev(1)]);
    const orig = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      p.unload();
    } finally {
      Storage.prototype.setItem = orig;
    }
    p.restore();
    accept = true;
    p.unload();
    expect(beacons[0]!.ids).toEqual(['m1']);
  });

  test('hidden: the events are noted at once (a hidden page may be killed) and the chunk fetched; shown: the notes are taken back', async () => {
    const p = make(config());
    await vi.waitFor(() => expect(loads).toBe(1)); // after the load event
    answer!(null); // this fetch fails
    await new Promise((r) => setTimeout(r, 0));
    p.add([ev(1), ev(2)]);
    setHidden(true);
    expect(noted().map((e) => e.k)).toEqual([ev(1).k, ev(2).k]);
    expect(loads).toBe(2); // fetched again at once, not after the back-off
    setHidden(false);
    expect(localStorage.getItem(spillKey)).toBeNull();
    // Hidden again; meanwhile the sending tab queues the notes: they are its to send now.
    p.add([ev(3)]);
    setHidden(true);
    await createUnloadJournal(DB, 'tab2').recover(store, 1000);
    p.add([ev(4)]);
    setHidden(false);
    p.unload();
    expect(beacons[0]!.ids).toEqual(['m4']);
    expect((await store.head(10)).map((e) => e.k)).toEqual([ev(1).k, ev(2).k, ev(3).k]);
  });
});

describe('notes and other tabs', () => {
  /** The sending tab of the origin queues this tab's notes (as its 5 s pick-up would). */
  const otherTabTakesNotes = () => createUnloadJournal(DB, 'sender').recover(store, 1000);

  test('tracked while hidden (or in a tab opened in the background): noted at once', async () => {
    setHidden(true);
    const p = make(config());
    p.add([ev(1)]);
    expect(noted().map((e) => e.k)).toEqual([ev(1).k]);
    await otherTabTakesNotes();
    p.add([ev(2)]); // still hidden: the taken event is not noted again
    expect(noted().map((e) => e.k)).toEqual([ev(2).k]);
    await otherTabTakesNotes();
    p.add([ev(3)]);
    await p.destroy(); // destroyed while hidden: only what no tab took is kept for later
    expect(noted().map((e) => e.k)).toEqual([ev(3).k]);
    expect((await store.head(10)).map((e) => e.k)).toEqual([ev(1).k, ev(2).k]);
  });

  test('a second exit after another tab took the first exit\'s notes sends only the rest', async () => {
    const p = make(config());
    const big = [1, 2, 3, 4].map((i) => ev(i, 25_000)); // one per beacon, two in the budget
    p.add(big);
    p.unload(); // m1, m2 beaconed; m3, m4 noted
    await otherTabTakesNotes();
    p.add([ev(5)]);
    p.unload(); // the rest of the budget
    expect(beacons.map((b) => b.ids)).toEqual([['m1'], ['m2'], ['m5']]);
    expect(noted()).toEqual([]);
  });

  test('the chunk arriving takes this tab\'s notes back before queueing the events (another tab sends)', async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      locks: { query: async () => ({ held: [{ name: `touchpoint-sender:${DB}` }], pending: [] }), request: () => new Promise(() => {}) },
    });
    const p = make(config());
    p.add([ev(1), ev(2)]);
    setHidden(true);
    expect(noted()).toHaveLength(2);
    await arrive();
    await vi.waitFor(async () => expect(await store.count()).toBe(2));
    expect(localStorage.getItem(spillKey)).toBeNull();
  });
});

describe('when the chunk arrives', () => {
  test('consent changes are replayed (a denial first), then the kept events added; later calls go straight through', async () => {
    const { chunk, got } = recording();
    const p = make(config());
    p.add([ev(1)]);
    p.consent(false);
    p.add([ev(2)]);
    p.consent(true);
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

  test('until the real pipeline knows whether its tab sends, the stand-in keeps the events and hands them over at exit', async () => {
    let known!: () => void;
    const { chunk, got } = recording(new Promise((r) => (known = r)));
    const p = make(config());
    p.add([ev(1)]);
    await arrive(chunk);
    p.add([ev(2)]);
    p.unload();
    expect(beacons[0]!.ids).toEqual(['m1', 'm2']);
    expect(got).toEqual([]);
    known();
    await new Promise((r) => setTimeout(r, 0));
    p.add([ev(3)]);
    expect(got).toEqual([['add', [[ev(3)]]]]);
  });

  test('the real pipeline queues the kept events, after taking back their notes, and sends them once', async () => {
    const p = make(config());
    p.add([ev(1), ev(2)]);
    setHidden(true);
    expect(noted()).toHaveLength(2);
    await arrive();
    expect(localStorage.getItem(spillKey)).toBeNull();
    await p.flush();
    expect(net.delivered().map((e) => e.messageId)).toEqual(['m1', 'm2']);
    await p.destroy();
  });

  test('flush fetches the chunk at once; a chunk that fails is retried after 5 s, doubling, and flush still resolves', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const p = make(config());
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
