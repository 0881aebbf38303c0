#!/usr/bin/env node
import module from 'node:module';

// Node 22 caches compiled code between runs; on Node 20 this is simply absent.
module.enableCompileCache?.();
const { main } = module.createRequire(import.meta.url)('../dist/main.cjs');
process.exitCode = await main(process.argv.slice(2));
