#!/usr/bin/env node
// `npm start`: one local server (127.0.0.1, or HOST=0.0.0.0 for the LAN; PORT or 8080) for the whole demo — the built SDK files,
// the bookstore (script tag + data-tp-* only), the single-page version (npm import), the kiosk
// page, the collector writing ./data/touchpoint.db, and the journey report at /report.
// On first start an empty database is seeded (scripts/seed.mjs) so the report has something to show.
//
//   PORT=8080 DB=./data/touchpoint.db node scripts/start.mjs      (after `npm run build`)
//
// Tests import `startDemo()` and run it on a free port with a temporary database.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { loadCollector } from './loadCollector.mjs';
import { TYPES } from './mime.mjs';
import { PAGES, cartLines, cartTotal, renderPage } from '../demo/shop/render.mjs';
import { bookById } from '../demo/shop/catalog.mjs';

// The demo shop's stores: their opening hours for the kiosk heat map, and the shop's product word,
// which is no theme of its own (docs/COLLECTOR.md, "The report").
const DEMO_REPORT = {
  openingHours: {
    'hcm-q1': { mon: '08:00-22:00', tue: '08:00-22:00', wed: '08:00-22:00', thu: '08:00-22:00', fri: '08:00-22:00', sat: '08:00-23:00', sun: '09:00-21:00' },
    '*': '09:00-21:30',
  },
  themeIgnoreWords: ['sách', 'book'],
};

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist');
const DEMO = join(ROOT, 'demo');
/** Device id of the demo's kiosk page: the seed's exit terminal of store hcm-q1 (scripts/seed.mjs). */
export const DEMO_KIOSK_DEVICE = 'exit-1';
const hash = (s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const CSP_BASE = "default-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The script-tag stub for this server's own collector (the shop engineer's current snippet). */
const loadStub = async () => {
  const out = await build({
    entryPoints: [join(ROOT, 'src/shop/stubSnippet.ts')],
    bundle: true, write: false, format: 'esm', platform: 'neutral', logLevel: 'error',
  });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return mod.stubSnippet('/');
};

/** The single-page demo bundled from demo/spa/app.js, which imports the npm build (dist/index.js). */
const bundleSpa = async () => {
  const out = await build({
    entryPoints: [join(DEMO, 'spa/app.js')],
    bundle: true, write: false, format: 'esm', platform: 'browser', target: 'es2020', minify: true, logLevel: 'error',
  });
  return out.outputFiles[0].text;
};

/** True when the SQLite file is missing or has no events yet. */
const isEmpty = async (dbPath) => {
  if (!existsSync(dbPath)) return true;
  const { default: Database } = await import('better-sqlite3');
  let db;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    return !db.prepare('SELECT 1 FROM events LIMIT 1').get();
  } catch {
    return true;
  } finally {
    db?.close();
  }
};

/** Run scripts/seed.mjs against the database file (its own in-process collector), before we open it. */
const runSeed = (dbPath, log) =>
  new Promise((ok) => {
    log(`seeding ${dbPath} with demo journeys (scripts/seed.mjs)…`);
    const child = spawn(process.execPath, [join(ROOT, 'scripts/seed.mjs'), '--db', dbPath], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d) => String(d).split('\n').filter((l) => /^seeded/.test(l)).forEach((l) => log(l)));
    child.on('exit', (code) => {
      if (code) log(`seeding failed (exit ${code}); the report starts empty`);
      ok();
    });
  });

/** This machine's IPv4 addresses on its networks (not loopback). */
const lanAddresses = () =>
  Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);

const readForm = (req, limit = 8192) =>
  new Promise((ok) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => {
      if (body.length < limit) body += c;
    });
    req.on('end', () => ok(new URLSearchParams(body.slice(0, limit))));
    req.on('error', () => ok(new URLSearchParams()));
  });

// The shop's cart lives in a cookie (`bk-001:2.bk-003:1`): the server renders it into the pages'
// data-tp-* attributes, as a real shop backend would. The SDK keeps its own cart for abandonment.
const COOKIE = 'tp_demo_cart';
const readCart = (req) => {
  const raw = /(?:^|;\s*)tp_demo_cart=([^;]*)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
  const cart = {};
  for (const part of raw.split('.').slice(0, 50)) {
    const [id, q] = part.split(':');
    if (bookById(id) && Number(q) > 0) cart[id] = Math.min(99, Math.floor(Number(q)));
  }
  return cart;
};
const cartCookie = (cart) =>
  `${COOKIE}=${Object.entries(cart).map(([id, q]) => `${id}:${q}`).join('.')}; Path=/shop; SameSite=Lax; HttpOnly; Max-Age=2592000`;

/**
 * Start the demo server. Resolves with `{ url, close }` once it listens.
 * @param {{ port?: number, host?: string, dbPath?: string, seed?: boolean, abandonMinutes?: number,
 *           rateLimit?: false | object, log?: (line: string) => void }} options
 */
export const startDemo = async ({
  port = 8080,
  host = '127.0.0.1',
  dbPath = join(ROOT, 'data/touchpoint.db'),
  seed = true,
  abandonMinutes = 30,
  rateLimit,
  log = (l) => console.log(l),
} = {}) => {
  dbPath = resolve(dbPath);
  // Bind first (a busy port is reported before any work), then seed and load; requests wait.
  let collector, toRequest, sendResponse, stub, spa, shopCsp;
  let markReady;
  const ready = new Promise((ok) => (markReady = ok));
  const orders = new Map();
  const prepare = async () => {
    if (seed && (await isEmpty(dbPath))) await runSeed(dbPath, log);
    let mod;
    [mod, stub, spa] = await Promise.all([loadCollector(), loadStub(), bundleSpa()]);
    ({ toRequest, sendResponse } = mod);
    collector = mod.createCollector({ dbPath, log, report: DEMO_REPORT, ...(rateLimit !== undefined ? { rateLimit } : {}) });
    shopCsp = `${CSP_BASE}; script-src 'self' ${hash(stub)}`;
  };

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
    res.end(body);
  };
  const sendFile = async (res, file, headers = {}) => {
    try {
      const data = await readFile(file);
      send(res, 200, data, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
    } catch {
      send(res, 404, 'not found', { 'content-type': 'text/plain; charset=utf-8' });
    }
  };
  /** A file under `dir`, or undefined when the path escapes it. */
  const inside = (dir, rel) => {
    const file = normalize(join(dir, rel));
    return file.startsWith(dir + '/') ? file : undefined;
  };

  const shop = async (req, res, lang, rest) => {
    const cart = readCart(req);
    if (req.method === 'POST') {
      const form = await readForm(req);
      const id = form.get('id') ?? '';
      if (rest === 'cart/add' && bookById(id)) cart[id] = Math.min(99, (cart[id] ?? 0) + 1);
      else if (rest === 'cart/remove') delete cart[id];
      else if (rest === 'order' && cartLines(cart).length) {
        const order = { id: `o-${randomBytes(4).toString('hex')}`, total: cartTotal(cart), first: true };
        orders.set(order.id, order);
        if (orders.size > 10_000) orders.delete(orders.keys().next().value);
        return send(res, 303, '', { location: `/shop/${lang}/thanks/${order.id}`, 'set-cookie': cartCookie({}) });
      } else if (rest !== 'cart/add' && rest !== 'cart/remove') return send(res, 405, 'method not allowed');
      return send(res, 303, '', { location: `/shop/${lang}/cart`, 'set-cookie': cartCookie(cart) });
    }
    let page;
    const m = /^(book|thanks)\/([\w-]{1,40})$/.exec(rest);
    if (rest === '') page = PAGES.home(lang);
    else if (rest === 'books') page = PAGES.books(lang);
    else if (rest === 'cart') page = PAGES.cart(lang, { cart });
    else if (rest === 'checkout') page = PAGES.checkout(lang, { cart });
    else if (m?.[1] === 'book') page = PAGES.book(lang, { id: m[2] });
    else if (m?.[1] === 'thanks') {
      const order = orders.get(m[2]);
      page = PAGES.thanks(lang, { order, first: order?.first });
      if (order) order.first = false;
    }
    if (!page) return send(res, 404, 'not found', { 'content-type': 'text/plain; charset=utf-8' });
    const view = rest === '' ? 'home' : rest.split('/')[0] === 'book' ? 'product_page' : rest.split('/')[0] === 'books' ? 'product_list' : rest.split('/')[0] === 'thanks' ? 'thank_you' : rest;
    const cartCount = Object.values(cart).reduce((a, b) => a + b, 0);
    const html = renderPage({ lang, view, path: rest, ...page, stub, abandonMinutes, cartCount });
    send(res, 200, html, { 'content-type': TYPES['.html'], 'content-security-policy': shopCsp });
  };

  const server = createServer(async (req, res) => {
    try {
      await ready;
      const url = new URL(req.url ?? '/', 'http://demo');
      const p = url.pathname;
      if (p.startsWith('/v1/') || p === '/report' || p.startsWith('/report/') || p === '/report.json' || p === '/report.schema.json' || p === '/health') {
        const chunks = [];
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          let size = 0;
          for await (const c of req) {
            size += c.length;
            if (size > 1024 * 1024) break;
            chunks.push(c);
          }
        }
        const body = chunks.length ? Buffer.concat(chunks) : req.method === 'POST' ? new Uint8Array() : undefined;
        const response = await collector(toRequest(req, `http://${host}:${actualPort}`, body), { clientAddress: req.socket.remoteAddress ?? 'unknown' });
        return await sendResponse(response, res);
      }
      if (p === '/favicon.ico') return send(res, 204, '');
      if (p === '/' || p === '/index.html') return await sendFile(res, join(DEMO, 'index.html'), { 'content-security-policy': `${CSP_BASE}; script-src 'none'` });
      if (/^\/touchpoint(\.[a-z]+)*\.js(\.map)?$/.test(p)) return await sendFile(res, join(DIST, p));
      if (p.startsWith('/dist/')) {
        const file = inside(DIST, p.slice(6));
        return file ? await sendFile(res, file) : send(res, 404, 'not found');
      }
      if (p === '/shop/shop.css') return await sendFile(res, join(DEMO, 'shop/shop.css'));
      if (p === '/shop' || p === '/shop/') return send(res, 302, '', { location: '/shop/vi/' });
      const shopPath = /^\/shop\/(vi|en)\/(.*)$/.exec(p);
      if (shopPath) return await shop(req, res, shopPath[1], shopPath[2].replace(/\/$/, ''));
      if (p === '/spa/app.js') return send(res, 200, spa, { 'content-type': TYPES['.js'] });
      if (p === '/spa/spa.css') return await sendFile(res, join(DEMO, 'spa/spa.css'));
      if (p === '/spa' || p.startsWith('/spa/'))
        return await sendFile(res, join(DEMO, 'spa/index.html'), { 'content-security-policy': `${CSP_BASE}; script-src 'self'` });
      if ((p === '/kiosk' || p === '/kiosk.html') && !url.searchParams.get('device_id')) {
        // One fixed demo terminal: every browser that opens the kiosk is the same kiosk in the
        // report (the seeded exit terminal of store hcm-q1), not a new one per browser.
        url.searchParams.set('device_id', DEMO_KIOSK_DEVICE);
        return send(res, 302, '', { location: `/kiosk.html${url.search}` });
      }
      if (p === '/kiosk' || p === '/kiosk.html') {
        if (existsSync(join(DEMO, 'kiosk.html'))) return await sendFile(res, join(DEMO, 'kiosk.html'));
        return send(res, 404, 'The kiosk page (demo/kiosk.html) is not there yet.', { 'content-type': 'text/plain; charset=utf-8' });
      }
      if (p.startsWith('/demo/')) {
        const file = inside(DEMO, p.slice(6));
        return file && !file.endsWith('.mjs') ? await sendFile(res, file) : send(res, 404, 'not found');
      }
      send(res, 404, 'not found', { 'content-type': 'text/plain; charset=utf-8' });
    } catch (error) {
      if (!res.headersSent) send(res, 500, 'internal error', { 'content-type': 'text/plain; charset=utf-8' });
      else res.end();
      log(`error: ${error?.message ?? error}`);
    }
  });
  let actualPort = port;
  try {
    await new Promise((ok, fail) => {
      server.once('error', fail);
      server.listen(port, host, ok);
    });
  } finally {
    server.removeAllListeners('error');
  }
  server.on('error', (error) => log(`server error: ${error?.message ?? error}`));
  actualPort = server.address().port;
  try {
    await prepare();
  } catch (error) {
    server.close();
    await collector?.close();
    throw error;
  }
  markReady();
  // Bound to every interface (HOST=0.0.0.0): local URL for this machine, LAN URLs for tablets.
  const wildcard = host === '0.0.0.0' || host === '::';
  const url = `http://${wildcard ? '127.0.0.1' : host}:${actualPort}`;
  const lanUrls = wildcard ? lanAddresses().map((a) => `http://${a}:${actualPort}`) : [];
  return {
    url,
    lanUrls,
    server,
    collector,
    reportToken: collector.reportToken,
    close: async () => {
      await new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      await collector.close();
    },
  };
};

const main = async () => {
  const port = process.env.PORT ? Number(process.env.PORT) : 8080;
  // HOST=0.0.0.0 serves the shop's LAN (a real tablet opens the kiosk); default this machine only.
  const host = process.env.HOST || '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number (got ${JSON.stringify(process.env.PORT)})`);
    process.exit(1);
  }
  if (!existsSync(join(DIST, 'touchpoint.js'))) console.warn('dist/touchpoint.js is missing: run `npm run build` (npm start does).');
  let demo;
  try {
    demo = await startDemo({ port, host, dbPath: process.env.DB ?? join(ROOT, 'data/touchpoint.db') });
  } catch (error) {
    if (error?.code === 'EADDRINUSE') {
      console.error(`\nPort ${port} on ${host} is already in use (another \`npm start\`?).\nStop that process or pick another port:  PORT=8081 npm start\n`);
      process.exit(1);
    }
    throw error;
  }
  const u = demo.url;
  const lan = demo.lanUrls.length
    ? `\n  On the LAN        ${demo.lanUrls.join('  ·  ')}   (kiosk tablet: <LAN URL>/kiosk.html)\n`
    : '';
  console.log(`
touchpoint demo running on ${u}  (Ctrl+C to stop)
${lan}
  Start page        ${u}/
  Bookstore (vi)    ${u}/shop/vi/        script tag + data-tp-* attributes only
  Bookstore (en)    ${u}/shop/en/
  Single-page app   ${u}/spa/            npm import (dist/index.js), route changes
  Kiosk             ${u}/kiosk.html      four-smiley rating (demo terminal hcm-q1 / ${DEMO_KIOSK_DEVICE})
  Journey report    ${u}/report?token=${demo.reportToken}
                    (the report's credential; also ?lang=vi, /report.json, or Authorization: Bearer)
  Collector         ${u}/v1/batch   (SQLite: ${process.env.DB ?? 'data/touchpoint.db'})
  SDK files         ${u}/touchpoint.js  /touchpoint.cart.js  /touchpoint.widget.js  /touchpoint.vitals.js  /touchpoint.kiosk.js
`);
  const stop = () => demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
