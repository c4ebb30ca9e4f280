/**
 * The kiosk's tracker: the core tracker with its storage and transport wrapped (through the
 * core's injection points, no change to the core) so the kiosk can
 * - wait until a given event is committed to IndexedDB before it says thank you,
 * - read the queue depth and the time of the last successful delivery for its heartbeat.
 * Every event gets `store_id` and `device_id` in its properties and its context.
 */
import { createTrackerWith } from '../core/createTracker';
import { guard } from '../core/guard';
import { createReporter } from '../core/reporter';
import { isoLocal } from '../core/isoLocal';
import { idbStore, type EventStore } from '../core/storage';
import { browserTransport, type Transport } from '../core/transport';
import type { CallOptions, Properties, Tracker, TrackerOptions } from '../core/types';

/** The kiosk's view of its tracker. */
export interface KioskTracker {
  tracker: Tracker;
  /** `track` with the kiosk's ids added. */
  track(event: string, properties?: Properties, options?: CallOptions): void;
  /** Resolves once the event with this `messageId` is in IndexedDB (or after `timeoutMs`). */
  committed(messageId: string, timeoutMs?: number): Promise<void>;
  /** Queue depth, last successful delivery (local ISO time) and events dropped by the cap. */
  health(): Promise<{ queue_depth?: number; last_delivery_at?: string; dropped_events?: number }>;
}

const LAST = 'kiosk_last_delivery';

/** Create the tracker of a kiosk (`channel: 'kiosk'`). Throws like `createTracker` for bad options. */
export const createKioskTracker = (
  options: TrackerOptions,
  ids: { store_id: string; device_id: string },
  transport: Transport = browserTransport(),
): KioskTracker => {
  const store: EventStore | undefined = typeof indexedDB != 'undefined' ? idbStore(`${options.storageKey ?? 'touchpoint'}-v1`) : undefined;
  const waiting = new Map<string, () => void>();
  const base = transport;
  const wrapped: EventStore | undefined = store && {
    ...store,
    durable: true,
    async add(events, cap) {
      const n = await store.add(events, cap);
      for (const e of events) for (const [id, done] of waiting) if (e.v.includes(id)) done();
      return n;
    },
  };
  // Kiosk browsers are often started by automation (navigator.webdriver): the terminal is the
  // store's own device, not a crawler, and a kiosk that records nothing would fail silently. So a
  // kiosk always allows bots, and its tracker needs no bot check.
  const tracker = createTrackerWith(
    () => false,
    { ...options, channel: 'kiosk', allowBots: true },
    {
      ...(wrapped ? { store: wrapped } : {}),
      transport: {
        ...base,
        async send(url, body, keepalive, signal) {
          const r = await base.send(url, body, keepalive, signal);
          if (r.status >= 200 && r.status < 300) store?.setMeta(LAST, Date.now()).catch(() => {});
          return r;
        },
      },
    },
  );
  return {
    tracker,
    // Guarded: spreading the caller's values can throw (a revoked Proxy, a throwing getter).
    track: guard(createReporter(tracker.options.onError, tracker.options.debug), 'track', (event, properties, o) =>
      tracker.track(event, { ...properties, ...ids }, { ...o, context: { ...o?.context, ...ids } }),
    ),
    committed: (id, timeoutMs = 3000) =>
      new Promise<void>((ok) => {
        // No IndexedDB (memory queue): nothing more durable to wait for.
        if (!wrapped) return ok();
        const done = () => (clearTimeout(t), waiting.delete(id), ok());
        const t = setTimeout(done, timeoutMs);
        waiting.set(id, done);
      }),
    async health() {
      if (!store) return {};
      try {
        const [queue_depth, last, dropped] = await Promise.all([store.count(), store.meta<number>(LAST), store.meta<number>('dropped')]);
        return { queue_depth, ...(last ? { last_delivery_at: isoLocal(new Date(last)) } : {}), ...(dropped ? { dropped_events: dropped } : {}) };
      } catch {
        return {};
      }
    },
  };
};
