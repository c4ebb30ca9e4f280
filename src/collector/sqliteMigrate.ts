import type BetterSqlite3 from 'better-sqlite3';
import { reportColumns } from './reportColumns';

type Columns = readonly (readonly [string, string, string])[];

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * Bring a database written by an older collector up to the current schema: add the report's
 * columns and fill them from each row's stored JSON, a page of rows per transaction, once.
 */
export const migrateSqlite = (db: BetterSqlite3.Database, columns: Columns): void => {
  const have = new Set((db.prepare('PRAGMA table_info(events)').all() as { name: string }[]).map((c) => c.name));
  if (!have.size) return;
  const missing = columns.filter(([name]) => !have.has(name));
  if (!missing.length) return;
  for (const [name, type] of missing) db.exec(`ALTER TABLE events ADD COLUMN ${name} ${type}`);
  const page = db.prepare('SELECT id, message_id, event, anonymous_id, user_id, session_id, json FROM events WHERE id > ? ORDER BY id LIMIT 1000');
  const update = db.prepare(`UPDATE events SET ${columns.map(([name, , field]) => `${name} = @${field}`).join(', ')} WHERE id = @id`);
  type Old = { id: number; message_id: string; event: string | null; anonymous_id: string | null; user_id: string | null; session_id: string | null; json: string };
  const fill = db.transaction((rows: Old[]) => {
    for (const r of rows) {
      let parsed: Record<string, unknown> = {};
      try {
        parsed = obj(JSON.parse(r.json));
      } catch {
        // unreadable JSON keeps the defaults
      }
      const c = reportColumns({ messageId: r.message_id, event: r.event, anonymousId: r.anonymous_id, userId: r.user_id, sessionId: r.session_id, context: obj(parsed.context), properties: obj(parsed.properties) });
      update.run({ ...c, bot: c.bot ? 1 : 0, completed: c.completed ? 1 : 0, id: r.id });
    }
  });
  // Bounded: each page advances past the largest id it read.
  for (let last = 0; ; ) {
    const rows = page.all(last) as Old[];
    if (!rows.length) break;
    fill(rows);
    last = rows[rows.length - 1]!.id;
  }
};
