#!/usr/bin/env node
// Copy a collector's SQLite history into ClickHouse, streaming (10,000 rows per INSERT), so a shop
// can move to the ClickHouse store without losing its past. Safe to run again: rows already in
// ClickHouse (same messageId) are skipped, so an interrupted copy simply resumes.
//
//   node scripts/sqlite-to-clickhouse.mjs --db ./data/touchpoint.db --url http://127.0.0.1:8123
//        [--database touchpoint] [--table events] [--user default] [--password …] [--chunk 10000]
//
// Outside this repository the same is `copySqliteToClickHouse()` from `touchpoint/collector`.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCollector } from './loadCollector.mjs';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: './data/touchpoint.db' },
    url: { type: 'string', default: 'http://127.0.0.1:8123' },
    database: { type: 'string', default: 'touchpoint' },
    table: { type: 'string', default: 'events' },
    user: { type: 'string' },
    password: { type: 'string' },
    chunk: { type: 'string', default: '10000' },
  },
});

const main = async () => {
  if (!existsSync(args.db)) throw new Error(`--db ${args.db}: no such file`);
  const chunkRows = Number(args.chunk);
  if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new Error(`--chunk must be a positive integer (got ${args.chunk})`);
  const { createClickHouseStore, copySqliteToClickHouse } = await loadCollector();
  const store = createClickHouseStore({
    url: args.url,
    database: args.database,
    table: args.table,
    ...(args.user ? { username: args.user } : {}),
    ...(args.password ? { password: args.password } : {}),
    // A chunk of 10,000 rows is a bigger insert than a collector's; give it time.
    insertTimeoutMs: 120_000,
  });
  const started = Date.now();
  try {
    const done = await copySqliteToClickHouse({
      sqlitePath: args.db,
      store,
      chunkRows,
      onProgress: ({ read, copied }) => process.stderr.write(`\r${read} rows read, ${copied} copied`),
    });
    process.stderr.write('\n');
    console.log(`${done.copied} of ${done.read} rows copied to ${store.table} in ${((Date.now() - started) / 1000).toFixed(1)} s (${done.read - done.copied} were there already)`);
  } finally {
    await store.close();
  }
};

main().catch((error) => {
  console.error(`sqlite-to-clickhouse: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
