/** Shared helpers of the collector tests: temp databases, valid events, requests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollector, type Collector, type CollectorOptions } from '../../src/collector';
import { reportUrl } from '../support/report';

let seq = 0;

/** A valid track event; override any field. */
export const ev = (overrides: Record<string, unknown> = {}, context: Record<string, unknown> = {}) => ({
  type: 'track',
  event: 'Product Viewed',
  messageId: `m-${process.pid}-${++seq}`,
  anonymousId: 'anon-1',
  timestamp: '2026-11-22T17:03:00.000+07:00',
  context: { channel: 'web', touchpoint: 'product_page', journey_stage: 'consideration', session_id: 's-1', ...context },
  properties: { product_id: 'b-1' },
  ...overrides,
});

/** A collector on a fresh SQLite file in a temp dir; `cleanup()` closes and deletes it. */
export const tempCollector = (options: CollectorOptions = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-collector-'));
  // Quiet: a generated report token would be logged by every test collector.
  const collector: Collector = createCollector({ dbPath: join(dir, 'touchpoint.db'), rateLimit: false, log: () => {}, ...options });
  return {
    dir,
    collector,
    cleanup: async () => {
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** POST a JSON-able body (or a raw string/bytes) to the handler. */
export const post = (
  collector: Collector,
  path: string,
  body: unknown,
  { headers = {}, raw = false, ip = '10.0.0.1' }: { headers?: Record<string, string>; raw?: boolean; ip?: string } = {},
) =>
  collector(
    new Request(`http://127.0.0.1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: raw ? (body as BodyInit) : JSON.stringify(body),
    }),
    { clientAddress: ip },
  );

/** GET a report URL (`/report?from=…`) on the handler, with the collector's credential. */
export const getReport = (collector: Collector, path: string, headers: Record<string, string> = {}) => {
  const url = new URL(path, 'http://127.0.0.1');
  return collector(new Request(reportUrl({ url: 'http://127.0.0.1', reportToken: collector.reportToken }, url.pathname, Object.fromEntries(url.searchParams)), { headers }));
};

/** All stored rows. */
export const rows = async (collector: Collector) => collector.store.query({});
