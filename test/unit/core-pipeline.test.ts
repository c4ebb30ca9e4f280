/**
 * The tracker's back end (src/core/pipeline.ts) beyond what the tracker tests cover: the
 * journal's recovery takes notes before its store write, putting them back if the write fails;
 * events added before the tab knows whether it sends are handed over at exit only if it does.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createPipeline, type Pipeline } from '../../src/core/pipeline';
import { recoverJournal } from '../../src/core/journalRecover';
import { createReporter } from '../../src/core/reporter';
import { resolveOptions } from '../../src/core/resolveOptions';
import { memoryStore, type EventStore, type StoredEvent } from '../../src/core/storage';
import { fakeTransport } from './core-support';

const DB = 'tp-pipe-v1';
const ev = (i: number): StoredEvent => ({
  k: `e:${String(i).padStart(6, '0')}`,
  v: JSON.stringify({ type: 'track', event: `E${i}`, messageId: `m${i}`, context: {} }),
});
let store: EventStore;
let net: ReturnType<typeof fakeTransport>;
const live: Pipeline[] = [];
const make = () => {
  const p = createPipeline({
    opts: resolveOptions({ endpoint: 'https://c.example', flushInterval: 60_000 }),
    deps: { transport: net.transport, store },
    reporter: createReporter(undefined, false),
    dbName: DB,
    tab: 'me',
    anonymous: false,
    allowed: () => true,
  });
  live.push(p);
  return p;
};
beforeEach(() => {
  localStorage.clear();
  net = fakeTransport();
  // Durable-looking (shared by tabs, as IndexedDB would be); no Web Locks here: this tab leads.
  store = Object.assign(memoryStore(), { durable: true });
});
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.destroy()));
  vi.useRealTimers();
});

test('recovery takes the notes before the store write and puts them back, under a key of their own, when it fails', async () => {
  localStorage.setItem(`${DB}:spill:a`, JSON.stringify([ev(1)]));
  let during: string | null = 'unset';
  const failing = Object.assign(memoryStore(), {
    add: async () => {
      during = localStorage.getItem(`${DB}:spill:a`);
      throw new Error('write failed');
    },
  });
  await expect(recoverJournal(DB, failing, 100)).rejects.toThrow('write failed');
  expect(during).toBeNull();
  expect(localStorage.getItem(`${DB}:spill:a`)).toBeNull(); // the tab may write newer notes there
  expect(JSON.parse(localStorage.getItem(`${DB}:spill:a:r`)!)).toEqual([ev(1)]);
  await recoverJournal(DB, store, 100); // the next recovery applies them
  expect(await store.head(10)).toEqual([ev(1)]);
});

test('events added before the tab knows it is next in line are its own to hand over at exit once it knows', async () => {
  // No other tab holds the sender lock; this tab's request is not granted before it leaves.
  vi.stubGlobal('navigator', {
    ...navigator,
    locks: { query: async () => ({ held: [], pending: [] }), request: () => new Promise(() => {}) },
  });
  const p = make();
  p.add([ev(1), ev(2)]);
  await new Promise((r) => setTimeout(r, 10));
  p.add([ev(3)]);
  p.unload();
  expect(net.beacons.flatMap((b) => b.batch.batch.map((e) => e.messageId))).toEqual(['m1', 'm2', 'm3']);
  vi.unstubAllGlobals();
});

test('a tab that learns another one sends keeps none of its earlier events for the exit', async () => {
  vi.stubGlobal('navigator', {
    ...navigator,
    locks: { query: async () => ({ held: [{ name: `touchpoint-sender:${DB}` }], pending: [] }), request: () => new Promise(() => {}) },
  });
  const p = make();
  p.add([ev(1)]);
  await new Promise((r) => setTimeout(r, 10)); // it knows: another tab sends
  p.unload();
  expect(net.beacons).toEqual([]);
  vi.unstubAllGlobals();
});
