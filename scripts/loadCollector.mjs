// Loads parts of touchpoint for the Node scripts (seed, demo, benchmark) straight from src/:
// esbuild bundles the entry into node_modules/.cache (dependencies stay external, resolved from
// the repo's node_modules), so the scripts work without building the whole package first and
// always run the current sources.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

/** Bundle `entry` (a path under the repo) for Node and import it. */
export const loadSource = async (entry) => {
  // node_modules may be shared by several checkouts, and scripts run side by side: one bundle per
  // checkout, entry and process, so none imports another's half-written file. The bundle stays on
  // disk while the process runs: the report engine's worker thread loads it again.
  const checkout = createHash('sha256').update(root).digest('hex').slice(0, 12);
  const outdir = `${root}node_modules/.cache/touchpoint-scripts-${checkout}`;
  mkdirSync(outdir, { recursive: true });
  const outfile = `${outdir}/${entry.replace(/\W+/g, '-')}-${process.pid}.mjs`;
  await build({
    entryPoints: [`${root}${entry}`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    define: { __VERSION__: JSON.stringify(version) },
    logLevel: 'error',
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
};

/** Import the collector module (fresh bundle of the current sources). */
export const loadCollector = () => loadSource('src/collector/index.ts');

/** The SDK's own code the seed drives: the tracker, stages, vitals, reasons (scripts/seedSdk.ts). */
export const loadSdk = () => loadSource('scripts/seedSdk.ts');
