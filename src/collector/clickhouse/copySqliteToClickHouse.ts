import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type { EventStore, StoredEvent } from '../store';
import { reportColumns } from '../reportColumns';
import { COLUMNS } from './clickhouseSchema';

/** Options of {@link copySqliteToClickHouse}. */
export interface CopyOptions {
  /** The SQLite database of the collector (opened read-only). */
  sqlitePath: string;
  /** Where the rows go: a ClickHouse store (any {@link EventStore} works). */
  store: EventStore;
  /** Rows per INSERT. Default 10,000. */
  chunkRows?: number;
  /** Told after each chunk. */
  onProgress?: (progress: CopyProgress) => void;
}

/** How far a copy got. */
export interface CopyProgress {
  /** Rows read from SQLite so far. */
  read: number;
  /** Of those, rows the target did not have yet. */
  copied: number;
}

/**
 * Stream a collector's SQLite history into another store, chunk by chunk in insertion order,
 * without loading it into memory. The target's dedupe by `messageId` makes the copy safe to run
 * again: after an interruption, or while collectors already write to ClickHouse.
 */
export const copySqliteToClickHouse = async ({ sqlitePath, store, chunkRows = 10_000, onProgress }: CopyOptions): Promise<CopyProgress> => {
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    // Keyset pagination on the rowid: each chunk is one short read, no statement stays open
    // while ClickHouse works.
    const next = db.prepare('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?');
    const progress: CopyProgress = { read: 0, copied: 0 };
    let after = 0;
    for (;;) {
      const rows = next.all(after, chunkRows) as Record<string, unknown>[];
      if (!rows.length) return progress;
      after = rows[rows.length - 1]!.id as number;
      const { inserted } = await store.insert(rows.map(fromSqliteRow));
      progress.read += rows.length;
      progress.copied += inserted.filter(Boolean).length;
      onProgress?.({ ...progress });
    }
  } finally {
    db.close();
  }
};

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * A SQLite row as a {@link StoredEvent}: same column names; flags are 0/1 in SQLite. A database
 * written before the report's columns existed (the collector adds them when it opens it; this
 * copy only reads) gets them computed from the stored JSON, as that migration would.
 */
const fromSqliteRow = (row: Record<string, unknown>): StoredEvent => {
  const out: Record<string, unknown> = {};
  for (const [field, column, , kind] of COLUMNS) out[field] = kind === 'flag' ? row[column] === 1 : (row[column] ?? null);
  if (!('session_key' in row)) {
    let parsed: Record<string, unknown> = {};
    try {
      parsed = obj(JSON.parse(String(row.json)));
    } catch {
      // unreadable JSON: the columns keep their defaults
    }
    const e = out as unknown as StoredEvent;
    const input = { messageId: e.messageId, event: e.event, anonymousId: e.anonymousId, userId: e.userId, sessionId: e.sessionId };
    Object.assign(out, reportColumns({ ...input, context: obj(parsed.context), properties: obj(parsed.properties) }));
  }
  return out as unknown as StoredEvent;
};
