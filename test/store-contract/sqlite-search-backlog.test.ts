// The SQLite store's search index after an import: the tickets go in once they are all written,
// in large chunks; until then they wait in the backlog, committed with them, and what changes
// them meanwhile waits there too. Checked in the index itself (its rows and terms), beside what
// the Store contract checks through searches.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { planNote, planResolve } from '../../src/domain/lifecycle.js';
import { writeImportRecords } from '../../src/importer/import-write.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { at, createTicket } from './fixtures.js';
import { importRecord, writeOptions } from './import-session.js';

const directory = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'desk-search-backlog-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const empty = join(directory, 'empty.db');
beforeAll(async () => {
  await (await openStore(empty, { create: true })).close();
});

let databases = 0;
const open: Store[] = [];
afterEach(async () => {
  for (const store of open.splice(0).reverse()) await store.close().catch(() => {});
});

async function newStore(): Promise<Store> {
  const path = join(directory, `desk-${++databases}.db`);
  copyFileSync(empty, path);
  return connect(path);
}

async function connect(path: string): Promise<Store> {
  const store = await openStore(path, { create: false });
  open.push(store);
  return store;
}

/** What the index holds, read by a connection of its own: its rows, the backlog, and whether a term's trigrams are in it. */
function indexFacts(path: string, term?: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      indexed: db.prepare('SELECT count(*) FROM ticket_search').pluck().get(),
      backlog: db.prepare('SELECT count(*) FROM search_backlog').pluck().get(),
      ...(term === undefined ? {} : { term: db.prepare('SELECT count(*) FROM ticket_search_terms WHERE term >= ? AND term < ?').pluck().get(term, `${term}\u{10FFFF}`) }),
    };
  } finally {
    db.close();
  }
}

/** Rows 2… of an import, each its own ticket. */
const rows = (titles: string[]) => titles.map((title, i) => importRecord(i + 2, { title, created_at: at('11-02 09:00') + i * 60_000 }));

describe('SQLite search index after an import', () => {
  it('holds the imported tickets only once they are all in, every one of them', async () => {
    const store = await newStore();
    await createTicket(store, { title: 'Logged by hand' });
    const session = await store.beginImport();
    await writeImportRecords(session, rows(['Printer jams', 'VPN drops', 'Mail bounces', 'Screen flickers', 'Mouse sticks']), writeOptions({ batchSize: 2 }));
    // Two batches committed, the fifth row in the open one.
    expect(indexFacts(store.path)).toEqual({ indexed: 1, backlog: 4 });
    await session.flush();
    expect(indexFacts(store.path)).toEqual({ indexed: 6, backlog: 0 });
    await session.close();
    const db = new Database(store.path, { readonly: true });
    expect(db.prepare(`SELECT rowid FROM ticket_search WHERE ticket_search MATCH '"flickers"'`).pluck().all()).toEqual([5]);
    db.close();
  });

  it('reports the backlog a killed import left, and indexes it when asked', async () => {
    const store = await newStore();
    const session = await store.beginImport();
    await writeImportRecords(session, rows(['Printer jams', 'VPN drops', 'Mail bounces']), writeOptions({ batchSize: 2 }));
    // The process dies: the connection goes without a commit of the open batch.
    await store.close();
    const reopened = await connect(store.path);
    expect((await reopened.health()).search_backlog).toBe(2);
    expect(await reopened.catchUpSearchIndex()).toBe(2);
    expect(indexFacts(store.path)).toEqual({ indexed: 2, backlog: 0 });
    expect((await reopened.health()).search_backlog).toBe(0);
  });

  it('lets the next import index what a killed one left', async () => {
    const store = await newStore();
    const killed = await store.beginImport();
    await writeImportRecords(killed, rows(['Printer jams', 'VPN drops', 'Mail bounces']), writeOptions({ batchSize: 2 }));
    await store.close();
    const reopened = await connect(store.path);
    const next = await reopened.beginImport();
    await writeImportRecords(next, [importRecord(9, { title: 'Keyboard missing keys' })], writeOptions());
    await next.flush();
    await next.close();
    expect(indexFacts(store.path)).toEqual({ indexed: 3, backlog: 0 });
  });

  it('leaves a note or a solution written meanwhile to the backlog, so each ticket is indexed once', async () => {
    const store = await newStore();
    const session = await store.beginImport();
    const working = { status: 'in_progress', team: 'network', assignee: 'wu', first_response_at: at('11-02 09:30') } as const;
    await writeImportRecords(session, [importRecord(2, { title: 'Printer jams' }), importRecord(3, { title: 'VPN drops', ...working })], writeOptions({ batchSize: 2 }));
    const operator = await connect(store.path);
    await operator.updateTicket({ id: 1 }, planNote('Ordered a fuser unit'), { actor: 'sun', now: at('11-20 10:00') });
    await operator.updateTicket({ id: 2 }, planResolve({ solution: 'Renewed the certificate' }, at('11-20 11:00')), { actor: 'wu', now: at('11-20 11:00') });
    expect(indexFacts(store.path)).toEqual({ indexed: 0, backlog: 2 });
    expect((await operator.searchTickets({ text: 'fuser', limit: 5 })).map((h) => h.ticket.id)).toEqual([1]);
    await session.flush();
    await session.close();
    expect(indexFacts(store.path, 'fus')).toEqual({ indexed: 2, backlog: 0, term: 1 });
    const db = new Database(store.path, { readonly: true });
    expect(db.prepare(`SELECT rowid FROM ticket_search WHERE ticket_search MATCH '"fuser"' OR ticket_search MATCH '"renewed"'`).pluck().all()).toEqual([1, 2]);
    db.close();
  });

  it('takes a redacted ticket out of the backlog with its old text', async () => {
    const store = await newStore();
    await createTicket(store, { external_id: 'OLD-1', requester: 'Wang Fang', title: 'Cannot log in', created_at: at('11-02 09:00') });
    const session = await store.beginImport();
    // The import gives the stored ticket a solution naming her: the index still holds the ticket without it.
    const update = writeOptions({ batchSize: 1, update: (_existing, record) => ({ patch: { solution: record.ticket.solution }, settlements: null }) });
    await writeImportRecords(session, [importRecord(2, { external_id: 'OLD-1', title: 'Cannot log in', solution: 'Called Wang Fang back', created_at: at('11-02 09:00') })], update);
    expect(indexFacts(store.path)).toEqual({ indexed: 1, backlog: 1 });
    await store.redactTicket({ id: 1 }, 'privacy request', { actor: 'chen', now: at('11-20 09:00') });
    expect(indexFacts(store.path, 'wan')).toEqual({ indexed: 1, backlog: 0, term: 0 });
    expect(await store.searchTickets({ text: 'wang fang', limit: 5 })).toEqual([]);
    await session.flush();
    await session.close();
    expect(indexFacts(store.path, 'wan')).toEqual({ indexed: 1, backlog: 0, term: 0 });
  });
});
