/**
 * The demo agrees with itself and reaches the shop floor: `HOST=0.0.0.0` serves the LAN and
 * names its LAN URLs; the kiosk page is one fixed demo terminal (the seeded one), not a new kiosk
 * per browser. (Stages of shop and seed: test/node/e2e-seed.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_KIOSK_DEVICE, startDemo } from '../../scripts/start.mjs';

let demo: Awaited<ReturnType<typeof startDemo>>;
let dir: string;
const lan = Object.values(networkInterfaces())
  .flat()
  .filter((a) => a && a.family === 'IPv4' && !a.internal)
  .map((a) => a!.address);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tp-e2e-demo-'));
  demo = await startDemo({ port: 0, host: '0.0.0.0', dbPath: join(dir, 'demo.db'), seed: false, log: () => {} });
}, 60_000);
afterAll(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('HOST=0.0.0.0 serves this machine and the LAN, and names the LAN URLs', async () => {
  expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const port = new URL(demo.url).port;
  expect(demo.lanUrls).toEqual(lan.map((a) => `http://${a}:${port}`));
  expect((await fetch(`${demo.url}/health`)).status).toBe(200);
  for (const url of demo.lanUrls) expect((await fetch(`${url}/kiosk.html?device_id=x`)).status).toBe(200);
});

test('the kiosk page is the fixed demo terminal; an explicit device id is kept', async () => {
  const res = await fetch(`${demo.url}/kiosk.html`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe(`/kiosk.html?device_id=${DEMO_KIOSK_DEVICE}`);
  const other = await fetch(`${demo.url}/kiosk.html?store_id=hn-1&device_id=tablet-2`, { redirect: 'manual' });
  expect(other.status).toBe(200);
  expect(DEMO_KIOSK_DEVICE).toBe('exit-1');
});
