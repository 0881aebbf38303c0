// Writes config/schema/*.json from the zod schemas in src/ (npm run schemas).
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const outfile = 'node_modules/.cache/desk/json-schemas.mjs';
await build({ entryPoints: ['src/config/json-schemas.ts'], bundle: true, packages: 'external', outfile, format: 'esm', platform: 'node', logLevel: 'warning' });
const { renderJsonSchemas } = await import(new URL(`../${outfile}`, import.meta.url).href);
const dir = new URL('../config/schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [file, text] of Object.entries(renderJsonSchemas())) {
  writeFileSync(new URL(file, dir), text);
  console.log(`wrote config/schema/${file}`);
}
