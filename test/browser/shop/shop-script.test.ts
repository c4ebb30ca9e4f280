/**
 * The script tag in real Chromium: stub queue replayed in order with each call's own URL, the
 * stub's beacon when the page is left before the script arrives, SPA page views, URL scrubbing,
 * a strict CSP page, web vitals, bad attributes.
 */
import { expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitFor } from '../../support/browser';
import { useChromium } from '../../support/useChromium';
import type { TestServer } from '../../support/server';
import { stubSnippet } from '../../../src/shop/stubSnippet';
import { scriptTag, sha256, stubPage } from './shop-pages';

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
useChromium((b, s) => ((browser = b), (server = s)), () => context);

const open = async (path: string): Promise<Page> => {
  context ??= await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`${server.url}${path}`, { waitUntil: 'commit' });
  return page;
};
const fresh = async () => {
  await context?.close().catch(() => {});
  context = await browser.newContext();
};
const ofType = (t: string) => server.events().filter((e) => e.type === t);
const calls = `<script>
  touchpoint.track('Step', { n: 1 });
  history.pushState({}, '', '/stub/second?x=1');
  touchpoint.track('Step', { n: 2 });
  touchpoint.page('Second');
  history.pushState({}, '', '/stub/third');
  touchpoint.identify('user-7', { plan: 'gold' });
  touchpoint.track('Step', { n: 3 });
</script>`;

test('calls made before the script loads arrive in order, each with its own page URL', async () => {
  await fresh();
  stubPage(server, '/stub/first', calls, 'data-page-views="false"');
  server.delay('/dist/touchpoint.js', 1500);
  await open('/stub/first');
  await waitFor(() => server.events().length >= 5);
  const ev = server.events();
  expect(ev.map((e) => e.event ?? e.name ?? e.userId)).toEqual(['Step', 'Step', 'Second', 'user-7', 'Step']);
  expect(ev.map((e) => e.properties?.n)).toEqual([1, 2, undefined, undefined, 3]);
  const urls = ev.map((e) => new URL(e.context.page.url).pathname);
  expect(urls).toEqual(['/stub/first', '/stub/second', '/stub/second', '/stub/third', '/stub/third']);
  expect(ev[2].properties).toMatchObject({ path: '/stub/second', search: '?x=1' });
  const times = ev.map((e) => Date.parse(e.timestamp));
  expect([...times].sort((a, b) => a - b)).toEqual(times);
  expect(ev[4].userId).toBe('user-7');
  // The script arrived 1.5 s later; the calls keep their own time.
  expect(server.requests[0]!.at - times[0]!).toBeGreaterThan(1000);
});

test('calls made before the script loads arrive when the page is left before it does', async () => {
  await fresh();
  stubPage(server, '/stub/first', calls);
  server.delay('/dist/touchpoint.js', 20_000);
  // The shop's own cookie, on the origin that is also the collector's: the stub must not send it.
  server.headers('/stub/first', { 'set-cookie': 'shop_cart=SECRET-CART; Path=/' });
  const page = await open('/stub/first');
  await page.waitForFunction(() => (window as any).touchpoint.q.length === 5);
  await page.goto(`${server.url}/test/fixtures/blank.html`);
  await waitFor(() => server.events().length >= 4, 5000);
  const ev = server.events();
  expect(ev.map((e) => e.event ?? e.name ?? e.userId)).toEqual(['Step', 'Step', 'Second', 'user-7', 'Step']);
  expect(ev.map((e) => new URL(e.context.page.url).pathname)).toEqual(['/stub/first', '/stub/second', '/stub/second', '/stub/third', '/stub/third']);
  expect(new Set(ev.map((e) => e.messageId)).size).toBe(5);
  expect(ev.every((e) => e.anonymousId && e.timestamp)).toBe(true);
  expect(server.requests.map((r) => r.headers.cookie)).toEqual(server.requests.map(() => undefined));
});

test('SPA: five route changes are five page views with the previous page as referrer, no duplicate', async () => {
  await fresh();
  stubPage(server, '/spa/', '<main>spa</main>');
  const page = await open('/spa/?utm_source=news');
  await waitFor(() => ofType('page').length >= 1);
  await page.evaluate(() => {
    history.pushState({}, '', '/spa/a');
    history.replaceState({}, '', '/spa/a'); // same URL: no new view
    history.pushState({}, '', '/spa/b');
    history.pushState({}, '', '/spa/b'); // same URL again
    location.hash = 'c';
  });
  await page.waitForFunction(() => location.hash === '#c');
  await page.goBack(); // popstate → /spa/b
  await page.evaluate(() => history.pushState({}, '', '/spa/d'));
  await waitFor(() => ofType('page').length >= 6);
  await new Promise((r) => setTimeout(r, 500));
  const views = ofType('page');
  const paths = views.map((e) => new URL(e.properties.url).pathname + new URL(e.properties.url).hash);
  expect(paths).toEqual(['/spa/', '/spa/a', '/spa/b', '/spa/b#c', '/spa/b', '/spa/d']);
  for (let i = 1; i < views.length; i++) expect(views[i].properties.referrer).toBe(views[i - 1].properties.url);
  expect(views[0].context.journey_stage).toBe('awareness');
  expect(views[0].context.campaign).toEqual({ source: 'news' });
});

test('scrubbing: e-mails, phone numbers and tokens never leave in url, path, search or referrer', async () => {
  await fresh();
  stubPage(server, '/scrub/me@example.com/orders', '<p>x</p>');
  const page = await open('/scrub/me@example.com/orders?email=a%40b.com&token=s3cret&tel=%2B84912345678&keep=1');
  await waitFor(() => ofType('page').length >= 1);
  await page.evaluate(() => history.pushState({}, '', '/scrub/next?q=x'));
  await waitFor(() => ofType('page').length >= 2);
  const wire = JSON.stringify(server.requests.map((r) => r.json));
  expect(wire).not.toMatch(/me@example|a%40b|b\.com|s3cret|912345678/);
  const [first, second] = ofType('page');
  expect(first.properties.url).toContain('keep=1');
  expect(second.properties.referrer).toContain('keep=1');
});

test('a strict CSP page works without violations (stub by hash, chunks from self)', async () => {
  await fresh();
  const stub = stubSnippet(server.url);
  server.page(
    '/csp/page.html',
    `<!doctype html><html><head><meta charset="utf-8"><title>csp</title><script>${stub}</script>
    ${scriptTag(server.url, 'data-vitals="true"')}</head><body>
    <button id="b" data-tp-event="Product Clicked" data-tp-product-id="p1">p1</button>
    <touchpoint-rating survey-id="csp-test"></touchpoint-rating></body></html>`,
  );
  server.headers('/csp/page.html', {
    'content-security-policy': `default-src 'self'; script-src 'self' ${sha256(stub)}; style-src 'self'`,
  });
  context = await browser.newContext();
  await context.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await open('/csp/page.html');
  await page.click('#b');
  await waitFor(() => server.events().some((e) => e.event === 'Product Clicked'));
  await page.waitForFunction(() => customElements.get('touchpoint-rating') && (window as any).touchpointVitals, null, { timeout: 5000 });
  expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
  expect(ofType('page')).toHaveLength(1);
});

// CLS, LCP and INP are reported by web-vitals when the page is hidden — after pagehide on a
// navigation; the core hands events tracked then over as well (beacon or unload journal).
test('web vitals arrive for a page that is loaded, clicked and hidden', async () => {
  await fresh();
  stubPage(
    server,
    '/vitals/page.html',
    `<h1 style="font-size:60px">Big heading for LCP</h1><button id="slow">slow</button>
`,
    'data-vitals="true"',
  );
  const page = await open('/vitals/page.html');
  await page.waitForFunction(() => (window as any).touchpointVitals);
  await page.evaluate(() =>
    document.getElementById('slow')!.addEventListener('click', () => {
      const end = performance.now() + 120;
      while (performance.now() < end);
    }),
  );
  await page.click('#slow');
  await page.waitForTimeout(300);
  // Hidden (as when the shopper switches tabs; headless pages never hide on their own, so the
  // state is stubbed the way web-vitals' own tests do), then gone: web-vitals reports CLS, LCP
  // and INP when the page is hidden.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForTimeout(300);
  await page.goto(`${server.url}/test/fixtures/blank.html`);
  const metrics = () => new Set(server.events().filter((e) => e.event === 'Web Vital Measured' && e.context?.page?.path === '/vitals/page.html').map((e) => e.properties.metric));
  await waitFor(() => metrics().size >= 5, 5000);
  if (metrics().size < 5) await open('/vitals/page.html'); // what the unload could not send comes with the next page
  await waitFor(() => metrics().size >= 5, 10_000);
  expect([...metrics()].sort()).toEqual(['CLS', 'FCP', 'INP', 'LCP', 'TTFB']);
  const lcp = server.events().find((e) => e.properties?.metric === 'LCP' && e.context?.page?.path === '/vitals/page.html');
  expect(lcp.properties).toMatchObject({ rating: expect.any(String), value: expect.any(Number) });
  expect(lcp.context.touchpoint).toBe('/vitals/page.html');
});

// Regression: web-vitals reports CLS and LCP on visibilitychange, which a navigation fires after
// pagehide; the core hands events tracked after pagehide over too (beacon or unload journal).
test('web vitals reported during a navigation (after pagehide) still arrive', async () => {
  await fresh();
  stubPage(server, '/vitals/nav.html', `<h1 style="font-size:60px">Big heading for LCP</h1>`, 'data-vitals="true"');
  const page = await open('/vitals/nav.html');
  await page.waitForFunction(() => (window as any).touchpointVitals);
  await page.waitForTimeout(300);
  await page.goto(`${server.url}/test/fixtures/blank.html`);
  const metrics = () => new Set(server.events().filter((e) => e.event === 'Web Vital Measured' && e.context?.page?.path === '/vitals/nav.html').map((e) => e.properties.metric));
  await waitFor(() => metrics().has('CLS') && metrics().has('LCP'), 5000);
  if (!metrics().has('LCP')) await open('/vitals/nav.html');
  await waitFor(() => metrics().has('CLS') && metrics().has('LCP'), 10_000);
  expect([...metrics()]).toEqual(expect.arrayContaining(['CLS', 'LCP', 'FCP', 'TTFB']));
});

test('a bad attribute is named in a console error and the tracker starts without it', async () => {
  await fresh();
  stubPage(server, '/attrs/page.html', '<p>x</p>', 'data-journey-stage="nowhere" data-batch-size="lots" data-colour="red"');
  const errors: string[] = [];
  context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${server.url}/attrs/page.html`);
  await waitFor(() => ofType('page').length >= 1);
  expect(errors.join('\n')).toMatch(/data-journey-stage/);
  expect(errors.join('\n')).toMatch(/data-batch-size/);
  expect(errors.join('\n')).toMatch(/data-colour/);
  expect(ofType('page')).toHaveLength(1);
});

test('web vitals: FCP and TTFB arrive from the lazily loaded chunk', async () => {
  await fresh();
  stubPage(server, '/vitals/early.html', '<h1>Hello</h1>', 'data-vitals="true"');
  await open('/vitals/early.html');
  const metrics = () => new Set(server.events().filter((e) => e.event === 'Web Vital Measured' && e.context?.page?.path === '/vitals/early.html').map((e) => e.properties.metric));
  await waitFor(() => metrics().size >= 2, 10_000);
  expect([...metrics()].sort()).toEqual(['FCP', 'TTFB']);
});
