#!/usr/bin/env node
// Runs dist/main.cjs from V8's code cache, kept in $XDG_CACHE_HOME/desk: Node 20 has no compile
// cache of its own, and compiling the bundle is about 12 ms of every start.
import module from 'node:module';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = fileURLToPath(new URL('../dist/main.cjs', import.meta.url));

/** A short hash of a string (FNV-1a), for the flags in a cache's name. */
function fingerprint(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

/**
 * Where this build's cache lives, or null when there is none to be had. V8 checks a cache only
 * against the source's length, its own version and its flags: the name carries the build's
 * content hash (dist/build-id) and the flags, so a cache is never taken for another build's.
 */
function cachePlace() {
  try {
    const build = readFileSync(new URL('../dist/build-id', import.meta.url), 'utf8').trim();
    const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'desk');
    const flags = fingerprint(`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`);
    return { dir, build, file: join(dir, `main-${build}-${process.versions.v8}-${flags}.v8`) };
  } catch {
    return null;
  }
}

/** Compiles and runs the bundle, with the cached code when there is some; returns its exports and the script. */
function load(place) {
  let cachedData;
  try {
    cachedData = place ? readFileSync(place.file) : undefined;
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const self = { exports: {} };
  script.runInThisContext().call(self.exports, self.exports, module.createRequire(file), self, file, dirname(file));
  return { exports: self.exports, script, cached: cachedData !== undefined && !script.cachedDataRejected };
}

/**
 * Written after the command ran, so that what it compiled is in the cache; caches of other builds
 * (and files of writers that were killed) go. Not cached: the next run compiles again.
 */
function saveCache(place, script) {
  try {
    mkdirSync(place.dir, { recursive: true, mode: 0o700 });
    for (const name of readdirSync(place.dir)) {
      const cache = /^main-.*\.v8(\.\d+)?$/.exec(name);
      if (cache && (cache[1] !== undefined || !name.startsWith(`main-${place.build}-`))) rmSync(join(place.dir, name), { force: true });
    }
    const partial = `${place.file}.${process.pid}`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, place.file);
  } catch {
    // Not cached.
  }
}

// Code from vm.Script is not source-mapped: with source maps asked for, Node loads the bundle.
const place = process.sourceMapsEnabled ? null : cachePlace();
const loaded = place ? load(place) : { exports: module.createRequire(import.meta.url)(file) };
process.exitCode = await loaded.exports.main(process.argv.slice(2));
if (place && !loaded.cached) saveCache(place, loaded.script);
