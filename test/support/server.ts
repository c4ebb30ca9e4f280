/**
 * The local test collector for real-browser tests: serves the repo's static files (dist/, test
 * fixtures) and records every request to the collector paths. Tests steer its answers (outages,
 * 429 with Retry-After, 400, 413) with `respond`, and delay chosen static paths with `delay`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { TYPES } from '../../scripts/mime.mjs';
import { withBatchContext } from '../../src/collector/batchContext';

const REPO = new URL('../../', import.meta.url).pathname;

/** One request that reached the collector path. */
export interface RecordedRequest {
  at: number;
  path: string;
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Parsed JSON body, or undefined when it was not JSON. */
  json: any;
  /** Status the test server answered. */
  status: number;
}

/** What the collector answers: a status, optional headers and body. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface TestServer {
  url: string;
  origin: string;
  requests: RecordedRequest[];
  /** All events of accepted (2xx) batches, in arrival order, each with its batch context merged in. */
  events(): any[];
  /** Decide the answer for each collector request; default 200. */
  respond(fn: ((req: RecordedRequest) => Answer) | null): void;
  /** Delay static responses whose path matches, by ms. */
  delay(path: string, ms: number): void;
  /** Extra headers for static responses whose path matches (e.g. a CSP). */
  headers(path: string, headers: Record<string, string>): void;
  /** Serve this HTML at this path (overrides the file system); `undefined` removes the override. */
  page(path: string, html: string | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((ok, fail) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => ok(Buffer.concat(parts)));
    req.on('error', fail);
  });

/** Start the test server on 127.0.0.1 and a free port, serving `root` (default: the repo). */
export async function startTestServer(root = REPO): Promise<TestServer> {
  const ROOT = root.endsWith('/') ? root : `${root}/`;
  const requests: RecordedRequest[] = [];
  let responder: ((r: RecordedRequest) => Answer) | null = null;
  const delays = new Map<string, number>();
  const extraHeaders = new Map<string, Record<string, string>>();
  const pages = new Map<string, string>();

  const cors = (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Allow-Headers', 'content-type, authorization');
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.setHeader('Access-Control-Expose-Headers', 'retry-after');
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    try {
      if (url.pathname.startsWith('/v1/')) {
        cors(req, res);
        if (req.method === 'OPTIONS') return void res.writeHead(204).end();
        let raw = await readBody(req);
        if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
        const body = raw.toString('utf8');
        let json: any;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        const rec: RecordedRequest = {
          at: Date.now(),
          path: url.pathname,
          method: req.method ?? '',
          headers: req.headers,
          body,
          json,
          status: 200,
        };
        const answer = responder?.(rec) ?? { status: 200 };
        rec.status = answer.status;
        requests.push(rec);
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        return void res.end(answer.body ?? JSON.stringify({ ok: answer.status < 300 }));
      }
      const wait = delays.get(url.pathname);
      if (wait) await new Promise((r) => setTimeout(r, wait));
      const extra = extraHeaders.get(url.pathname) ?? {};
      const inline = pages.get(url.pathname);
      if (inline !== undefined) {
        res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store', ...extra });
        return void res.end(inline);
      }
      const file = normalize(join(ROOT, url.pathname));
      if (!file.startsWith(ROOT)) return void res.writeHead(403).end();
      const data = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...extra,
      });
      res.end(data);
    } catch {
      if (!res.headersSent) res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    origin,
    requests,
    events: () =>
      requests
        .filter((r) => r.status >= 200 && r.status < 300 && r.json)
        // As the collector reads a batch: its shared context merged into each event.
        .flatMap((r) => (Array.isArray(r.json.batch) ? r.json.batch.map((e: unknown) => withBatchContext(e, r.json.context)) : [r.json])),
    respond: (fn) => void (responder = fn),
    delay: (p, ms) => void delays.set(p, ms),
    headers: (p, h) => void extraHeaders.set(p, h),
    page: (p, html) => void (html === undefined ? pages.delete(p) : pages.set(p, html)),
    reset: () => {
      requests.length = 0;
      responder = null;
      delays.clear();
      extraHeaders.clear();
      pages.clear();
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
