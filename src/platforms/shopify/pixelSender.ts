/**
 * The pixel's delivery, built for Shopify's sandbox: an in-memory queue sent in batches by
 * `fetch` (`keepalive`: it outlives the frame; `credentials: 'omit'`: no cookies; `text/plain`:
 * no CORS preflight), each body under 48 KB (a page's keepalive requests share 64 KiB). A copy of
 * the queue is written to the async `browser.localStorage` after each change, and read back by
 * the next page's pixel (`restore`), since the frame is torn down at every page change. 5xx, 408
 * and 429 are retried with back-off (doubling up to a minute); other answers end the batch.
 */
import type { PixelEntry } from './pixelEvent';

/** Shopify's `browser.localStorage`: async, reached in the top frame. */
export interface AsyncStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
}

/** Settings of {@link createPixelSender}. */
export interface PixelSenderOptions {
  /** The batch URL. */
  url: string;
  writeKey?: string;
  /** Milliseconds between sends. */
  interval: number;
  storage?: AsyncStorage;
  fetch: typeof fetch;
  setTimeout: typeof setTimeout;
}

const KEY = 'touchpoint-pixel-queue';
const MAX_BODY = 48 * 1024;
const MAX_QUEUE = 1000;

/** The queue and its sending. Nothing is stored or sent until `start()` (consent given). */
export const createPixelSender = (o: PixelSenderOptions) => {
  // Called unbound: `o.fetch(…)` would run fetch with `this` = o ("Illegal invocation").
  const { fetch: post, setTimeout: later } = o;
  let queue: PixelEntry[] = [];
  let on = false;
  /** Until the stored copy has been read, writing it would erase what an earlier page left. */
  let restoring = false;
  let timer: unknown;
  let sending = false;
  let failures = 0;

  const persist = () => {
    if (on && !restoring) o.storage?.setItem(KEY, JSON.stringify(queue.map((e) => e.json))).catch(() => {});
  };
  const schedule = (ms = o.interval) => {
    if (timer || !queue.length) return;
    timer = later(() => {
      timer = undefined;
      void flush();
    }, ms);
  };
  /** The oldest events that fit in one body. */
  const nextBatch = () => {
    const batch: PixelEntry[] = [];
    let size = 100;
    for (const e of queue) {
      if (batch.length && size + e.json.length > MAX_BODY) break;
      batch.push(e);
      size += e.json.length + 1;
    }
    return batch;
  };
  const flush = async (): Promise<void> => {
    if (!on || sending || !queue.length) return;
    sending = true;
    const batch = nextBatch();
    const key = o.writeKey ? `,"writeKey":${JSON.stringify(o.writeKey)}` : '';
    const body = `{"batch":[${batch.map((e) => e.json).join(',')}],"sentAt":${JSON.stringify(new Date().toISOString())}${key}}`;
    try {
      const res = await post(o.url, { method: 'POST', body, keepalive: true, credentials: 'omit', headers: { 'content-type': 'text/plain' } });
      const retry = res.status >= 500 || res.status == 408 || res.status == 429;
      failures = retry ? failures + 1 : 0;
      if (!retry) {
        const sent = new Set(batch.map((e) => e.id));
        queue = queue.filter((e) => !sent.has(e.id));
        persist();
      }
    } catch {
      failures++;
    }
    sending = false;
    schedule(failures ? Math.min(60_000, o.interval * 2 ** failures) : o.interval);
  };

  return {
    flush,
    /** Queue events; `now` sends at once (an order). */
    add(entries: PixelEntry[], now = false) {
      queue.push(...entries);
      if (queue.length > MAX_QUEUE) queue.splice(0, queue.length - MAX_QUEUE);
      persist();
      if (now) void flush();
      else schedule();
    },
    /** Consent given: store and send from now on, starting with what earlier pages left. */
    start() {
      if (on) return;
      on = true;
      schedule(0);
      if (!o.storage) return;
      restoring = true;
      o.storage
        .getItem(KEY)
        .then((raw) => {
          if (!on) return; // refused meanwhile
          const known = new Set(queue.map((e) => e.id));
          const earlier = (JSON.parse(raw || '[]') as unknown[])
            .filter((json): json is string => typeof json === 'string')
            .map((json) => ({ id: String(JSON.parse(json).messageId), json }))
            .filter((e) => !known.has(e.id));
          queue.unshift(...earlier);
        })
        .catch(() => {})
        .finally(() => {
          restoring = false;
          persist();
          schedule(0);
        });
    },
    /** Consent refused: drop the queue and its stored copy; nothing is stored or sent any more. */
    stop() {
      on = false;
      queue = [];
      o.storage?.setItem(KEY, '[]').catch(() => {});
    },
  };
};
