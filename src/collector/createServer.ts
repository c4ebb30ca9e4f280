import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { createCollector, type Collector, type CollectorOptions } from './createCollector';

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

/**
 * A `node:http` server around a collector (given, or created from options). Requests are
 * answered by the collector's Fetch handler; the socket's address feeds the rate limiter.
 */
export const createServer = (collector: Collector | CollectorOptions = {}): Server & { collector: Collector } => {
  const handler = typeof collector === 'function' ? collector : createCollector(collector);
  const server = createHttpServer((req, res) => {
    const host = req.headers.host && /^[\w.:[\]-]+$/.test(req.headers.host) ? req.headers.host : 'localhost';
    readSmallBody(req)
      .then((body) => handler(toRequest(req, `http://${host}`, body), { clientAddress: req.socket.remoteAddress ?? 'unknown' }))
      .then((response) => sendResponse(response, res))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"ok":false,"error":{"code":"internal_error","message":"unexpected error"}}');
      });
  });
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
export interface ListenOptions extends CollectorOptions {
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
  /** Stop accepting, end open connections, close the store. */
  close(): Promise<void>;
}

/** Create and start a collector server; resolves once it listens. */
export const listen = async ({ port = 8787, host = '127.0.0.1', ...options }: ListenOptions = {}): Promise<RunningCollector> => {
  const server = createServer(options);
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
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await server.collector.close();
    },
  };
};
