/**
 * `createTracker(options)`: the public entry. It validates options (throwing only here, at
 * set-up), snapshots every call into a JSON string, and hands the calls of one tick to the
 * pipeline it is given (default pipeline.ts: the store, the sending tab, page exit). Nothing it does at run time
 * throws into the host page: problems go to `onError`.
 */
import { campaignOf, lookUpTimeZone, pageInfo, staticContext, type UrlFilter } from './context';
import { createIdentity } from './identity';
import { guard } from './guard';
import { createReporter } from './reporter';
import { isoLocal } from './isoLocal';
import { CHANNELS, JOURNEY_STAGES } from './limits';
import { createPipeline, type Pipeline, type PipelineConfig } from './pipeline';
import { resolveOptions } from './resolveOptions';
import { safeText } from './safeText';
import { serialise, withIds } from './serialise';
import type { EventStore, StoredEvent } from './storage';
import type { Transport } from './transport';
import { uuid } from './uuid';
import { isAutomatedBrowser } from '../platforms/isAutomatedBrowser';
import { createUrlFilter } from '../shop/scrubUrl';
import type {
  CallOptions,
  ConsentState,
  EventListener,
  Properties,
  Tracker,
  TrackerOptions,
  TouchpointEvent,
  ErrorCode,
} from './types';

/** Injection points for tests and for the shop layer; not part of the documented options. */
export interface TrackerDeps {
  transport?: Transport;
  store?: EventStore;
  /** Removes personal data from URLs before they are recorded. Default: `createUrlFilter()`. */
  urlFilter?: UrlFilter;
  /** Default journey stage for an event (by type and name). */
  stageOf?: (type: string, event: string | undefined, properties: Properties | undefined) => string | undefined;
  /** Option names accepted in addition to the core ones (validated by the caller). */
  extraOptions?: readonly string[];
  /**
   * The back end the calls of a tick are handed to (store, sending tab, page exit). Default:
   * `createPipeline` (pipeline.ts), bundled in every build.
   */
  createPipeline?: (config: PipelineConfig) => Pipeline;
}

/** Calls written per task when a burst is written in the background (see writeBuffer). */
const WRITE_CHUNK = 500;

/** Storage schema version: part of the database name so a format change never misreads data. */
const DB_VERSION = 'v1';

interface Pending {
  json: string;
  /** Event time (ms), for the session. */
  t: number;
  /** Call time (ms), for the queue order. */
  at: number;
}

/** Plain objects, including null-prototype dictionaries (query-string parsers, other realms). */
const isPlain = (v: unknown): v is Properties => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === null || Object.getPrototypeOf(p) === null;
};

/** Why per-call options are unusable, or undefined when they are fine. */
const badOptions = (o: CallOptions | undefined): string | undefined => {
  if (o === undefined) return;
  if (!isPlain(o)) return 'options must be an object';
  if (o.touchpoint !== undefined && (typeof o.touchpoint !== 'string' || !o.touchpoint || o.touchpoint.length > 200))
    return 'options.touchpoint must be 1-200 chars';
  if (o.journey_stage !== undefined && !(JOURNEY_STAGES as readonly unknown[]).includes(o.journey_stage))
    return 'bad options.journey_stage';
  if (o.channel !== undefined && !(CHANNELS as readonly unknown[]).includes(o.channel)) return 'bad options.channel';
  if (o.context !== undefined && !isPlain(o.context)) return 'options.context must be an object';
};

/**
 * `createTracker` with the bot check passed in (called only when `allowBots` is off). The kiosk,
 * which always allows bots, passes none, so its script tag carries no crawler list.
 */
export const createTrackerWith = (isBot: () => boolean, input: TrackerOptions, deps: TrackerDeps = {}): Tracker => {
  const opts = resolveOptions(input, deps.extraOptions);
  const reporter = createReporter(opts.onError, opts.debug);
  const err = (code: ErrorCode, message: string, cause?: unknown, count?: number) =>
    reporter.error({ code, message, cause, count });
  /** What Global Privacy Control asks of this tracker: 'anonymous', 'deny', or nothing. */
  const gpc = (globalThis.navigator as { globalPrivacyControl?: boolean })?.globalPrivacyControl === true && opts.gpc;
  /** Anonymous mode: nothing kept beyond the page (no persisted id, memory queue). */
  const anonymous = gpc === 'anonymous';
  let consent: ConsentState = gpc === 'deny' ? 'denied' : opts.consent;
  /** A crawler or an automated browser: nothing is recorded unless `allowBots` (contract 5). */
  const bot = !opts.allowBots && isBot();
  const dbName = `${opts.storageKey}-${DB_VERSION}`;
  const listeners = new Set<EventListener>();
  const ctx = staticContext();
  // Every build scrubs recorded URLs (e-mails, phone numbers, token-like parameters), not only
  // the shop layer: a core or npm tracker records the same pages.
  const urlFilter = deps.urlFilter ?? createUrlFilter();
  // First page of an origin (or without consent to keep it): the time zone is looked up when the
  // page is idle, not at start-up (ICU data, see cachedTimeZone); events tracked before that carry
  // none (their timestamps keep the local offset).
  if (ctx.timezone === undefined) {
    const lookUp = () => {
      if (destroyed) return;
      // Kept on the device for later pages only where identifiers may be kept too.
      ctx.timezone = lookUpTimeZone(consent === 'granted' && !anonymous);
      pageCache = undefined;
    };
    const idle = (globalThis as { requestIdleCallback?: (f: () => void, o: { timeout: number }) => void }).requestIdleCallback;
    if (idle) idle(lookUp, { timeout: 2000 });
    else setTimeout(lookUp, 1000);
  }
  const identity = createIdentity(`${dbName}:id`, opts.sessionTimeout * 60_000, !anonymous && consent === 'granted');

  let destroyed = false;
  const buffer: Pending[] = [];
  const held: Pending[] = [];
  let writeQueued = false;
  let seq = 0;
  const tab = uuid().slice(0, 6);
  const pipe = (deps.createPipeline ?? createPipeline)({
    opts,
    deps,
    reporter,
    dbName,
    tab,
    anonymous,
    allowed: () => !destroyed && consent === 'granted',
  });

  /** Page part of the context (scrubbed URL, campaign …), rebuilt only when the page changes. */
  let pageCache:
    | { key: string; page: ReturnType<typeof pageInfo>; base: Properties; json: string; dims: Map<string, string> }
    | undefined;
  /**
   * The page (URL, title, referrer: slow DOM getters) is read once per task, and afresh by every
   * page() call: an SPA that pushes several routes in one task calls page() for each.
   */
  let pageChecked = false;
  const pageContext = (fresh?: boolean) => {
    if (pageChecked && !fresh && pageCache) return pageCache;
    if (!pageChecked) queueMicrotask(() => (pageChecked = false));
    pageChecked = true;
    const d = globalThis.document;
    const key = `${globalThis.location?.href}\n${d?.title}\n${d?.referrer}`;
    if (pageCache?.key !== key) {
      const page = pageInfo(urlFilter);
      const base = { ...ctx, page, campaign: campaignOf(page.url) };
      pageCache = { key, page, base, json: JSON.stringify(base), dims: new Map() };
    }
    return pageCache;
  };

  const dropped = (count: number, why: string) =>
    err('events_dropped', `${why}: ${count} oldest events dropped`, undefined, count);

  /** Write the buffered calls of this tick: ids and session added, one transaction. */
  const writeBuffer = (all = true) => {
    writeQueued = false;
    if (!buffer.length || destroyed) return;
    // A burst is written 500 calls a task, so the write of a tick never becomes a long task (with
    // 1,000 a task the bench saw one of 92 ms after a cold 10,000-call burst on a busy machine).
    const list = buffer.splice(0, all ? buffer.length : WRITE_CHUNK);
    if (buffer.length) {
      writeQueued = true;
      setTimeout(() => writeBuffer(false));
    }
    const sessions = identity.sessions(list.map((p) => p.t));
    const anonymousId = identity.anonymousId();
    const userId = identity.userId();
    const records: StoredEvent[] = list.map((p, i) => ({
      k: `e:${p.at.toString(36).padStart(9, '0')}${tab}${(seq++).toString(36).padStart(6, '0')}`,
      v: withIds(p.json, { anonymousId, userId, sessionId: sessions[i]! }),
    }));
    pipe.add(records);
  };

  const queueWrite = () => {
    if (writeQueued) return;
    writeQueued = true;
    queueMicrotask(() => {
      writeBuffer(false);
      if (unloading) pipe.unload();
    });
  };

  const emit = (type: 'track' | 'page' | 'identify', fields: Properties, o: CallOptions | undefined) => {
    if (destroyed) return;
    if (consent === 'denied') return reporter.debug(`consent denied; ${type} dropped`);
    if (bot) return reporter.debug(`bot; ${type} dropped`);
    const bad = badOptions(o);
    if (bad) return err('invalid_call', `${type}(): ${bad}`);
    const now = Date.now();
    const t = o?.timestamp instanceof Date && !Number.isNaN(+o.timestamp) ? +o.timestamp : now;
    const pc = pageContext();
    const dims = {
      channel: o?.channel ?? opts.channel,
      touchpoint: o?.touchpoint ?? opts.touchpoint ?? pc.page.path.slice(0, 200),
      journey_stage:
        o?.journey_stage ??
        deps.stageOf?.(type, fields.event as string | undefined, (fields.properties ?? fields.traits) as Properties) ??
        opts.journeyStage,
    };
    // Hot path: the context JSON is made once per page and channel/touchpoint/stage, not per
    // call, and the context object is built only when someone listens.
    const context = () => ({ ...pc.base, ...dims, ...o?.context });
    const key = `${dims.channel}\n${dims.touchpoint}\n${dims.journey_stage}`;
    const ctxJson = o?.context
      ? JSON.stringify(context())
      : (pc.dims.get(key) ?? pc.dims.set(key, `${pc.json.slice(0, -1)},${JSON.stringify(dims).slice(1)}`).get(key)!);
    const head = { type, ...fields, messageId: uuid(), timestamp: isoLocal(t) };
    const out = serialise(head, ctxJson);
    if ('error' in out) return err(out.error, `${type}(): ${out.message}`);
    const p = { json: out.json, t, at: now };
    if (consent === 'pending') {
      held.push(p);
      if (held.length > opts.queueCap) {
        held.shift();
        dropped(1, `over ${opts.queueCap} events wait for consent`);
      }
    } else {
      buffer.push(p);
      queueWrite();
    }
    const event = listeners.size ? { ...head, context: context() } : undefined;
    for (const l of listeners) {
      try {
        l(event as unknown as TouchpointEvent);
      } catch (e) {
        err('plugin_failed', `listener threw: ${safeText(e)}`, e);
      }
    }
  };

  const guarded = <A extends unknown[]>(name: string, fn: (...a: A) => void) =>
    guard(reporter, name, fn) as (...a: A) => void;

  const props = (name: string, p: unknown): Properties | undefined | false => {
    if (p === undefined || p === null) return undefined;
    if (isPlain(p)) return p;
    err('invalid_call', `${name}(): properties must be a plain object`);
    return false;
  };

  /** Between pagehide and the page going (or coming back from the bfcache). */
  let unloading = false;
  const onPageHide = () => {
    unloading = true;
    writeBuffer();
    pipe.unload();
  };
  const onPageShow = (e: Event) => {
    if (!(e as PageTransitionEvent).persisted) return;
    unloading = false;
    pipe.restore();
  };
  const wire = (m: 'addEventListener' | 'removeEventListener') => {
    if (typeof window === 'undefined') return;
    window[m]('pagehide', onPageHide);
    window[m]('pageshow', onPageShow);
  };
  wire('addEventListener');

  const tracker: Tracker = {
    options: opts,
    // The hottest call: no rest-argument wrapper.
    track(event: string, properties?: Properties, o?: CallOptions) {
      try {
        if (typeof event !== 'string' || !event.trim() || event.length > 200)
          return err('invalid_call', 'track(): event name must be a string of 1-200 chars');
        const p = props('track', properties);
        if (p !== false) emit('track', { event, properties: p ?? {} }, o);
      } catch (e) {
        err('invalid_call', `track() failed: ${safeText(e)}`, e);
      }
    },
    page: guarded('page', (name?: string, properties?: Properties, o?: CallOptions) => {
      if (name != null && (typeof name !== 'string' || name.length > 500))
        return err('invalid_call', 'page(): name must be a string ≤ 500 chars');
      const p = props('page', properties);
      if (p === false) return;
      emit('page', { ...(name ? { name } : {}), properties: { ...pageContext(true).page, ...p } }, o);
    }),
    identify: guarded('identify', (userId: string | null, traits?: Properties, o?: CallOptions) => {
      if (userId !== null && (typeof userId !== 'string' || !userId || userId.length > 200))
        return err('invalid_call', 'identify(): userId must be a non-empty string or null');
      if (anonymous) return reporter.debug('GPC anonymous mode: identify ignored');
      const t = props('identify', traits);
      const bad = badOptions(o);
      if (bad) return err('invalid_call', `identify(): ${bad}`);
      if (t === false) return;
      // Events of this tick before identify() keep the previous identity.
      writeBuffer();
      if (userId) identity.setUser(userId);
      emit('identify', { traits: t ?? {} }, o);
    }),
    reset: guarded('reset', () => {
      writeBuffer();
      identity.reset();
    }),
    async flush() {
      try {
        writeBuffer();
        await pipe.flush();
      } catch (e) {
        err('delivery_failed', `flush failed: ${safeText(e)}`, e);
      }
    },
    setConsent: guarded('setConsent', (state: ConsentState) => {
      if (!['granted', 'pending', 'denied'].includes(state))
        return err('invalid_call', `setConsent(): "granted", "pending" or "denied" expected`);
      if (gpc === 'deny' && state === 'granted')
        return err('consent_denied', 'GPC is on and gpc is "deny": consent stays denied');
      consent = state;
      identity.persist(state === 'granted' && !anonymous);
      if (state === 'granted') {
        buffer.push(...held.splice(0));
        queueWrite();
        pipe.consent(true);
      } else if (state === 'denied') {
        identity.reset(); // a later grant starts a new visitor, unlinked from before the denial
        held.length = 0;
        buffer.length = 0;
        pipe.consent(false);
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
      wire('removeEventListener');
      listeners.clear();
      await pipe.destroy();
    },
  };
  return tracker;
};

/**
 * Create a tracker. Throws a TypeError for a bad option (which one, and what is expected);
 * never throws afterwards.
 */
export const createTracker = (input: TrackerOptions, deps?: TrackerDeps): Tracker =>
  createTrackerWith(isAutomatedBrowser, input, deps);
