/**
 * `createTracker(options)`: the public entry. It validates options (throwing only here, at
 * set-up), snapshots every call into a JSON string, writes the calls of one tick into the store
 * in one transaction, and leaves delivery to the sender of the origin (see createSender).
 * Nothing it does at run time throws into the host page: problems go to `onError`.
 */
import { campaignOf, pageInfo, staticContext, type UrlFilter } from './context';
import { createReporter } from './reporter';
import { createSender } from './createSender';
import { isoLocal } from './isoLocal';
import { resolveOptions } from './resolveOptions';
import { serialise, withIds } from './serialise';
import { idbStore, memoryStore, type EventStore, type StoredEvent } from './storage';
import { browserTransport, type Transport } from './transport';
import { createUnloadJournal } from './unloadJournal';
import { uuid } from './uuid';
import type {
  CallOptions,
  ConsentState,
  EventListener,
  Properties,
  Tracker,
  TrackerOptions,
  TouchpointEvent,
} from './types';

/** Injection points for tests and for the shop layer; not part of the documented options. */
export interface TrackerDeps {
  transport?: Transport;
  store?: EventStore;
  /** Removes personal data from URLs before they are recorded. */
  urlFilter?: UrlFilter;
  /** Default journey stage for an event (by type and name). */
  stageOf?: (type: string, event: string | undefined, properties: Properties | undefined) => string | undefined;
  /** Option names accepted in addition to the core ones (validated by the caller). */
  extraOptions?: readonly string[];
}

/** Storage schema version: part of the database name so a format change never misreads data. */
const DB_VERSION = 'v1';

interface Session {
  id: string;
  last: number;
}
interface Pending {
  json: string;
  t: number;
}

const isPlain = (v: unknown): v is Properties =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Create a tracker. Throws a TypeError for a bad option (which one, and what is expected);
 * never throws afterwards.
 */
export const createTracker = (input: TrackerOptions, deps: TrackerDeps = {}): Tracker => {
  const opts = resolveOptions(input, deps.extraOptions);
  const reporter = createReporter(opts.onError, opts.debug);
  const gpc = opts.gpc !== 'ignore' && (globalThis.navigator as { globalPrivacyControl?: boolean })?.globalPrivacyControl === true;
  /** Anonymous mode: nothing kept beyond the page (no persisted id, memory queue). */
  const anonymous = gpc && opts.gpc === 'anonymous';
  let consent: ConsentState = gpc && opts.gpc === 'deny' ? 'denied' : opts.consent;
  const dbName = `${opts.storageKey}-${DB_VERSION}`;
  let store: EventStore = deps.store ?? (anonymous || typeof indexedDB === 'undefined' ? memoryStore() : idbStore(dbName));
  const transport = deps.transport ?? browserTransport();
  const listeners = new Set<EventListener>();
  const ctx = staticContext();
  const sessionMs = opts.sessionTimeout * 60_000;

  let destroyed = false;
  let ids: { anonymousId: string; userId?: string | null } | undefined;
  let session: Session | undefined;
  const buffer: Pending[] = [];
  const held: Pending[] = [];
  let writeQueued = false;
  let writes: Promise<unknown> = Promise.resolve();
  let seq = 0;
  const tab = uuid().slice(0, 6);
  /** Events handed to IndexedDB whose transaction has not committed yet. */
  const unpersisted = new Map<string, string>();
  const journal = createUnloadJournal(dbName, tab);

  const toMemory = (cause: unknown) => {
    if (!store.durable) return;
    store = memoryStore();
    reporter.warnOnce('storage', 'IndexedDB is unavailable; events are kept in memory for this page only.');
    reporter.error({ code: 'storage_unavailable', message: `IndexedDB failed (${cause}); using memory`, cause });
    sender.setLeader(true);
  };

  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(`touchpoint:${dbName}`) : undefined;
  const sender = createSender({
    url: opts.batchUrl,
    writeKey: opts.writeKey,
    batchSize: opts.batchSize,
    flushInterval: opts.flushInterval,
    retry: opts.retry,
    transport,
    reporter,
    store: () => store,
    allowed: () => !destroyed && consent === 'granted',
  });

  const persistSession = () => {
    channel?.postMessage({ s: session });
    store.setMeta('session', session).catch(() => {});
  };

  /** Write the buffered calls of this tick: ids and session added, one transaction. */
  const writeBuffer = () => {
    writeQueued = false;
    if (!ids || !buffer.length || destroyed) return;
    const list = buffer.splice(0);
    const records: StoredEvent[] = [];
    for (const p of list) {
      if (!session || p.t - session.last > sessionMs) session = { id: uuid(), last: p.t };
      else session.last = Math.max(session.last, p.t);
      const k = `e:${p.t.toString(36).padStart(9, '0')}${tab}${(seq++).toString(36).padStart(6, '0')}`;
      records.push({ k, v: withIds(p.json, { ...ids, sessionId: session.id }) });
    }
    persistSession();
    sender.remember(records, opts.queueCap);
    for (const r of records) unpersisted.set(r.k, r.v);
    const add = (s: EventStore) => s.add(records, opts.queueCap);
    writes = writes
      .then(() => add(store).catch((e) => (toMemory(e), add(store))))
      .then((evicted) => {
        for (const r of records) unpersisted.delete(r.k);
        if (evicted)
          reporter.error({
            code: 'events_dropped',
            count: evicted,
            message: `queue is full (${opts.queueCap}); ${evicted} oldest events were dropped`,
          });
        channel?.postMessage({ n: records.length });
        sender.notify(records.length);
      })
      .catch((e) => reporter.error({ code: 'storage_unavailable', message: `could not queue events: ${e}`, cause: e }));
  };

  const queueWrite = () => {
    if (writeQueued) return;
    writeQueued = true;
    queueMicrotask(writeBuffer);
  };

  const emit = (type: 'track' | 'page' | 'identify', fields: Properties, o: CallOptions | undefined) => {
    if (destroyed) return;
    if (consent === 'denied') return reporter.debug(`consent denied; ${type} dropped`);
    if (o !== undefined && !isPlain(o)) return reporter.error({ code: 'invalid_call', message: `${type}(): options must be a plain object` });
    const t = o?.timestamp instanceof Date && !Number.isNaN(+o.timestamp) ? o.timestamp : new Date();
    const page = pageInfo(deps.urlFilter);
    const stage =
      o?.journey_stage ??
      deps.stageOf?.(type, fields.event as string | undefined, (fields.properties ?? fields.traits) as Properties) ??
      opts.journeyStage;
    const event = {
      type,
      ...fields,
      messageId: uuid(),
      timestamp: isoLocal(t),
      // `context` stays the last key: see serialise.ts.
      context: {
        ...ctx,
        page,
        campaign: campaignOf(page.url),
        channel: o?.channel ?? opts.channel,
        touchpoint: o?.touchpoint ?? opts.touchpoint ?? page.path,
        journey_stage: stage,
        ...(isPlain(o?.context) ? o.context : {}),
      },
    };
    const out = serialise(event);
    if ('error' in out) return reporter.error({ code: out.error, message: `${type}(): ${out.message}` });
    const p = { json: out.json, t: t.getTime() };
    if (consent === 'pending') {
      held.push(p);
      if (held.length > opts.queueCap) held.shift();
    } else {
      buffer.push(p);
      queueWrite();
    }
    for (const l of listeners) {
      try {
        l(event as unknown as TouchpointEvent);
      } catch (e) {
        reporter.error({ code: 'plugin_failed', message: `event listener threw: ${e}`, cause: e });
      }
    }
  };

  const guard =
    <A extends unknown[]>(name: string, fn: (...a: A) => void) =>
    (...a: A): void => {
      try {
        fn(...a);
      } catch (e) {
        reporter.error({ code: 'invalid_call', message: `${name}() failed: ${e}`, cause: e });
      }
    };

  const props = (name: string, p: unknown): Properties | undefined | false => {
    if (p === undefined || p === null) return undefined;
    if (isPlain(p)) return p;
    reporter.error({ code: 'invalid_call', message: `${name}(): properties must be a plain object (got ${typeof p})` });
    return false;
  };

  // Identity: loaded from the store before the first write; a new visitor gets a fresh id.
  const ready = (async () => {
    if (anonymous) return { anonymousId: uuid() };
    try {
      const [a, u, s] = await Promise.all([
        store.meta<string>('anonymousId'),
        store.meta<string>('userId'),
        store.meta<Session>('session'),
      ]);
      session = s;
      if (a) return { anonymousId: a, userId: u };
      const anonymousId = uuid();
      await store.setMeta('anonymousId', anonymousId);
      return { anonymousId };
    } catch (e) {
      toMemory(e);
      return { anonymousId: uuid() };
    }
  })().then((v) => {
    ids = v;
    writeBuffer();
  });

  // The one sender per origin: whoever holds the lock. Memory queues always send their own.
  let releaseLock: (() => void) | undefined;
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks && store.durable) {
    locks
      .request(`touchpoint-sender:${dbName}`, () =>
        destroyed
          ? undefined
          : new Promise<void>((release) => {
              releaseLock = release;
              void lead();
            }),
      )
      .catch(() => void lead());
  } else void lead();

  if (channel)
    channel.onmessage = (m: MessageEvent) => {
      const d = m.data as { n?: number; s?: Session; f?: 1 };
      if (d.s && (!session || d.s.last >= session.last)) session = d.s;
      if (d.n) sender.notify(d.n);
      if (d.f) void sender.flush();
    };

  const onHide = () => {
    if (document.visibilityState === 'hidden') void sender.flush();
  };
  const onPageHide = () => {
    writeBuffer();
    const sent = sender.unload();
    if (anonymous || !store.durable) return;
    const gone = new Set(sent);
    const spill: StoredEvent[] = [];
    for (const [k, v] of unpersisted) if (!gone.has(k)) spill.push({ k, v });
    journal.save(sent, spill);
  };
  const onPageShow = (e: PageTransitionEvent) => {
    if (!e.persisted) return;
    void journal.recover(store, opts.queueCap).catch(() => {});
    sender.restore();
  };
  /** Become the sender: first apply what torn-down pages noted (see unloadJournal). */
  function lead() {
    return ready
      .then(() => (store.durable && !anonymous ? journal.recover(store, opts.queueCap) : undefined))
      .catch((e) => reporter.debug('unload journal', e))
      .then(() => sender.setLeader(true));
  }
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
  nav?.addEventListener('navigate', onNavigate);
  const win = typeof window !== 'undefined' ? window : undefined;
  win?.addEventListener('pagehide', onPageHide);
  win?.addEventListener('pageshow', onPageShow);
  win?.addEventListener('online', onOnline);
  globalThis.document?.addEventListener('visibilitychange', onHide);

  const tracker: Tracker = {
    options: opts,
    track: guard('track', (event: string, properties?: Properties, o?: CallOptions) => {
      if (typeof event !== 'string' || !event.trim() || event.length > 200)
        return reporter.error({
          code: 'invalid_call',
          message: `track(): the event name must be a non-empty string of at most 200 characters (got ${typeof event === 'string' ? JSON.stringify(event.slice(0, 50)) : typeof event})`,
        });
      const p = props('track', properties);
      if (p !== false) emit('track', { event, properties: p ?? {} }, o);
    }),
    page: guard('page', (name?: string, properties?: Properties, o?: CallOptions) => {
      if (name !== undefined && name !== null && typeof name !== 'string')
        return reporter.error({ code: 'invalid_call', message: `page(): name must be a string (got ${typeof name})` });
      const p = props('page', properties);
      if (p === false) return;
      const info = pageInfo(deps.urlFilter);
      emit('page', { ...(name ? { name } : {}), properties: { ...info, ...p } }, o);
    }),
    identify: guard('identify', (userId: string | null, traits?: Properties, o?: CallOptions) => {
      if (userId !== null && (typeof userId !== 'string' || !userId || userId.length > 200))
        return reporter.error({ code: 'invalid_call', message: 'identify(): userId must be a non-empty string or null' });
      if (anonymous) return reporter.debug('anonymous mode (Global Privacy Control): identify ignored');
      const t = props('identify', traits);
      if (t === false) return;
      writeBuffer();
      const apply = () => {
        if (userId && ids) ids = { ...ids, userId };
        if (userId) store.setMeta('userId', userId).catch(() => {});
      };
      if (ids) apply();
      else void ready.then(apply);
      emit('identify', { ...(userId ? { userId } : {}), traits: t ?? {} }, o);
    }),
    reset: guard('reset', () => {
      writeBuffer();
      ids = { anonymousId: uuid() };
      session = undefined;
      if (!anonymous) {
        store.setMeta('anonymousId', ids.anonymousId).catch(() => {});
        store.setMeta('userId', undefined).catch(() => {});
        store.setMeta('session', undefined).catch(() => {});
      }
    }),
    async flush() {
      try {
        writeBuffer();
        await ready;
        await writes;
        channel?.postMessage({ f: 1 });
        await sender.flush();
      } catch (e) {
        reporter.error({ code: 'delivery_failed', message: `flush failed: ${e}`, cause: e });
      }
    },
    setConsent: guard('setConsent', (state: ConsentState) => {
      if (!['granted', 'pending', 'denied'].includes(state))
        return reporter.error({ code: 'invalid_call', message: `setConsent(): expected "granted", "pending" or "denied" (got ${String(state)})` });
      if (gpc && opts.gpc === 'deny' && state === 'granted')
        return reporter.error({ code: 'consent_denied', message: 'Global Privacy Control is on and gpc is "deny"; consent stays denied' });
      consent = state;
      if (state === 'granted') {
        buffer.push(...held.splice(0));
        queueWrite();
        sender.rearm();
        void ready.then(() => sender.notify(0));
      } else if (state === 'denied') {
        held.length = 0;
        buffer.length = 0;
        sender.rearm();
        store.clear().catch(() => {});
        for (const k of ['anonymousId', 'userId', 'session']) store.setMeta(k, undefined).catch(() => {});
      }
    }),
    subscribe(listener) {
      if (typeof listener === 'function') listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async destroy() {
      if (destroyed) return;
      writeBuffer();
      destroyed = true;
      sender.stop();
      releaseLock?.();
      channel?.close();
      win?.removeEventListener('pagehide', onPageHide);
      win?.removeEventListener('pageshow', onPageShow);
      win?.removeEventListener('online', onOnline);
      nav?.removeEventListener('navigate', onNavigate);
      globalThis.document?.removeEventListener('visibilitychange', onHide);
      listeners.clear();
      await writes.catch(() => {});
    },
  };
  return tracker;
};
