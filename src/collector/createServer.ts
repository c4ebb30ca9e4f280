import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { createCollector, SAFETY_HEADERS, type Collector, type CollectorOptions } from './createCollector';
import { DEFAULT_REPORT_HOSTS } from './reportAccess';

/**
 * Turn a `node:http` request into a Fetch API `Request`. With `body` given (already read), the
 * request carries those bytes; otherwise the socket is streamed through `Readable.toWeb`.
 */
export const toRequest = (req: IncomingMessage, origin: string, body?: Uint8Array): Request => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    ...(!hasBody ? {} : body ? { body } : { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' }),
  } as RequestInit);
};

/** Write a Fetch API `Response` to a `node:http` response. */
export const sendResponse = async (response: Response, res: ServerResponse): Promise<void> => {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  res.writeHead(response.status, headers);
  res.end(body);
};

/** Limits of the `node:http` adapter, across all requests at once. */
export interface ServerLimits {
  /** Most open connections; more are refused by the socket layer. Default 1,000. */
  maxConnections?: number;
  /**
   * Most request-body bytes held in memory at once, all requests together (a body counts its
   * declared length, or 1 MB when streamed). A request beyond it is answered 503 `too_busy`
   * (`Retry-After: 1`) without reading its body. Default 64 MB.
   */
  maxInFlightBytes?: number;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);

/** The `Host` header when it is a valid host[:port] (nothing else), else null. */
export const validHost = (host: string): string | null => {
  if (!host || host.length > 300) return null;
  try {
    const url = new URL(`http://${host}`);
    const normal = host.toLowerCase().replace(/:80$/, '');
    return url.host === normal ? url.host : null;
  } catch {
    return null;
  }
};

/** An answer written by the adapter itself (before the collector sees the request). */
const refuse = (res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SAFETY_HEADERS, 'content-security-policy': "frame-ancestors 'none'", ...headers });
  res.end(JSON.stringify({ ok: false, error: { code, message } }));
};

/**
 * A `node:http` server around a collector (given, or created from options). Requests are
 * answered by the collector's Fetch handler; the socket's address feeds the rate limiter. A
 * malformed `Host` is answered 400 and a method other than GET/HEAD/POST/OPTIONS 405, before
 * anything else; request bodies in memory are bounded across all requests ({@link ServerLimits}).
 */
export const createServer = (collector: Collector | CollectorOptions = {}, { maxConnections = 1000, maxInFlightBytes = 64 * 1024 * 1024 }: ServerLimits = {}): Server & { collector: Collector } => {
  const handler = typeof collector === 'function' ? collector : createCollector(collector);
  let inFlight = 0;
  const server = createHttpServer((req, res) => {
    const host = req.headers.host === undefined ? 'localhost' : validHost(req.headers.host);
    if (host === null) return refuse(res, 400, 'invalid_host', 'the Host header is not a valid host[:port]', { connection: 'close' });
    if (!METHODS.has(req.method ?? '')) return refuse(res, 405, 'method_not_allowed', `${String(req.method).slice(0, 20)} is not allowed`, { allow: 'GET, HEAD, POST, OPTIONS' });
    const declared = Number(req.headers['content-length']);
    const reserve = req.method === 'GET' || req.method === 'HEAD' ? 0 : declared >= 0 && declared <= BUFFER_UP_TO ? declared : BUFFER_UP_TO;
    if (reserve && inFlight + reserve > maxInFlightBytes) {
      return refuse(res, 503, 'too_busy', 'the collector is receiving too much at once; retry shortly', { 'retry-after': '1', connection: 'close' });
    }
    inFlight += reserve;
    let released = false;
    const release = () => {
      if (!released) inFlight -= reserve;
      released = true;
    };
    res.once('close', release);
    readSmallBody(req)
      .then((body) => handler(toRequest(req, `http://${host}`, body), { clientAddress: req.socket.remoteAddress ?? 'unknown' }))
      .then((response) => sendResponse(response, res))
      .catch(() => {
        if (!res.headersSent) refuse(res, 500, 'internal_error', 'unexpected error');
        else res.end();
      })
      .finally(release);
  });
  server.maxConnections = maxConnections;
  // A client that trickles its headers or body does not hold a slot for long.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return Object.assign(server, { collector: handler });
};

/** Bodies up to this size are read into memory before the handler runs (cheaper than web streams). */
const BUFFER_UP_TO = 1024 * 1024;

/**
 * Read a body whose declared `Content-Length` is small into one buffer; `undefined` (stream it)
 * for anything else, so the handler's own limit still stops oversized or chunked bodies early.
 */
const readSmallBody = (req: IncomingMessage): Promise<Uint8Array | undefined> => {
  const length = Number(req.headers['content-length']);
  if (req.method === 'GET' || req.method === 'HEAD' || !(length >= 0 && length <= BUFFER_UP_TO)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BUFFER_UP_TO) parts.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(parts)));
    // An aborted upload: hand over what arrived; the handler answers, nobody listens.
    req.on('error', () => resolve(Buffer.concat(parts)));
  });
};

/** Options of {@link listen}. */
export interface ListenOptions extends CollectorOptions, ServerLimits {
  /** Port; 0 picks a free one. Default 8787. */
  port?: number;
  /** Address to bind. Default `127.0.0.1` (local only; put a proxy in front to expose it). */
  host?: string;
}

/** A running collector server. */
export interface RunningCollector {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  server: Server;
  collector: Collector;
  /** The report's credential: open `${url}/report?token=${reportToken}`. */
  reportToken: string;
  /** Stop accepting, end open connections, close the store. */
  close(): Promise<void>;
}

/** Create and start a collector server; resolves once it listens. */
export const listen = async ({ port = 8787, host = '127.0.0.1', maxConnections, maxInFlightBytes, ...options }: ListenOptions = {}): Promise<RunningCollector> => {
  // The report answers on the address it is bound to, as well as on the loopback names.
  const bound = host.includes(':') ? `[${host}]` : host;
  const reportHosts = options.reportHosts ?? (host === '0.0.0.0' || host === '::' ? DEFAULT_REPORT_HOSTS : [...DEFAULT_REPORT_HOSTS, bound]);
  const server = createServer({ ...options, reportHosts }, { ...(maxConnections ? { maxConnections } : {}), ...(maxInFlightBytes ? { maxInFlightBytes } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
    server,
    collector: server.collector,
    reportToken: server.collector.reportToken,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await server.collector.close();
    },
  };
};
