// Bundles the CLI into dist/ as CommonJS: dist/main.cjs holds the desk's own code, commander and
// the SQLite driver's JavaScript; each large dependency is a bundle of its own in dist/vendor/,
// required only by the code that uses it. Every command's module is initialised only when it
// runs. CommonJS because Node 20's ES module loader reads files asynchronously and compiles each
// module separately: the same code split into ES module chunks cost about 9 ms more per start.
// dist/core.js is the pure core as an ES module library for bench/.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Dependencies large enough to be worth a file of their own (and loaded by few commands). */
const VENDOR = ['zod', 'yaml', 'iconv-lite', '@inquirer/prompts', 'papaparse', 'picomatch', 'csv-stringify/sync', 'cli-table3', 'cli-progress', 'safe-regex2'];
const vendorFile = (name) => `vendor/${name.replace(/^@/, '').replace(/\//g, '-')}`;
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'none' };

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  ...common,
  entryPoints: Object.fromEntries(VENDOR.map((name) => [vendorFile(name), name])),
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
});
await build({
  ...common,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  sourcemap: 'linked',
  define: { DESK_VERSION: JSON.stringify(version), 'import.meta.url': '__deskModuleUrl' },
  banner: { js: "const __deskModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [
    {
      name: 'vendor',
      setup(bundle) {
        // import() becomes require() too: bin/desk.js runs the bundle from V8's code cache, where
        // Node 20 has no callback for a dynamic import.
        bundle.onResolve({ filter: new RegExp(`^(${VENDOR.map(escapeRegExp).join('|')})$`) }, (args) =>
          args.kind === 'dynamic-import' ? { path: args.path, namespace: 'vendor' } : { path: `./${vendorFile(args.path)}.cjs`, external: true },
        );
        bundle.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
      },
    },
  ],
});
const dynamicImport = /[^\w$.]import\(/.exec(readFileSync(new URL('../dist/main.cjs', import.meta.url), 'utf8'));
if (dynamicImport) throw new Error(`dist/main.cjs has a dynamic import() at offset ${dynamicImport.index}: bin/desk.js cannot run it; import the module statically or through the vendor list`);
await build({
  ...common,
  entryPoints: { core: 'src/core.ts' },
  outdir: 'dist',
  format: 'esm',
  sourcemap: 'linked',
  // Bundled CommonJS dependencies call require(); ESM output has none, so provide one.
  banner: { js: "import { createRequire as __deskCreateRequire } from 'node:module'; const require = __deskCreateRequire(import.meta.url);" },
});
