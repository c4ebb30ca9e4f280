/**
 * The npm user's first hour, on the real tarball: `npm pack` (of the built dist/), installed into
 * a throwaway consumer project (extracted into node_modules/touchpoint, its dependencies linked
 * from this repo: no network), then
 * - TypeScript compiles a correct program and rejects `tp.track(123)` under moduleResolution
 *   bundler, node16 and nodenext (with skipLibCheck, where broken types would vanish silently);
 * - the README's collector example runs as written and prints its URLs;
 * - without better-sqlite3 the collector says how to install it.
 * Needs `npm run build` first (as `npm test` does).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const MODULES = join(ROOT, 'node_modules');
const TSC = join(MODULES, 'typescript/bin/tsc');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

let dir: string;
let consumer: string;

/** A consumer project with the packed touchpoint in node_modules and `links` from this repo. */
const makeConsumer = (name: string, tarball: string, links: string[]) => {
  const home = join(dir, name);
  const target = join(home, 'node_modules/touchpoint');
  mkdirSync(target, { recursive: true });
  writeFileSync(join(home, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  return run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { timeout: 60_000 }).then(() => {
    for (const dep of links) {
      const to = join(home, 'node_modules', dep);
      mkdirSync(join(to, '..'), { recursive: true });
      symlinkSync(join(MODULES, dep), to);
    }
    return home;
  });
};

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/types/index.d.ts'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'tp-e2e-package-'));
  // --ignore-scripts: dist/ is already built by `npm test`; prepack (the build) is checked below.
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, timeout: 120_000 });
  const tarball = join(dir, JSON.parse(stdout)[0].filename);
  consumer = await makeConsumer('consumer', tarball, [...Object.keys(pkg.dependencies), 'better-sqlite3', '@types/node']);
  await makeConsumer('no-sqlite', tarball, Object.keys(pkg.dependencies));
}, 180_000);
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('package.json and files a registry page shows', () => {
  test('has the metadata, the CDN fields, a LICENSE and a prepack build', () => {
    expect(pkg).toMatchObject({ license: 'MIT', unpkg: './dist/touchpoint.js', jsdelivr: './dist/touchpoint.js' });
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs.url).toMatch(/^https:\/\//);
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(pkg.scripts.build).toContain('scripts/fix-dts.mjs');
    expect(readFileSync(join(consumer, 'node_modules/touchpoint/LICENSE'), 'utf8')).toMatch(/^MIT License[\s\S]*touchpoint contributors/);
    expect(existsSync(join(consumer, 'node_modules/touchpoint', pkg.unpkg))).toBe(true);
  });

  test('README links work on the npm page: absolute, into this repository', () => {
    const prose = readme.replace(/```[\s\S]*?```/g, '').replace(/^<script>.*$/gm, '');
    const links = [...prose.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!).filter((l) => !l.startsWith('#'));
    expect(links.length).toBeGreaterThan(3);
    const repo = pkg.homepage.replace(/#readme$/, '');
    expect(links.filter((l) => !l.startsWith(`${repo}/`) && !/^https:\/\//.test(l))).toEqual([]);
  });

  test('the shipped declarations import with extensions Node can resolve', () => {
    const index = readFileSync(join(consumer, 'node_modules/touchpoint/dist/types/index.d.ts'), 'utf8');
    expect(index).toMatch(/from '\.\/core\/createTracker\.js'/);
    expect(index).not.toMatch(/from '\.[^']*(?<!\.js)'/);
  });
});

const OK = `import { createTracker, createShopTracker, type Tracker } from 'touchpoint';
import { trackVitals } from 'touchpoint/vitals';
import { showRating } from 'touchpoint/widget';
import { startKiosk } from 'touchpoint/kiosk';
import { EventSchema, rateVital, DEFAULT_REASONS } from 'touchpoint/schema';
import { listen } from 'touchpoint/collector';

const tp: Tracker = createTracker({ endpoint: 'https://collect.example.com' });
tp.track('Product Viewed', { product_id: 'B-42', price: 129000, currency: 'VND' });
trackVitals(tp);
const shop = createShopTracker({ endpoint: 'https://collect.example.com', abandonMinutes: 20 });
shop.cart.items();
const good: 'good' | 'needs-improvement' | 'poor' = rateVital('LCP', 1200);
const reasons: string[] = DEFAULT_REASONS.checkout.negative;
export { showRating, startKiosk, EventSchema, listen, good, reasons };
`;
const BAD = `import { createTracker } from 'touchpoint';
const tp = createTracker({ endpoint: 'https://collect.example.com' });
tp.track(123);
`;

const MODES = [
  ['bundler', 'esm'],
  ['node16', 'esm'],
  ['nodenext', 'esm'],
  ['node16', 'cjs'],
  ['nodenext', 'cjs'],
] as const;

describe.each(MODES)('TypeScript, moduleResolution %s, %s consumer', (mode, format) => {
  /** Compile `main.ts` (correct calls) and `bad.ts` (a wrong call) in one project; tsc's report. */
  const compile = async (skipLibCheck: boolean) => {
    const home = join(consumer, `ts-${mode}-${format}-${skipLibCheck}`);
    mkdirSync(home, { recursive: true });
    // A CommonJS project (no "type": "module") gets the `require` types: the .d.cts twins.
    if (format === 'cjs') writeFileSync(join(home, 'package.json'), JSON.stringify({ type: 'commonjs' }));
    writeFileSync(join(home, 'main.ts'), OK);
    writeFileSync(join(home, 'bad.ts'), BAD);
    const module = mode === 'bundler' ? 'esnext' : mode;
    writeFileSync(
      join(home, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'es2022', module, moduleResolution: mode, strict: true, noEmit: true, skipLibCheck, lib: ['es2022', 'dom'], types: ['node'] }, files: ['main.ts', 'bad.ts'] }),
    );
    return run(process.execPath, [TSC, '-p', home], { cwd: home, timeout: 120_000 }).then(
      () => '',
      (e: { stdout: string }) => e.stdout.trim(),
    );
  };

  // With skipLibCheck broken declarations would silently type everything as any: the wrong call
  // must still be the one and only error. nodenext (ESM) also checks the declarations themselves.
  test('correct calls compile and tp.track(123) is the one type error', async () => {
    const only = /^bad\.ts\(3,10\): error TS2345: [^\n]*$/;
    expect(await compile(true)).toMatch(only);
    if (mode === 'nodenext' && format === 'esm') expect(await compile(false)).toMatch(only);
  }, 240_000);
});

describe('the collector from the tarball', () => {
  test('the README example runs as written and prints its URLs', async () => {
    const example = /```js\n(import \{ listen \} from 'touchpoint\/collector';[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    writeFileSync(join(consumer, 'collector.mjs'), example!);
    const child = spawn(process.execPath, ['collector.mjs'], { cwd: consumer, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const report = await new Promise<string>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`no report URL printed: ${out}`)), 60_000);
        child.stdout.on('data', () => {
          const m = /report:\s+(\S+)/.exec(out);
          if (m) clearTimeout(timer), ok(m[1]!);
        });
        child.on('exit', () => fail(new Error(`exited: ${out}`)));
      });
      expect(out).toMatch(/events:\s+http:\/\/127\.0\.0\.1:\d+\/v1\/batch/);
      const events = /events:\s+(\S+)/.exec(out)![1]!;
      const sent = await fetch(events, { method: 'POST', body: JSON.stringify({ batch: [{ type: 'track', event: 'Product Viewed', messageId: 'm-1', anonymousId: 'a-1', properties: { product_id: 'B-1' } }] }) });
      expect(await sent.json()).toMatchObject({ accepted: 1 });
      const page = await fetch(report);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(existsSync(join(consumer, 'data/touchpoint.db'))).toBe(true);
    } finally {
      child.kill();
    }
  }, 120_000);

  test('require() works from a CommonJS script', async () => {
    const script = "const s = require('touchpoint/schema'); const t = require('touchpoint'); console.log(s.rateVital('LCP', 1000), typeof t.createTracker);";
    const { stdout } = await run(process.execPath, ['-e', script], { cwd: join(consumer, 'ts-node16-cjs-true'), timeout: 60_000 });
    expect(stdout.trim()).toBe('good function');
  }, 90_000);

  test('without better-sqlite3 it fails with how to install it', async () => {
    const script = "import { listen } from 'touchpoint/collector'; await listen({ port: 0 });";
    const result = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: join(dir, 'no-sqlite'), timeout: 60_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('npm install better-sqlite3');
  }, 90_000);
});
