/**
 * The delivery engine. Exactly one tab of an origin sends (it holds a Web Lock); every tab writes
 * into the shared IndexedDB queue. The sender reads the head of the queue, posts it as a Segment
 * batch, and deletes events only after a 2xx. Retries back off exponentially with jitter and
 * honour Retry-After; a 413 halves the batch; other 4xx drop the batch and report it. At page
 * exit the tab's own unsent events go out by beacon within the shared 64 KiB keepalive budget,
 * and where `fetchLater()` exists a deferred request keeps them armed in case the tab is killed.
 */
import { LIMITS } from './limits';
import { handOut, pack } from './pack';
import type { Reporter } from './reporter';
import type { EventStore, StoredEvent } from './storage';
import type { Deferred, Transport } from './transport';
import { createUnsentEvents, type UnsentEvents } from './unsentEvents';

export { pack };

export interface SenderConfig {
  url: string;
  writeKey?: string;
  batchSize: number;
  flushInterval: number;
  retry: { minDelay: number; maxDelay: number };
  transport: Transport;
  reporter: Reporter;
  /** The store in use (it may switch to memory at run time). */
  store: () => EventStore;
  /** Whether sending is allowed now (consent, destroyed …). */
  allowed: () => boolean;
  /** The collector was failing when an earlier page of this origin last heard from it. */
  failing?: boolean;
  /** Called when the failing state changes, to share it with later pages. */
  onFailing?: (failing: boolean) => void;
  /** A run failed with an exception (a storage error: the tracker switches to memory). */
  onRunError?: (e: unknown) => void;
  /** This tab's unsent events, shared with the pipeline (default: the sender's own). */
  unsent?: UnsentEvents;
}

export interface Sender {
  /** Remember events this tab wrote, for the unload send (only while this tab sends). */
  remember(events: StoredEvent[], cap: number): void;
  /** Start or stop being the sending tab. */
  setLeader(on: boolean): void;
  /**
   * No other tab holds the sender lock: this tab will be the sender as soon as the lock is
   * granted, so its own events are remembered (and handed over at unload) from now on.
   */
  elect(): void;
  /** New events were queued (by this tab, or `n` by another). */
  notify(n: number): void;
  /** Send now (outside exponential back-off, but never before a Retry-After). */
  flush(): Promise<void>;
  /** Re-arm the deferred request after the pending set changed. */
  rearm(): void;
  /** Consent was denied: drop this tab's remembered events (they must never leave at exit). */
  forget(): void;
  /** Page exit: hand what this tab has to the browser; returns the keys handed over. */
  unload(): string[];
  /** A cross-document navigation started (true) or the page is shown again (false). */
  leave(on: boolean): void;
  /** The page was hidden (true) or shown (false). */
  setHidden(on: boolean): void;
  /** Back from the back/forward cache. */
  restore(): void;
  /** The network came back. */
  online(): void;
  stop(): void;
}

const RETRYABLE = (s: number) => s === 0 || s === 408 || s === 429 || s >= 500;

export const createSender = (c: SenderConfig): Sender => {
  const unsent = c.unsent ?? createUnsentEvents();
  let leader = false;
  let running: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let backoffUntil = 0;
  let retryAfterUntil = 0;
  /** The collector answered with an HTTP failure: unload sends would be lost, keep events. */
  let failing = !!c.failing;
  const setFailing = (f: boolean) => {
    if (f !== failing) c.onFailing?.(f);
    failing = f;
  };
  /**
   * Events per request: `batchSize`, or half of the last batch the collector refused as too large
   * (413). Remembered for later batches (a collector's body limit does not change between them),
   * so each batch is not refused once before it is halved.
   */
  let limit = c.batchSize;
  /** Events queued since the last run began: a full batch starts a run at once. */
  let queuedSinceRun = 0;
  let stopped = false;
  /**
   * The page started a cross-document navigation: Chromium may cancel a request begun now, so
   * no new request starts and pagehide hands everything to beacons instead.
   */
  let leaving = false;
  let hidden = false;
  /** No tab held the sender lock when this one asked: it is next in line (see elect()). */
  let elected = false;
  let armed: { d: Deferred; keys: string[]; events: StoredEvent[] } | undefined;
  let handedOver: typeof armed;

  const canSend = () =>
    !stopped && c.allowed() && (leader || !c.store().durable) && globalThis.navigator?.onLine !== false;

  const schedule = (ms: number) => {
    if (timer !== undefined || stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      void run(false);
    }, ms);
  };

  const backoff = (retryAfter?: number) => {
    attempt++;
    // minDelay, doubling, up to maxDelay; up to +50% jitter spreads tabs and devices after an outage.
    let wait = Math.min(c.retry.maxDelay, c.retry.minDelay * 2 ** (attempt - 1) * (1 + Math.random() / 2));
    if (retryAfter !== undefined) {
      wait = Math.max(wait, retryAfter);
      retryAfterUntil = Date.now() + retryAfter;
    }
    backoffUntil = Date.now() + wait;
    c.reporter.debug(`retry #${attempt} in ${wait | 0} ms`);
    clearTimeout(timer);
    timer = undefined;
    schedule(wait);
    rearm();
  };

  const loop = async (force: boolean) => {
    if (!canSend()) return;
    const now = Date.now();
    const wait = Math.max(retryAfterUntil, force ? 0 : backoffUntil) - now;
    if (wait > 0) return schedule(wait + 1);
    clearTimeout(timer);
    timer = undefined;
    queuedSinceRun = 0;
    for (let round = 0; round < 10_000 && canSend() && !leaving; round++) {
      const store = c.store();
      const head = await store.head(limit);
      if (!head.length) break;
      const dropped = (await store.meta<number>('dropped')) ?? 0;
      const { body, keys, bytes } = pack(head, LIMITS.requestBytes, { writeKey: c.writeKey, dropped });
      if (leaving || !canSend()) break; // the page started leaving while we read the queue
      unsent.setInFlight({ events: head.slice(0, keys.length), bytes });
      rearm();
      const res = await c.transport.send(c.url, body, true);
      unsent.setInFlight(undefined);
      const done = async () => {
        // Delivered: forget them at once; the delete may not commit if the page dies now,
        // so `acked` lets unload() note them in the journal for the next sender.
        unsent.delivered(keys);
        await store.remove(keys);
        unsent.deleted(keys);
      };
      if (res.status >= 200 && res.status < 300) {
        await done();
        if (dropped) {
          // Evictions counted while this batch was under way stay for the next one.
          const droppedSince = ((await store.meta<number>('dropped')) ?? dropped) - dropped;
          await store.setMeta('dropped', droppedSince || undefined);
        }
        attempt = 0;
        backoffUntil = retryAfterUntil = 0;
        setFailing(false);
        continue;
      }
      if (res.status === 413 && keys.length > 1) {
        limit = Math.ceil(keys.length / 2);
        continue;
      }
      if (RETRYABLE(res.status)) {
        c.reporter.debug(`HTTP ${res.status}`);
        // A network error is also what a page being torn down sees; only HTTP failures mean
        // the collector is in trouble and unload-time sends would be thrown away.
        setFailing(res.status !== 0);
        backoff(res.status === 429 || res.status === 503 ? res.retryAfter : undefined);
        return;
      }
      // A 4xx the collector will answer again: drop the batch so the queue keeps moving.
      await done();
      c.reporter.error({
        code: 'delivery_rejected',
        status: res.status,
        count: keys.length,
        message: `collector rejected ${keys.length} events: HTTP ${res.status}`,
      });
    }
    rearm();
  };

  const run = (force: boolean): Promise<void> => {
    // A run under way may have read the queue before the caller's events landed: chain a new one.
    if (running) return running.then(() => run(force));
    running = loop(force)
      .catch((e) =>
        c.onRunError ? c.onRunError(e) : c.reporter.error({ code: 'delivery_failed', message: `delivery error: ${e}`, cause: e }),
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const disarm = () => {
    armed?.d.abort();
    armed = undefined;
  };

  /** Keep this tab's undelivered events armed in a deferred request (Chromium's fetchLater). */
  const rearm = () => {
    if (!c.transport.later || stopped) return;
    // Armed only while the page is hidden: that is when a tab gets discarded or killed with no
    // further JavaScript, and re-arming on every event of a visible page is churn for nothing.
    if (!leader || !hidden || leaving || !c.allowed() || failing) return disarm();
    const events = unsent.own();
    if (!events.length) return disarm();
    const { body, keys } = pack(events, LIMITS.requestBytes, { writeKey: c.writeKey });
    if (armed && armed.keys.length === keys.length && armed.keys.every((k, i) => k === keys[i])) return;
    disarm();
    const d = c.transport.later(c.url, body);
    if (d) armed = { d, keys, events: events.slice(0, keys.length) };
  };

  return {
    remember(events, cap) {
      if (!leader && !elected && c.store().durable) return;
      unsent.keep(events, cap);
      rearm();
    },
    elect() {
      elected = true;
    },
    setLeader(on) {
      leader = on;
      // Another tab may have delivered what this tab wrote while it was not the sender (not so
      // when this tab was next in line from the start: nobody else was sending).
      if (!elected) unsent.forgetOwn();
      elected = false;
      if (on) void run(false);
      else disarm();
    },
    notify(n) {
      queuedSinceRun += n;
      if (queuedSinceRun >= c.batchSize) void run(false);
      else schedule(c.flushInterval);
    },
    flush: () => run(true),
    rearm,
    forget() {
      unsent.forgetOwn();
      disarm();
    },
    unload() {
      leaving = true;
      // Only the sending tab (or the next in line) hands over; never into a collector known to be
      // failing, nor offline, where the request would fail after its events counted as handed.
      const mayHandOver = canSend() || (elected && c.allowed());
      if (!mayHandOver || failing || globalThis.navigator?.onLine === false) return unsent.acknowledged();
      const handed: string[] = [];
      if (armed && !armed.d.activated) {
        // The browser sends an armed deferred request when the page goes away.
        handed.push(...armed.keys);
        handedOver = armed;
      }
      armed = undefined;
      // A keepalive request under way outlives the page: the browser has it. The budget is the
      // page's: a second hand-over (events tracked after pagehide) gets the rest.
      const exit = unsent.startExit();
      handed.push(...exit.inFlightKeys);
      const skip = new Set(handed);
      const rest = unsent.own().filter((e) => !skip.has(e.k));
      const out = handOut(rest, exit.budget, c.writeKey, (body) => c.transport.beacon(c.url, body));
      handed.push(...out.keys);
      unsent.handedOver(handed, out.budget);
      if (handed.length) c.store().remove(handed).catch(() => {});
      return [...handed, ...unsent.acknowledged()];
    },
    setHidden(on) {
      hidden = on;
      rearm();
    },
    leave(on) {
      leaving = on;
      if (!on) void run(false);
    },
    restore() {
      leaving = false;
      unsent.restore();
      // Back from the bfcache: a deferred request not yet sent still holds events we deleted.
      const h = handedOver;
      handedOver = undefined;
      if (h && !h.d.activated) {
        h.d.abort();
        unsent.keep(h.events, Number.MAX_SAFE_INTEGER);
        c.store().add(h.events, Number.MAX_SAFE_INTEGER).catch(() => {});
      }
      void run(false);
    },
    online() {
      attempt = 0;
      backoffUntil = 0;
      void run(false);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      disarm();
    },
  };
};
