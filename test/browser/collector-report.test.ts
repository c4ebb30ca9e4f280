/**
 * The journey report in real Chromium: seeded through the collector over HTTP by the real seed
 * script, then opened on a phone and on a desktop. Screenshots are kept in test-artifacts/ (look
 * at them); axe-core finds no serious accessibility violation; the phone layout never scrolls
 * sideways; the page runs no script at all (its CSP forbids it).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tp-report-e2e-'));
  collector = await listen({ port: 0, dbPath: join(dir, 'report.db'), rateLimit: false, log: () => {} });
  const { stdout } = await promisify(execFile)(process.execPath, ['scripts/seed.mjs', '--url', collector.url, '--sessions', '160', '--kiosk', '60', '--seed', '11'], { cwd: ROOT });
  expect(stdout).toMatch(/seeded \d+ events/);
  browser = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const [name, viewport, lang] of [
  ['phone-vi', { width: 390, height: 844 }, 'vi'],
  ['desktop-en', { width: 1366, height: 900 }, 'en'],
] as const) {
  test(`report on ${name}`, async () => {
    const context = await browser.newContext({ viewport, bypassCSP: false });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    const res = await page.goto(reportUrl(collector, '/report', { lang }));
    expect(res?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await expect(page.locator('h1').textContent()).resolves.toBe(lang === 'vi' ? 'Báo cáo hành trình cảm xúc' : 'Emotional journey report');
    // Stages, cards, charts, kiosks.
    expect(await page.locator('.stage').count()).toBe(5);
    expect(await page.locator('.card').count()).toBeGreaterThan(8);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(5);
    expect(await page.locator('.card.down').count()).toBeGreaterThan(0);
    expect(await page.locator('table').count()).toBe(2);
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

test('the filter form narrows the report by plain GET', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(reportUrl(collector, '/report', { lang: 'en' }));
  await page.selectOption('select[name="channel"]', 'kiosk');
  await Promise.all([page.waitForURL(/channel=kiosk/), page.click('button[type="submit"]')]);
  const json = await (await fetch(reportUrl(collector, '/report.json', { channel: 'kiosk' }))).json();
  expect(json.filter.channel).toBe('kiosk');
  const cards = await page.locator('.card h3').allTextContents();
  expect(cards.sort()).toEqual(['store_counter', 'store_exit']);
  await page.close();
});
