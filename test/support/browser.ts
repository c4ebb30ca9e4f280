/**
 * Real Chromium for the browser tier: Debian's /usr/bin/chromium driven by playwright-core
 * (never a downloaded browser). Flags are the ones known to work on the CI machine.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The user agent of an ordinary desktop Chrome, which every test browser presents. */
export const SHOPPER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Tests play a shopper's browser: without these the SDK's and the collector's bot filters
  // (src/schema/bots.ts, navigator.webdriver) would rightly drop every event. Bot tests set a
  // bot user agent or navigator.webdriver themselves.
  `--user-agent=${SHOPPER_UA}`,
  '--disable-blink-features=AutomationControlled',
];

/** Launch a throwaway browser. */
export const launch = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });

/** A fresh profile directory, for tests that restart the browser on the same profile. */
export const profileDir = (): string => mkdtempSync(join(tmpdir(), 'tp-profile-'));

/** Launch Chromium on a persistent profile (IndexedDB survives a restart). */
export const launchPersistent = (dir: string): Promise<BrowserContext> =>
  chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });

/** Poll until `fn` returns truthy or `ms` pass; returns the last value. */
export async function waitFor<T>(fn: () => T | Promise<T>, ms = 15_000, every = 50): Promise<T> {
  const end = Date.now() + ms;
  let v = await fn();
  while (!v && Date.now() < end) {
    await new Promise((r) => setTimeout(r, every));
    v = await fn();
  }
  return v;
}

