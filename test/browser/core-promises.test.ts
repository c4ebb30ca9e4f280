/**
 * The documented promises of every script-tag build, in real Chromium against the built files:
 * - no public method throws into the page, for any argument (a property-based test: fast-check
 *   draws calls in Node, the page builds the hostile values — Symbols, revoked Proxies, throwing
 *   getters/toJSON/toString, 100,000-deep nesting, BigInt, 1 MB strings — and a `pageerror` or a
 *   thrown exception fails it); the tracker keeps working afterwards;
 * - no request of any kind (fetch, the exit hand-over, fetchLater) carries a cookie, with the
 *   collector on the shop's own origin, which has set one.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitFor } from '../support/browser';
import { useChromium } from '../support/useChromium';
import type { TestServer } from '../support/server';

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
useChromium((b, s) => ((browser = b), (server = s)), () => context);

/** A hostile value, described in JSON so fast-check can draw and shrink it; built in the page. */
type Recipe =
  | { k: 'json'; v: unknown }
  | { k: 'undefined' | 'symbol' | 'bigint' | 'revoked' | 'trap' | 'fn' | 'badDate' }
  | { k: 'deep'; depth: number }
  | { k: 'big'; bytes: number }
  | { k: 'getter' | 'toJSON' | 'toString'; throws: Recipe }
  | { k: 'object'; entries: [string, Recipe][] }
  | { k: 'array'; items: Recipe[] };

const leaf: fc.Arbitrary<Recipe> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((v) => ({ k: 'json', v }) as Recipe),
  fc.constantFrom<Recipe>(
    { k: 'undefined' },
    { k: 'symbol' },
    { k: 'bigint' },
    { k: 'revoked' },
    { k: 'trap' },
    { k: 'fn' },
    { k: 'badDate' },
    { k: 'deep', depth: 100_000 },
    { k: 'big', bytes: 1_000_000 },
  ),
  fc.string({ maxLength: 30 }).map((v) => ({ k: 'json', v }) as Recipe),
);
const { recipe } = fc.letrec<{ recipe: Recipe }>((tie) => ({
  recipe: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ k: fc.constantFrom('getter' as const, 'toJSON' as const, 'toString' as const), throws: tie('recipe') }),
    fc.record({ k: fc.constant('object' as const), entries: fc.array(fc.tuple(fc.string({ maxLength: 12 }), tie('recipe')), { maxLength: 3 }) }),
    fc.record({ k: fc.constant('array' as const), items: fc.array(tie('recipe'), { maxLength: 3 }) }),
  ),
}));

/** Installed before any page script: builds a Recipe into the value it describes. */
const BUILDER = () => {
  const build = (r: any): unknown => {
    switch (r.k) {
      case 'json': return r.v;
      case 'undefined': return undefined;
      case 'symbol': return Symbol('hostile');
      case 'bigint': return 10n ** 20n;
      case 'fn': return () => { throw Symbol('listener'); };
      case 'badDate': return new Date(NaN);
      case 'revoked': { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; }
      case 'trap': {
        const boom = () => { throw new Error('trap'); };
        return new Proxy({}, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom });
      }
      case 'deep': {
        let v: unknown = {};
        for (let i = 0; i < r.depth; i++) v = { v };
        return v;
      }
      case 'big': return 'x'.repeat(r.bytes);
      case 'getter': { const thrown = build(r.throws); return Object.defineProperty({ a: 1 }, 'b', { enumerable: true, get: () => { throw thrown; } }); }
      case 'toJSON': { const thrown = build(r.throws); return { toJSON: () => { throw thrown; } }; }
      case 'toString': {
        const thrown = build(r.throws);
        const fail = () => { throw thrown; };
        return { toString: fail, valueOf: fail, [Symbol.toPrimitive]: fail };
      }
      case 'object': return Object.fromEntries(r.entries.map(([k, v]: [string, unknown]) => [k, build(v)]));
      case 'array': return r.items.map(build);
    }
  };
  (window as any).__build = build;
  (window as any).__pageErrors = [];
  addEventListener('error', (e) => (window as any).__pageErrors.push(String(e.message)));
  addEventListener('unhandledrejection', () => (window as any).__pageErrors.push('unhandled rejection'));
};

/** Calls `calls` on the global `subject` in the page; returns what threw or rejected. */
const callAll = (page: Page, subject: string, calls: { method: string; args: Recipe[] }[]) =>
  page.evaluate(
    async ([subject, calls]) => {
      const target = (window as any)[subject as string];
      const thrown: string[] = [];
      for (const { method, args } of calls as { method: string; args: unknown[] }[]) {
        const values = args.map((a) => (window as any).__build(a));
        try {
          const result = target[method](...values);
          if (result && typeof result.then === 'function')
            await Promise.race([result, new Promise((r) => setTimeout(r, 3000))]).catch(() => thrown.push(`${method} rejected`));
        } catch (e) {
          thrown.push(`${method} threw ${typeof e}`);
        }
      }
      return thrown;
    },
    [subject, calls] as const,
  );

const openPage = async (path: string): Promise<{ page: Page; errors: string[] }> => {
  context = await browser.newContext();
  await context.addInitScript(BUILDER);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}${path}`);
  return { page, errors };
};

/** The shop script tag started from its attributes (global `touchpoint`). */
const shopPage = (cookie = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>shop</title></head><body><h1>shop</h1>
  <script>${cookie}</script>
  <script src="/dist/touchpoint.js" data-endpoint="${server.url}" data-flush-interval="200" data-vitals="false"></script></body></html>`;

const TRACKER_METHODS = ['track', 'page', 'identify', 'reset', 'flush', 'setConsent', 'subscribe'];
const builds = [
  // touchpoint.core.js: window.tp = touchpoint.createTracker(…) (test/fixtures/core.js).
  { name: 'touchpoint.core.js (createTracker)', path: '/test/fixtures/core.html?flushInterval=200', subject: 'tp', methods: TRACKER_METHODS },
  // touchpoint.js: the shop script tag's own tracker and its extra methods.
  { name: 'touchpoint.js (script tag)', path: '/promises/shop.html', subject: 'touchpoint', methods: [...TRACKER_METHODS, 'onExitIntent', 'showRating'] },
  // touchpoint.js: a tracker from its createTracker export.
  { name: 'touchpoint.js (createTracker)', path: '/test/fixtures/core-lazy.html?flushInterval=200', subject: 'tp', methods: TRACKER_METHODS },
];

describe.each(builds)('$name', ({ path, subject, methods }) => {
  test('no public method throws for any argument; the tracker works afterwards', async () => {
    server.page('/promises/shop.html', shopPage());
    const { page, errors } = await openPage(path);
    await page.waitForFunction((s) => typeof (window as any)[s]?.track === 'function', subject);
    const call = fc.record({ method: fc.constantFrom(...methods), args: fc.array(recipe, { maxLength: 3 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 4 }), async (calls) => {
        const thrown = await callAll(page, subject, calls);
        const late = await page.evaluate(() => (window as any).__pageErrors.splice(0));
        expect([...thrown, ...late, ...errors.splice(0)]).toEqual([]);
      }),
      { numRuns: 40 },
    );
    // Whatever consent the drawn calls left, a good call still arrives.
    await page.evaluate((s) => {
      const t = (window as any)[s];
      t.setConsent('granted');
      t.track('After Chaos', { ok: 1 });
      return t.flush();
    }, subject);
    await waitFor(() => server.events().some((e) => e.event === 'After Chaos'), 20_000);
    expect(server.events().some((e) => e.event === 'After Chaos')).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(errors).toEqual([]);
  });
});

/** Hide the page for the tracker (headless Chromium never hides a tab on its own). */
const HIDABLE = () => {
  let hidden = false;
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
  (window as any).__hide = () => {
    hidden = true;
    document.dispatchEvent(new Event('visibilitychange'));
  };
  // Count deferred requests armed, to know the fetchLater path was taken.
  const real = (window as any).fetchLater;
  (window as any).__armed = 0;
  if (real)
    (window as any).fetchLater = (url: string, init: RequestInit) => {
      (window as any).__armed++;
      return real(url, init);
    };
};

describe.each([
  ['touchpoint.core.js', 'core.html'],
  ['touchpoint.js', 'core-lazy.html'],
])('%s: no request carries a cookie, with a collector on the shop origin', (_, fixture) => {
  test('fetch sends, the exit hand-over and fetchLater go without the cookie the site set', async () => {
    context = await browser.newContext();
    await context.addInitScript(HIDABLE);
    // The site sets a cookie for its whole origin, which is also the collector's.
    server.headers(`/test/fixtures/${fixture}`, { 'set-cookie': 'shop_cart=SECRET-CART; Path=/' });
    const page = await context.newPage();
    await page.goto(`${server.url}/test/fixtures/${fixture}?flushInterval=60000`);
    // Control: a request that asks for credentials does carry it (the test can fail).
    await page.evaluate(() => fetch('/v1/control', { method: 'POST', body: '{}', credentials: 'include' }));
    expect(server.requests.find((r) => r.path === '/v1/control')?.headers.cookie).toContain('shop_cart=SECRET-CART');

    // 1. An ordinary send.
    await page.evaluate(() => {
      (window as any).tp.track('Cookie Test', { path: 'fetch' });
      return (window as any).tp.flush();
    });
    // 2. The exit hand-over: 30 events (below batchSize, 60 s interval) then a navigation.
    await page.evaluate(() => {
      for (let i = 0; i < 30; i++) (window as any).tp.track('Cookie Test', { path: 'exit', i });
      location.href = '/test/fixtures/blank.html';
    });
    await page.waitForURL(/blank/);
    await waitFor(() => server.events().filter((e) => e.properties?.path === 'exit').length >= 30, 5000);
    expect(server.events().filter((e) => e.properties?.path === 'exit')).toHaveLength(30);

    // 3. fetchLater: events tracked while hidden are armed in a deferred request, sent when the
    // page is closed.
    const later = await context.newPage();
    await later.goto(`${server.url}/test/fixtures/${fixture}?flushInterval=60000`);
    await later.waitForFunction(() => (window as any).tp);
    await new Promise((r) => setTimeout(r, 500)); // the lock: this tab sends
    await later.evaluate(() => (window as any).__hide());
    await later.evaluate(() => {
      for (let i = 0; i < 5; i++) (window as any).tp.track('Cookie Test', { path: 'later', i });
    });
    const armed = await waitFor(() => later.evaluate(() => (window as any).__armed as number), 5000);
    await later.close();
    await waitFor(() => server.events().filter((e) => e.properties?.path === 'later').length >= 5, 10_000);
    expect(server.events().filter((e) => e.properties?.path === 'later')).toHaveLength(5);
    console.log(`cookie test (${fixture}): ${armed} fetchLater requests armed`);
    expect(armed).toBeGreaterThan(0);

    const tracker = server.requests.filter((r) => r.path === '/v1/batch');
    expect(tracker.length).toBeGreaterThanOrEqual(3);
    for (const r of tracker) expect(r.headers.cookie).toBeUndefined();
  });
});
