/**
 * Bots (contract 5): in real Chromium, the script tag records nothing for a crawler's user agent
 * or an automated browser (`navigator.webdriver`), and records as usual with `data-allow-bots`.
 */
import { expect, test } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { SHOPPER_UA } from '../support/browser';
import { useChromium } from '../support/useChromium';
import type { TestServer } from '../support/server';
import { scriptTag } from './shop/shop-pages';

let browser: Browser;
let server: TestServer;
let context: BrowserContext | undefined;
useChromium((b, s) => ((browser = b), (server = s)), () => context);

const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const page = (attrs = '') =>
  `<!doctype html><html><head><title>Bot</title>${scriptTag(server.url, attrs)}</head><body><p>hello</p></body></html>`;

/** Open the page in a fresh context, track one event, flush, and return what reached the collector. */
const visit = async (options: { userAgent?: string; webdriver?: boolean; attrs?: string }) => {
  await context?.close().catch(() => {});
  server.reset();
  context = await browser.newContext({ userAgent: options.userAgent ?? SHOPPER_UA });
  if (options.webdriver) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => true }));
  server.page('/bot.html', page(options.attrs));
  const p = await context.newPage();
  await p.goto(`${server.url}/bot.html`);
  await p.waitForFunction(() => typeof (window as any).touchpoint?.flush === 'function');
  await p.evaluate(async () => {
    (window as any).touchpoint.track('Bot Check', { n: 1 });
    // flush() resolves once its attempt ended: whatever was going to be sent has been.
    await (window as any).touchpoint.flush();
  });
  return server.events();
};

test('a crawler user agent records nothing; with data-allow-bots it records', async () => {
  expect(await visit({ userAgent: GOOGLEBOT })).toEqual([]);
  const allowed = await visit({ userAgent: GOOGLEBOT, attrs: 'data-allow-bots' });
  expect(allowed.map((e) => e.event ?? e.type)).toContain('Bot Check');
  expect(allowed[0].context.userAgent).toBe(GOOGLEBOT);
});

test('navigator.webdriver records nothing; with data-allow-bots it records; a shopper records', async () => {
  expect(await visit({ webdriver: true })).toEqual([]);
  expect((await visit({ webdriver: true, attrs: 'data-allow-bots="true"' })).map((e) => e.event)).toContain('Bot Check');
  expect((await visit({})).map((e) => e.event)).toContain('Bot Check');
});
