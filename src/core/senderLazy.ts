/**
 * The script tag's sender, swapped in for createSender.ts by rollup.config.mjs. The delivery
 * engine (batching, retries with back-off, Retry-After, 413 splits, `fetchLater`) is the chunk
 * `touchpoint.send.js`, fetched once this tab is (or is next in line to be) the sender and the
 * page has loaded — it never delays the host's `load` event, and nothing is sent before the flush
 * interval anyway. Until it has arrived, this stand-in keeps the tab's own events and hands them
 * to the browser at page exit itself (one beacon); what the tracker told it meanwhile is replayed
 * to the engine in order, and the events it kept are handed to the engine's memory. The events
 * are in IndexedDB all along: if the chunk never loads, a later page that gets it sends them.
 */
import type { Sender, SenderConfig } from './createSender';
import { LIMITS } from './limits';
import { afterLoad, loadChunk } from './loadChunk';
import { pack } from './pack';
import type { StoredEvent } from './storage';

type Method = keyof Sender;
type Engine = { createSender(c: SenderConfig): Sender };

export const createSender = (c: SenderConfig): Sender => {
  let real: Sender | undefined;
  const calls: [Method, unknown[]][] = [];
  /** This tab's events, as the engine would remember them. */
  const own = new Map<string, string>();
  let cap = 0;
  let leader = false;
  let elected = false;
  let stopped = false;
  /** When the chunk last failed to load: retries from notify/online wait 30 s. */
  let failedAt = -Infinity;
  const sends = () => leader || elected || !c.store().durable;

  let starting: Promise<void> | undefined;
  /** Load the engine (at once for a flush, else after the page's load event) and hand over. */
  const start = (now?: boolean): Promise<void> => {
    if (real || stopped || (!now && Date.now() - failedAt < 30_000)) return Promise.resolve();
    if (!now && starting) return starting;
    const s = (now ? Promise.resolve() : afterLoad())
      .then(() => loadChunk('send'))
      .then(() => {
        if (real || stopped) return;
        const r = (real = (window as unknown as { touchpointSend: Engine }).touchpointSend.createSender(c));
        // A call the engine refuses (a stale cached chunk) must not stop the others.
        for (const [m, a] of calls.splice(0))
          try {
            (r[m] as (...a: unknown[]) => unknown)(...a);
          } catch (e) {
            c.reporter.debug('delivery engine', e);
          }
        const kept: StoredEvent[] = [];
        for (const [k, v] of own) kept.push({ k, v });
        own.clear();
        if (kept.length) r.remember(kept, cap);
      })
      .catch((e) => {
        failedAt = Date.now();
        c.reporter.debug('delivery engine', e);
      })
      .finally(() => {
        if (starting === s) starting = undefined;
      });
    if (!now) starting = s;
    return s;
  };

  /** Forward to the engine, or note the call for it (after `before` updated this stand-in). */
  const pass =
    (m: Method, before?: (...a: never[]) => unknown) =>
    (...a: unknown[]): void => {
      if (real) return void (real[m] as (...a: unknown[]) => unknown)(...a);
      before?.(...(a as never[]));
      calls.push([m, a]);
    };

  return {
    // Kept here, not noted: the engine gets them all at once when it arrives.
    remember: (events, n) => {
      if (real) return real.remember(events, n);
      if (!sends()) return;
      cap = n;
      for (const e of events) own.set(e.k, e.v);
      for (const k of own.keys()) {
        if (own.size <= cap) break;
        own.delete(k);
      }
    },
    setLeader: pass('setLeader', (on: boolean) => {
      leader = on;
      if (!elected) own.clear();
      elected = false;
      if (on) void start();
    }),
    elect: pass('elect', () => {
      elected = true;
      void start();
    }),
    // Not noted: the engine drains the whole queue when it becomes the sender.
    notify: (n) => (real ? real.notify(n) : void (sends() && start())),
    flush: () => (real ? real.flush() : sends() ? start(true).then(() => real?.flush()) : Promise.resolve()),
    forget: pass('forget', () => own.clear()),
    rearm: pass('rearm'),
    leave: pass('leave'),
    setHidden: pass('setHidden'),
    restore: pass('restore'),
    online: pass('online', () => void (sends() && start())),
    stop: pass('stop', () => (stopped = true)),
    unload() {
      if (real) return real.unload();
      const handed: string[] = [];
      if (sends() && !stopped && c.allowed() && !c.failing && globalThis.navigator?.onLine !== false) {
        // One beacon of at most one request's bytes; what does not fit stays queued.
        const rest: StoredEvent[] = [];
        for (const [k, v] of own) rest.push({ k, v });
        const { body, keys } = pack(rest, LIMITS.requestBytes, { writeKey: c.writeKey });
        if (rest.length && c.transport.beacon(c.url, body)) handed.push(...keys);
        for (const k of handed) own.delete(k);
        if (handed.length) c.store().remove(handed).catch(() => {});
      }
      return handed;
    },
  };
};
