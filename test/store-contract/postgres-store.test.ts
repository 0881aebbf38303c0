// What only the PostgreSQL store has to show: one schema with SQLite's (the same tables and
// columns, in the same order, apart from each store's own bookkeeping), its version refused when
// newer, an audit trail the server itself keeps append-only, numbers without gaps under writers
// at once, no password in what it prints, and search through its own indexes, kept up to date.
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { planNote, planReopen, planResolve } from '../../src/domain/lifecycle.js';
import { UsageError } from '../../src/domain/errors.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { openStore } from '../../src/store/open.js';
import { reindexSearch, searchStatement } from '../../src/store/postgres/search.js';
import type { SearchQuery } from '../../src/store/store.js';
import { describeWith, POSTGRES, postgresLocation } from '../system-programs.js';
import { at, createTicket, rejection } from './fixtures.js';
import { queryRows as query } from '../postgres-admin.js';

/** SQLite's full-text index and its bookkeeping (fts5 makes shadow tables of its own). */
const ONLY_IN_SQLITE = /^(ticket_search.*|search_deferred|search_backlog)$/;
/** Where PostgreSQL keeps the schema version (SQLite: PRAGMA user_version), and its own search rows and their backlog. */
const ONLY_IN_POSTGRES = ['desk_meta', 'ticket_search', 'search_backlog'];

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

  it('lets two inspectors drawing the same day at once take turns: the second finds the first one\'s sample', async () => {
    const location = await freshDatabase();
    const first = await openStore(location, { create: true });
    const ticket = await createTicket(first);
    const second = await openStore(location, { create: false });
    try {
      const draw = (store: typeof first, actor: string) =>
        store.recordQuality(
          { since: 0 },
          (events) => {
            const drawn = events.filter((e) => e.kind === 'qa_sample' && e.qa.day === '2026-11-02');
            return { events: drawn.length ? [] : [{ ticket_id: ticket.id, kind: 'qa_sample' as const, qa: { day: '2026-11-02', agent: 'li', seed: actor }, text: null }], result: drawn.map((e) => e.actor) };
          },
          { actor, now: at('11-03 09:00') },
        );
      const seen = await Promise.all([draw(first, 'lin'), draw(second, 'chen')]);
      expect(seen.filter((s) => s.length === 0)).toHaveLength(1);
      expect((await first.qualityEvents({ since: 0 })).map((e) => e.kind)).toEqual(['qa_sample']);
    } finally {
      await second.close();
      await first.close();
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

  it('answers a three-character and a two-character Chinese term from its indexes', async () => {
    const location = await freshDatabase();
    await (await openStore(location, { create: true })).close();
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      // 3,000 tickets; every 500th jams paper in the printer (打印机卡纸), the others have other problems.
      await client.query(`INSERT INTO tickets (id, number, created_at, title, description, status, updated_at, updated_by)
        SELECT i, 'SD-202611-' || lpad(i::text, 5, '0'), 1793000000000 + i, CASE WHEN i % 500 = 0 THEN '三楼打印机卡纸' ELSE '网络很慢 ' || i END,
          CASE WHEN i % 500 = 0 THEN '财务部' WHEN i % 2 = 0 THEN '下午三点以后' ELSE 'Cannot connect from home' END, 'new', 1793000000000 + i, 'li'
        FROM generate_series(1, 3000) i`);
      await reindexSearch(client, Array.from({ length: 3000 }, (_, i) => i + 1));
      // New index entries wait in GIN's pending list, which the planner counts against the index,
      // until a vacuum moves them in, as autovacuum does after a load. A table this small would
      // rather be scanned.
      await client.query('VACUUM ANALYZE ticket_search');
      await client.query('SET enable_seqscan = off');
      const plan = async (query: SearchQuery) => {
        const statement = searchStatement(query);
        return (await client.query(`EXPLAIN ${statement.text}`, statement.values)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
      };
      const ids = async (query: SearchQuery) => {
        const statement = searchStatement(query);
        return (await client.query(statement.text, statement.values)).rows.map((r) => Number(r.id));
      };
      expect(await plan({ text: '打印机', limit: 20 })).toMatch(/Bitmap Index Scan on ticket_search_text/);
      expect(await plan({ text: '卡纸', limit: 20 })).toMatch(/Bitmap Index Scan on ticket_search_bigrams/);
      expect(await ids({ text: '打印机', limit: 20 })).toEqual([3000, 2500, 2000, 1500, 1000, 500]);
      expect(await ids({ text: '卡纸', limit: 20 })).toEqual([3000, 2500, 2000, 1500, 1000, 500]);
      expect(await ids({ text: '卡纸 打印机', limit: 2 })).toEqual([3000, 2500]);
    } finally {
      await client.end();
    }
  });

  it('finds a ticket by the words a change or a note wrote, and no longer by the words it replaced', async () => {
    const location = await freshDatabase();
    const store = await openStore(location, { create: true });
    const search = async (text: string) => (await store.searchTickets({ text, limit: 5 })).map((hit) => hit.ticket.id);
    const by = (actor: string, time: string) => ({ actor, now: at(time) });
    try {
      await createTicket(store, { title: 'Printer smudges', status: 'in_progress', created_at: at('11-03 09:00') });
      await store.updateTicket({ id: 1 }, planResolve({ solution: 'Replaced the drum 更换硒鼓' }, at('11-03 10:00')), by('sun', '11-03 10:00'));
      expect(await search('drum')).toEqual([1]);
      expect(await search('硒鼓')).toEqual([1]);
      await store.updateTicket({ id: 1 }, planReopen('Smudges again', at('11-04 09:00')), by('li', '11-04 09:00'));
      await store.updateTicket({ id: 1 }, planResolve({ solution: 'Cleaned the fuser 清洁定影' }, at('11-04 11:00')), by('sun', '11-04 11:00'));
      expect(await search('drum')).toEqual([]);
      expect(await search('硒鼓')).toEqual([]);
      expect(await search('fuser')).toEqual([1]);
      expect(await search('定影')).toEqual([1]);
      await store.updateTicket({ id: 1 }, planNote('已联系厂家 vendor called'), by('sun', '11-04 12:00'));
      expect(await search('厂家')).toEqual([1]);
      expect(await search('联系厂')).toEqual([1]);
      expect(await search('"vendor called" 定影')).toEqual([1]);
    } finally {
      await store.close();
    }
  });
});
