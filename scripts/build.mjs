// Bundles the CLI into dist/ as CommonJS: main.cjs holds the desk's code, commander and the SQLite
// driver's JavaScript, each command initialised only when it runs; large dependencies are bundles
// of their own in vendor/. Node 20's ES module loader cost about 9 ms more per start (async reads,
// a compile per chunk). build-id names this build's V8 code cache (bin/desk.js).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Dependencies large enough to be worth a file of their own (and loaded by few commands). */
const VENDOR = ['pg', 'zod', 'yaml', 'iconv-lite', '@inquirer/prompts', 'papaparse', 'picomatch', 'csv-stringify/sync', 'cli-table3', 'cli-progress', 'safe-regex2'];
const vendorFile = (name) => `vendor/${name.replace(/^@/, '').replace(/\//g, '-')}`;
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'none' };

/**
 * pg, as the desk runs it: on Node, never in a Cloudflare Worker. pg's stream module finds out
 * where it runs by making a `new Response()` when loaded, which loads Node's fetch (undici): about
 * 50 ms of every PostgreSQL command here. pg-native (libpq) is optional and stays outside.
 */
const pgOnNode = {
  name: 'pg-on-node',
  setup(bundle) {
    bundle.onResolve({ filter: /^pg-(native|cloudflare)$/ }, (args) => ({ path: args.path, external: true }));
    bundle.onLoad({ filter: /[\\/]node_modules[\\/]pg[\\/]lib[\\/]stream\.js$/ }, () => ({
      contents: "module.exports = { getStream: () => new (require('net').Socket)(), getSecureStream: (options) => require('tls').connect(options) };",
      loader: 'js',
    }));
  },
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  ...common,
  entryPoints: Object.fromEntries(VENDOR.map((name) => [vendorFile(name), name])),
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  plugins: [pgOnNode],
});
const { metafile } = await build({
  ...common,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  sourcemap: 'linked',
  define: { DESK_VERSION: JSON.stringify(version), 'import.meta.url': '__deskModuleUrl' },
  // The directive first: esbuild's own "use strict" comes after the banner, where it is no directive.
  banner: { js: "'use strict';\nconst __deskModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  metafile: true,
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
// bin/desk.js runs the bundle from V8's code cache, where a dynamic import() has no callback; and a
// vendor package imported by another path (zod/v4) would be a second copy inside main.cjs.
for (const [input, { imports }] of Object.entries(metafile.inputs)) {
  const dynamic = imports.find((i) => i.kind === 'dynamic-import' && i.external);
  if (dynamic) throw new Error(`${input}: import('${dynamic.path}') stays dynamic in dist/main.cjs; add the package to VENDOR or import it statically`);
  const vendor = VENDOR.find((name) => input.startsWith(`node_modules/${name.split('/')[0]}/`));
  if (vendor) throw new Error(`${input} is bundled into dist/main.cjs though ${vendor} has a bundle of its own: import it as '${vendor}'`);
}
const main = readFileSync(new URL('../dist/main.cjs', import.meta.url));
writeFileSync(new URL('../dist/build-id', import.meta.url), createHash('sha256').update(main).digest('hex').slice(0, 16));
await build({
  ...common,
  entryPoints: { core: 'src/core.ts' },
  outdir: 'dist',
  format: 'esm',
  sourcemap: 'linked',
  // Bundled CommonJS dependencies call require(); ESM output has none, so provide one.
  banner: { js: "import { createRequire as __deskCreateRequire } from 'node:module'; const require = __deskCreateRequire(import.meta.url);" },
});
