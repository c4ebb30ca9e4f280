import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, waitFor } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

let browser: Browser;
let server: TestServer;
beforeAll(async () => {
  [browser, server] = await Promise.all([launch(), startTestServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('smoke: events reach the collector', async () => {
  const page = await browser.newPage();
  page.on('console', (m) => console.log('page:', m.text()));
  await page.goto(`${server.url}/test/fixtures/core.html?flushInterval=200&debug`);
  await page.evaluate(() => {
    for (let i = 0; i < 20; i++) (window as any).tp.track('Thing Done', { i });
  });
  await waitFor(() => server.events().length >= 20, 10_000);
  const ev = server.events();
  console.log(JSON.stringify(ev[0], null, 1));
  expect(ev.length).toBe(20);
  await page.close();
});
