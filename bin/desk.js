#!/usr/bin/env node
import module from 'node:module';

// Node 22 caches compiled code between runs; on Node 20 this is simply absent.
module.enableCompileCache?.();
const { main } = await import('../dist/main.js');
process.exitCode = await main(process.argv.slice(2));
