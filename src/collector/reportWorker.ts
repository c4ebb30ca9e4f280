import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ReportParams, ReportTable } from './report/reportQueries';
import { SQLITE_DIALECT } from './report/sqlDialect';
import type { ReportSource, SqlRow } from './report/sqlAggregates';

/** Rows per message from the worker: the main thread holds at most one chunk at a time. */
const CHUNK = 2000;

type Op = { id: number; op: 'exec' | 'rows' | 'more' | 'close'; sql?: string; params?: ReportParams };
type Reply = { id: number; rows: SqlRow[]; done: boolean; error?: string };

/**
 * The worker's whole program. It is sent to the worker as source text (so the same code runs from
 * TypeScript sources, the scripts' bundle and dist), which is why it refers to nothing outside
 * itself (bundlers rename a bare `require`, so the worker's own is passed in): it opens its own read-only connection and runs the SQL it is given, streaming rows back
 * in chunks, one chunk per request, so neither side buffers a large result.
 */
function workerMain(load: (id: string) => unknown): void {
  const { parentPort, workerData } = load('node:worker_threads') as typeof import('node:worker_threads');
  const Database = load(workerData.driver) as typeof import('better-sqlite3');
  const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  // Bounded memory whatever the number of events: sorts and temporary tables spill to files, and
  // SQLite gives pages back above a 96 MB heap. A 16 MB page cache is enough for the covering
  // indexes (read in order); the temporary tables get their own 32 MB cache (the default 2 MB
  // made every join on them re-read the temp file; 64 MB + 32 MB was no faster and cost 80 MB RSS).
  db.pragma('cache_size = -16384');
  db.pragma('temp_store = FILE');
  db.pragma('temp.cache_size = -32768');
  db.pragma('soft_heap_limit = 100663296');
  const chunk = workerData.chunk as number;
  let cursor: { id: number; it: IterableIterator<unknown> } | null = null;
  const close = () => {
    cursor?.it.return?.();
    cursor = null;
  };
  const send = (id: number) => {
    const rows: unknown[] = [];
    while (cursor && rows.length < chunk) {
      const next = cursor.it.next();
      if (next.done) {
        cursor = null;
        return parentPort!.postMessage({ id, rows, done: true });
      }
      rows.push(next.value);
    }
    parentPort!.postMessage({ id, rows, done: false });
  };
  parentPort!.on('message', (m: { id: number; op: string; sql?: string; params?: object }) => {
    try {
      if (m.op === 'more' && cursor?.id === m.id) return send(m.id);
      // A new statement ends any cursor the main thread walked away from.
      close();
      if (m.op === 'close') return db.close();
      if (m.op === 'exec') {
        db.prepare(m.sql!).run(m.params ?? {});
        return parentPort!.postMessage({ id: m.id, rows: [], done: true });
      }
      cursor = { id: m.id, it: db.prepare(m.sql!).iterate(m.params ?? {}) as IterableIterator<unknown> };
      send(m.id);
    } catch (error) {
      close();
      parentPort!.postMessage({ id: m.id, rows: [], done: true, error: String((error as Error)?.message ?? error) });
    }
  });
}

/** The report's SQL source on a worker thread with its own read-only connection to `path`. */
export interface WorkerReportSource extends ReportSource {
  /** Stop the worker. */
  close(): Promise<void>;
}

/**
 * Start the report worker for a SQLite file. Reports run one at a time on it (their temporary
 * tables share its connection); the ingest connection and event loop are never blocked by one.
 */
export const startReportWorker = (path: string): WorkerReportSource => {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(`(${workerMain.toString()})(require)`, { eval: true, workerData: { path, driver, chunk: CHUNK } });
  // An idle report worker must not keep the process alive.
  worker.unref();
  let seq = 0;
  const waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on('message', (r: Reply) => {
    const w = waiting.get(r.id);
    waiting.delete(r.id);
    if (r.error) w?.reject(new Error(r.error));
    else w?.resolve(r);
  });
  worker.on('error', failAll);
  worker.on('exit', () => failAll(new Error('report worker stopped')));
  const ask = (op: Op): Promise<Reply> =>
    new Promise((resolve, reject) => {
      waiting.set(op.id, { resolve, reject });
      worker.postMessage(op);
    });
  async function* stream(sql: string, params: ReportParams): AsyncGenerator<SqlRow> {
    const id = ++seq;
    let reply = await ask({ id, op: 'rows', sql, params });
    for (;;) {
      yield* reply.rows;
      if (reply.done) return;
      reply = await ask({ id, op: 'more' });
    }
  }
  const built: string[] = [];
  return {
    dialect: SQLITE_DIALECT,
    rows: stream,
    materialize: async ({ name, sql, key }: ReportTable, params: ReportParams) => {
      const table = `temp.report_${name}`;
      await ask({ id: ++seq, op: 'exec', sql: `DROP TABLE IF EXISTS ${table}` });
      await ask({ id: ++seq, op: 'exec', sql: `CREATE TABLE ${table} AS ${sql}`, params });
      await ask({ id: ++seq, op: 'exec', sql: `CREATE INDEX ${table}_key ON report_${name}(${key})` });
      built.push(table);
      return table;
    },
    release: async () => {
      for (const table of built.splice(0)) await ask({ id: ++seq, op: 'exec', sql: `DROP TABLE IF EXISTS ${table}` });
    },
    close: async () => {
      worker.postMessage({ id: ++seq, op: 'close' });
      await worker.terminate();
    },
  };
};
