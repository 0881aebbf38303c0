// Bundles the CLI into dist/: one entry plus a chunk per lazily imported command, so start-up
// parses only what the command uses. The SQLite driver's JavaScript is bundled too (its compiled
// addon is loaded from node_modules): fifteen small modules loaded one by one cost about 7 ms of
// every start.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/cli/main.ts', core: 'src/core.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  define: { DESK_VERSION: JSON.stringify(version) },
  // Bundled CommonJS dependencies call require(); ESM output has none, so provide one.
  banner: { js: "import { createRequire as __deskCreateRequire } from 'node:module'; const require = __deskCreateRequire(import.meta.url);" },
});
