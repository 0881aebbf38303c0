// What only the PostgreSQL store has to show: one schema with SQLite's (the same tables and
// columns, in the same order, apart from each store's own bookkeeping), its version refused when
// newer, an audit trail the server itself keeps append-only, numbers without gaps under writers
// at once, and no password in what it prints.
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { planNote } from '../../src/domain/lifecycle.js';
import { UsageError } from '../../src/domain/errors.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { openStore } from '../../src/store/open.js';
import { describeWith, POSTGRES, postgresLocation } from '../system-programs.js';
import { at, createTicket, rejection } from './fixtures.js';

/** SQLite's full-text index and its bookkeeping (fts5 makes shadow tables of its own). */
const ONLY_IN_SQLITE = /^(ticket_search.*|search_deferred|search_backlog)$/;
/** Where PostgreSQL keeps the schema version (SQLite: PRAGMA user_version). */
const ONLY_IN_POSTGRES = ['desk_meta'];

function sqliteColumns(): Record<string, string[]> {
  const store = openSqliteStore(':memory:', { create: true });
  try {
    const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(
      tables.filter((t) => !ONLY_IN_SQLITE.test(t)).map((t) => [t, store.db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(t) as string[]]),
    );
  } finally {
    store.db.close();
  }
}

const made: string[] = [];
let count = 0;

async function query<T extends pg.QueryResultRow>(location: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A new, empty database: its URL, with `password` written into it when given. */
async function freshDatabase(password?: string): Promise<string> {
  const database = `desk_pg_${process.pid}_${++count}`;
  made.push(database);
  await query(postgresLocation(), `CREATE DATABASE ${database}`);
  const url = new URL(postgresLocation());
  url.pathname = `/${database}`;
  if (password) url.password = password;
  return url.toString();
}

describeWith(POSTGRES, 'the PostgreSQL store', () => {
  afterEach(async () => {
    for (const database of made.splice(0)) await query(postgresLocation(), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('has the tables and columns of the SQLite schema', async () => {
    const location = await freshDatabase();
    await (await openStore(location, { create: true })).close();
    const rows = await query<{ table_name: string; column_name: string }>(
      location,
      'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position',
    );
    const columns: Record<string, string[]> = {};
    for (const row of rows) if (!ONLY_IN_POSTGRES.includes(row.table_name)) (columns[row.table_name] ??= []).push(row.column_name);
    expect(columns).toEqual(sqliteColumns());
  });

  it('refuses a schema newer than this desk knows', async () => {
    const location = await freshDatabase();
    await (await openStore(location, { create: true })).close();
    await query(location, "UPDATE desk_meta SET value = '999' WHERE key = 'schema_version'");
    const error = await rejection(openStore(location, { create: false }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/has schema version 999, newer than this desk knows/);
  });

  it('refuses a database holding another program\'s tables', async () => {
    const location = await freshDatabase();
    await query(location, 'CREATE TABLE invoices (id int)');
    expect((await rejection(openStore(location, { create: true }))).message).toMatch(/tables of another program/);
  });

  it('keeps the audit trail and the handovers append-only, whoever writes SQL', async () => {
    const location = await freshDatabase();
    const store = await openStore(location, { create: true });
    await createTicket(store);
    await store.recordHandover({ since: at('11-03 08:00'), team: null, summary: { opened: 0 } as never }, { actor: 'li', now: at('11-03 16:00') });
    await store.close();
    for (const sql of ["UPDATE events SET actor = 'x'", 'DELETE FROM events', 'TRUNCATE events CASCADE', "UPDATE handovers SET actor = 'x'", 'DELETE FROM handovers', 'TRUNCATE handovers']) {
      await expect(query(location, sql), sql).rejects.toThrow(/append-only/);
    }
  });

  it('numbers tickets created at once over many connections without gaps or repeats', async () => {
    const location = await freshDatabase();
    await (await openStore(location, { create: true })).close();
    const stores = await Promise.all([1, 2, 3, 4].map(() => openStore(location, { create: false })));
    try {
      const created = await Promise.all(stores.flatMap((store) => [1, 2, 3, 4, 5].map(() => createTicket(store))));
      expect(created.map((t) => t.number).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `SD-202611-${String(i + 1).padStart(5, '0')}`));
      await Promise.all(created.map((t, i) => stores[i % 4]!.updateTicket({ id: t.id }, planNote('Called back'), { actor: 'sun', now: at('11-03 10:00') })));
      expect((await stores[0]!.getTicket({ id: 1 })).version).toBe(2);
    } finally {
      for (const store of stores) await store.close();
    }
  });

  it('shows its location without the password, in its path and its errors', async () => {
    const location = await freshDatabase();
    await query(postgresLocation(), `DROP DATABASE ${new URL(location).pathname.slice(1)}`);
    const secret = new URL(location);
    secret.password = 'hunter2';
    const error = await rejection(openStore(secret.toString(), { create: false }));
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain(`${secret.hostname}:${secret.port}${secret.pathname}`);
    const open = await freshDatabase();
    const withPassword = new URL(open);
    withPassword.password = 'hunter2';
    // The local server trusts its users, so it takes any password.
    const store = await openStore(withPassword.toString(), { create: true });
    expect(store.path).not.toContain('hunter2');
    expect(store.path).toBe(open);
    await store.close();
  });
});
