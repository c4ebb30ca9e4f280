/**
 * The demo seed (scripts/seed.mjs) is made by the SDK's code paths and speaks the catalogue:
 * run it small against a temporary database and read back what the collector stored.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventSpec, unknownProperties } from '../../src/schema/catalogue';
import { REASONS, VITAL_METRICS } from '../../src/schema';
import { PAGES } from '../../demo/shop/render.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
let dir: string;
let rows: { sent_at: string | null; event: string | null; type: string; touchpoint: string | null; journey_stage: string | null; channel: string | null; store_id: string | null; device_id: string | null; json: string }[];
let output: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tp-e2e-seed-'));
  const db = join(dir, 'seed.db');
  ({ stdout: output } = await promisify(execFile)(process.execPath, ['scripts/seed.mjs', '--db', db, '--sessions', '60', '--kiosk', '40', '--days', '3'], { cwd: ROOT, timeout: 120_000 }));
  const sqlite = new Database(db, { readonly: true });
  rows = sqlite.prepare('SELECT * FROM events').all() as typeof rows;
  sqlite.close();
}, 150_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the seed', () => {
  test('sends only catalogued events with catalogued properties, every one accepted', () => {
    expect(output).toMatch(/seeded \d+ events \(\d+ duplicates acknowledged, 0 rejected\)/);
    expect(rows.length).toBeGreaterThan(300);
    const bad = rows
      .filter((r) => r.type === 'track')
      .flatMap((r) => {
        const e = JSON.parse(r.json);
        if (!eventSpec(e.event)) return [`unknown event ${e.event}`];
        return unknownProperties(e.event, e.properties, true).map((k) => `${e.event}.${k}`);
      });
    expect([...new Set(bad)]).toEqual([]);
  });

  test('is made by the SDK: its library, ids, sessions and +07:00 capture times', () => {
    const row = rows.find((r) => r.event === 'Product Viewed')!;
    const e = JSON.parse(row.json);
    expect(e.context.library.name).toBe('touchpoint');
    expect(e.context.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.timestamp).toMatch(/\+07:00$/);
    expect(row.sent_at).toMatch(/\+07:00$/); // the batch's, set by the tracker at send time
  });

  test('sends web vitals per contract 1: Web Vital Measured with metric, value, delta, metric_id', () => {
    const vitals = rows.filter((r) => r.event === 'Web Vital Measured').map((r) => JSON.parse(r.json).properties);
    expect(new Set(vitals.map((v) => v.metric))).toEqual(new Set(VITAL_METRICS));
    for (const v of vitals) expect([typeof v.value, typeof v.delta, typeof v.metric_id]).toEqual(['number', 'number', 'string']);
    expect(rows.some((r) => r.event === 'Web Vital')).toBe(false);
  });

  test('reasons are built-in reason ids (contract 2)', () => {
    const reasons = rows.filter((r) => r.event === 'Feedback Submitted').flatMap((r) => JSON.parse(r.json).properties.reasons as string[]);
    expect(reasons.length).toBeGreaterThan(5);
    expect(reasons.filter((r) => !(r in REASONS))).toEqual([]);
  });

  test('each touchpoint sits in one stage, the shop pages in the demo shop’s own stage', () => {
    const stages = new Map<string, Set<string>>();
    for (const r of rows) if (r.touchpoint && r.journey_stage) stages.set(r.touchpoint, (stages.get(r.touchpoint) ?? new Set()).add(r.journey_stage));
    expect([...stages].filter(([, s]) => s.size > 1).map(([tp, s]) => `${tp}: ${[...s]}`)).toEqual([]);
    expect([...stages.get('cart')!]).toEqual([PAGES.cart('vi', { cart: { 'bk-001': 1 } }).stage]);
    expect([...stages.get('checkout')!]).toEqual([PAGES.checkout('vi', { cart: { 'bk-001': 1 } }).stage]);
    expect([...stages.get('product_page')!]).toEqual([PAGES.book('vi', { id: 'bk-001' })!.stage]);
  });

  test('kiosks have fixed store and device ids, on every rating and heartbeat', () => {
    const kiosk = rows.filter((r) => r.channel === 'kiosk');
    expect(new Set(kiosk.map((r) => `${r.store_id}/${r.device_id}`))).toEqual(new Set(['hcm-q1/exit-1', 'hcm-q1/counter-1', 'hn-hoankiem/exit-1']));
    expect(kiosk.some((r) => r.event === 'Kiosk Heartbeat')).toBe(true);
  });
});
