/** Options of {@link createForwarder}. */
export interface ForwardOptions {
  /** Upstream Segment-compatible batch URL, e.g. `https://api.segment.io/v1/batch`. */
  url: string;
  /** Upstream write key, sent as HTTP Basic user name (Segment, RudderStack, Jitsu all read it so). */
  writeKey?: string;
  /** Extra request headers (e.g. a Jitsu `X-Write-Key`). */
  headers?: Record<string, string>;
  /** Attempts per batch, the first included. Default 6. */
  attempts?: number;
  /** First backoff in ms, doubled per attempt with full jitter, capped at `maxDelayMs`. Default 500. */
  baseDelayMs?: number;
  /** Longest wait between attempts. Default 60,000. */
  maxDelayMs?: number;
  /** Most batches waiting in memory; the oldest are dropped (and counted) beyond it. Default 1,000. */
  maxQueue?: number;
  /** Per-attempt timeout in ms. Default 10,000. */
  timeoutMs?: number;
  /** The fetch to use (tests inject one). Default: global `fetch`. */
  fetch?: typeof fetch;
  /** Called when a batch is given up (4xx other than 408/429, attempts exhausted, or queue overflow). */
  onDrop?: (info: { reason: string; events: number; status?: number }) => void;
}

/** Counters of a forwarder. */
export interface ForwardStats {
  sent: number;
  retried: number;
  dropped: number;
  queued: number;
}

/** Sends accepted batches upstream in the background. */
export interface Forwarder {
  /** Queue a batch (events exactly as received) for forwarding. Never throws, never blocks. */
  enqueue(batch: unknown[], sentAt?: string): void;
  /** Resolves when the queue is empty (tests, graceful shutdown). */
  drain(): Promise<void>;
  /** Counters so far. */
  stats(): ForwardStats;
  /** Stop: pending batches are dropped. */
  close(): void;
}

const RETRIABLE = (status: number) => status >= 500 || status === 408 || status === 429;

/**
 * Forward every accepted batch, unchanged, to an upstream Segment-compatible `/v1/batch`, one
 * request at a time in arrival order, retrying 5xx/408/429 and network errors with exponential
 * backoff and full jitter, honouring `Retry-After`. The queue lives in memory: forwarding happens
 * *after* the local commit, so the local store stays the source of truth and a restart loses only
 * the upstream copy of the last few seconds.
 */
export const createForwarder = ({
  url,
  writeKey,
  headers = {},
  attempts = 6,
  baseDelayMs = 500,
  maxDelayMs = 60_000,
  maxQueue = 1000,
  timeoutMs = 10_000,
  fetch: doFetch = fetch,
  onDrop,
}: ForwardOptions): Forwarder => {
  const queue: { batch: unknown[]; sentAt?: string }[] = [];
  const counters = { sent: 0, retried: 0, dropped: 0 };
  let running: Promise<void> | null = null;
  let closed = false;
  let wake: (() => void) | null = null;
  const auth: Record<string, string> = writeKey ? { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` } : {};

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const drop = (reason: string, events: number, status?: number) => {
    counters.dropped += 1;
    try {
      onDrop?.({ reason, events, ...(status === undefined ? {} : { status }) });
    } catch {
      // a failing hook must not stop forwarding
    }
  };

  const send = async (item: { batch: unknown[]; sentAt?: string }) => {
    const body = JSON.stringify({ batch: item.batch, sentAt: item.sentAt ?? new Date().toISOString() });
    for (let attempt = 1; attempt <= attempts && !closed; attempt++) {
      let status = 0;
      let retryAfter = NaN;
      try {
        const response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth, ...headers },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        retryAfter = Number(response.headers.get('retry-after')) * 1000;
        await response.arrayBuffer().catch(() => undefined);
      } catch {
        status = 0; // network error or timeout: retriable
      }
      if (status >= 200 && status < 300) {
        counters.sent += 1;
        return;
      }
      if (status && !RETRIABLE(status)) return drop(`upstream answered ${status}`, item.batch.length, status);
      if (attempt === attempts) break;
      counters.retried += 1;
      const backoff = Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, maxDelayMs) : backoff);
    }
    if (!closed) drop(`gave up after ${attempts} attempts`, item.batch.length);
  };

  const run = async () => {
    while (queue.length && !closed) await send(queue.shift()!);
    running = null;
  };

  return {
    enqueue: (batch, sentAt) => {
      if (closed || !batch.length) return;
      queue.push(sentAt === undefined ? { batch } : { batch, sentAt });
      if (queue.length > maxQueue) drop('forwarding queue full', queue.shift()!.batch.length);
      running ??= run();
    },
    drain: async () => {
      while (running) await running;
    },
    stats: () => ({ ...counters, queued: queue.length }),
    close: () => {
      closed = true;
      queue.length = 0;
      wake?.();
    },
  };
};
