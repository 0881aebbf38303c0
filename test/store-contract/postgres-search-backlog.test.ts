// The PostgreSQL store's search rows after an import: written once the tickets are all in (or
// behind the batches of a large import), in chunks; until then the tickets wait in search_backlog,
// committed with them, and a change to one meanwhile writes its row at once. Checked in the tables
// themselves, beside what the Store contract checks through searches.
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { planNote, planResolve } from '../../src/domain/lifecycle.js';
import { writeImportRecords } from '../../src/importer/import-write.js';
import { openStore } from '../../src/store/open.js';
import { beginPostgresImport } from '../../src/store/postgres/import.js';
import { ANALYZE_AFTER_TICKETS } from '../../src/store/postgres/search.js';
import type { Store } from '../../src/store/store.js';
import { queryRows as query } from '../postgres-admin.js';
import { describeWith, POSTGRES, postgresLocation } from '../system-programs.js';
import { at, createTicket } from './fixtures.js';
import { importRecord, writeOptions } from './import-session.js';

const made: string[] = [];
const open: Store[] = [];
let count = 0;

async function freshDatabase(): Promise<string> {
  const database = `desk_pg_backlog_${process.pid}_${++count}`;
  made.push(database);
  await query(postgresLocation(), `CREATE DATABASE ${database}`);
  const url = new URL(postgresLocation());
  url.pathname = `/${database}`;
  return url.toString();
}

async function connect(location: string): Promise<Store> {
  const store = await openStore(location, { create: true });
  open.push(store);
  return store;
}

/** What the search tables hold, read over a connection of their own: rows, backlog, and the tickets whose row holds `text`. */
async function searchFacts(location: string, text?: string) {
  const [row] = await query(
    location,
    `SELECT (SELECT count(*) FROM ticket_search)::int AS indexed, (SELECT count(*) FROM search_backlog)::int AS backlog,
       (SELECT array_agg(ticket_id::int ORDER BY ticket_id) FROM ticket_search WHERE strpos(title || ' ' || description || ' ' || solution || ' ' || notes, $1) > 0) AS holding`,
    [text ?? ''],
  );
  return text === undefined ? { indexed: row!.indexed, backlog: row!.backlog } : { indexed: row!.indexed, backlog: row!.backlog, holding: row!.holding ?? [] };
}

/** Rows 2… of an import, each its own ticket. */
const rows = (titles: string[]) => titles.map((title, i) => importRecord(i + 2, { title, created_at: at('11-02 09:00') + i * 60_000 }));

describeWith(POSTGRES, 'PostgreSQL search rows after an import', () => {
  afterEach(async () => {
    for (const store of open.splice(0).reverse()) await store.close().catch(() => {});
    for (const database of made.splice(0)) await query(postgresLocation(), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('holds the imported tickets in the backlog until they are all in, then writes every row', async () => {
    const location = await freshDatabase();
    const store = await connect(location);
    await createTicket(store, { title: 'Logged by hand' });
    const session = await store.beginImport();
    await writeImportRecords(session, rows(['Printer jams', 'VPN drops', 'Mail bounces', 'Screen flickers', 'Mouse sticks']), writeOptions({ batchSize: 2 }));
    // Two batches committed, the fifth row in the open one.
    expect(await searchFacts(location)).toEqual({ indexed: 1, backlog: 4 });
    expect((await store.health()).search_backlog).toBe(4);
    await session.flush();
    await session.close();
    expect(await searchFacts(location, 'flickers')).toEqual({ indexed: 6, backlog: 0, holding: [5] });
    expect((await store.health()).search_backlog).toBe(0);
  });

  it('ranks a ticket of the backlog as it ranks it once its row is written', async () => {
    const location = await freshDatabase();
    const store = await connect(location);
    await createTicket(store, { title: 'Printer toner low', description: 'toner toner' });
    const session = await store.beginImport();
    await writeImportRecords(
      session,
      [importRecord(2, { title: 'Toner smudges', description: 'The printer leaves toner marks' }), importRecord(3, { title: '打印机卡纸', description: '三楼打印机' })],
      writeOptions({ batchSize: 2 }),
    );
    const hits = async () => {
      const found = [];
      for (const text of ['toner', 'printer toner', '打印', '打印机', '卡']) found.push((await store.searchTickets({ text, limit: 5 })).map((h) => [h.ticket.id, h.score]));
      return found;
    };
    const before = await hits();
    expect(before.map((h) => h.map(([id]) => id))).toEqual([[1, 2], [1, 2], [3], [3], [3]]);
    await session.flush();
    await session.close();
    expect(await searchFacts(location)).toEqual({ indexed: 3, backlog: 0 });
    expect(await hits()).toEqual(before);
  });

  it('reports the backlog a killed import left, and writes its rows when asked', async () => {
    const location = await freshDatabase();
    const store = await connect(location);
    const session = await store.beginImport();
    await writeImportRecords(session, rows(['Printer jams', 'VPN drops', 'Mail bounces']), writeOptions({ batchSize: 2 }));
    // The process dies: the connections go without a commit of the open batch.
    await session.close();
    expect(await searchFacts(location)).toEqual({ indexed: 0, backlog: 2 });
    expect((await store.health()).search_backlog).toBe(2);
    expect((await store.searchTickets({ text: 'drops', limit: 5 })).map((h) => h.ticket.id)).toEqual([2]);
    expect(await store.catchUpSearchIndex()).toBe(2);
    expect(await searchFacts(location, 'drops')).toEqual({ indexed: 2, backlog: 0, holding: [2] });
    expect(await store.catchUpSearchIndex()).toBe(0);
  });

  it('lets the next import write what a killed one left', async () => {
    const location = await freshDatabase();
    const store = await connect(location);
    const killed = await store.beginImport();
    await writeImportRecords(killed, rows(['Printer jams', 'VPN drops', 'Mail bounces']), writeOptions({ batchSize: 2 }));
    await killed.close();
    const next = await store.beginImport();
    await writeImportRecords(next, [importRecord(9, { title: 'Keyboard missing keys' })], writeOptions());
    await next.flush();
    await next.close();
    expect(await searchFacts(location)).toEqual({ indexed: 3, backlog: 0 });
  });

  it('writes the row of a ticket changed meanwhile at once, from its new text, and keeps it', async () => {
    const location = await freshDatabase();
    const store = await connect(location);
    const session = await store.beginImport();
    const working = { status: 'in_progress', team: 'network', assignee: 'wu', first_response_at: at('11-02 09:30') } as const;
    await writeImportRecords(session, [importRecord(2, { title: 'Printer jams' }), importRecord(3, { title: 'VPN drops', ...working })], writeOptions({ batchSize: 2 }));
    const operator = await connect(location);
    await operator.updateTicket({ id: 1 }, planNote('Ordered a fuser unit'), { actor: 'sun', now: at('11-20 10:00') });
    await operator.updateTicket({ id: 2 }, planResolve({ solution: 'Renewed the certificate' }, at('11-20 11:00')), { actor: 'wu', now: at('11-20 11:00') });
    expect(await searchFacts(location, 'fuser')).toEqual({ indexed: 2, backlog: 0, holding: [1] });
    await session.flush();
    await session.close();
    expect(await searchFacts(location, 'Renewed')).toEqual({ indexed: 2, backlog: 0, holding: [2] });
    expect((await operator.searchTickets({ text: 'fuser', limit: 5 })).map((h) => h.ticket.id)).toEqual([1]);
  });

  it('takes a redacted ticket out of the backlog, its row written without the old text', async () => {
    const location = await freshDatabase();
    const store = await connect(location);
    const session = await store.beginImport();
    await writeImportRecords(session, [importRecord(2, { requester: 'Wang Fang', title: 'Cannot log in', solution: 'Called Wang Fang back' })], writeOptions({ batchSize: 1 }));
    expect(await searchFacts(location)).toEqual({ indexed: 0, backlog: 1 });
    await store.redactTicket({ id: 1 }, 'privacy request', { actor: 'chen', now: at('11-20 09:00') });
    expect(await searchFacts(location, 'Wang')).toEqual({ indexed: 1, backlog: 0, holding: [] });
    expect(await store.searchTickets({ text: 'wang fang', limit: 5 })).toEqual([]);
    await session.flush();
    await session.close();
    expect(await searchFacts(location, 'Wang')).toEqual({ indexed: 1, backlog: 0, holding: [] });
  });

  it('counts and writes a ticket that has no row outside the backlog too (copied in before desks kept one)', async () => {
    const location = await freshDatabase();
    const store = await connect(location);
    await createTicket(store, { title: 'Printer jams' });
    await query(location, 'DELETE FROM ticket_search');
    expect((await store.health()).search_backlog).toBe(1);
    expect(await store.catchUpSearchIndex()).toBe(1);
    expect(await searchFacts(location, 'jams')).toEqual({ indexed: 1, backlog: 0, holding: [1] });
  });

  it('writes the rows of a large import behind its batches, on a connection of its own', async () => {
    const location = await freshDatabase();
    const store = await connect(location);
    const session = await beginPostgresImport(
      async () => {
        const client = new pg.Client({ connectionString: location });
        await client.connect();
        return client;
      },
      store,
      { start: 4, chunk: 2 },
    );
    try {
      await writeImportRecords(session, rows(['Printer jams', 'VPN drops', 'Mail bounces', 'Screen flickers', 'Mouse sticks', 'Fan loud']), writeOptions({ batchSize: 2 }));
      // Three batches committed: once four tickets waited, chunks of two went in behind them.
      for (let waited = 0; (await searchFacts(location)).indexed < 4; waited += 20) {
        if (waited > 10_000) throw new Error(`no search rows behind the batches: ${JSON.stringify(await searchFacts(location))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await session.flush();
    } finally {
      await session.close();
    }
    expect(await searchFacts(location, 'Fan')).toEqual({ indexed: 6, backlog: 0, holding: [6] });
    const connections = await query<{ n: number }>(location, 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    // The store's own connection; the import ended both of its own.
    expect(connections).toEqual([{ n: 1 }]);
  });

  it('refreshes the planner\'s statistics after a large import, and leaves them to the server after a small one', async () => {
    const analyzed = async (location: string) => (await query<{ at: Date | null }>(location, "SELECT last_analyze AS at FROM pg_stat_user_tables WHERE relname = 'tickets'"))[0]!.at !== null;
    const small = await freshDatabase();
    const store = await connect(small);
    const few = await store.beginImport();
    try {
      await writeImportRecords(few, rows(['Printer jams', 'VPN drops']), writeOptions({ batchSize: 2 }));
      await few.flush();
    } finally {
      await few.close();
    }
    expect(await analyzed(small)).toBe(false);

    const large = await freshDatabase();
    const many = await (await connect(large)).beginImport();
    try {
      await writeImportRecords(many, rows(Array.from({ length: ANALYZE_AFTER_TICKETS }, (_, i) => `Call ${i}`)), writeOptions({ batchSize: 5_000 }));
      await many.flush();
    } finally {
      await many.close();
    }
    expect(await analyzed(large)).toBe(true);
  }, 60_000);
});
