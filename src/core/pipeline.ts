/**
 * The tracker's back end: what happens to an event once `createTracker` has made it. It writes
 * the events of a tick into the store in one transaction, elects the one sending tab of the
 * origin (a Web Lock), tells the other tabs of new events (BroadcastChannel), applies the unload
 * journal before sending, and at page exit hands this tab's unsent events to the browser and
 * notes the rest (see unloadJournal). Every build bundles it: events are in IndexedDB from the
 * first call (docs/ARCHITECTURE.md, "Decisions").
 */
import { createSender } from './createSender';
import type { TrackerDeps } from './createTracker';
import type { Reporter } from './reporter';
import { idbStore, memoryStore, type EventStore, type StoredEvent } from './storage';
import { browserTransport } from './transport';
import type { ErrorCode, ResolvedOptions } from './types';
import { createUnloadJournal } from './unloadJournal';
import { createUnsentEvents } from './unsentEvents';

export interface PipelineConfig {
  opts: ResolvedOptions;
  deps: TrackerDeps;
  reporter: Reporter;
  /** The versioned database name (also names the lock, the channel and the journal). */
  dbName: string;
  /** This tab's id (part of event keys; names its journal notes). */
  tab: string;
  /** GPC anonymous mode: nothing is kept beyond the page. */
  anonymous: boolean;
  /** Whether sending is allowed now (consent granted, not destroyed). */
  allowed: () => boolean;
}

export interface Pipeline {
  /** Queue the events of one tick (written in one transaction, in order of calls). */
  add(records: StoredEvent[]): void;
  /** Send now: resolves once what was added so far is stored and a send was attempted. */
  flush(): Promise<void>;
  /** Page exit (pagehide, and again for events tracked after it): hand over, note the rest. */
  unload(): void;
  /** Back from the back/forward cache. */
  restore(): void;
  /** Consent was granted (true: send what waited) or denied (false: forget and clear). */
  consent(granted: boolean): void;
  /** Stop sending and listening; resolves once pending writes are done. */
  destroy(): Promise<void>;
}

export const createPipeline = (c: PipelineConfig): Pipeline => {
  const { opts, deps, reporter, dbName, anonymous } = c;
  const err = (code: ErrorCode, message: string, cause?: unknown, count?: number) =>
    reporter.error({ code, message, cause, count });
  // Where `window.indexedDB` is missing (some privacy modes, embedded webviews) the IndexedDB
  // store's first call rejects, as when `indexedDB.open` throws: the same fallback, warning and
  // `storage_unavailable` report follow (toMemory).
  let store: EventStore = deps.store ?? (anonymous ? memoryStore() : idbStore(dbName));
  let destroyed = false;
  let writes: Promise<unknown> = Promise.resolve();
  /** This tab's unsent events and its exit hand-over's state, shared with the sender. */
  const unsent = createUnsentEvents();
  const journal = createUnloadJournal(dbName, c.tab);

  /** The memory store that replaced IndexedDB after it failed (memory never rejects). */
  let fallback: EventStore | undefined;
  const toMemory = (cause: unknown) => {
    if (!store.durable) return;
    fallback = memoryStore();
    store = fallback;
    // The one warning (this runs once: the store is memory from now on).
    console.warn('[touchpoint] IndexedDB unavailable: events kept in memory for this page');
    err('storage_unavailable', `IndexedDB failed: ${cause}`, cause);
    sender.setLeader(true);
  };

  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(`touchpoint:${dbName}`) : undefined;
  const sender = createSender({
    unsent,
    url: opts.batchUrl,
    writeKey: opts.writeKey,
    batchSize: opts.batchSize,
    flushInterval: opts.flushInterval,
    retry: opts.retry,
    transport: deps.transport ?? browserTransport(),
    reporter,
    store: () => store,
    allowed: () => !destroyed && c.allowed(),
    // Unload beacons get no answer: never fire them at a collector known to be failing.
    failing: journal.failing(),
    onFailing: journal.setFailing,
    // A run fails only on storage: the first failure switches to memory; a run that had read from
    // IndexedDB before a write made that switch fails too, and simply runs again on memory.
    onRunError: (e) => {
      toMemory(e);
      if (fallback) void sender.flush();
      else err('delivery_failed', `delivery error: ${e}`, e);
    },
  });

  const recover = () =>
    (store.durable && !anonymous ? journal.recover(store, opts.queueCap) : Promise.resolve()).catch((e) =>
      reporter.debug('unload journal', e),
    );
  /**
   * This tab's events from before it knows whether it sends (the lock query takes a few ms): the
   * sender's to hand over at exit if this tab sends or is next in line; undefined once that is
   * known.
   */
  let undecided: StoredEvent[] | undefined = [];
  /** Another tab sends (or this one cannot tell): this tab's events are that tab's to send. */
  const anotherTabSends = () => {
    undecided = undefined;
  };
  /** This tab sends or is next in line: its events so far are its own to hand over at exit. */
  const thisTabHandsOver = () => {
    if (undecided) sender.remember(undecided, opts.queueCap);
    undecided = undefined;
  };
  /** Set once this tab holds the lock: resolves when it has applied the journal and sends. */
  let becomingSender: Promise<void> | undefined;
  /** Become the sender: first apply what torn-down pages noted (see unloadJournal). */
  const becomeSender = () => {
    becomingSender = recover().then(() => {
      sender.setLeader(true);
      thisTabHandsOver();
    });
    return becomingSender;
  };

  // The one sender per origin: whoever holds the lock. Memory queues always send their own.
  let releaseLock: (() => void) | undefined;
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  const lockName = `touchpoint-sender:${dbName}`;
  if (locks && store.durable) {
    // A visitor may leave before the lock is granted (it takes a few ms): if no tab holds it,
    // this one is next in line and hands its events over at unload like a sender.
    locks
      .query()
      .then((state) => {
        const lockTaken = [...(state.held ?? []), ...(state.pending ?? [])].some((l) => l.name === lockName);
        if (lockTaken) return anotherTabSends();
        sender.elect();
        thisTabHandsOver();
      })
      .catch(anotherTabSends);
    locks
      .request(lockName, () => {
        if (destroyed) return undefined;
        return new Promise<void>((release) => {
          releaseLock = release;
          // This tab holds the lock from now on: its events are its own to hand over at exit,
          // even while it is still applying the journal.
          sender.elect();
          thisTabHandsOver();
          void becomeSender();
        });
      })
      .catch(() => void becomeSender());
  } else void becomeSender();

  if (channel)
    channel.onmessage = (m: MessageEvent) => {
      const d = m.data as { n?: number; f?: 1 };
      if (d.n) sender.notify(d.n);
      if (d.f) void sender.flush();
    };

  const onHide = () => {
    const hidden = document.visibilityState === 'hidden';
    sender.setHidden(hidden);
    if (hidden) void sender.flush();
  };
  const onOnline = () => sender.online();
  // Navigation API (Chromium): learn of a cross-document navigation before the page goes.
  const nav = (globalThis as { navigation?: EventTarget }).navigation;
  const onNavigate = (e: Event) => {
    const n = e as Event & { destination?: { sameDocument?: boolean }; downloadRequest?: string | null };
    if (n.destination?.sameDocument !== false || n.downloadRequest) return;
    sender.leave(true);
    // A navigation can still be cancelled (204, stop button): resume if the page stays.
    setTimeout(() => sender.leave(false), 3000);
  };
  const wire = (m: 'addEventListener' | 'removeEventListener') => {
    const on = (t: EventTarget | undefined, type: string, fn: (e: never) => void) => t?.[m](type, fn as () => void);
    const win = typeof window !== 'undefined' ? window : undefined;
    on(win, 'online', onOnline);
    on(nav, 'navigate', onNavigate);
    on(globalThis.document, 'visibilitychange', onHide);
  };
  wire('addEventListener');
  // Made while hidden (the script tag fetches its back end when the page is hidden).
  if (globalThis.document?.hidden) onHide();

  return {
    add(records) {
      if (destroyed) return;
      sender.remember(records, opts.queueCap);
      if (undecided) {
        undecided.push(...records);
        undecided.splice(0, Math.max(0, undecided.length - opts.queueCap));
      }
      unsent.writing(records);
      const add = (s: EventStore) => {
        const live = unsent.notHanded(records);
        return live.length ? s.add(live, opts.queueCap) : 0;
      };
      writes = writes
        .then(() =>
          Promise.resolve(add(store)).catch((e) => {
            toMemory(e);
            return add(store);
          }),
        )
        .then((evicted) => {
          unsent.written(records);
          if (evicted) err('events_dropped', `queue full (${opts.queueCap}): ${evicted} oldest events dropped`, undefined, evicted);
          channel?.postMessage({ n: records.length });
          sender.notify(records.length);
        })
        .catch((e) => err('storage_unavailable', `queue write failed: ${e}`, e));
    },
    async flush() {
      await writes;
      // Right after start-up this tab may be about to become the sender: give it a moment.
      if (!becomingSender) await new Promise((r) => setTimeout(r, 50));
      await Promise.race([becomingSender, new Promise((r) => setTimeout(r, 2000))]);
      channel?.postMessage({ f: 1 });
      await sender.flush();
    },
    unload() {
      const sent = sender.unload();
      if (anonymous || !store.durable) return;
      // What a later page must know (synchronous localStorage notes): keys handed over or
      // delivered whose delete may not commit, and writes that may not commit.
      const spill = unsent.uncommitted();
      journal.save(sent, spill);
      reporter.debug(`pagehide: ${sent.length} sent, ${spill.length} noted`);
    },
    restore() {
      // The journal first: the engine may queue again what a deferred request did not send.
      void recover().then(() => sender.restore());
    },
    consent(granted) {
      if (granted) {
        sender.rearm();
        void writes.then(() => sender.notify(0));
      } else {
        sender.forget();
        store.clear().catch(() => {});
      }
    },
    async destroy() {
      destroyed = true;
      sender.stop();
      releaseLock?.();
      channel?.close();
      wire('removeEventListener');
      await writes.catch(() => {});
    },
  };
};
