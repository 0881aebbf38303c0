// Imports: batches of tickets from another system, each batch one transaction. The store answers
// what is stored and writes; the importer's policy (src/importer/import-write.ts) decides what a
// row is and what is written of it, over the session alone. The cases drive a session through that
// policy, so that they hold for any store; the records and options are built here.
import { describe, expect, it } from 'vitest';
import { planRuleDispatch } from '../../src/app/routing.js';
import { InvalidTransitionError } from '../../src/domain/errors.js';
import type { NewTicket, Ticket } from '../../src/domain/ticket.js';
import type { ImportSession, SearchQuery, Store } from '../../src/store/store.js';
import { previewImportRecords, writeImportRecords, type ImportRecord, type ImportWriteOptions } from '../../src/importer/import-write.js';
import { at, createTicket, newTicket, numberOf, rejection, ROUTING, TEAMS } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';

const NOW = at('11-20 09:00');

/** A row of the source at `line`: a ticket of another system, without its number or id unless given. */
export function importRecord(line: number, fields: Partial<NewTicket> & { id?: number; number?: string } = {}, events: ImportRecord['events'] = []): ImportRecord {
  const { id = null, number = null, ...ticket } = fields;
  return {
    line,
    ticket: { ...newTicket({ title: `Row ${line}`, ...ticket }), id, number, version: null, updated_at: null, updated_by: null },
    given: ['title', ...Object.keys(ticket)],
    events,
    settlements: [],
  };
}

export function writeOptions(fields: Partial<ImportWriteOptions> = {}): ImportWriteOptions {
  return {
    actor: 'importer',
    now: NOW,
    batchSize: 100,
    source: 'old-desk.csv',
    numbering: {
      sequenceOf: (createdAt) => `SD-2026${createdAt < at('12-01 00:00') ? '11' : '12'}`,
      format: numberOf,
      parse: (number) => {
        const own = /^(SD-\d{6})-(\d+)$/.exec(number);
        return own ? { sequence: own[1]!, value: Number(own[2]) } : null;
      },
    },
    plansForNew: [],
    update: null,
    ...fields,
  };
}

/** Rows 2, 3, 4 of a file: three tickets with external ids, the last logged in December. */
function threeRows(): ImportRecord[] {
  return [
    importRecord(2, { external_id: 'OLD-1', created_at: at('11-02 09:00') }),
    importRecord(3, { external_id: 'OLD-2', created_at: at('11-02 10:00') }),
    importRecord(4, { external_id: 'OLD-3', created_at: at('12-02 09:00') }),
  ];
}

/**
 * Writes `count` tickets in one import: the quick way for other cases to fill a store (a create
 * each would take a transaction each). Ticket i is titled `Imported i` and logged i minutes after
 * 1 November 08:00; every tenth is closed.
 */
export async function importTickets(store: Store, count: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) =>
    importRecord(i + 2, { title: `Imported ${i + 1}`, created_at: at('11-01 08:00') + i * 60_000, ...(i % 10 === 9 ? { status: 'closed', closed_at: at('11-30 12:00') } : {}) }),
  );
  const session = await store.beginImport();
  try {
    await writeImportRecords(session, rows, writeOptions({ batchSize: count }));
    await session.flush();
  } finally {
    await session.close();
  }
}

async function allTickets(store: Store): Promise<Ticket[]> {
  return store.listTickets({ sort: { field: 'number', descending: false }, limit: 1000 });
}

export function describeImportCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  /** Runs `work` in an import session, closing it whatever happens, as `desk import` does. */
  async function inSession<T>(store: Store, work: (session: ImportSession) => Promise<T>): Promise<T> {
    const session = await store.beginImport();
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  }

  describe('import sessions', () => {
    it('write every record, numbered from the sequence of its creation month', async () => {
      const store = fixture.store;
      const counts = await inSession(store, async (session) => {
        const counts = await writeImportRecords(session, threeRows(), writeOptions());
        await session.flush();
        return counts;
      });
      expect(counts).toEqual({ inserted: 3, updated: 0, skipped: 0 });
      expect((await allTickets(store)).map((t) => [t.external_id, t.number, t.version, t.updated_at, t.updated_by])).toEqual([
        ['OLD-1', 'SD-202611-00001', 1, NOW, 'importer'],
        ['OLD-2', 'SD-202611-00002', 1, NOW, 'importer'],
        ['OLD-3', 'SD-202612-00001', 1, NOW, 'importer'],
      ]);
    });

    it('start each trail with an import event naming the source and line, then the row\'s own events', async () => {
      const store = fixture.store;
      const classified = { kind: 'classify' as const, data: { changes: { type: [null, 'fault'] as [unknown, unknown] }, rules: { type: 'printer' } } };
      await inSession(store, async (session) => {
        await writeImportRecords(session, [importRecord(7, { type: 'fault' }, [classified])], writeOptions());
        await session.flush();
      });
      expect(await store.listEvents(1)).toEqual([
        { id: expect.any(Number), ticket_id: 1, at: NOW, actor: 'importer', kind: 'import', data: { source: 'old-desk.csv', line: 7, text: 'imported from old-desk.csv, line 7' } },
        { id: expect.any(Number), ticket_id: 1, at: NOW, actor: 'importer', kind: 'classify', data: classified.data },
      ]);
      expect((await store.getTicket({ id: 1 })).version).toBe(2);
    });

    it('keep a row\'s own number and id when they are free: later numbers of the month and later ids follow them', async () => {
      const store = fixture.store;
      await inSession(store, async (session) => {
        await writeImportRecords(session, [importRecord(2, { id: 40, number: 'SD-202611-00007' }), importRecord(3, { number: 'HD-88' })], writeOptions());
        await session.flush();
      });
      expect((await allTickets(store)).map((t) => [t.id, t.number])).toEqual([
        [41, 'HD-88'],
        [40, 'SD-202611-00007'],
      ]);
      expect((await createTicket(store)).number).toBe('SD-202611-00008');
    });

    it('give a row whose number is taken the next of its month', async () => {
      const store = fixture.store;
      await createTicket(store, { title: 'Logged here' });
      await inSession(store, async (session) => {
        await writeImportRecords(session, [importRecord(2, { number: 'SD-202611-00001', title: 'From the old desk' })], writeOptions());
        await session.flush();
      });
      expect((await allTickets(store)).map((t) => [t.number, t.title])).toEqual([
        ['SD-202611-00001', 'Logged here'],
        ['SD-202611-00002', 'From the old desk'],
      ]);
    });

    it('skip rows whose external id is there already: a second run adds nothing', async () => {
      const store = fixture.store;
      for (let run = 0; run < 2; run++) {
        const counts = await inSession(store, async (session) => {
          const counts = await writeImportRecords(session, threeRows(), writeOptions());
          await session.flush();
          return counts;
        });
        expect(counts).toEqual(run === 0 ? { inserted: 3, updated: 0, skipped: 0 } : { inserted: 0, updated: 0, skipped: 3 });
      }
      expect(await allTickets(store)).toHaveLength(3);
    });

    it('take a row without external id for the ticket of the same number, creation time and title', async () => {
      const store = fixture.store;
      const exported = (title: string) => [importRecord(2, { number: 'SD-202611-00005', created_at: at('11-02 09:00'), title })];
      const runs = [];
      for (const title of ['Printer jams', 'Printer jams', 'Printer jams!']) {
        runs.push(await inSession(store, async (session) => {
          const counts = await writeImportRecords(session, exported(title), writeOptions());
          await session.flush();
          return counts;
        }));
      }
      expect(runs).toEqual([
        { inserted: 1, updated: 0, skipped: 0 },
        { inserted: 0, updated: 0, skipped: 1 },
        { inserted: 1, updated: 0, skipped: 0 },
      ]);
      expect((await allTickets(store)).map((t) => [t.number, t.title])).toEqual([
        ['SD-202611-00005', 'Printer jams'],
        ['SD-202611-00006', 'Printer jams!'],
      ]);
    });

    it('write a row repeated within one write once', async () => {
      const store = fixture.store;
      const row = () => importRecord(2, { number: 'SD-202611-00005', created_at: at('11-02 09:00'), title: 'Printer jams' });
      const counts = await inSession(store, async (session) => {
        const counts = await writeImportRecords(session, [row(), row()], writeOptions());
        await session.flush();
        return counts;
      });
      expect(counts).toEqual({ inserted: 1, updated: 0, skipped: 1 });
      expect(await allTickets(store)).toHaveLength(1);
    });

    it('commit batches of the batch size, and roll back the open one when closed without a flush', async () => {
      const store = fixture.store;
      const session = await store.beginImport();
      const rows = [2, 3, 4, 5, 6].map((line) => importRecord(line));
      expect(await writeImportRecords(session, rows, writeOptions({ batchSize: 2 }))).toEqual({ inserted: 5, updated: 0, skipped: 0 });
      await session.close();
      expect((await allTickets(store)).map((t) => t.title)).toEqual(['Row 2', 'Row 3', 'Row 4', 'Row 5']);
    });

    it('commit the open batch at flush', async () => {
      const store = fixture.store;
      await inSession(store, async (session) => {
        await writeImportRecords(session, [2, 3, 4, 5, 6].map((line) => importRecord(line)), writeOptions({ batchSize: 2 }));
        await session.flush();
      });
      expect(await allTickets(store)).toHaveLength(5);
    });

    it('show other connections a batch only once it is committed, a batch spanning writes', async () => {
      const store = fixture.store;
      const other = await fixture.again();
      const seen = async () => (await allTickets(other)).map((t) => t.title);
      await inSession(store, async (session) => {
        const options = writeOptions({ batchSize: 3 });
        await writeImportRecords(session, [importRecord(2), importRecord(3)], options);
        expect(await seen()).toEqual([]);
        await writeImportRecords(session, [importRecord(4), importRecord(5)], options);
        expect(await seen()).toEqual(['Row 2', 'Row 3', 'Row 4']);
        await session.flush();
        expect(await seen()).toEqual(['Row 2', 'Row 3', 'Row 4', 'Row 5']);
      });
    });

    it('keep the committed batches and roll back the open one when a write fails', async () => {
      const store = fixture.store;
      // A closed row of printer trouble without an agent: the rules dispatch it, and a closed ticket refuses.
      const rows = [
        importRecord(2, { category: 'hardware/printer' }),
        importRecord(3, { category: 'hardware/printer' }),
        importRecord(4, { category: 'hardware/printer' }),
        importRecord(5, { category: 'hardware/printer', status: 'closed', closed_at: at('11-02 10:00') }),
      ];
      const session = await store.beginImport();
      const error = await rejection(writeImportRecords(session, rows, writeOptions({ batchSize: 2, plansForNew: [planRuleDispatch(ROUTING, TEAMS, NOW)] })));
      await session.close();
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect((await allTickets(store)).map((t) => [t.title, t.assignee])).toEqual([
        ['Row 2', 'sun'],
        ['Row 3', 'zhou'],
      ]);
    });

    it('apply the plans to each new ticket, each plan its own event, asking the store as they go', async () => {
      const store = fixture.store;
      await inSession(store, async (session) => {
        await writeImportRecords(session, [importRecord(2, { category: 'hardware/printer' }), importRecord(3, { category: 'hardware/printer' })], writeOptions({ plansForNew: [planRuleDispatch(ROUTING, TEAMS, NOW)] }));
        await session.flush();
      });
      expect((await allTickets(store)).map((t) => [t.status, t.team, t.assignee, t.dispatched_by, t.version])).toEqual([
        ['dispatched', 'desktop', 'sun', 'hardware', 2],
        ['dispatched', 'desktop', 'zhou', 'hardware', 2],
      ]);
      expect((await store.listEvents(1)).map((e) => e.kind)).toEqual(['import', 'dispatch']);
    });

    it('preview what a write would do, writing nothing', async () => {
      const store = fixture.store;
      await createTicket(store, { external_id: 'OLD-2' });
      const counts = await inSession(store, (session) => previewImportRecords(session, threeRows(), writeOptions()));
      expect(counts).toEqual({ inserted: 2, updated: 0, skipped: 1 });
      expect((await allTickets(store)).map((t) => t.external_id)).toEqual(['OLD-2']);
      expect(await store.listEvents(1)).toHaveLength(1);
      expect((await createTicket(store)).number).toBe('SD-202611-00002');
    });

    describe('with an update', () => {
      /** Brings the status, resolution and solution of an existing ticket up to its row. */
      const update: ImportWriteOptions['update'] = (_existing, record) => ({
        patch: { status: record.ticket.status, resolved_at: record.ticket.resolved_at, solution: record.ticket.solution },
        settlements: null,
      });
      const resolvedRow = () => importRecord(9, { external_id: 'OLD-2', status: 'resolved', resolved_at: at('11-03 10:00'), solution: 'Replaced it' });

      it('bring an existing ticket up to its row, recording the changes in an import event', async () => {
        const store = fixture.store;
        await createTicket(store, { external_id: 'OLD-2' });
        const counts = await inSession(store, async (session) => {
          const counts = await writeImportRecords(session, [resolvedRow()], writeOptions({ update }));
          await session.flush();
          return counts;
        });
        expect(counts).toEqual({ inserted: 0, updated: 1, skipped: 0 });
        expect(await store.getTicket({ id: 1 })).toMatchObject({ status: 'resolved', resolved_at: at('11-03 10:00'), solution: 'Replaced it', version: 2, updated_by: 'importer' });
        expect((await store.listEvents(1))[1]).toEqual({
          id: expect.any(Number), ticket_id: 1, at: NOW, actor: 'importer', kind: 'import',
          data: {
            source: 'old-desk.csv', line: 9, text: 'imported from old-desk.csv, line 9',
            changes: { status: ['new', 'resolved'], resolved_at: [null, at('11-03 10:00')], solution: [null, 'Replaced it'] },
          },
        });
      });

      it('skip an existing ticket already like its row, and preview the same', async () => {
        const store = fixture.store;
        await createTicket(store, { external_id: 'OLD-2', status: 'resolved', resolved_at: at('11-03 10:00'), solution: 'Replaced it' });
        const previewed = await inSession(store, (session) => previewImportRecords(session, [resolvedRow()], writeOptions({ update })));
        const written = await inSession(store, (session) => writeImportRecords(session, [resolvedRow()], writeOptions({ update })));
        expect([previewed, written]).toEqual([
          { inserted: 0, updated: 0, skipped: 1 },
          { inserted: 0, updated: 0, skipped: 1 },
        ]);
        expect((await store.getTicket({ id: 1 })).version).toBe(1);
      });

      it('preview an update as one', async () => {
        const store = fixture.store;
        await createTicket(store, { external_id: 'OLD-2' });
        expect(await inSession(store, (session) => previewImportRecords(session, [resolvedRow()], writeOptions({ update })))).toEqual({ inserted: 0, updated: 1, skipped: 0 });
        expect((await store.getTicket({ id: 1 })).status).toBe('new');
      });
    });

    it('remember the external ids seen in the run, with the line each was first seen on', async () => {
      const store = fixture.store;
      await inSession(store, async (session) => {
        expect(await session.markSeen(['OLD-1', 'OLD-2', null, 'OLD-1'], [2, 3, 4, 5])).toEqual([null, null, null, 2]);
        expect(await session.markSeen(['OLD-2', 'OLD-3', null], [6, 7, 8])).toEqual([3, null, null]);
      });
      await inSession(store, async (session) => {
        expect(await session.markSeen(['OLD-1'], [2])).toEqual([null]);
      });
    });

    describe('and search', () => {
      /** Brings a stored ticket's solution up to its row. */
      const solutionUpdate: ImportWriteOptions['update'] = (_existing, record) => ({ patch: { solution: record.ticket.solution }, settlements: null });
      // Each search with the tickets it finds, by id: #1 and #2 stored before the import, #2 given
      // a solution by it, #3–#5 new.
      const SEARCHES: { text: string; query?: Partial<SearchQuery>; ids: number[] }[] = [
        { text: 'toner', ids: [1, 4] },
        { text: 'printer toner', ids: [1, 4] },
        { text: '打印机', ids: [3] },
        { text: '打印', ids: [3] },
        { text: '卡', ids: [3] },
        { text: 'ÉCRAN', ids: [5] },
        { text: 'reissued', ids: [2] },
        { text: 'vpn reissued', ids: [2] },
        { text: 'nowhere', ids: [] },
        { text: 'toner', query: { createdFrom: at('11-02 00:00') }, ids: [4] },
      ];
      const SORTED = { text: 'toner', query: { sort: { field: 'created_at', descending: true } }, ids: [4, 1] } as const;

      async function found(store: Store): Promise<{ sets: number[][]; sorted: number[] }> {
        const ids = async (text: string, query: Partial<SearchQuery> = {}) => (await store.searchTickets({ text, limit: 20, ...query })).map((h) => h.ticket.id);
        const sets: number[][] = [];
        for (const s of SEARCHES) sets.push((await ids(s.text, s.query)).sort((a, b) => a - b));
        return { sets, sorted: await ids(SORTED.text, SORTED.query) };
      }

      it('find what committed batches wrote before the import is done, as they do after it', async () => {
        const store = fixture.store;
        await createTicket(store, { title: 'Printer toner low', created_at: at('11-01 09:00') });
        await createTicket(store, { external_id: 'OLD-9', title: 'VPN drops', created_at: at('11-01 10:00') });
        const other = await fixture.again();
        const expected = { sets: SEARCHES.map((s) => s.ids), sorted: [...SORTED.ids] };
        const session = await store.beginImport();
        try {
          // Two whole batches, committed; the import has not finished.
          await writeImportRecords(session, [
            importRecord(2, { title: '三楼打印机卡纸', created_at: at('11-02 09:00') }),
            importRecord(3, { title: 'Toner smudges on every page', description: 'The printer leaves toner marks', created_at: at('11-03 09:00') }),
            importRecord(4, { title: 'Écran noir', created_at: at('11-04 09:00') }),
            importRecord(5, { external_id: 'OLD-9', title: 'VPN drops', solution: 'Reissued the certificate', created_at: at('11-01 10:00') }),
          ], writeOptions({ batchSize: 2, update: solutionUpdate }));
          expect(await found(other)).toEqual(expected);
          await session.flush();
          expect(await found(other)).toEqual(expected);
          expect(await found(store)).toEqual(expected);
        } finally {
          await session.close();
        }
      });

      it('find the tickets of an import stopped before it was done, and after the store has caught up', async () => {
        const store = fixture.store;
        const session = await store.beginImport();
        await writeImportRecords(session, [importRecord(2, { title: '三楼打印机卡纸' }), importRecord(3, { title: 'VPN certificate expired' }), importRecord(4, { title: '打印机没有墨了' })], writeOptions({ batchSize: 2 }));
        // Neither flushed nor closed, as when the import is killed: the open batch (row 4) is lost.
        await fixture.close(store);
        const reopened = await fixture.again();
        const search = async (text: string) => (await reopened.searchTickets({ text, limit: 5 })).map((h) => h.ticket.id);
        expect([await search('打印机'), await search('certificate'), await search('墨')]).toEqual([[1], [2], []]);
        await reopened.catchUpSearchIndex();
        expect((await reopened.health()).search_backlog).toBe(0);
        expect([await search('打印机'), await search('certificate'), await search('墨')]).toEqual([[1], [2], []]);
        expect(await reopened.catchUpSearchIndex()).toBe(0);
      });
    });

    it('leave imported tickets to be found by search once committed', async () => {
      const store = fixture.store;
      await inSession(store, async (session) => {
        await writeImportRecords(session, [importRecord(2, { title: '三楼打印机卡纸' }), importRecord(3, { title: 'VPN certificate expired' })], writeOptions());
        await session.flush();
      });
      expect((await store.searchTickets({ text: '打印机', limit: 5 })).map((h) => h.ticket.id)).toEqual([1]);
      expect((await store.searchTickets({ text: 'certificate', limit: 5 })).map((h) => h.ticket.id)).toEqual([2]);
    });
  });
}
