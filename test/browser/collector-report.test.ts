/**
 * The journey report in real Chromium: seeded through the collector over HTTP by the real seed
 * script, then opened on a phone and on a desktop. Screenshots are kept in test-artifacts/ (look
 * at them); axe-core finds no serious accessibility violation; the phone layout never scrolls
 * sideways; the page runs no script at all (its CSP forbids it). Each CX part is exercised: the
 * emotion curve, intervals and directional marks, the comparison, themes with their answers one
 * click away, the kiosk heat map with closed hours, alerts delivered to a local webhook receiver
 * and acknowledged from the page, and the CSV exports.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { listen, type RunningCollector } from '../../src/collector';
import { launch } from '../support/browser';
import { reportUrl } from '../support/report';

const ROOT = new URL('../../', import.meta.url).pathname;
const ARTIFACTS = join(ROOT, 'test-artifacts');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let dir: string;
let collector: RunningCollector;
let browser: Browser;
let receiver: Server;
const received: { text: string; kind: string; id: string; scope: Record<string, string> }[] = [];

/** Poll until `check` holds (no fixed sleeps: a loaded machine only takes longer). */
const until = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tp-report-e2e-'));
  // The webhook receiver: a plain node:http server that records every alert it is sent.
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const port = (receiver.address() as { port: number }).port;
  collector = await listen({
    port: 0,
    dbPath: join(dir, 'report.db'),
    rateLimit: false,
    report: {
      openingHours: { 'hcm-q1': { mon: '08:00-22:00', tue: '08:00-22:00', wed: '08:00-22:00', thu: '08:00-22:00', fri: '08:00-22:00', sat: '08:00-23:00', sun: '09:00-21:00' }, '*': '09:00-21:00' },
      themeIgnoreWords: ['sách'],
      alerts: { webhook: { url: `http://127.0.0.1:${port}/hook` }, intervalMs: 250, rules: [{ kind: 'low_rating' }, { kind: 'kiosk_silent', minutes: 30 }] },
    },
  });
  const { stdout } = await promisify(execFile)(process.execPath, ['scripts/seed.mjs', '--url', collector.url, '--sessions', '160', '--kiosk', '60', '--seed', '11'], { cwd: ROOT });
  expect(stdout).toMatch(/seeded \d+ events/);
  // A shopper presses the angry face at the Hoàn Kiếm exit just now (the kiosk's clock is +07:00),
  // and a test terminal whose last heartbeat was two hours ago has gone silent. (Whether a seeded
  // kiosk is silent too depends on the time of day the seed ran.)
  const local = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
  const now = local(Date.now());
  const res = await fetch(`${collector.url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      batch: [
        {
          type: 'track',
          event: 'Feedback Submitted',
          messageId: 'e2e-low-1',
          anonymousId: 'kiosk-e2e',
          timestamp: now,
          context: { channel: 'kiosk', touchpoint: 'store_exit', journey_stage: 'post_purchase', session_id: 'e2e-low', store_id: 'hn-hoankiem' },
          properties: { survey_type: 'smiley', scale_min: 1, scale_max: 4, score: 1, submission_id: 'e2e-low-1', store_id: 'hn-hoankiem', device_id: 'exit-1', completed: true, comment: 'Chờ lâu quá' },
        },
        {
          type: 'track',
          event: 'Kiosk Heartbeat',
          messageId: 'e2e-silent-1',
          anonymousId: 'kiosk-e2e-silent',
          timestamp: local(Date.now() - 2 * 3_600_000),
          context: { channel: 'kiosk', touchpoint: 'store_exit', journey_stage: 'post_purchase', store_id: 'e2e-silent' },
          properties: { store_id: 'e2e-silent', device_id: 'k-1', queue_depth: 0, online: true },
        },
      ],
    }),
  });
  expect(res.status).toBe(200);
  expect((await res.json()).accepted).toBe(2);
  browser = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await new Promise((r) => receiver?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

test('alerts reach the local webhook receiver once each, with a Slack-compatible text', async () => {
  // The seeded kiosks may raise their own alerts on an earlier rule run than the angry face posted
  // after the seed: wait for the Hoàn Kiếm ones themselves.
  const at = (kind: string, storeId: string) => received.some((a) => a.kind === kind && a.scope.storeId === storeId);
  await until(() => at('low_rating', 'hn-hoankiem') && at('kiosk_silent', 'e2e-silent'), 'the low-rating alert at hn-hoankiem and the silent test kiosk');
  const low = received.find((a) => a.kind === 'low_rating')!;
  const ours = received.find((a) => a.kind === 'low_rating' && a.scope.storeId === 'hn-hoankiem');
  expect(ours, JSON.stringify(received)).toBeDefined();
  expect(ours!.text).toMatch(/^⚠️ Low kiosk rating at Store exit · hn-hoankiem · exit-1: score 1 /);
  expect(low.text).toMatch(/^⚠️ Low kiosk rating at /);
  expect(received.find((a) => a.kind === 'kiosk_silent' && a.scope.storeId === 'e2e-silent')!.text).toMatch(/^⚠️ Kiosk e2e-silent · k-1 silent for \d+ min/);
  // More rule runs raise nothing new: each alert is sent once.
  const count = received.length;
  const alerts = collector.collector.alerts!;
  await alerts.check();
  await alerts.check();
  await alerts.alerts.idle();
  expect(received.length).toBe(count);
  expect(new Set(received.map((a) => a.id)).size).toBe(count);
});

for (const [name, viewport, lang] of [
  ['phone-vi', { width: 390, height: 844 }, 'vi'],
  ['desktop-en', { width: 1366, height: 900 }, 'en'],
] as const) {
  test(`report on ${name}`, async () => {
    await until(() => received.some((a) => a.kind === 'low_rating'), 'the low-rating alert');
    const context = await browser.newContext({ viewport, bypassCSP: false });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    // The last 7 days, compared with the 7 days before (the seed spans 14).
    const from = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
    const res = await page.goto(reportUrl(collector, '/report', { lang, from }));
    expect(res?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await expect(page.locator('h1').textContent()).resolves.toBe(lang === 'vi' ? 'Báo cáo hành trình cảm xúc' : 'Emotional journey report');
    // Stages, cards with human labels, charts, tables.
    expect(await page.locator('.stage').count()).toBe(5);
    expect(await page.locator('.card').count()).toBeGreaterThan(8);
    const titles = await page.locator('.card h3').allTextContents();
    expect(titles).toContain(lang === 'vi' ? 'Trang sản phẩm' : 'Product page');
    expect(titles).not.toContain('product_page');
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(5);
    // The emotion curve: web and store lines, its text alternative names the low point.
    const curve = page.locator('svg.curve');
    expect(await curve.getAttribute('role')).toBe('img');
    expect(await curve.locator('path').count()).toBe(2);
    const json = await (await fetch(reportUrl(collector, '/report.json', { lang, from }))).json();
    const lows = json.downs.filter((d: { kind: string }) => d.kind === 'emotion').map((d: { touchpoint: string }) => json.labels[d.touchpoint]);
    expect(lows.length).toBeGreaterThan(0);
    expect(await curve.getAttribute('aria-label')).toBe(`${lang === 'vi' ? 'Hành trình cảm xúc. Điểm trũng' : 'Emotional journey. Low point'}: ${lows.join(', ')}.`);
    expect(await curve.locator('circle[r="13"]').count()).toBe(lows.length);
    // Intervals and the directional mark on thin samples.
    expect(await page.locator('.card .emo').first().textContent()).toMatch(/\(\d+–\d+\)/);
    expect(await page.locator('.badge.dir').count()).toBeGreaterThan(0);
    expect(await page.locator('.card.down').count()).toBeGreaterThan(0);
    // The comparison with the period before, beyond noise or not.
    expect(await page.locator('.tile .delta').first().textContent()).toMatch(lang === 'vi' ? /so với .*(vượt mức nhiễu|trong mức nhiễu)/ : /vs .*(beyond noise|within noise)/);
    // Themes: the answers behind one are a click away.
    const themes = page.locator('#themes + .panel details');
    expect(await themes.count()).toBeGreaterThanOrEqual(4);
    const waiting = themes.filter({ has: page.locator('summary b', { hasText: lang === 'vi' ? /^Chờ đợi, xếp hàng$/ : /^Waiting and queues$/ }) });
    expect(await waiting.count()).toBe(1);
    expect(await waiting.locator('li').first().isVisible()).toBe(false);
    await waiting.locator('summary').click();
    expect(await waiting.locator('li').first().isVisible()).toBe(true);
    expect(await waiting.locator('li').allTextContents()).toContain('Chờ lâu quá');
    // The kiosk heat map: one table per store, closed hours marked as closed.
    expect(await page.locator('table.heatmap').count()).toBe(2);
    expect(await page.locator('table.heatmap td.closed').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('table.heatmap td.closed .sr').first().textContent()).toBe(lang === 'vi' ? 'đóng cửa' : 'closed');
    expect(await page.locator('table.heatmap caption').first().textContent()).toContain('hcm-q1');
    expect(await page.getByRole('table', { name: /hcm-q1/ }).count()).toBe(1);
    // Open alerts with their acknowledge forms.
    expect(await page.locator('#alerts ~ .alert').count()).toBeGreaterThanOrEqual(2);
    // No sideways scrolling on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(scripts).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, `collector-report-${name}.png`), fullPage: true });

    // axe-core runs through the DevTools protocol (the page's CSP rightly blocks script tags).
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, html: (v.nodes as { html: string }[]).slice(0, 6).map((x) => x.html) }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await context.close();
  });
}

test('staff acknowledge an alert from the page; a cross-site post is refused', async () => {
  await until(() => received.some((a) => a.kind === 'low_rating'), 'the low-rating alert');
  // Another site cannot post the form (no token, wrong origin).
  const forged = await fetch(reportUrl(collector, '/report/alerts/ack'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    body: new URLSearchParams({ id: received[0]!.id, csrf: 'x' }),
  });
  expect(forged.status).toBe(403);
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(reportUrl(collector, '/report', { lang: 'en', channel: 'kiosk' }));
  const before = await page.locator('#alerts ~ .alert').count();
  const low = page.locator('#alerts ~ .alert', { hasText: 'Low kiosk rating at Store exit · hn-hoankiem · exit-1' });
  expect(await low.count()).toBe(1);
  await Promise.all([page.waitForURL(/#alerts$/), low.locator('button').click()]);
  // Back on the same filtered report, the alert is gone.
  expect(page.url()).toContain('channel=kiosk');
  expect(await page.locator('#alerts ~ .alert', { hasText: 'Low kiosk rating at Store exit · hn-hoankiem · exit-1' }).count()).toBe(0);
  expect(await page.locator('#alerts ~ .alert').count()).toBe(before - 1);
  await page.close();
});

test('the filter form narrows the report by plain GET', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(reportUrl(collector, '/report', { lang: 'en' }));
  await page.selectOption('select[name="channel"]', 'kiosk');
  await Promise.all([page.waitForURL(/channel=kiosk/), page.click('form.filter button[type="submit"]')]);
  const json = await (await fetch(reportUrl(collector, '/report.json', { channel: 'kiosk' }))).json();
  expect(json.filter.channel).toBe('kiosk');
  const cards = await page.locator('.card h3').allTextContents();
  expect(cards.sort()).toEqual(['Store counter', 'Store exit']);
  await page.close();
});

test('exports: every rating with comments and reasons, and the touchpoint table, as CSV', async () => {
  const json = await (await fetch(reportUrl(collector, '/report.json'))).json();
  expect(json.version).toBe(2);
  const page = await browser.newPage();
  await page.goto(reportUrl(collector, '/report', { lang: 'vi' }));
  const href = await page.locator('a', { hasText: 'Đánh giá kèm nhận xét' }).getAttribute('href');
  const ratings = await fetch(new URL(href!, page.url()));
  expect(ratings.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const bytes = new Uint8Array(await ratings.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark Excel needs
  const csv = new TextDecoder().decode(bytes);
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('time_utc,local_time,store_id,device_id,channel,journey_stage,touchpoint,touchpoint_label,survey_type,score,scale_min,scale_max,emotion,reasons,comment');
  // Seeded comments hold no line breaks: one line per rating.
  expect(lines.length - 1).toBe(json.totals.ratings);
  expect(csv).toContain(',store_exit,Cửa ra cửa hàng,smiley,');
  expect(csv).toMatch(/,"[^"\r\n]*, [^"\r\n]*"\r\n/); // a comment with a comma, quoted
  const tpHref = await page.locator('a', { hasText: 'Bảng điểm chạm' }).getAttribute('href');
  const table = (await (await fetch(new URL(tpHref!, page.url()))).text()).trimEnd().split('\r\n');
  const cards = json.stages.reduce((a: number, s: { touchpoints: unknown[] }) => a + s.touchpoints.length, 0);
  expect(table.length - 1).toBe(cards);
  expect(table[0]).toMatch(/^journey_stage,touchpoint,touchpoint_label,/);
  await page.close();
});
