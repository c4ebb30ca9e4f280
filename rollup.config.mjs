// One rollup config builds every artefact: ESM + CJS for npm users (dependencies external,
// tree-shakable), and self-contained minified IIFE files for the script tag.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { relative, resolve as resolvePath } from 'node:path';
import resolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const define = { __VERSION__: JSON.stringify(pkg.version) };

/** npm entries: name -> source. Subpath exports in package.json point at dist/<name>.{js,cjs}. */
export const npmEntries = {
  index: 'src/index.ts',
  schema: 'src/schema/index.ts',
  widget: 'src/widget/index.ts',
  vitals: 'src/vitals/index.ts',
  kiosk: 'src/kiosk/index.ts',
  platforms: 'src/platforms/index.ts',
};

/** Node-only entries (the collector): built for ESM + CJS with node built-ins external. */
export const nodeEntries = {
  collector: 'src/collector/index.ts',
};

/** Script-tag files: self-contained, minified, one global each. */
export const iifeEntries = [
  // The shop script tag bundles the tracker's back end (IndexedDB queue, sending tab, delivery
  // engine): its events are durable from the first call (docs/ARCHITECTURE.md "Decisions").
  { input: 'src/iife.ts', file: 'dist/touchpoint.js', name: 'touchpoint' },
  { input: 'src/core/iife.ts', file: 'dist/touchpoint.core.js', name: 'touchpoint' },
  // The widget's Vietnamese texts and its element's attribute parsing load on demand (5 KB budget).
  { input: 'src/widget/iife.ts', file: 'dist/touchpoint.widget.js', name: 'touchpointWidget', swap: { 'src/widget/vi.ts': 'src/widget/viLazy.ts', 'src/widget/reasonTables.ts': 'src/widget/reasonTablesLazy.ts' } },
  { input: 'src/widget/chunks/vi.ts', file: 'dist/touchpoint.widget.vi.js', name: 'touchpointWidget_vi' },
  { input: 'src/widget/chunks/reasons.ts', file: 'dist/touchpoint.widget.reasons.js', name: 'touchpointWidget_reasons' },
  { input: 'src/widget/chunks/element.ts', file: 'dist/touchpoint.widget.element.js', name: 'touchpointWidget_element' },
  { input: 'src/kiosk/iife.ts', file: 'dist/touchpoint.kiosk.js', name: 'touchpointKiosk' },
  { input: 'src/vitals/iife.ts', file: 'dist/touchpoint.vitals.js', name: 'touchpointVitals' },
  { input: 'src/shop/cartChunk.ts', file: 'dist/touchpoint.cart.js', name: 'touchpointCart' },
  // Platform listeners (src/platforms/), each loaded only when its data attribute asks for it.
  { input: 'src/platforms/datalayerChunk.ts', file: 'dist/touchpoint.datalayer.js', name: 'touchpointDatalayer' },
  { input: 'src/platforms/consentChunk.ts', file: 'dist/touchpoint.consent.js', name: 'touchpointConsent' },
  { input: 'src/platforms/wooChunk.ts', file: 'dist/touchpoint.woocommerce.js', name: 'touchpointWoocommerce' },
];

const external = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
];
/** Build-time module swap for one script-tag file: `{ 'src/a.ts': 'src/b.ts' }`. */
const swapModules = (map = {}) => ({
  name: 'swap-modules',
  async resolveId(source, importer, options) {
    const r = await this.resolve(source, importer, { ...options, skipSelf: true });
    const to = r && map[relative(process.cwd(), r.id)];
    return to ? resolvePath(to) : null;
  },
});
const isExternal = (id) => external.some((e) => id === e || id.startsWith(`${e}/`));

const lib = (input, target) => ({
  input,
  external: isExternal,
  plugins: [resolve({ extensions: ['.ts', '.js'] }), esbuild({ target, define })],
  output: [
    { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
  ],
});

export default [
  lib(npmEntries, 'es2020'),
  // The Shopify custom pixel, pasted by merchants into their admin: readable (not minified) so
  // they can see what they paste; scripts/shopify-pixel.mjs fills in the endpoint.
  {
    input: 'src/platforms/shopify/pixel.ts',
    plugins: [resolve({ extensions: ['.ts', '.js'], browser: true }), esbuild({ target: 'es2020', define, legalComments: 'none' })],
    output: { file: 'dist/shopify-pixel.js', format: 'iife' },
  },
  ...(Object.keys(nodeEntries).length ? [lib(nodeEntries, 'node20')] : []),
  ...iifeEntries.map(({ input, file, name, swap }) => ({
    input,
    plugins: [
      swapModules(swap),
      resolve({ extensions: ['.ts', '.js'], browser: true }),
      esbuild({ target: 'es2020', define, legalComments: 'none' }),
      // terser compresses ~4% smaller than esbuild's minifier on this code; wire keys are
      // never mangled (no property mangling at all).
      terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
    ],
    output: { file, format: 'iife', name, exports: 'named' },
  })),
];
