/**
 * Plain Segment traffic (analytics.js, RudderStack: no `context.touchpoint`, no
 * `context.journey_stage`) gets a journey map: the collector derives both at ingest with the
 * SDK's own defaults (contract 4), keeps the raw JSON as sent, and the report draws cards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listen, type Report, type RunningCollector, type StoredEvent } from '../../src/collector';
import { deriveJourney } from '../../src/collector/deriveJourney';
import { eventStage } from '../../src/shop/eventStage';
import { EVENTS } from '../../src/schema/catalogue';
import { reportUrl } from '../support/report';

/** An analytics.js-style event: Segment's own context, nothing of ours. */
const segment = (type: 'page' | 'track', fields: Record<string, unknown>, path: string, n: number, at: string) => ({
  type,
  ...fields,
  messageId: `ajs-${path}-${n}-${type}-${String(fields.event ?? fields.name)}`,
  anonymousId: `ajs-anon-${n}`,
  timestamp: at,
  context: {
    library: { name: 'analytics.js', version: 'npm:next-1.70.0' },
    page: { path, url: `https://shop.example${path}`, referrer: '', title: path, search: '' },
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  },
  ...(type === 'page' ? { properties: { path, url: `https://shop.example${path}` } } : {}),
});

describe('deriveJourney', () => {
  test('the event’s own touchpoint and stage win; else the page path and the event name', () => {
    expect(deriveJourney({ type: 'track', event: 'Order Completed', messageId: 'm', anonymousId: 'a', context: { touchpoint: 'tp', journey_stage: 'advocacy' } })).toEqual({ touchpoint: 'tp', journeyStage: 'advocacy' });
    expect(deriveJourney({ type: 'track', event: 'Order Completed', messageId: 'm', anonymousId: 'a', context: { page: { path: '/checkout' } } })).toEqual({ touchpoint: '/checkout', journeyStage: 'purchase' });
    expect(deriveJourney({ type: 'page', name: 'Home', messageId: 'm', anonymousId: 'a', properties: { url: 'https://s.vn/?utm_source=zalo' } })).toEqual({ touchpoint: '/', journeyStage: 'awareness' });
    expect(deriveJourney({ type: 'page', name: 'Home', messageId: 'm', anonymousId: 'a' })).toEqual({ touchpoint: 'Home', journeyStage: null });
    expect(deriveJourney({ type: 'page', messageId: 'm', anonymousId: 'a', context: { page: { url: 'https://s.vn/a', referrer: 'https://google.com/' } } })).toEqual({ touchpoint: '/a', journeyStage: 'awareness' });
    expect(deriveJourney({ type: 'identify', messageId: 'm', anonymousId: 'a' })).toEqual({ touchpoint: null, journeyStage: null });
  });

  test('the catalogue’s stage of every event is the one the SDK derives', () => {
    for (const [name, spec] of Object.entries(EVENTS)) expect([name, eventStage('track', name)]).toEqual([name, 'stage' in spec ? spec.stage : undefined]);
  });
});

describe('a plain Segment batch through the collector', () => {
  let running: RunningCollector;
  let dir: string;
  const day = '2026-11-20';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tp-e2e-segment-'));
    running = await listen({ port: 0, dbPath: join(dir, 'tp.db'), rateLimit: false, now: () => Date.parse(`${day}T12:00:00Z`), report: { minSample: 1 } });
  });
  afterAll(async () => {
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('is stored with derived touchpoints and stages, raw JSON untouched, and the report has cards', async () => {
    const batch = [];
    for (let n = 0; n < 4; n++) {
      const t = (m: number) => `${day}T10:${String(m).padStart(2, '0')}:00.000Z`;
      batch.push(segment('page', { name: 'Product' }, '/p/sach-1', n, t(0)));
      batch.push(segment('track', { event: 'Product Viewed', properties: { product_id: 'sach-1', price: 80000, currency: 'VND' } }, '/p/sach-1', n, t(0)));
      batch.push(segment('track', { event: 'Product Added', properties: { product_id: 'sach-1', price: 80000, quantity: 1, currency: 'VND' } }, '/p/sach-1', n, t(1)));
      if (n < 2) {
        batch.push(segment('track', { event: 'Checkout Started', properties: { value: 80000, currency: 'VND' } }, '/checkout', n, t(3)));
        if (n < 1) batch.push(segment('track', { event: 'Order Completed', properties: { order_id: `o-${n}`, revenue: 80000, currency: 'VND' } }, '/checkout', n, t(5)));
      }
    }
    const res = await fetch(`${running.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
    expect(await res.json()).toMatchObject({ accepted: batch.length, rejected: [] });

    const rows: StoredEvent[] = await running.collector.store.query({});
    const viewed = rows.find((r) => r.event === 'Product Viewed')!;
    expect(viewed).toMatchObject({ touchpoint: '/p/sach-1', journeyStage: 'consideration' });
    expect(rows.find((r) => r.event === 'Order Completed')).toMatchObject({ touchpoint: '/checkout', journeyStage: 'purchase' });
    expect(JSON.parse(viewed.json).context.touchpoint).toBeUndefined();

    const report = (await (await fetch(reportUrl(running, '/report.json', { from: day, to: day }))).json()) as Report;
    const cards = report.stages.flatMap((s) => s.touchpoints.map((c) => `${s.stage} ${c.touchpoint} ${c.sessions}`));
    expect(cards).toEqual(expect.arrayContaining(['consideration /p/sach-1 4', 'purchase /checkout 2']));
    expect(report.funnel.steps.find((s) => s.key === 'order')!.sessions).toBe(1);
  });
});
