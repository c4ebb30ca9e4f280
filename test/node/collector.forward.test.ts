import { createServer, type IncomingMessage } from 'node:http';
import { afterEach, expect, test } from 'vitest';
import { createForwarder } from '../../src/collector';
import { ev, post, tempCollector } from './collector-fixtures';

/** A fake upstream `/v1/batch` answering from a script of statuses, recording every request. */
const fakeUpstream = async (statuses: number[], headers: Record<string, string> = {}) => {
  const seen: { auth: string | undefined; body: any }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      seen.push({ auth: req.headers.authorization, body: JSON.parse(Buffer.concat(parts).toString('utf8')) });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, status === 429 ? headers : {}).end('{}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/v1/batch`, seen, close: () => new Promise<void>((ok) => server.close(() => ok())) };
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

test('accepted batches are forwarded unchanged, retried after a failure', async () => {
  const upstream = await fakeUpstream([503, 200]);
  cleanups.push(upstream.close);
  const { collector, cleanup } = tempCollector({ forward: { url: upstream.url, writeKey: 'rudder_wk', baseDelayMs: 5 } });
  cleanups.push(cleanup);
  const good = [ev(), ev({ event: 'Order Completed', properties: { order_id: 'o-1', revenue: 250000, currency: 'VND' } })];
  const res = await post(collector, '/v1/batch', { batch: [...good, { bad: true }], sentAt: '2026-11-22T17:03:05.000+07:00' });
  expect(await res.json()).toMatchObject({ accepted: 2 });
  await collector.forwarder!.drain();
  expect(upstream.seen).toHaveLength(2);
  expect(upstream.seen[1]!.body).toEqual({ batch: good, sentAt: '2026-11-22T17:03:05.000+07:00' });
  expect(upstream.seen[0]!.body).toEqual(upstream.seen[1]!.body);
  expect(upstream.seen[1]!.auth).toBe(`Basic ${Buffer.from('rudder_wk:').toString('base64')}`);
  expect(collector.forwarder!.stats()).toEqual({ sent: 1, retried: 1, dropped: 0, queued: 0 });

  // Duplicates are not forwarded again.
  await post(collector, '/v1/batch', { batch: good });
  await collector.forwarder!.drain();
  expect(upstream.seen).toHaveLength(2);
});

test('429 honours Retry-After; other 4xx are dropped and reported', async () => {
  const upstream = await fakeUpstream([429, 200, 400], { 'retry-after': '0.05' });
  cleanups.push(upstream.close);
  const drops: unknown[] = [];
  const forwarder = createForwarder({ url: upstream.url, baseDelayMs: 3_600_000, onDrop: (d) => drops.push(d) });
  const started = Date.now();
  forwarder.enqueue([ev()]);
  await forwarder.drain();
  // Retry-After (50 ms) was used, not the one-hour back-off: a bound that no slow machine reaches
  // unless the back-off was taken.
  expect(Date.now() - started).toBeLessThan(60_000);
  forwarder.enqueue([ev(), ev()]);
  await forwarder.drain();
  expect(upstream.seen).toHaveLength(3);
  expect(drops).toEqual([{ reason: 'upstream answered 400', events: 2, status: 400 }]);
  expect(forwarder.stats()).toMatchObject({ sent: 1, retried: 1, dropped: 1 });
  forwarder.close();
});

test('an unreachable upstream is retried up to the attempt limit, then given up', async () => {
  const drops: unknown[] = [];
  const forwarder = createForwarder({ url: 'http://127.0.0.1:9/v1/batch', attempts: 3, baseDelayMs: 1, onDrop: (d) => drops.push(d) });
  forwarder.enqueue([ev()]);
  await forwarder.drain();
  expect(drops).toEqual([{ reason: 'gave up after 3 attempts', events: 1 }]);
  expect(forwarder.stats()).toMatchObject({ sent: 0, retried: 2, dropped: 1 });
});
