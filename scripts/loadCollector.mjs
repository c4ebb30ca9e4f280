// Loads parts of touchpoint for the Node scripts (seed, demo, benchmark) straight from src/:
// esbuild bundles the entry into node_modules/.cache (dependencies stay external, resolved from
// the repo's node_modules), so the scripts work without building the whole package first and
// always run the current sources. Each process bundles to its own file: several checkouts may
// share one node_modules.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
let made = 0;
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

/** Bundle `entry` (a path under the repo) for Node and import it. */
export const loadSource = async (entry) => {
  const outdir = `${root}node_modules/.cache/touchpoint-scripts`;
  mkdirSync(outdir, { recursive: true });
  const outfile = `${outdir}/${entry.replace(/\W+/g, '-')}-${process.pid}-${++made}.mjs`;
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
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(outfile, { force: true });
  }
};

/** Import the collector module (fresh bundle of the current sources). */
export const loadCollector = () => loadSource('src/collector/index.ts');

/** The SDK's own code the seed drives: the tracker, stages, vitals, reasons (scripts/seedSdk.ts). */
export const loadSdk = () => loadSource('scripts/seedSdk.ts');
