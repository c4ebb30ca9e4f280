/**
 * ClickHouse for the tests. One real server per test run, started by the `clickhouse` vitest
 * project's global setup ({@link setup}) and shared by its test files, each of which works in a
 * database of its own ({@link testStore}). With CLICKHOUSE_URL set, that server is used instead.
 * No server binary is a failure with install instructions, never a silent skip.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { startClickHouse } from '../../scripts/clickhouse-local.mjs';
import { createClickHouseStore, type ClickHouseStoreOptions } from '../../src/collector/clickhouse/createClickHouseStore';

declare module 'vitest' {
  export interface ProvidedContext {
    clickhouseUrl: string;
  }
}

/** vitest globalSetup: start the server (or take CLICKHOUSE_URL) and stop it after the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.CLICKHOUSE_URL;
  if (given) {
    project.provide('clickhouseUrl', given);
    return async () => {};
  }
  const server = await startClickHouse();
  project.provide('clickhouseUrl', server.url);
  return server.stop;
}

/** URL of the shared test server. */
export const clickhouseUrl = (): string => inject('clickhouseUrl');

/** A fresh database name, so test files and tests never see each other's rows. */
export const freshDatabase = (): string => `test_${randomUUID().replace(/-/g, '')}`;

/** A store on the shared server in a fresh database (dropped with {@link dropDatabase}). */
export const testStore = (options: ClickHouseStoreOptions = {}) =>
  createClickHouseStore({ url: clickhouseUrl(), database: freshDatabase(), ...options });

/** Run one statement over the HTTP interface (setup and clean-up in tests). */
export const clickhouseExec = async (sql: string): Promise<string> => {
  const response = await fetch(clickhouseUrl(), { method: 'POST', body: sql });
  const text = await response.text();
  if (!response.ok) throw new Error(`ClickHouse: ${text.slice(0, 500)}`);
  return text;
};

/** Drop a test database. */
export const dropDatabase = (database: string) => clickhouseExec(`DROP DATABASE IF EXISTS ${database}`);

/** A proxy in front of the test server that records statements and can hold or stall them. */
export interface ClickHouseProxy {
  url: string;
  /** Each statement that passed, in arrival order (an INSERT's data left out). */
  statements: string[];
  /** While set, INSERTs wait for this promise before they reach ClickHouse. */
  holdInserts: Promise<void> | null;
  /** While true, every request is accepted and never answered (a stalled ClickHouse). */
  stall: boolean;
  close(): Promise<void>;
}

/** Start a {@link ClickHouseProxy} on 127.0.0.1 and a free port. */
export const clickhouseProxy = async (): Promise<ClickHouseProxy> => {
  const target = clickhouseUrl();
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', async () => {
      if (proxy.stall) return;
      const body = Buffer.concat(parts);
      const url = new URL(req.url ?? '/', target);
      const statement = url.searchParams.get('query') ?? body.toString('utf8');
      if (/^\s*INSERT/i.test(statement) && proxy.holdInserts) await proxy.holdInserts;
      proxy.statements.push(statement);
      try {
        const answer = await fetch(url, { method: req.method ?? 'GET', body: req.method === 'GET' ? undefined : body });
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      } catch {
        res.writeHead(502).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const proxy: ClickHouseProxy = {
    url: `http://127.0.0.1:${port}`,
    statements: [],
    holdInserts: null,
    stall: false,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return proxy;
};
