import { loadCollector } from '../scripts/loadCollector.mjs';
import Database from 'better-sqlite3';
const m = await loadCollector();
const db = new Database(process.argv[2], { readonly: true });
db.pragma('cache_size = -65536');
db.pragma('temp_store = FILE');
const now = Date.now();
const params = { from: now - 40 * 86400000, to: now + 86400000, channel: null, store: null, cutoff: now - 1800000, beatsFrom: now - 8 * 86400000 };
const { tables, queries } = m.reportQueries(m.SQLITE_DIALECT, { channel: false, store: false });
const names = {};
const only = process.argv[3];
for (const t of tables) {
  const t0 = performance.now();
  let sql = t.sql.replace(/\{(\w+)\}/g, (_, n) => names[n]);
  if (process.argv[4] === 'scan') sql = sql.replace(/FROM events WHERE/g, 'FROM events INDEXED BY events_visit WHERE').replace(/FROM events e\n/g, 'FROM events e INDEXED BY events_visit\n');
  db.exec(`DROP TABLE IF EXISTS temp.report_${t.name}`);
  db.prepare(`CREATE TABLE temp.report_${t.name} AS ${sql}`).run(params);
  db.exec(`CREATE INDEX temp.report_${t.name}_key ON report_${t.name}(${t.key})`);
  names[t.name] = `temp.report_${t.name}`;
  console.log('table', t.name, (performance.now() - t0).toFixed(0), 'ms');
  if (only === t.name) break;
}
