/**
 * Support for the end-to-end tests (test/browser/e2e-*): a real collector (SQLite in a temp
 * dir, its own clock that a test can move forward), shop pages that load the built script-tag
 * SDK from the test server and send to that collector, and the catalogue check every e2e test
 * runs on what the SDK really sent. Not a test file itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { listen, type Report, type ReportOptions, type RunningCollector, type StoredEvent } from '../../src/collector';
import { eventSpec, unknownProperties } from '../../src/schema/catalogue';
import { stubSnippet } from '../../src/shop/stubSnippet';
import { waitFor } from '../support/browser';
import { reportUrl } from '../support/report';
import type { TestServer } from '../support/server';

/** A collector for one e2e test file. */
export interface E2ECollector {
  running: RunningCollector;
  url: string;
  /** Move the collector's clock (ingest and report) forward by `ms`. */
  advance(ms: number): void;
  rows(): Promise<StoredEvent[]>;
  /** Poll until `test(rows)` holds (generous timeout); returns the rows. */
  waitRows(test: (rows: StoredEvent[]) => boolean, ms?: number): Promise<StoredEvent[]>;
  report(params?: Record<string, string>): Promise<Report>;
  html(params?: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

/** Start a collector on a fresh SQLite file with `report` options. */
export const startCollector = async (report: ReportOptions = {}): Promise<E2ECollector> => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-e2e-'));
  let shift = 0;
  const now = () => Date.now() + shift;
  const running = await listen({ port: 0, dbPath: join(dir, 'e2e.db'), rateLimit: false, now, report: { minSample: 1, ...report, now } });
  const rows = async () => running.collector.store.query({});
  return {
    running,
    url: running.url,
    advance: (ms) => void (shift += ms),
    rows,
    async waitRows(test, ms = 30_000) {
      await waitFor(async () => test(await rows()), ms, 100);
      return rows();
    },
    report: async (params = {}) => (await (await fetch(reportUrl(running, '/report.json', params))).json()) as Report,
    html: async (params = {}) => (await fetch(reportUrl(running, '/report', params))).text(),
    async close() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** A shop page: the documented snippet (stub + async script tag) and `data-tp-*` on `<body>`. */
export const shopPage = (
  server: TestServer,
  path: string,
  { endpoint, touchpoint, stage, body, attrs = '' }: { endpoint: string; touchpoint: string; stage: string; body: string; attrs?: string },
): void =>
  server.page(
    path,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${touchpoint}</title>` +
      `<script>${stubSnippet(endpoint)}</script>` +
      `<script async src="/dist/touchpoint.js" data-endpoint="${endpoint}" data-flush-interval="100" ${attrs.includes('data-vitals') ? '' : 'data-vitals="false"'} ${attrs}></script>` +
      `</head><body data-tp-touchpoint="${touchpoint}" data-tp-stage="${stage}">${body}</body></html>`,
  );

/** Every stored track event is in the catalogue with only catalogued properties (strict). */
export const expectCatalogued = (rows: StoredEvent[]): void => {
  const bad = rows
    .filter((r) => r.type === 'track')
    .flatMap((r) => {
      const e = JSON.parse(r.json) as { event: string; properties?: Record<string, unknown> };
      if (!eventSpec(e.event)) return [`${e.event}: not in the catalogue`];
      return unknownProperties(e.event, e.properties ?? {}, true).map((k) => `${e.event}.${k}: not in the catalogue`);
    });
  expect([...new Set(bad)]).toEqual([]);
};

/** Rows of `event` (all rows of that name). */
export const named = (rows: StoredEvent[], event: string): StoredEvent[] => rows.filter((r) => r.event === event);

/** The card of `touchpoint` in `stage`, or undefined. */
export const card = (report: Report, stage: string, touchpoint: string) =>
  report.stages.find((s) => s.stage === stage)?.touchpoints.find((c) => c.touchpoint === touchpoint);
