/**
 * How bytes leave the page. `fetch` POST with a `text/plain` body (a CORS "simple" request: no
 * preflight, no cookies); `keepalive` so a send survives the page going away; the same,
 * without waiting for an answer, at unload (beacon.ts); and Chromium's `fetchLater()`, a request
 * the browser sends when the page is destroyed (even when the tab is killed). Injectable so unit tests need no monkey-patching.
 */
import { beacon } from './beacon';

/** Outcome of one request: an HTTP status (0 for a network error) and Retry-After in ms. */
export interface SendResult {
  status: number;
  retryAfter?: number;
}

/** A pending `fetchLater()` request. */
export interface Deferred {
  /** True once the browser sent it. */
  readonly activated: boolean;
  /** Withdraw it (no-op once sent). */
  abort(): void;
}

export interface Transport {
  /** POST and wait for the answer; never rejects (an abort is status 0). */
  send(url: string, body: string, keepalive: boolean, signal?: AbortSignal): Promise<SendResult>;
  /** Hand a body to the browser at unload; true when it accepted it. */
  beacon(url: string, body: string): boolean;
  /** Arm a deferred request, or undefined where `fetchLater` is missing or refuses (quota). */
  later?(url: string, body: string): Deferred | undefined;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export const parseRetryAfter = (h: string | null | undefined, now = Date.now()): number | undefined => {
  if (!h) return undefined;
  const s = Number(h);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const d = Date.parse(h);
  return Number.isNaN(d) ? undefined : Math.max(0, d - now);
};

type FetchLater = (url: string, init: RequestInit) => { activated: boolean };

/** The browser transport. */
export const browserTransport = (): Transport => {
  const fetchLater = (globalThis as { fetchLater?: FetchLater }).fetchLater;
  return {
    async send(url, body, keepalive, signal) {
      try {
        const res = await fetch(url, { method: 'POST', body, keepalive, credentials: 'omit', mode: 'cors', signal });
        // Chromium counts a keepalive request against the page's 64 KiB budget until its
        // response body is read: an unread body makes the next keepalive sends fail.
        await res.text().catch(() => '');
        return { status: res.status, retryAfter: parseRetryAfter(res.headers.get('retry-after')) };
      } catch {
        return { status: 0 };
      }
    },
    beacon,
    later: fetchLater
      ? (url, body) => {
          try {
            const c = new AbortController();
            const r = fetchLater(url, { method: 'POST', body, credentials: 'omit', signal: c.signal });
            return {
              get activated() {
                return r.activated;
              },
              abort: () => c.abort(),
            };
          } catch {
            // QuotaExceededError, non-secure context …: the unload beacon still covers us.
            return undefined;
          }
        }
      : undefined,
  };
};
