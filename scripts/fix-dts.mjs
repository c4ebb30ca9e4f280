#!/usr/bin/env node
// Post-build step (`npm run build`): tsc writes the declaration files with the extensionless
// relative imports of the sources (`from './types'`), which only `moduleResolution: "bundler"`
// can follow. Under `node16`/`nodenext` a consumer would get dozens of errors, or with
// `skipLibCheck` silently no types at all. This rewrites every relative specifier in
// dist/types to the file Node would load: `./types` → `./types.js`, a folder → `./folder/index.js`.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dirArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
const TYPES = resolve(dirArg ?? join(fileURLToPath(new URL('../', import.meta.url)), 'dist/types'));

/** Every .d.ts file under `dir`. */
const declarations = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? declarations(path) : name.endsWith('.d.ts') ? [path] : [];
  });

/** The specifier Node resolves for `spec` written in `file`; unchanged when it is not relative or already has an extension. */
export const withExtension = (file, spec) => {
  if (!/^\.\.?(\/|$)/.test(spec) || /\.(m?js|cjs|json)$/.test(spec)) return spec;
  const target = resolve(dirname(file), spec);
  if (existsSync(`${target}.d.ts`)) return `${spec}.js`;
  if (existsSync(join(target, 'index.d.ts'))) return `${spec.replace(/\/$/, '')}/index.js`;
  throw new Error(`${file}: cannot resolve the import "${spec}"`);
};

// `from '…'`, `import '…'`, `import('…')`, `require('…')`: the forms tsc emits.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])([^'"\n]+)\2/g;

// Each declaration gets a CommonJS twin (`.d.cts`, importing `.cjs`): the package is
// `"type": "module"`, so TypeScript reads `.d.ts` as ESM, and a CommonJS consumer under node16
// would be refused (TS1479) although `require('touchpoint')` works. The `require` conditions of
// the exports map point at the twins.
let changed = 0;
for (const file of declarations(TYPES)) {
  const text = readFileSync(file, 'utf8');
  const out = text.replace(SPECIFIER, (all, head, quote, spec) => `${head}${quote}${withExtension(file, spec)}${quote}`);
  if (out !== text) {
    writeFileSync(file, out);
    changed += 1;
  }
  const cjs = out.replace(SPECIFIER, (all, head, quote, spec) => `${head}${quote}${/^\.\.?\//.test(spec) ? spec.replace(/\.js$/, '.cjs') : spec}${quote}`);
  writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), cjs);
}
if (process.argv.includes('--verbose')) console.log(`fix-dts: ${changed} declaration files rewritten in ${TYPES}, CommonJS twins written`);
