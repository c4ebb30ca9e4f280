import { BatchEnvelopeSchema } from '../schema/event';
import { LIMITS } from '../core/limits';
import { clientAddress, type TrustProxy } from './clientAddress';
import { createCors } from './cors';
import { createFailureLog } from './failureLog';
import { createForwarder, type ForwardOptions, type Forwarder } from './forwarder';
import { withBatchContext } from './batchContext';
import { ingest, type IngestResult } from './ingest';
import { json, problem } from './problem';
import { createRateLimiter, type RateLimitOptions } from './rateLimiter';
import { readBody } from './readBody';
import type { AlertRunner } from './report/alertRunner';
import { handleAck } from './report/handleAck';
import { handleReport, type ReportFormat, type ReportOptions } from './report/handleReport';
import { prepareReport } from './report/prepareReport';
import { ReportBusyError } from './report/reportBusy';
import { checkReportAccess, DEFAULT_REPORT_HOSTS, resolveReportToken } from './reportAccess';
import { createSqliteStore } from './sqliteStore';
import type { EventStore } from './store';
import { isValidWriteKey, writeKeyOf } from './writeKey';
import { handleWebhook, type WebhookSecrets } from './webhooks/handleWebhook';

/** Options of {@link createCollector}. Every field is optional. */
export interface CollectorOptions {
  /** Where events go. Default: SQLite at {@link CollectorOptions.dbPath}. */
  store?: EventStore;
  /** SQLite file of the default store. Default `./data/touchpoint.db`. */
  dbPath?: string;
  /** Accepted write keys. When set, each request must carry one (HTTP Basic user or body `writeKey`) or gets 401. Default: none required. */
  writeKeys?: string[];
  /** Origins allowed to send from browsers, or `'*'` for any. Default `'*'`. */
  corsOrigins?: '*' | string[];
  /** Per-client token bucket, or `false` to switch it off. Default `{ perSecond: 50, burst: 200 }`. */
  rateLimit?: RateLimitOptions | false;
  /**
   * Proxies in front of the collector, for rate limiting by the real client: a hop count (`1`, or
   * `true`, for one reverse proxy) or the proxies' addresses / IPv4 CIDRs. The client is the first
   * untrusted address from the right of `X-Forwarded-For`, so a spoofed header changes nothing.
   * Default false: the socket address.
   */
  trustProxy?: TrustProxy;
  /**
   * The report's credential (`?token=` or `Authorization: Bearer`). Default: `TOUCHPOINT_REPORT_TOKEN`,
   * else one generated at first start, saved next to the database (`<db>.report-token`) and logged once.
   */
  reportToken?: string;
  /** Host names the report answers on (`Host` header, DNS-rebinding guard); `'*'` for any. Default: loopback names (plus the address `listen()` binds). */
  reportHosts?: string[];
  /** One-line messages: store failures (rate-limited) and a generated report token. Default `console.error`. */
  log?: (line: string) => void;
  /** Largest request body, before and after gzip. Default 512 KB. */
  maxBodyBytes?: number;
  /** Largest single event (serialised). Default 32 KB. */
  maxEventBytes?: number;
  /** Most events per batch; more is answered 413 so the SDK splits the batch. Default 2,500. */
  maxBatchEvents?: number;
  /** Forward every accepted batch to an upstream Segment-compatible URL. Default: off. */
  forward?: ForwardOptions | Forwarder;
  /** The journey report at `GET /report` and `/report.json`, or `false` to switch it off. Default on. */
  report?: ReportOptions | false;
  /** Prefix of every route when mounted under a path (e.g. `/collect`). Default `''`. */
  basePath?: string;
  /** Order webhooks at `POST /v1/webhooks/<platform>`: each platform's signing secret (docs/platforms/webhooks.md). Default: none. */
  webhooks?: WebhookSecrets;
  /** Clock (tests). Default `Date.now`. */
  now?: () => number;
  /** Told about store failures and unexpected errors (the request itself gets a 5xx). */
  onError?: (error: unknown) => void;
}

/** Facts about the connection that a `Request` does not carry. */
export interface ClientInfo {
  /** Remote IP address, for rate limiting. */
  clientAddress?: string;
}

/** The collector: a Fetch API handler plus its store and forwarder. */
export interface Collector {
  (request: Request, info?: ClientInfo): Promise<Response>;
  /** The store events are written to. */
  readonly store: EventStore;
  /** The forwarder, when forwarding is configured. */
  readonly forwarder: Forwarder | undefined;
  /** The report's credential. */
  readonly reportToken: string;
  /** The report's alert rules and their book, unless `report: false` or `report.alerts: false`. */
  readonly alerts: AlertRunner | undefined;
  /** Stop forwarding and close the store. */
  close(): Promise<void>;
}

const SINGLE = new Set(['track', 'page', 'identify']);
const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);
const REPORT_ROUTES: Record<string, ReportFormat | undefined> = {
  '/report': 'html',
  '/report.json': 'json',
  '/report.schema.json': 'schema',
  '/report/ratings.csv': 'ratings.csv',
  '/report/touchpoints.csv': 'touchpoints.csv',
};

/**
 * Headers every answer carries: never framed (clickjacking), never sniffed into another type,
 * never sending the URL (which may hold the report token) to another site.
 */
export const SAFETY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const withSafetyHeaders = (response: Response): Response => {
  for (const [k, v] of Object.entries(SAFETY_HEADERS)) response.headers.set(k, v);
  const csp = response.headers.get('content-security-policy');
  if (!csp) response.headers.set('content-security-policy', "frame-ancestors 'none'");
  else if (!/frame-ancestors/.test(csp)) response.headers.set('content-security-policy', `${csp}; frame-ancestors 'none'`);
  return response;
};

/**
 * Create the reference collector: a handler on the standard `Request`/`Response` API, so it mounts
 * in `node:http` ({@link createServer}), Hono, Fastify, Bun, Deno or a serverless function.
 *
 * Routes: `POST /v1/batch` (`{ batch: […], sentAt, writeKey? }`), `POST /v1/track|page|identify`
 * (one event), `OPTIONS` preflights, `GET /report`, `/report.json`, `/report.schema.json`,
 * `/report/ratings.csv`, `/report/touchpoints.csv`, `POST /report/alerts/ack` (report routes need the
 * report token), `GET /health`, and with the `webhooks` option
 * `POST /v1/webhooks/<platform>` (signed order webhooks).
 * Batches answer 200 with `{ ok, accepted, duplicates, rejected: [{ index, reason }] }`; whole-
 * request problems answer a 4xx `{ ok: false, error: { code, message } }`. Never throws.
 */
export const createCollector = (options: CollectorOptions = {}): Collector => {
  const {
    dbPath,
    writeKeys,
    corsOrigins = '*',
    rateLimit = {},
    trustProxy = false,
    maxBodyBytes = 512 * 1024,
    maxEventBytes = LIMITS.eventBytes,
    maxBatchEvents = LIMITS.batchEvents,
    forward,
    report = {},
    basePath = '',
    now = Date.now,
    onError,
    log = (line: string) => console.error(line),
  } = options;
  const store = options.store ?? createSqliteStore(dbPath === undefined ? {} : { path: dbPath });
  const tokenFile = options.store || dbPath === ':memory:' ? undefined : `${dbPath ?? './data/touchpoint.db'}.report-token`;
  const reportToken = resolveReportToken({ option: options.reportToken, env: process.env.TOUCHPOINT_REPORT_TOKEN, file: tokenFile, log });
  const reportHosts = options.reportHosts ?? DEFAULT_REPORT_HOSTS;
  const failureLog = createFailureLog(log, { now });
  const cors = createCors(corsOrigins);
  const limiter = rateLimit === false ? null : createRateLimiter(rateLimit);
  const forwarder = !forward ? undefined : 'enqueue' in forward ? forward : createForwarder(forward);
  const tell = (error: unknown, what = 'unexpected error') => {
    failureLog(what, error);
    try {
      onError?.(error);
    } catch {
      // a failing hook must not turn into a crash
    }
  };
  const reportRuntime = report === false ? undefined : prepareReport(report, store, { now, onError: (error) => tell(error, 'alert failure') });

  const collect = async (request: Request, route: string, info: ClientInfo | undefined): Promise<Response> => {
    const origin = request.headers.get('origin');
    if (!cors.allows(origin)) return problem(403, 'origin_not_allowed', `origin ${origin?.slice(0, 200)} is not allowed to send events`);
    if (limiter) {
      const client = clientAddress(info?.clientAddress ?? 'unknown', request.headers.get('x-forwarded-for'), trustProxy);
      const wait = limiter.take(client, now());
      if (wait) return problem(429, 'rate_limited', `too many requests; retry in ${wait} s`, { 'retry-after': String(wait) });
    }
    const body = await readBody(request, maxBodyBytes);
    if (!body.ok) return body.response;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.text);
    } catch (error) {
      return problem(400, 'malformed_json', `malformed JSON: ${(error as Error).message.slice(0, 200)}`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return problem(400, 'invalid_body', route === 'batch' ? 'body must be an object with a "batch" array' : 'body must be an event object');
    }
    if (writeKeys?.length) {
      const key = writeKeyOf(request, parsed);
      if (!key) return problem(401, 'missing_write_key', 'a write key is required (HTTP Basic user name or body "writeKey")');
      if (!isValidWriteKey(key, writeKeys)) return problem(401, 'invalid_write_key', 'the write key is not valid');
    }

    let events: unknown[];
    let sentAt: string | undefined;
    if (route === 'batch') {
      const batch = (parsed as { batch?: unknown }).batch;
      if (!Array.isArray(batch)) return problem(400, 'invalid_body', 'body must be an object with a "batch" array');
      if (batch.length > maxBatchEvents) {
        return problem(413, 'too_many_events', `batch has ${batch.length} events; at most ${maxBatchEvents} are accepted, split it`);
      }
      const envelope = BatchEnvelopeSchema.safeParse({ ...parsed, batch: [] });
      if (!envelope.success) {
        const issue = envelope.error.issues[0];
        return problem(400, 'invalid_body', `${issue?.path.map(String).join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
      }
      // The batch context applies to every event of the batch (Segment semantics; the SDK sends
      // what its events share once): merged before validation, storage and forwarding.
      events = batch.map((event) => withBatchContext(event, envelope.data.context));
      sentAt = envelope.data.sentAt;
    } else {
      const event = parsed as { type?: unknown };
      if (event.type !== undefined && event.type !== route) {
        return problem(400, 'invalid_event', `type "${String(event.type).slice(0, 50)}" sent to /v1/${route}`);
      }
      events = [{ ...event, type: route }];
    }

    let result: IngestResult;
    try {
      result = await ingest(events, store, sentAt === undefined ? { receivedAt: now(), maxEventBytes } : { receivedAt: now(), sentAt, maxEventBytes });
    } catch (error) {
      tell(error, 'store failure');
      return problem(503, 'store_unavailable', 'events could not be stored; retry later', { 'retry-after': '5' });
    }
    if (route !== 'batch' && result.rejected.length) return problem(400, 'invalid_event', result.rejected[0]!.reason);
    if (forwarder && result.stored.length) forwarder.enqueue(result.stored, sentAt);
    return json(200, { ok: true, accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected, clamped: result.clamped });
  };

  const handle = async (request: Request, info?: ClientInfo): Promise<Response> => withSafetyHeaders(await route(request, info));

  const health = async (): Promise<Response> => {
    try {
      if ((await store.check?.()) === false) throw new Error('store check failed');
      return json(200, { ok: true });
    } catch (error) {
      tell(error, 'store failure (health check)');
      return problem(503, 'store_unavailable', 'the store does not answer', { 'retry-after': '5' });
    }
  };

  const serveReport = async (request: Request, format: ReportFormat | 'ack'): Promise<Response> => {
    const denied = checkReportAccess(request, reportToken, reportHosts);
    if (denied) return denied;
    const reportNow = (report || {}).now ?? now;
    try {
      if (format === 'ack') {
        if (!reportRuntime?.alerts || !reportRuntime.ackTokens) return problem(404, 'not_found', 'alerts are switched off');
        return await handleAck(request, reportRuntime.alerts.alerts, reportRuntime.ackTokens, reportNow());
      }
      return await handleReport(request, format, store, { ...report, now: reportNow }, reportRuntime, reportToken);
    } catch (error) {
      if (error instanceof ReportBusyError) return problem(503, 'report_busy', error.message, { 'retry-after': '5' });
      tell(error, 'report failure');
      return problem(503, 'store_unavailable', 'the report could not be computed; retry later', { 'retry-after': '5' });
    }
  };

  const route = async (request: Request, info?: ClientInfo): Promise<Response> => {
    try {
      if (!ALLOWED_METHODS.has(request.method)) {
        return problem(405, 'method_not_allowed', `${request.method.slice(0, 20)} is not allowed`, { allow: 'GET, HEAD, POST, OPTIONS' });
      }
      const url = new URL(request.url);
      let path = url.pathname;
      if (basePath && path.startsWith(basePath)) path = path.slice(basePath.length) || '/';
      path = path.replace(/\/+$/, '') || '/';
      const origin = request.headers.get('origin');
      const withCors = (response: Response) => {
        for (const [k, v] of Object.entries(cors.headers(origin))) response.headers.set(k, v);
        return response;
      };
      const v1 = /^\/v1\/(batch|track|page|identify)$/.exec(path)?.[1];
      if (v1) {
        if (request.method === 'OPTIONS') return cors.preflight(origin);
        if (request.method !== 'POST') return withCors(problem(405, 'method_not_allowed', `${request.method} is not allowed; POST events`, { allow: 'POST, OPTIONS' }));
        return withCors(await collect(request, SINGLE.has(v1) ? v1 : 'batch', info));
      }
      const hook = /^\/v1\/webhooks\/([\w-]+)$/.exec(path)?.[1];
      if (hook && request.method === 'POST' && options.webhooks)
        return await handleWebhook(request, hook, { secrets: options.webhooks, store, forwarder, maxBodyBytes: Math.max(maxBodyBytes, 1024 * 1024), now, tell });
      if (request.method === 'GET' && path === '/health') return await health();
      const format = REPORT_ROUTES[path];
      if (report !== false && request.method === 'GET' && format) return await serveReport(request, format);
      if (report !== false && path === '/report/alerts/ack') {
        if (request.method !== 'POST') return problem(405, 'method_not_allowed', `${request.method} is not allowed; POST the acknowledge form`, { allow: 'POST' });
        return await serveReport(request, 'ack');
      }
      return problem(404, 'not_found', `no route ${request.method} ${path.slice(0, 200)}`);
    } catch (error) {
      tell(error);
      return problem(500, 'internal_error', 'unexpected error');
    }
  };

  return Object.assign(handle, {
    store,
    forwarder,
    reportToken,
    alerts: reportRuntime?.alerts,
    close: async () => {
      reportRuntime?.alerts?.stop();
      forwarder?.close();
      await store.close();
    },
  });
};
