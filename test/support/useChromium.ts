import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launch } from './browser';
import { startTestServer, type TestServer } from './server';

/**
 * One Chromium and one test collector for a test file: registers the hooks and hands both over
 * through `ready`; after each test the current context (from `context()`) is closed and the
 * collector reset.
 */
export const useChromium = (
  ready: (browser: Browser, server: TestServer) => void,
  context: () => BrowserContext | undefined,
): void => {
  let browser: Browser | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launch(), startTestServer()]);
    ready(browser, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    await context()?.close().catch(() => {});
    server?.reset();
  });
};
