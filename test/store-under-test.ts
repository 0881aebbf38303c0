// Which store the command and end-to-end tests run against. `npm test` runs them twice: on SQLite
// files (the default) and with DESK_TEST_STORE=postgres, where every sandbox gets an empty
// PostgreSQL database of its own (vitest.config.ts): as an SQLite desk begins with no file, a
// PostgreSQL desk begins with a database that holds no desk yet, which the first write sets up.
// A test that is about the SQLite file itself (its bytes, its mode, its journal) runs on SQLite
// only: `itOnSqliteFile`.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, it, type TestContext } from 'vitest';
import { adminSync, postgresDatabase, queryRowsSync } from './postgres-admin.js';

export type StoreKind = 'sqlite' | 'postgres';

export const STORE_UNDER_TEST: StoreKind = process.env.DESK_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

const created: string[] = [];
let made = 0;

// Dropping a database waits for the server's checkpoint; a file of many sandboxes takes a while.
afterAll(() => {
  if (created.length) adminSync(created.splice(0).map((name) => `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}, 180_000);

/** A new, empty desk for one sandbox: `desk.db` in its directory, or a database of the server. */
export function newDeskLocation(dir: string): string {
  if (STORE_UNDER_TEST === 'sqlite') return join(dir, 'desk.db');
  const name = `desk_t${process.pid}_${++made}`;
  adminSync([`CREATE DATABASE ${name}`]);
  created.push(name);
  return postgresDatabase(name);
}

/** Tests of the SQLite file itself; on PostgreSQL there is no such file, and the tests do not exist. */
export function describeOnSqliteFile(name: string, fn: () => void): void {
  if (STORE_UNDER_TEST === 'sqlite') describe(name, fn);
}

/** A test of the SQLite file itself; on PostgreSQL there is no such file, and the test does not exist. */
export function itOnSqliteFile(name: string, fn: (context: TestContext) => unknown, timeout?: number): void {
  if (STORE_UNDER_TEST === 'sqlite') it(name, fn, timeout);
}

/** How many rows each table of the desk at `location` holds, read from the database itself. */
export function rowCounts<T extends string>(location: string, tables: readonly T[]): Record<T, number> {
  const sql = `SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`;
  if (STORE_UNDER_TEST === 'postgres') {
    const [row] = queryRowsSync<Record<T, string>>(location, sql);
    return Object.fromEntries(tables.map((t) => [t, Number(row![t])])) as Record<T, number>;
  }
  const db = new Database(location, { readonly: true });
  try {
    return db.prepare(sql).get() as Record<T, number>;
  } finally {
    db.close();
  }
}
