// Full-text search of title, description, solution and notes (every term must occur, as any
// substring, Chinese too), and the solved tickets that read most like a ticket.
import { describe, expect, it } from 'vitest';
import { NotFoundError, UsageError } from '../../src/domain/errors.js';
import { planNote, planResolve } from '../../src/domain/lifecycle.js';
import type { SearchQuery, Store } from '../../src/store/store.js';
import { at, createTicket, rejection } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';

async function writeTickets(store: Store): Promise<void> {
  await createTicket(store, { title: '三楼打印机卡纸', description: '财务部的打印机每天早上都卡', department: 'Finance', created_at: at('11-02 09:00') });
  await createTicket(store, { title: 'VPN certificate expired', description: 'Cannot connect from home', status: 'in_progress', team: 'network', created_at: at('11-03 09:00') });
  await createTicket(store, { title: 'Printer toner low', status: 'resolved', solution: 'Replaced the toner cartridge', resolved_at: at('11-04 11:00'), created_at: at('11-04 09:00') });
  await createTicket(store, { title: '网络很慢', description: '下午三点以后', created_at: at('11-05 09:00') });
  await store.updateTicket({ id: 4 }, planNote('交换机端口故障'), { actor: 'wu', now: at('11-05 10:00') });
  await store.updateTicket({ id: 4 }, planNote('已更换端口'), { actor: 'wu', now: at('11-05 11:00') });
  await createTicket(store, { title: 'Email bounce', description: 'Mail to the vendor bounced: "mailbox full"', created_at: at('11-06 09:00') });
  await createTicket(store, { title: 'Toner smudges on every page', description: 'The printer leaves toner marks', created_at: at('11-07 09:00') });
  await createTicket(store, { title: "Can't print from Excel", description: 'ORA-01555 snapshot too old', created_at: at('11-08 09:00') });
}

async function search(store: Store, text: string, query: Partial<SearchQuery> = {}): Promise<number[]> {
  return (await store.searchTickets({ text, limit: 20, ...query })).map((hit) => hit.ticket.id);
}

const byId = (ids: number[]) => [...ids].sort((a, b) => a - b);

export function describeSearchCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  describe('searchTickets', () => {
    it.each([
      { case: 'a word, in any case', text: 'vpn', ids: [2] },
      { case: 'a word in capitals', text: 'MAILBOX', ids: [5] },
      { case: 'a word in the solution', text: 'cartridge', ids: [3] },
      { case: 'a Chinese word', text: '打印机', ids: [1] },
      { case: 'two Chinese characters ending the title', text: '卡纸', ids: [1] },
      { case: 'two Chinese characters', text: '端口', ids: [4] },
      { case: 'one Chinese character', text: '慢', ids: [4] },
      { case: 'a word in a note', text: '交换机', ids: [4] },
      { case: 'a phrase', text: '"mailbox full"', ids: [5] },
      { case: 'a phrase in the other order', text: '"full mailbox"', ids: [] },
      { case: 'the same words apart', text: 'full mailbox', ids: [5] },
      { case: 'a word with an apostrophe', text: "can't", ids: [7] },
      { case: 'part of an error code', text: 'ORA-0155', ids: [7] },
      { case: 'two words, one nowhere', text: 'printer vpn', ids: [] },
      { case: 'two Chinese characters nowhere', text: '卡车', ids: [] },
    ])('finds $case', async ({ text, ids }) => {
      const store = fixture.store;
      await writeTickets(store);
      expect(await search(store, text)).toEqual(ids);
    });

    it.each([
      { case: 'a word, as a substring of longer ones', text: 'print', ids: [3, 6, 7] },
      { case: 'every one of two words, each anywhere', text: 'printer toner', ids: [3, 6] },
      { case: 'a Chinese word and a character', text: '打印 卡', ids: [1] },
    ])('finds $case', async ({ text, ids }) => {
      const store = fixture.store;
      await writeTickets(store);
      expect(byId(await search(store, text))).toEqual(ids);
    });

    it('ranks a match in the title above one in the description', async () => {
      const store = fixture.store;
      await writeTickets(store);
      expect(await search(store, 'printer')).toEqual([3, 6]);
    });

    it('ranks equal matches newest first', async () => {
      const store = fixture.store;
      await createTicket(store, { title: 'Headset crackles', created_at: at('11-02 09:00') });
      await createTicket(store, { title: 'Headset crackles', created_at: at('11-03 09:00') });
      await createTicket(store, { title: 'Headset crackles', created_at: at('11-04 09:00') });
      expect(await search(store, 'headset')).toEqual([3, 2, 1]);
    });

    it('scores what the index ranks above zero, and a scan for one character as zero', async () => {
      const store = fixture.store;
      await writeTickets(store);
      const [ranked] = await store.searchTickets({ text: '交换机', limit: 5 });
      const [scanned] = await store.searchTickets({ text: '慢', limit: 5 });
      expect(ranked!.score).toBeGreaterThan(0);
      expect(scanned!.score).toBe(0);
    });

    it('gives each hit the whole ticket and its notes, oldest first', async () => {
      const store = fixture.store;
      await writeTickets(store);
      const [hit] = await store.searchTickets({ text: '网络', limit: 5 });
      expect(hit!.ticket).toEqual(await store.getTicket({ id: 4 }));
      expect(hit!.notes).toEqual(['交换机端口故障', '已更换端口']);
      const [other] = await store.searchTickets({ text: 'vpn', limit: 5 });
      expect(other!.notes).toEqual([]);
    });

    it.each([
      { case: 'status', query: { statuses: ['resolved'] }, ids: [3] },
      { case: 'status none has', query: { statuses: ['closed'] }, ids: [] },
      { case: 'creation time', query: { createdFrom: at('11-05 00:00') }, ids: [6] },
      { case: 'team', query: { team: 'network' }, ids: [] },
    ] as { case: string; query: Partial<SearchQuery>; ids: number[] }[])('takes the filters of list: $case', async ({ query, ids }) => {
      const store = fixture.store;
      await writeTickets(store);
      expect(await search(store, 'toner', query)).toEqual(ids);
    });

    it('orders by the sort given, either way', async () => {
      const store = fixture.store;
      await writeTickets(store);
      expect(await search(store, 'print', { sort: { field: 'created_at', descending: true } })).toEqual([7, 6, 3]);
      expect(await search(store, 'print', { sort: { field: 'created_at', descending: false } })).toEqual([3, 6, 7]);
    });

    it('gives at most the limit', async () => {
      const store = fixture.store;
      await writeTickets(store);
      expect(await search(store, 'print', { limit: 2 })).toHaveLength(2);
      expect(await search(store, 'print', { limit: 2, sort: { field: 'created_at', descending: true } })).toEqual([7, 6]);
    });

    it('finds what a change wrote: a solution and a note', async () => {
      const store = fixture.store;
      await writeTickets(store);
      expect(await search(store, 'reissued')).toEqual([]);
      expect(await search(store, 'quota')).toEqual([]);
      await store.updateTicket({ id: 2 }, planResolve({ solution: 'Reissued the certificate' }, at('11-10 09:00')), { actor: 'wu', now: at('11-10 09:00') });
      await store.updateTicket({ id: 5 }, planNote('Raised the quota'), { actor: 'li', now: at('11-10 09:00') });
      expect(await search(store, 'reissued')).toEqual([2]);
      expect(await search(store, 'quota')).toEqual([5]);
    });

    it('refuses an empty query', async () => {
      const store = fixture.store;
      await writeTickets(store);
      const error = await rejection(store.searchTickets({ text: '  ""  ', limit: 5 }));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toBe('the search query is empty');
    });
  });

  describe('similarTickets', () => {
    // #1 and #3 are solved Zebra printer problems, #4 a solved VPN one; #2 is the same problem as
    // #1 but not solved yet; #5 is the ticket on the phone.
    async function writeSolved(store: Store): Promise<void> {
      await createTicket(store, { title: 'Label printer jams', description: 'Zebra label printer jams on every roll', status: 'resolved', solution: 'Cleaned the print head', department: 'Warehouse', created_at: at('11-02 09:00') });
      await createTicket(store, { title: 'Zebra label printer jams', status: 'in_progress', department: 'Warehouse', created_at: at('11-08 09:00') });
      await createTicket(store, { title: 'Zebra printer offline', description: 'The zebra label printer shows offline', status: 'closed', solution: 'Restarted the spooler', department: 'Finance', created_at: at('11-05 09:00') });
      await createTicket(store, { title: 'VPN certificate expired', status: 'resolved', solution: 'Reissued the certificate', created_at: at('11-03 09:00') });
      await createTicket(store, { title: 'Zebra printer jams', created_at: at('11-10 09:00') });
    }

    it('gives the solved tickets that read most like it, best first', async () => {
      const store = fixture.store;
      await writeSolved(store);
      const hits = await store.similarTickets({ id: 5 }, 5);
      expect(hits.map((h) => [h.ticket.id, h.ticket.solution])).toEqual([
        [1, 'Cleaned the print head'],
        [3, 'Restarted the spooler'],
      ]);
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
      expect(hits[1]!.score).toBeGreaterThan(0);
      expect(hits[0]!.ticket).toEqual(await store.getTicket({ id: 1 }));
    });

    it('gives at most the limit', async () => {
      const store = fixture.store;
      await writeSolved(store);
      expect((await store.similarTickets({ number: 'SD-202611-00005' }, 1)).map((h) => h.ticket.id)).toEqual([1]);
    });

    it('gives nothing for a ticket like no solved one', async () => {
      const store = fixture.store;
      await writeSolved(store);
      await createTicket(store, { title: 'Kettle bubbles', created_at: at('11-10 10:00') });
      expect(await store.similarTickets({ id: 6 }, 5)).toEqual([]);
    });

    it('gives NotFoundError for a missing ticket', async () => {
      const store = fixture.store;
      await writeSolved(store);
      const error = await rejection(store.similarTickets({ id: 9 }, 5));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toBe('no ticket #9');
    });
  });
}
