/**
 * Contract item 3: the SDK sends what a batch's events share once, in the batch `context`
 * (src/core/pack.ts); the collector merges it into each event before validation. Stored rows and
 * forwarded batches must be those of the uncompacted form.
 */
import { createServer } from 'node:http';
import { afterEach, expect, test } from 'vitest';
import { withBatchContext } from '../../src/collector/batchContext';
import { pack } from '../../src/core/pack';
import { ev, post, rows, tempCollector } from './collector-fixtures';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const shared = {
  library: { name: 'touchpoint', version: '0.1.0' },
  locale: 'vi-VN',
  timezone: 'Asia/Ho_Chi_Minh',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  screen: { width: 1920, height: 1080, density: 1 },
  page: { url: 'https://shop.vn/p/1', path: '/p/1', title: 'Trà xanh', referrer: '', search: '' },
  campaign: { source: 'news' },
  channel: 'web',
};
/** Events as the SDK stores them: mostly shared context, a few entries that differ. */
const events = () => [
  ev({}, { ...shared, journey_stage: 'consideration', touchpoint: 'pdp' }),
  ev({ event: 'Product Added', properties: { product_id: 'b-1', price: 120000, currency: 'VND' } }, { ...shared, journey_stage: 'purchase', touchpoint: 'pdp' }),
  ev({ type: 'page', event: undefined, name: 'Cart' }, { ...shared, journey_stage: 'purchase', touchpoint: 'cart', session_id: 's-2' }),
  ev({ anonymousId: 'anon-2' }, { ...shared, store_id: 'hcm-1', touchpoint: 'pdp', journey_stage: 'consideration' }),
];
const SENT_AT = '2026-11-22T17:03:05.000+07:00';
/** A compact body made by the SDK's own pack(), with a fixed sentAt for comparison. */
const compact = (list: object[]) => {
  const { body } = pack(list.map((e, i) => ({ k: `e:${i}`, v: JSON.stringify(e) })), 500_000, {});
  return { ...JSON.parse(body), sentAt: SENT_AT };
};

test('a compact batch is stored exactly as its uncompacted form', async () => {
  const list = events();
  const body = compact(list);
  // It is compact: the shared entries travel once.
  expect(body.context).toMatchObject({ library: shared.library, userAgent: shared.userAgent, page: shared.page });
  expect(body.batch[0].context).toEqual({ journey_stage: 'consideration', touchpoint: 'pdp', session_id: 's-1' });

  const a = tempCollector({ now: () => 1_764_000_000_000 });
  const b = tempCollector({ now: () => 1_764_000_000_000 });
  cleanups.push(a.cleanup, b.cleanup);
  const resA = await post(a.collector, '/v1/batch', body);
  const resB = await post(b.collector, '/v1/batch', { batch: list, sentAt: SENT_AT });
  expect(await resA.json()).toEqual(await resB.json());
  // Equal rows; the raw JSON column equal as JSON (the merged context's keys come in another order).
  const parsed = async (c: typeof a.collector) => (await rows(c)).map((r) => ({ ...r, json: JSON.parse(r.json) }));
  const stored = await rows(a.collector);
  expect(stored).toHaveLength(4);
  expect(await parsed(a.collector)).toEqual(await parsed(b.collector));
  // Derived columns come from the merged context.
  expect(stored.map((r) => [r.touchpoint, r.journeyStage, r.channel, r.sessionId])).toEqual([
    ['pdp', 'consideration', 'web', 's-1'],
    ['pdp', 'purchase', 'web', 's-1'],
    ['cart', 'purchase', 'web', 's-2'],
    ['pdp', 'consideration', 'web', 's-1'],
  ]);
});

test("the event's own context keys win over the batch's; a bad event context is left for validation", async () => {
  expect(withBatchContext({ context: { a: 1 } }, { a: 2, b: 3 })).toEqual({ context: { a: 1, b: 3 } });
  expect(withBatchContext({ type: 'track' }, { b: 3 })).toEqual({ type: 'track', context: { b: 3 } });
  expect(withBatchContext({ context: 'x' }, { b: 3 })).toEqual({ context: 'x' });
  expect(withBatchContext(7, { b: 3 })).toBe(7);
  expect(withBatchContext({ context: { a: 1 } }, undefined)).toEqual({ context: { a: 1 } });

  const { collector, cleanup } = tempCollector();
  cleanups.push(cleanup);
  // The batch context supplies the channel the events lack; one event overrides it with a bad value.
  const res = await post(collector, '/v1/batch', {
    batch: [{ ...ev(), context: { touchpoint: 'pdp', journey_stage: 'consideration' } }, ev({}, { channel: 'tv' })],
    context: { channel: 'kiosk' },
  });
  const out = await res.json();
  expect(out.accepted).toBe(1);
  expect(out.rejected).toEqual([expect.objectContaining({ index: 1, reason: expect.stringContaining('channel') })]);
  expect((await rows(collector)).map((r) => r.channel)).toEqual(['kiosk']);
});

test('forwarded batches carry each event with the merged context: upstream reads the same thing', async () => {
  const seen: any[] = [];
  const upstream = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      seen.push(JSON.parse(Buffer.concat(parts).toString('utf8')));
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((ok) => upstream.listen(0, '127.0.0.1', ok));
  cleanups.push(() => new Promise<void>((ok) => upstream.close(() => ok())));
  const address = upstream.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const { collector, cleanup } = tempCollector({ forward: { url: `http://127.0.0.1:${port}/v1/batch`, baseDelayMs: 5 } });
  cleanups.push(cleanup);
  const list = events();
  await post(collector, '/v1/batch', compact(list));
  await collector.forwarder!.drain();
  expect(seen).toHaveLength(1);
  expect(seen[0].batch).toEqual(list);
});
