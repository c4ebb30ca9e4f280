/**
 * Shared fakes for the core unit tests: a recording `Transport`, a tracker factory that collects
 * `onError` reports and destroys every tracker after each test (a live tracker keeps a
 * BroadcastChannel open), and small wait helpers. Not a test file itself.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { withBatchContext } from '../../src/collector/batchContext';
import { createTracker, type TrackerDeps } from '../../src/core/createTracker';
import type { SendResult, Transport } from '../../src/core/transport';
import type { Tracker, TrackerOptions, TouchpointError } from '../../src/core/types';

export interface WireEvent {
  type: string;
  event?: string;
  name?: string;
  messageId: string;
  anonymousId?: string;
  userId?: string;
  timestamp: string;
  sentAt: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context: Record<string, unknown> & { session_id: string };
}
export interface WireBatch {
  batch: WireEvent[];
  sentAt: string;
  writeKey?: string;
  context?: Record<string, unknown>;
}

/**
 * A request body as the collector reads it: the batch context merged into every event (Segment
 * semantics, src/collector/batchContext.ts). `raw` keeps the compact form as sent.
 */
export const readBatch = (body: string): WireBatch & { raw: WireBatch } => {
  const raw = JSON.parse(body) as WireBatch;
  return { ...raw, batch: raw.batch.map((e) => withBatchContext(e, raw.context) as WireEvent), raw };
};
export interface SendRecord {
  url: string;
  body: string;
  keepalive: boolean;
  at: number;
  batch: WireBatch;
  status: number;
}

type Answer = (batch: WireBatch, call: number) => SendResult | Promise<SendResult>;

/** A transport that records every request and answers with `answer` (default 200). */
export const fakeTransport = (answer: Answer = () => ({ status: 200 })) => {
  const sends: SendRecord[] = [];
  const beacons: { url: string; body: string; batch: WireBatch }[] = [];
  let current = answer;
  const transport: Transport = {
    async send(url, body, keepalive) {
      const batch = readBatch(body);
      const rec: SendRecord = { url, body, keepalive, at: Date.now(), batch, status: -1 };
      sends.push(rec);
      const res = await current(batch, sends.length);
      rec.status = res.status;
      return res;
    },
    beacon(url, body) {
      beacons.push({ url, body, batch: readBatch(body) });
      return true;
    },
  };
  return {
    transport,
    sends,
    beacons,
    /** Change the answer from now on. */
    answer(a: Answer) {
      current = a;
    },
    /** Events in 2xx-acknowledged requests, in order. */
    delivered: () => sends.filter((s) => s.status >= 200 && s.status < 300).flatMap((s) => s.batch.batch),
    /** Names (track) or types of delivered events. */
    names: () =>
      sends
        .filter((s) => s.status >= 200 && s.status < 300)
        .flatMap((s) => s.batch.batch)
        .map((e) => e.event ?? e.name ?? e.type),
  };
};

const live: Tracker[] = [];
// Identity and the unload journal live in localStorage: every test starts from an empty one.
beforeEach(() => localStorage.clear());
afterEach(async () => {
  await Promise.all(live.splice(0).map((t) => t.destroy()));
});

let n = 0;
/** A unique storage key, so IndexedDB databases and BroadcastChannels never cross tests. */
export const uniqueKey = (prefix = 'tp') => `${prefix}${Date.now().toString(36)}${(n++).toString(36)}`;

/** createTracker with a collected `errors` list; destroyed after the test. */
export const makeTracker = (options: Partial<TrackerOptions> = {}, deps: TrackerDeps = {}) => {
  const errors: TouchpointError[] = [];
  const tracker = createTracker(
    {
      endpoint: 'https://collect.example/',
      flushInterval: 3_600_000,
      storageKey: uniqueKey(),
      onError: (e) => void errors.push(e),
      ...options,
    },
    deps,
  );
  live.push(tracker);
  return { tracker, errors };
};

/** Let microtasks and a few macrotasks run (IndexedDB and timers of a few ms). */
export const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/** Poll until the assertion passes (real timers). */
export const eventually = (fn: () => void, timeout = 3000) => vi.waitFor(fn, { timeout, interval: 5 });

/** The identity a tracker with `storageKey` keeps in localStorage (see src/core/identity.ts). */
export const storedIdentity = (storageKey: string): { a: string; u?: string; s?: { id: string; last: number } } | null =>
  JSON.parse(localStorage.getItem(`${storageKey}-v1:id`) ?? 'null');

/** Codes of the reported errors. */
export const codes = (errors: TouchpointError[]) => errors.map((e) => e.code);
