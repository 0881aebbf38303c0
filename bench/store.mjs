// The store as the desk runs it, for benchmarks that drive it directly: bundled from src/ (the
// build keeps it inside dist/main.cjs) into bench/.cache/NAME-store.mjs, one file per benchmark
// so that two running at once do not write the same file.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The exports of src/store/sqlite-store.ts, src/store/sqlite-search.ts and openStore (either store), and the import's checkpoint interval. */
export async function loadStore(name) {
  const root = new URL('../', import.meta.url);
  const cache = new URL('./.cache/', import.meta.url);
  mkdirSync(cache, { recursive: true });
  const file = fileURLToPath(new URL(`${name}-store.mjs`, cache));
  await build({
    stdin: { contents: "export * from './src/store/sqlite-store.ts'; export * from './src/store/sqlite-search.ts'; export { BULK_AUTOCHECKPOINT_PAGES } from './src/store/sqlite-import.ts'; export { openStore } from './src/store/open.ts';", resolveDir: fileURLToPath(root), loader: 'ts' },
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3', 'pg'],
    logLevel: 'warning',
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
  });
  return import(file);
}
