#!/usr/bin/env node
// Loads dist/main.cjs with V8's code cache. Compiling the bundle costs about 12 ms of every start
// on Node 20, which has no compile cache of its own (Node 22's module.enableCompileCache); the code
// V8 compiled in an earlier run, kept in $XDG_CACHE_HOME/desk beside the settings cache, takes a
// fraction of that to read back. A cache that cannot be read or written only costs the compile.
import module from 'node:module';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = fileURLToPath(new URL('../dist/main.cjs', import.meta.url));
const source = readFileSync(file, 'utf8');
const built = statSync(file);
const cacheDir = join(process.env.XDG_CACHE_HOME || join(process.env.HOME || homedir(), '.cache'), 'desk');
// V8 checks a cache against the source's length and its own version and flags, not the text: the
// build's time tells one build of the same length from another.
const cacheFile = join(cacheDir, `main-${process.versions.v8}-${built.size}-${Math.trunc(built.mtimeMs)}.v8`);
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}

// No dynamic import() in the bundle (scripts/build.mjs turns them into require()): Node 20 loses
// the script's import callback when its code comes from the cache.
const script = new vm.Script(module.wrap(source), { filename: file, cachedData });
const main = new module.Module(file);
main.filename = file;
main.paths = module.Module._nodeModulePaths(dirname(file));
script.runInThisContext().call(main.exports, main.exports, module.createRequire(file), main, file, dirname(file));
main.loaded = true;

process.exitCode = await main.exports.main(process.argv.slice(2));

// Written after the command ran, so that the functions it compiled on the way are in the cache.
if (cachedData === undefined || script.cachedDataRejected) {
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    for (const name of readdirSync(cacheDir)) if (/^main-.*\.v8$/.test(name)) rmSync(join(cacheDir, name), { force: true });
    const partial = `${cacheFile}.${process.pid}`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // Not cached: the next run compiles again.
  }
}
