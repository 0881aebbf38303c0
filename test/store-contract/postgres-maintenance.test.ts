// What only the PostgreSQL store has to show of looking after a desk: what doctor learns of the
// server (ctype, extensions, the append-only triggers, amcheck), a backup that is pg_dump's and
// nobody else's to read, and tables read for a copy in SQLite's order and form whatever the
// database's collation.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { BOOLEAN_COLUMNS } from '../../src/store/table-content.js';
import { describeWith, itWith, PG_DUMP, POSTGRES, postgresLocation } from '../system-programs.js';
import { at, createTicket, rejection } from './fixtures.js';
import { queryRows as query } from '../postgres-admin.js';

const made: string[] = [];
let count = 0;


/** A new desk database, made with `options` of CREATE DATABASE when given. */
async function freshStore(options = ''): Promise<{ location: string; store: Store }> {
  const database = `desk_pg_care_${process.pid}_${++count}`;
  made.push(database);
  await query(postgresLocation(), `CREATE DATABASE ${database} ${options}`);
  const url = new URL(postgresLocation());
  url.pathname = `/${database}`;
  return { location: url.toString(), store: await openStore(url.toString(), { create: true }) };
}

const backups = mkdtempSync(join(tmpdir(), 'desk-pg-backup-'));
afterAll(() => rmSync(backups, { recursive: true, force: true }));

describeWith(POSTGRES, 'looking after a PostgreSQL desk', () => {
  const open: Store[] = [];
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    for (const database of made.splice(0)) await query(postgresLocation(), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });
  const fresh = async (options = '') => {
    const made = await freshStore(options);
    open.push(made.store);
    return made;
  };

  it('tells doctor the server, the ctype, the extensions and the append-only triggers, all enabled', async () => {
    const { store } = await fresh();
    const { server } = await store.health();
    expect(server).toEqual({
      version: expect.stringMatching(/^PostgreSQL \d+\.\d+$/),
      ctype: 'C.UTF-8',
      encoding: 'UTF8',
      extensions: ['pg_trgm', 'plpgsql'],
      append_only: [
        { table: 'events', trigger: 'events_no_change', state: 'enabled' },
        { table: 'events', trigger: 'events_no_truncate', state: 'enabled' },
        { table: 'handovers', trigger: 'handovers_no_change', state: 'enabled' },
        { table: 'handovers', trigger: 'handovers_no_truncate', state: 'enabled' },
      ],
      amcheck: null,
    });
  });

  it('tells doctor of a C ctype, a trigger disabled or dropped, and what amcheck found of every index', async () => {
    const { location, store } = await fresh("TEMPLATE template0 ENCODING 'UTF8' LC_CTYPE 'C' LC_COLLATE 'C'");
    await createTicket(store);
    await query(location, 'CREATE EXTENSION amcheck; ALTER TABLE events DISABLE TRIGGER events_no_change; DROP TRIGGER handovers_no_truncate ON handovers');
    const { server } = await store.health();
    expect(server).toMatchObject({ ctype: 'C', encoding: 'UTF8', extensions: ['amcheck', 'pg_trgm', 'plpgsql'] });
    expect(server!.append_only.filter((t) => t.state !== 'enabled')).toEqual([
      { table: 'events', trigger: 'events_no_change', state: 'disabled' },
      { table: 'handovers', trigger: 'handovers_no_truncate', state: 'missing' },
    ]);
    const indexes = await query<{ n: number }>(location, "SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '% USING btree %'");
    expect(server!.amcheck).toEqual({ indexes: indexes[0]!.n, problems: [], refused: null });
    expect(indexes[0]!.n).toBeGreaterThan(20);
  });

  it('reads rows for a copy with text keys in byte order, as SQLite does, under a collation that would not', async () => {
    const { store } = await fresh("TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'");
    await store.writeTableRows('rotations', [{ team: 'alpha', last_agent: 'li' }, { team: 'Zeta', last_agent: 'sun' }]);
    expect((await store.readTable('rotations', null, 10)).rows.map((r) => r.team)).toEqual(['Zeta', 'alpha']);
    expect(await store.readTable('rotations', ['Zeta'], 10)).toEqual({ rows: [{ team: 'alpha', last_agent: 'li' }], last: ['alpha'] });
    expect(await store.tableChecksum('rotations', ['Zeta'])).toMatchObject({ rows: 1, last: ['Zeta'] });
  });

  it('keeps as booleans exactly the columns the copy turns into SQLite\'s 0 and 1', async () => {
    const { location } = await fresh();
    const rows = await query<{ table_name: string; column_name: string }>(
      location,
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'boolean' ORDER BY table_name, ordinal_position",
    );
    const booleans: Record<string, string[]> = {};
    for (const row of rows) (booleans[row.table_name] ??= []).push(row.column_name);
    expect(booleans).toEqual(BOOLEAN_COLUMNS);
  });

  it('refuses to copy text PostgreSQL cannot hold, naming the row, and writes nothing of the batch', async () => {
    const { store } = await fresh();
    const error = await rejection(store.writeTableRows('rotations', [{ team: 'desktop', last_agent: 'sun' }, { team: 'network', last_agent: 'w\u0000u' }]));
    expect(error.message).toBe('rotations network: its last_agent holds the character U+0000, which PostgreSQL cannot store');
    expect((await store.readTable('rotations', null, 10)).rows).toEqual([]);
  });

  itWith(PG_DUMP, 'backs up with pg_dump into a file only its owner may read, which pg_restore reads', async () => {
    const { store } = await fresh();
    await createTicket(store, { title: 'Printer jams', created_at: at('11-03 09:00') });
    const destination = join(backups, `backup-${count}.dump`);
    await store.backup(destination);
    expect(statSync(destination).mode & 0o777).toBe(0o600);
    const listed = spawnSync('pg_restore', ['--list', destination], { encoding: 'utf8' });
    expect(listed.status, listed.stderr).toBe(0);
    for (const table of ['tickets', 'events', 'handovers']) expect(listed.stdout).toMatch(new RegExp(`TABLE DATA public ${table} `));
  });

  itWith(PG_DUMP, 'backs up after a redaction without the requester, as pg_restore writes the dump out', async () => {
    const { store } = await fresh();
    await createTicket(store, { title: 'Printer of Zhao Lei jams', requester: 'Zhao Lei', contact: '13812345678', description: 'Call 13812345678', created_at: at('11-03 09:00') });
    await store.redactTicket({ id: 1 }, 'Privacy request', { actor: 'chen', now: at('11-04 09:00') });
    const destination = join(backups, `redacted-${count}.dump`);
    await store.backup(destination);
    // The dump is compressed: its bytes say nothing; the SQL pg_restore makes of it holds every row.
    const restored = spawnSync('pg_restore', ['--file', '-', destination], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('Printer of [redacted] jams');
    expect(restored.stdout).not.toContain('Zhao Lei');
    expect(restored.stdout).not.toContain('13812345678');
  });

  itWith(PG_DUMP, 'refuses to back up over a file that is there, leaving it as it was', async () => {
    const { store } = await fresh();
    const destination = join(backups, `taken-${count}.dump`);
    writeFileSync(destination, 'somebody else\'s file');
    await expect(store.backup(destination)).rejects.toThrow();
    expect(readFileSync(destination, 'utf8')).toBe('somebody else\'s file');
  });
});
