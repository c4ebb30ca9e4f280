/** A database written before the report columns existed is brought up to date at open. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { expect, test } from 'vitest';
import { createSqliteStore } from '../../src/collector';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

test('an old database gets the report columns, filled from the stored JSON', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-migrate-'));
  try {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    old.exec(`CREATE TABLE events (id INTEGER PRIMARY KEY, message_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, event TEXT, anonymous_id TEXT, user_id TEXT,
      session_id TEXT, channel TEXT, touchpoint TEXT, journey_stage TEXT, store_id TEXT, device_id TEXT, timestamp INTEGER NOT NULL, original_timestamp TEXT,
      sent_at TEXT, received_at INTEGER NOT NULL, tz_offset_min INTEGER, local_time INTEGER NOT NULL, local_hour INTEGER NOT NULL, json TEXT NOT NULL)`);
    const json = JSON.stringify({ type: 'track', event: 'Feedback Submitted', messageId: 'old-1', anonymousId: 'a', context: { session_id: 's', userAgent: 'Googlebot/2.1' }, properties: { score: 4, survey_type: 'smiley', scale_min: 1, scale_max: 4, comment: '  Nice   shop ', reasons: ['staff'] } });
    old.prepare(`INSERT INTO events (message_id, type, event, anonymous_id, session_id, timestamp, received_at, local_time, local_hour, json)
      VALUES ('old-1', 'track', 'Feedback Submitted', 'a', 's', 1, 1, 1, 0, ?)`).run(json);
    old.exec('CREATE INDEX events_local_time ON events(local_time); CREATE INDEX events_event ON events(event, local_time)');
    old.close();
    const store = createSqliteStore({ path });
    const [row] = await store.query({});
    expect(row).toMatchObject({ bot: true, sessionKey: 's', personKey: 'a', submissionKey: 'old-1', score: 4, scaleMax: 4, comment: 'Nice shop', commentKey: 'nice shop', reasons: '["staff"]' });
    await store.close();
    // The report's covering indexes replace the old plain ones.
    const reopened = new Database(path, { readonly: true });
    const indexes = (reopened.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'events_%'").all() as { name: string }[]).map((r) => r.name).sort();
    reopened.close();
    expect(indexes).toEqual(['events_report_event', 'events_report_time']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
