import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { listen, type EventStore } from '../../src/collector';
import { ev, post, rows, tempCollector } from './collector-fixtures';

const cleanups: (() => Promise<void>)[] = [];
const make = (options: Parameters<typeof tempCollector>[0] = {}) => {
  const t = tempCollector(options);
  cleanups.push(t.cleanup);
  return t.collector;
};
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const code = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('happy path', () => {
  test('a batch is stored and counted', async () => {
    const c = make();
    const batch = [ev(), ev({ type: 'page', event: undefined, name: 'Home' }), ev({ type: 'identify', event: undefined, userId: 'u-1', traits: { tier: 'gold' } })];
    const res = await post(c, '/v1/batch', { batch, sentAt: '2026-11-22T17:03:05.000+07:00' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, accepted: 3, duplicates: 0, rejected: [], clamped: 0 });
    const stored = await rows(c);
    expect(stored.map((r) => r.type)).toEqual(['track', 'page', 'identify']);
    expect(stored[0]).toMatchObject({ event: 'Product Viewed', channel: 'web', touchpoint: 'product_page', journeyStage: 'consideration', sessionId: 's-1', anonymousId: 'anon-1' });
    expect(JSON.parse(stored[0]!.json)).toEqual(batch[0]);
  });

  test('single-event routes set the type from the path', async () => {
    const c = make();
    const { type: _t, ...noType } = ev();
    expect((await post(c, '/v1/track', noType)).status).toBe(200);
    expect((await post(c, '/v1/page', { ...ev(), type: undefined, event: undefined })).status).toBe(200);
    expect((await post(c, '/v1/identify', { ...ev(), type: 'identify', userId: 'u-2' })).status).toBe(200);
    expect((await rows(c)).map((r) => r.type)).toEqual(['track', 'page', 'identify']);
  });

  test('store_id and device_id come from properties or context', async () => {
    const c = make();
    await post(c, '/v1/batch', {
      batch: [
        ev({ event: 'Kiosk Heartbeat', properties: { store_id: 'hcm-1', device_id: 'tab-3' } }),
        ev({}, { store_id: 'hn-2', device: { id: 'tab-9' } }),
      ],
    });
    expect((await rows(c)).map((r) => [r.storeId, r.deviceId])).toEqual([
      ['hcm-1', 'tab-3'],
      ['hn-2', 'tab-9'],
    ]);
  });
});

describe('dedupe and time', () => {
  test('a re-sent event is acknowledged as a duplicate, not stored twice', async () => {
    const c = make();
    const batch = [ev(), ev()];
    expect(await (await post(c, '/v1/batch', { batch })).json()).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(await (await post(c, '/v1/batch', { batch: [...batch, ev()] })).json()).toMatchObject({ accepted: 1, duplicates: 2 });
    const same = ev();
    expect(await (await post(c, '/v1/batch', { batch: [same, same] })).json()).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(await rows(c)).toHaveLength(4);
  });

  test('client clock skew is corrected, the original kept, the local hour known', async () => {
    // The kiosk's clock runs one hour fast and it queued the event for 10 minutes.
    const receivedAt = Date.parse('2026-11-22T10:10:00.000Z'); // 17:10 in Hồ Chí Minh City
    const c = make({ now: () => receivedAt });
    const e = ev({ timestamp: '2026-11-22T18:00:00.000+07:00' });
    await post(c, '/v1/batch', { batch: [e], sentAt: '2026-11-22T18:10:00.000+07:00' });
    const [row] = await rows(c);
    expect(new Date(row!.timestamp).toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(row).toMatchObject({ originalTimestamp: '2026-11-22T18:00:00.000+07:00', sentAt: '2026-11-22T18:10:00.000+07:00', receivedAt, tzOffsetMinutes: 420, localHour: 17 });
  });

  test('an event-level sentAt wins over the batch one; no sentAt keeps the client time', async () => {
    const receivedAt = Date.parse('2026-11-22T10:00:00.000Z');
    const c = make({ now: () => receivedAt });
    await post(c, '/v1/batch', {
      batch: [ev({ timestamp: '2026-11-22T09:00:00.000Z', sentAt: '2026-11-22T09:30:00.000Z' }), ev({ timestamp: '2026-11-22T08:00:00.000Z', messageId: 'plain' })],
    });
    const stored = await rows(c);
    expect(stored.map((r) => new Date(r.timestamp).toISOString())).toEqual(['2026-11-22T08:00:00.000Z', '2026-11-22T09:30:00.000Z']);
  });
});

describe('group commit', () => {
  test('concurrent requests share a transaction, dedupe across them, and are committed when answered', async () => {
    const t = tempCollector();
    cleanups.push(t.cleanup);
    const shared = ev();
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(t.collector, '/v1/batch', { batch: [shared, ev()] }).then((r) => r.json())));
    expect(answers.reduce((a, b: any) => a + b.accepted, 0)).toBe(7);
    expect(answers.reduce((a, b: any) => a + b.duplicates, 0)).toBe(5);
    // Another connection sees every acknowledged row: acknowledged means committed.
    const { default: Database } = await import('better-sqlite3');
    const other = new Database(`${t.dir}/touchpoint.db`, { readonly: true });
    expect((other.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(7);
    other.close();
  });
});

describe('per-event results', () => {
  test('bad events are rejected with index and reason, the good ones stored', async () => {
    const c = make();
    const batch = [
      ev(),
      ev({ messageId: '' }),
      'not an object',
      ev({ anonymousId: undefined }),
      ev({}, { channel: 'fax' }),
      ev({ properties: { blob: 'x'.repeat(33 * 1024) } }),
      ev({ timestamp: 'yesterday' }),
      ev(),
    ];
    const res = await post(c, '/v1/batch', { batch });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: number; rejected: { index: number; reason: string }[] };
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(body.rejected[0]!.reason).toMatch(/^messageId/);
    expect(body.rejected[1]!.reason).toMatch(/JSON object/);
    expect(body.rejected[2]!.reason).toMatch(/anonymousId or userId/);
    expect(body.rejected[3]!.reason).toMatch(/^context\.channel/);
    expect(body.rejected[4]!.reason).toMatch(/over the 32768-byte limit/);
    expect(body.rejected[5]!.reason).toMatch(/^timestamp/);
    expect(await rows(c)).toHaveLength(2);
  });
});

describe('bad requests name the problem', () => {
  const c = () => make();
  test.each([
    ['malformed JSON', (h: ReturnType<typeof c>) => post(h, '/v1/batch', '{"batch": [', { raw: true }), 400, 'malformed_json', /malformed JSON/],
    ['wrong content type', (h: ReturnType<typeof c>) => post(h, '/v1/batch', 'batch=1', { raw: true, headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type', /application\/x-www-form-urlencoded/],
    ['unknown encoding', (h: ReturnType<typeof c>) => post(h, '/v1/batch', { batch: [] }, { headers: { 'content-encoding': 'br' } }), 415, 'unsupported_encoding', /br/],
    ['body over the limit', (h: ReturnType<typeof c>) => post(h, '/v1/batch', { batch: [], pad: 'x'.repeat(600 * 1024) }), 413, 'payload_too_large', /524288 bytes/],
    ['too many events', (h: ReturnType<typeof c>) => post(h, '/v1/batch', { batch: Array.from({ length: 2501 }, () => 1) }), 413, 'too_many_events', /2501 events; at most 2500/],
    ['body not an object', (h: ReturnType<typeof c>) => post(h, '/v1/batch', [ev()]), 400, 'invalid_body', /"batch" array/],
    ['batch not an array', (h: ReturnType<typeof c>) => post(h, '/v1/batch', { batch: ev() }), 400, 'invalid_body', /"batch" array/],
    ['bad envelope sentAt', (h: ReturnType<typeof c>) => post(h, '/v1/batch', { batch: [ev()], sentAt: 'now' }), 400, 'invalid_body', /^sentAt/],
    ['invalid single event', (h: ReturnType<typeof c>) => post(h, '/v1/track', { ...ev(), event: '' }), 400, 'invalid_event', /^event/],
    ['type not matching the route', (h: ReturnType<typeof c>) => post(h, '/v1/page', ev()), 400, 'invalid_event', /"track" sent to \/v1\/page/],
    ['not valid UTF-8', (h: ReturnType<typeof c>) => post(h, '/v1/batch', new Uint8Array([0x7b, 0xff, 0x7d]), { raw: true }), 400, 'invalid_utf8', /UTF-8/],
    ['unknown route', (h: ReturnType<typeof c>) => post(h, '/v2/batch', {}), 404, 'not_found', /\/v2\/batch/],
    ['wrong method', (h: ReturnType<typeof c>) => h(new Request('http://127.0.0.1/v1/batch')), 405, 'method_not_allowed', /GET/],
  ] as const)('%s → %i', async (_name, send, status, errorCode, message) => {
    const res = await send(c());
    expect(res.status).toBe(status);
    const error = await code(res);
    expect(error.code).toBe(errorCode);
    expect(error.message).toMatch(message);
  });

  test('a streamed body without Content-Length is cut at the limit', async () => {
    const h = make({ maxBodyBytes: 1000 });
    const chunk = new TextEncoder().encode('x'.repeat(400));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent++ < 10) ctrl.enqueue(chunk);
        else ctrl.close();
      },
    });
    const res = await h(new Request('http://127.0.0.1/v1/batch', { method: 'POST', body, headers: { 'content-type': 'text/plain' }, duplex: 'half' } as RequestInit));
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(10);
  });

  test('a store failure answers 503 with Retry-After and stores nothing', async () => {
    const broken: EventStore = { insert: () => { throw new Error('disk full'); }, query: () => [], stores: () => [], close: () => undefined };
    const errors: unknown[] = [];
    const h = make({ store: broken, onError: (e) => errors.push(e) });
    const res = await post(h, '/v1/batch', { batch: [ev()] });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect((await code(res)).code).toBe('store_unavailable');
    expect(errors).toHaveLength(1);
  });
});

describe('gzip', () => {
  test('gzip bodies are accepted', async () => {
    const h = make();
    const res = await post(h, '/v1/batch', gzipSync(JSON.stringify({ batch: [ev(), ev()] })), { raw: true, headers: { 'content-encoding': 'gzip', 'content-type': 'text/plain' } });
    expect(await res.json()).toMatchObject({ accepted: 2 });
  });
  test('a gzip bomb is refused with 413, broken gzip with 400', async () => {
    const h = make();
    const bomb = gzipSync(JSON.stringify({ batch: [], pad: ' '.repeat(5_000_000) }));
    expect(bomb.byteLength).toBeLessThan(512 * 1024);
    const res = await post(h, '/v1/batch', bomb, { raw: true, headers: { 'content-encoding': 'gzip' } });
    expect(res.status).toBe(413);
    expect((await code(res)).message).toMatch(/decompressed/);
    const broken = await post(h, '/v1/batch', new Uint8Array([1, 2, 3, 4]), { raw: true, headers: { 'content-encoding': 'gzip' } });
    expect(broken.status).toBe(400);
    expect((await code(broken)).code).toBe('invalid_gzip');
  });
});

describe('write key', () => {
  const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` });
  test('missing or wrong keys get 401; Basic or body keys pass', async () => {
    const h = make({ writeKeys: ['wk_live_1', 'wk_live_2'] });
    const missing = await post(h, '/v1/batch', { batch: [ev()] });
    expect(missing.status).toBe(401);
    expect((await code(missing)).code).toBe('missing_write_key');
    const wrong = await post(h, '/v1/batch', { batch: [ev()] }, { headers: basic('nope') });
    expect(wrong.status).toBe(401);
    expect((await code(wrong)).code).toBe('invalid_write_key');
    expect((await post(h, '/v1/batch', { batch: [ev()] }, { headers: basic('wk_live_2') })).status).toBe(200);
    expect((await post(h, '/v1/batch', { batch: [ev()], writeKey: 'wk_live_1' })).status).toBe(200);
    expect((await post(h, '/v1/track', { ...ev(), writeKey: 'wk_live_1' })).status).toBe(200);
    expect(await rows(h)).toHaveLength(3);
  });
});

describe('CORS', () => {
  test('preflight and simple requests from allowed origins; others refused', async () => {
    const h = make({ corsOrigins: ['https://shop.example'] });
    const preflight = await h(new Request('http://127.0.0.1/v1/batch', { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } }));
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-encoding/);
    const denied = await h(new Request('http://127.0.0.1/v1/batch', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } }));
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();

    // What sendBeacon sends: text/plain, credentials included, no preflight.
    const beacon = await post(h, '/v1/batch', JSON.stringify({ batch: [ev()] }), { raw: true, headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' } });
    expect(beacon.status).toBe(200);
    expect(beacon.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const evil = await post(h, '/v1/batch', { batch: [ev()] }, { headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect((await code(evil)).code).toBe('origin_not_allowed');
    expect(await rows(h)).toHaveLength(1);
  });
  test("'*' echoes any origin", async () => {
    const h = make();
    const res = await post(h, '/v1/batch', { batch: [ev()] }, { headers: { origin: 'https://any.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://any.example');
    expect(res.headers.get('vary')).toBe('Origin');
  });
});

describe('rate limit', () => {
  test('a client over its bucket gets 429 with Retry-After; others are not affected', async () => {
    let clock = 1_000_000;
    const h = make({ rateLimit: { perSecond: 1, burst: 2 }, now: () => clock });
    expect((await post(h, '/v1/batch', { batch: [ev()] }, { ip: '1.1.1.1' })).status).toBe(200);
    expect((await post(h, '/v1/batch', { batch: [ev()] }, { ip: '1.1.1.1' })).status).toBe(200);
    const limited = await post(h, '/v1/batch', { batch: [ev()] }, { ip: '1.1.1.1' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await code(limited)).code).toBe('rate_limited');
    expect((await post(h, '/v1/batch', { batch: [ev()] }, { ip: '2.2.2.2' })).status).toBe(200);
    clock += 1000;
    expect((await post(h, '/v1/batch', { batch: [ev()] }, { ip: '1.1.1.1' })).status).toBe(200);
  });
});

describe('node:http server', () => {
  test('serves the handler on 127.0.0.1 with gzip, CORS and real client addresses', async () => {
    const { dir, cleanup } = tempCollector();
    cleanups.push(cleanup);
    const server = await listen({ port: 0, dbPath: `${dir}/http.db`, rateLimit: { perSecond: 1, burst: 1 } });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const body = gzipSync(JSON.stringify({ batch: [ev(), ev()] }));
      const res = await fetch(`${server.url}/v1/batch`, { method: 'POST', body, headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip', origin: 'https://shop.example' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(await res.json()).toMatchObject({ accepted: 2 });
      // X-Forwarded-For is not trusted by default: the same socket address is limited.
      const again = await fetch(`${server.url}/v1/batch`, { method: 'POST', body: JSON.stringify({ batch: [ev()] }), headers: { 'content-type': 'application/json', 'x-forwarded-for': '9.9.9.9' } });
      expect(again.status).toBe(429);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  test('a chunked upload without Content-Length is streamed and cut at the limit', async () => {
    const { dir, cleanup } = tempCollector();
    cleanups.push(cleanup);
    const server = await listen({ port: 0, dbPath: `${dir}/chunked.db`, rateLimit: false, maxBodyBytes: 4096 });
    try {
      const { request } = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        for (let i = 0; i < 4; i++) req.write('x'.repeat(2000));
        req.end();
      });
      expect(status).toBe(413);
    } finally {
      await server.close();
    }
  });
});
