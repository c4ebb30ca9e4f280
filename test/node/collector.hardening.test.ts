/** The collector's hardening: each case is one hostile or unlucky request that used to hurt. */
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createCollector, listen, type EventStore, type RunningCollector } from '../../src/collector';
import { clientAddress } from '../../src/collector/clientAddress';
import { CLOCK_WINDOW } from '../../src/collector/toStoredEvent';
import { ReportBusyError } from '../../src/collector/report/reportBusy';
import { reportUrl } from '../support/report';
import { ev, getReport, post, rows, tempCollector } from './collector-fixtures';

const cleanups: (() => Promise<void>)[] = [];
const make = (options: Parameters<typeof tempCollector>[0] = {}) => {
  const t = tempCollector(options);
  cleanups.push(t.cleanup);
  return t;
};
const serve = async (options: Parameters<typeof listen>[0] = {}): Promise<RunningCollector> => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-hard-'));
  const running = await listen({ port: 0, dbPath: join(dir, 'c.db'), rateLimit: false, log: () => {}, ...options });
  cleanups.push(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return running;
};
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A raw HTTP/1.1 request (any Host, any method); resolves with status and body. */
const raw = (url: string, { method = 'GET', host, headers = {}, body }: { method?: string; host?: string; headers?: Record<string, string>; body?: string } = {}) =>
  new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((ok, fail) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers: { ...(host ? { host } : {}), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', fail);
    req.end(body);
  });

describe('hostile events and requests', () => {
  test('a 60,000-deep event is rejected by its index; the rest of its batch is stored', async () => {
    const { collector } = make();
    const deep = `{"type":"track","event":"Product Viewed","messageId":"deep-1","anonymousId":"a","properties":{"x":${'{"a":'.repeat(60_000)}1${'}'.repeat(60_000)}}}`;
    const body = `{"batch":[${JSON.stringify(ev({ messageId: 'ok-1' }))},${deep},${JSON.stringify(ev({ messageId: 'ok-2' }))}]}`;
    const res = await post(collector, '/v1/batch', body, { raw: true });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { accepted: number; rejected: { index: number; reason: string }[] };
    expect(answer.accepted).toBe(2);
    expect(answer.rejected).toEqual([{ index: 1, reason: 'event is nested deeper than 32 levels' }]);
    expect((await rows(collector)).map((r) => r.messageId).sort()).toEqual(['ok-1', 'ok-2']);
  });

  test('a malformed Host is 400, TRACE and other methods are 405, and the server keeps answering', async () => {
    const server = await serve();
    for (const host of ['a:99999', '[zz]', 'a:b:c', 'user@evil']) {
      const res = await raw(`${server.url}/health`, { host });
      expect(res.status, host).toBe(400);
      expect(JSON.parse(res.body).error.code).toBe('invalid_host');
    }
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH']) {
      const res = await raw(`${server.url}/v1/batch`, { method });
      expect(res.status, method).toBe(405);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    expect((await raw(`${server.url}/health`)).status).toBe(200);
  });

  test('client times outside the window are clamped, kept as sent, and counted in the answer', async () => {
    const now = Date.parse('2026-11-20T12:00:00Z');
    const { collector } = make({ now: () => now });
    const res = await post(collector, '/v1/batch', {
      batch: [
        ev({ messageId: 'future', event: 'Kiosk Heartbeat', timestamp: '2099-01-01T00:00:00.000+07:00' }),
        ev({ messageId: 'past', timestamp: '2001-01-01T00:00:00.000Z' }),
        ev({ messageId: 'fine', timestamp: '2026-11-20T18:59:00.000+07:00' }),
      ],
    });
    expect(await res.json()).toMatchObject({ accepted: 3, clamped: 2 });
    const byId = Object.fromEntries((await rows(collector)).map((r) => [r.messageId, r]));
    expect(byId.future!.timestamp).toBe(now + CLOCK_WINDOW.futureMs);
    expect(byId.future!.originalTimestamp).toBe('2099-01-01T00:00:00.000+07:00');
    expect(byId.past!.timestamp).toBe(now - CLOCK_WINDOW.pastMs);
    expect(byId.fine!.timestamp).toBe(Date.parse('2026-11-20T11:59:00.000Z'));
  });
});

describe('rate limiting behind proxies', () => {
  test('the client is the first untrusted hop from the right', () => {
    expect(clientAddress('10.0.0.2', '1.1.1.1, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.2', '203.0.113.7, 10.0.0.1', ['10.0.0.0/8'])).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.2', 'spoofed, 203.0.113.7, 10.0.0.1', 2)).toBe('203.0.113.7');
    expect(clientAddress('198.51.100.9', '1.1.1.1', ['10.0.0.0/8'])).toBe('198.51.100.9'); // not from our proxy
    expect(clientAddress('10.0.0.2', '1.1.1.1', false)).toBe('10.0.0.2');
  });

  test('a spoofed X-Forwarded-For does not buy a fresh bucket; shoppers behind the proxy get their own', async () => {
    const { collector } = make({ rateLimit: { perSecond: 1, burst: 3 }, trustProxy: ['10.0.0.0/8'], now: () => 1_000_000 });
    const via = (xff: string) => post(collector, '/v1/batch', { batch: [ev()] }, { ip: '10.0.0.2', headers: { 'x-forwarded-for': xff } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await via(`192.0.2.${i}, 203.0.113.7`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect((await via('203.0.113.8')).status).toBe(200);
  });
});

describe('bounded resources and visible failures', () => {
  test('request bodies in flight are bounded across connections: beyond it, 503 too_busy', async () => {
    const server = await serve({ maxInFlightBytes: 1500 });
    const { port } = new URL(server.url);
    // A client that declares 1,000 bytes and sends them slowly holds its reservation.
    const slow = connect(Number(port), '127.0.0.1');
    await new Promise((ok) => slow.once('connect', ok));
    slow.write(`POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"batch":[`);
    let busy = 0;
    for (let i = 0; i < 50 && busy !== 503; i++) {
      busy = (await raw(`${server.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '900' }, body: `{"batch":[]}${' '.repeat(888)}` })).status;
    }
    expect(busy).toBe(503);
    slow.destroy();
    // Released when the slow request ends: accepted again.
    let status = 0;
    for (let i = 0; i < 200 && status !== 200; i++) {
      await new Promise((ok) => setTimeout(ok, 20));
      status = (await raw(`${server.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"batch":[]}' })).status;
    }
    expect(status).toBe(200);
  });

  test('connections beyond maxConnections are refused', async () => {
    const server = await serve({ maxConnections: 2 });
    expect(server.server.maxConnections).toBe(2);
    const { port } = new URL(server.url);
    const sockets = [0, 1].map(() => connect(Number(port), '127.0.0.1'));
    await Promise.all(sockets.map((s) => new Promise((ok) => s.once('connect', ok))));
    const third = connect(Number(port), '127.0.0.1');
    third.on('error', () => undefined);
    await new Promise((ok) => third.once('close', ok));
    sockets.forEach((s) => s.destroy());
  });

  test('store failures are logged by default, one line at a time; /health checks the store', async () => {
    const lines: string[] = [];
    const broken: EventStore = { insert: () => { throw new Error('disk full'); }, query: () => [], stores: () => [], check: () => false, close: () => undefined };
    const c = createCollector({ store: broken, rateLimit: false, log: (l) => lines.push(l), reportToken: 't' });
    for (let i = 0; i < 5; i++) expect((await post(c, '/v1/batch', { batch: [ev()] })).status).toBe(503);
    expect(lines).toEqual(['touchpoint collector: store failure: disk full']);
    const health = await c(new Request('http://127.0.0.1/health'));
    expect(health.status).toBe(503);
    const { collector } = make();
    expect((await collector(new Request('http://127.0.0.1/health'))).status).toBe(200);
    await collector.store.close();
    expect((await collector(new Request('http://127.0.0.1/health'))).status).toBe(503);
  });
});

describe('report access', () => {
  test('the report needs its token (query or Bearer) and an allowed Host; every answer has the safety headers', async () => {
    const server = await serve();
    expect(server.reportToken).toMatch(/^[\w-]{40,}$/);
    expect((await fetch(`${server.url}/report.json`)).status).toBe(401);
    expect((await fetch(`${server.url}/report.json?token=wrong`)).status).toBe(401);
    const ok = await fetch(reportUrl(server, '/report.json'));
    expect(ok.status).toBe(200);
    expect((await fetch(`${server.url}/report.json`, { headers: { authorization: `Bearer ${server.reportToken}` } })).status).toBe(200);
    const rebound = await raw(reportUrl(server, '/report.json'), { host: 'evil.example:8787' });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error.code).toBe('host_not_allowed');
    // Events are still taken from any Host the proxy passes.
    expect((await raw(`${server.url}/health`, { host: 'shop.example' })).status).toBe(200);
    const html = await fetch(reportUrl(server, '/report'));
    for (const res of [html, ok, await fetch(`${server.url}/nope`), await fetch(`${server.url}/health`)]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    const page = await html.text();
    expect(page).toContain(`<input type="hidden" name="token" value="${server.reportToken}">`);
  });

  test('a generated token is saved next to the database and logged once; the option and env win', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-token-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const lines: string[] = [];
    const first = createCollector({ dbPath: join(dir, 'a.db'), log: (l) => lines.push(l) });
    await first.close();
    const second = createCollector({ dbPath: join(dir, 'a.db'), log: (l) => lines.push(l) });
    await second.close();
    expect(second.reportToken).toBe(first.reportToken);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(first.reportToken);
    const given = createCollector({ dbPath: join(dir, 'a.db'), reportToken: 'mine', log: (l) => lines.push(l) });
    await given.close();
    expect(given.reportToken).toBe('mine');
  });
});

describe('report load', () => {
  test('a report while too many wait is 503 report_busy with Retry-After; a failing one is 503, logged', async () => {
    const lines: string[] = [];
    let fail: Error = new ReportBusyError();
    const store: EventStore = { insert: () => ({ inserted: [] }), query: () => [], stores: () => [], aggregate: () => Promise.reject(fail), close: () => undefined };
    const c = createCollector({ store, rateLimit: false, log: (l) => lines.push(l), reportToken: 't' });
    const busy = await getReport(c, '/report.json');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(((await busy.json()) as { error: { code: string } }).error.code).toBe('report_busy');
    fail = new Error('database is locked');
    expect((await getReport(c, '/report')).status).toBe(503);
    expect(lines).toEqual(['touchpoint collector: report failure: database is locked']);
  });
});

describe('report contents that guard against abuse', () => {
  test('cards are capped per stage, the rest summed as others; bot events are excluded and counted', async () => {
    const { collector } = make({ report: { maxCards: 12 } });
    const batch = Array.from({ length: 30 }, (_, i) => ev({ messageId: `tp-${i}` }, { touchpoint: `tp-${String(i).padStart(2, '0')}`, session_id: `s-${i}` }));
    batch.push(ev({ messageId: 'bot-1' }, { userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1)', touchpoint: 'bot-page', session_id: 'bot' }));
    expect(await (await post(collector, '/v1/batch', { batch })).json()).toMatchObject({ accepted: 31 });
    const report = await (await getReport(collector, '/report.json?from=2026-11-01')).json();
    const stage = report.stages.find((s: { stage: string }) => s.stage === 'consideration');
    expect(stage.touchpoints).toHaveLength(12);
    expect(stage.others).toEqual({ touchpoints: 18, sessions: 18 });
    expect(report.cardCap).toBe(12);
    expect(report.totals).toMatchObject({ events: 30, sessions: 30, botEvents: 1 });
    expect(JSON.stringify(report)).not.toContain('bot-page');
    const html = await (await getReport(collector, '/report?from=2026-11-01')).text();
    expect(html).toContain('+18 more touchpoints (18 visits): the 12 busiest are shown');
    expect(html).toContain('Bot events excluded');
  });
});
