// The Store contract run against the SQLite store: a real database file for every case, opened as
// the desk opens it; a second connection is a second open of the same file.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { describeStoreContract } from './contract.js';

// Every commit waits for fsync (synchronous = FULL): about 10 ms a write on this machine's disk,
// 1.5 ms on a memory file system, where WAL and its shared memory work the same.
const directory = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'desk-store-contract-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// Each case's database is a copy of one new database made by openStore: building the schema takes
// about 20 ms a database, copying it well under 1 ms.
const empty = join(directory, 'empty.db');
beforeAll(async () => {
  await (await openStore(empty, { create: true })).close();
});

let databases = 0;

describeStoreContract(
  'SQLite',
  async () => {
    const path = join(directory, `desk-${++databases}.db`);
    copyFileSync(empty, path);
    return openStore(path, { create: false });
  },
  { connectAgain: (store) => openStore(store.path, { create: false }) },
);
