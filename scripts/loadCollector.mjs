// Loads `touchpoint/collector` for the Node scripts (seed, benchmark) straight from src/: esbuild
// bundles src/collector/index.ts into node_modules/.cache (dependencies stay external, resolved
// from the repo's node_modules), so the scripts work without building the whole package first.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Import the collector module (fresh bundle of the current sources). */
export const loadCollector = async () => {
  // node_modules may be shared by several checkouts, and scripts run side by side: one bundle per
  // checkout and process, so none imports another's half-written file.
  const checkout = createHash('sha256').update(root).digest('hex').slice(0, 12);
  const outdir = `${root}node_modules/.cache/touchpoint-scripts-${checkout}`;
  mkdirSync(outdir, { recursive: true });
  const outfile = `${outdir}/collector-${process.pid}.mjs`;
  await build({
    entryPoints: [`${root}src/collector/index.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    define: { __VERSION__: '"scripts"' },
    logLevel: 'error',
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
};
