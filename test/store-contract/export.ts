// Export: every ticket matching the filters of list, in id order, in pages, from one snapshot.
import { describe, expect, it } from 'vitest';
import { planNote } from '../../src/domain/lifecycle.js';
import type { Ticket } from '../../src/domain/ticket.js';
import type { ExportQuery, Store } from '../../src/store/store.js';
import { at, createTicket } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';
import { importTickets } from './import-session.js';

async function exportAll(store: Store, query: ExportQuery = {}): Promise<Ticket[][]> {
  const pages: Ticket[][] = [];
  for await (const page of store.exportTickets(query)) pages.push(page.tickets);
  return pages;
}

const idsOf = (pages: Ticket[][]) => pages.flat().map((t) => t.id);

/** More tickets than one page holds (a thousand, on SQLite). */
const MANY = 1_200;

export function describeExportCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  describe('exportTickets', () => {
    it('gives every ticket in id order, whatever their creation order', async () => {
      const store = fixture.store;
      for (const time of ['11-05 09:00', '11-02 09:00', '11-09 09:00', '11-01 09:00']) await createTicket(store, { created_at: at(time) });
      const pages = await exportAll(store);
      expect(idsOf(pages)).toEqual([1, 2, 3, 4]);
      expect(pages.flat()[1]).toEqual(await store.getTicket({ id: 2 }));
    });

    it.each<{ filter: string; query: ExportQuery; ids: number[] }>([
      { filter: 'status', query: { statuses: ['closed'] }, ids: [2, 4] },
      { filter: 'team', query: { team: 'desktop' }, ids: [1, 2] },
      { filter: 'creation time', query: { createdFrom: at('11-03 00:00') }, ids: [3, 4] },
      { filter: 'text', query: { text: 'printer' }, ids: [1, 4] },
      { filter: 'team and status', query: { team: 'desktop', statuses: ['closed'] }, ids: [2] },
      { filter: 'a team nobody has', query: { team: 'facilities' }, ids: [] },
    ])('takes the filters of list: $filter', async ({ query, ids }) => {
      const store = fixture.store;
      await createTicket(store, { title: 'Printer jams', team: 'desktop', status: 'dispatched', created_at: at('11-01 09:00') });
      await createTicket(store, { title: 'Monitor', team: 'desktop', status: 'closed', closed_at: at('11-02 12:00'), created_at: at('11-02 09:00') });
      await createTicket(store, { title: 'VPN', team: 'network', status: 'in_progress', created_at: at('11-03 09:00') });
      await createTicket(store, { title: 'Old printer', status: 'closed', closed_at: at('11-04 12:00'), created_at: at('11-04 09:00') });
      expect(idsOf(await exportAll(store, query))).toEqual(ids);
    });

    it('gives many tickets in pages, none empty, together every ticket once in id order', async () => {
      const store = fixture.store;
      await importTickets(store, MANY);
      const pages = await exportAll(store);
      expect(pages.every((page) => page.length > 0)).toBe(true);
      expect(idsOf(pages)).toEqual(Array.from({ length: MANY }, (_, i) => i + 1));
      expect(pages.flat()[MANY - 1]).toMatchObject({ title: `Imported ${MANY}`, status: 'closed' });
    });

    it('gives the filtered many in pages too', async () => {
      const store = fixture.store;
      await importTickets(store, MANY);
      const closed = idsOf(await exportAll(store, { statuses: ['closed'] }));
      expect(closed).toHaveLength(MANY / 10);
      expect(closed.slice(0, 3)).toEqual([10, 20, 30]);
      expect(closed.at(-1)).toBe(MANY);
    });

    it('gives nothing, and no empty page, from an empty store', async () => {
      expect(await exportAll(fixture.store)).toEqual([]);
    });

    it('leaves the store to read and write once an export is given up after its first page', async () => {
      const store = fixture.store;
      await importTickets(store, MANY);
      for await (const page of store.exportTickets({})) {
        expect(page.tickets[0]!.id).toBe(1);
        break;
      }
      await store.updateTicket({ id: 1 }, planNote('after the export'), { actor: 'li', now: at('12-01 09:00') });
      expect((await store.getTicket({ id: 1 })).version).toBe(2);
    });

    it('reads one snapshot: writes made over another connection during the export are not in it', async () => {
      const store = fixture.store;
      await importTickets(store, MANY);
      const other = await fixture.again();
      const pages: Ticket[][] = [];
      for await (const page of store.exportTickets({})) {
        if (!pages.length) {
          await other.updateTicket({ id: MANY }, planNote('during the export'), { actor: 'li', now: at('12-01 09:00') });
          await createTicket(other, { title: 'Logged during the export', created_at: at('12-01 09:00') });
        }
        pages.push(page.tickets);
      }
      expect(idsOf(pages)).toEqual(Array.from({ length: MANY }, (_, i) => i + 1));
      expect(pages.flat()[MANY - 1]!.version).toBe(1);
      expect((await store.getTicket({ id: MANY })).version).toBe(2);
      expect(idsOf(await exportAll(store))).toHaveLength(MANY + 1);
    });
  });
}
