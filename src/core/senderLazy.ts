/**
 * The script tag's sender, swapped in for createSender.ts by rollup.config.mjs. The delivery
 * engine (batching, retries with back-off, Retry-After, 413 splits, `fetchLater`) is the chunk
 * `touchpoint.send.js`, loaded as soon as this tab becomes the sender: nothing is sent before
 * the flush interval anyway, so it stays off the page's critical path. Until it has arrived,
 * this stand-in keeps the tab's own events and hands them to the browser at page exit itself
 * (one beacon); everything the tracker told it meanwhile is
 * replayed to the engine in order. The events are in IndexedDB all along: if the chunk never
 * loads, a later page of the origin that gets it sends them.
 */
import type { Sender, SenderConfig } from './createSender';
import { LIMITS } from './limits';
import { loadChunk } from './loadChunk';
import { pack } from './pack';
import type { StoredEvent } from './storage';

type Method = keyof Sender;
type Call = [Method, unknown[]];

export const createSender = (c: SenderConfig): Sender => {
  let real: Sender | undefined;
  const calls: Call[] = [];
  /** This tab's events (as the engine would remember them) and the keys beaconed meanwhile. */
  const own = new Map<string, string>();
  const gone = new Set<string>();
  let leader = false;
  let elected = false;
  let stopped = false;

  const start = () =>
    loadChunk('send')
      .then(() => {
        if (real || stopped) return;
        const engine = (window as unknown as { touchpointSend: { createSender(c: SenderConfig): Sender } }).touchpointSend;
        const r = engine.createSender(c);
        for (const [m, a] of calls) {
          // Events this stand-in already beaconed are not the engine's to send again.
          if (m == 'remember') a[0] = (a[0] as StoredEvent[]).filter((e) => !gone.has(e.k));
          (r[m] as (...a: unknown[]) => unknown)(...a);
        }
        calls.length = 0;
        own.clear();
        real = r;
      })
      .catch((e) => c.reporter.debug('delivery engine', e));

  /** Forward to the engine, or note the call for it. */
  const pass =
    (m: Method, before?: (...a: never[]) => void) =>
    (...a: unknown[]): void => {
      if (real) return void (real[m] as (...a: unknown[]) => unknown)(...a);
      before?.(...(a as never[]));
      calls.push([m, a]);
    };

  return {
    remember: pass('remember', (events: StoredEvent[], cap: number) => {
      if (!leader && !elected && c.store().durable) return;
      for (const e of events) own.set(e.k, e.v);
      for (const k of own.keys()) {
        if (own.size <= cap) break;
        own.delete(k);
      }
    }),
    setLeader: pass('setLeader', (on: boolean) => {
      leader = on;
      if (!elected) own.clear();
      elected = false;
      if (on) void start();
    }),
    // Next in line for the sender lock: fetch the engine at once (it usually arrives before the
    // page's load event, so even an early exit is handed over by the engine).
    elect: pass('elect', () => {
      elected = true;
      void start();
    }),
    notify: pass('notify'),
    flush: () => (real ? real.flush() : start().then(() => real?.flush())),
    rearm: pass('rearm'),
    leave: pass('leave'),
    setHidden: pass('setHidden'),
    restore: pass('restore'),
    online: pass('online'),
    stop: pass('stop', () => (stopped = true)),
    unload() {
      if (real) return real.unload();
      let handed: string[] = [];
      if (
        (leader || elected || !c.store().durable) &&
        !stopped &&
        c.allowed() &&
        !c.failing &&
        globalThis.navigator?.onLine !== false
      ) {
        // One beacon of at most one request's bytes: the browser refuses it (false) past the
        // page's keepalive budget, and what is not handed over stays queued for the next page.
        const rest: StoredEvent[] = [];
        for (const [k, v] of own) rest.push({ k, v });
        const { body, keys } = pack(rest, LIMITS.requestBytes, { writeKey: c.writeKey });
        if (rest.length && c.transport.beacon(c.url, body)) handed = keys;
        for (const k of handed) own.delete(k), gone.add(k);
        if (handed.length) c.store().remove(handed).catch(() => {});
      }
      return handed;
    },
  };
};
