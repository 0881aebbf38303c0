// A desk's tables as `desk migrate` reads, writes and compares them: rows in key order, page by
// page, in one form for every store (flags as booleans, JSON columns as their text); rows written
// back with their keys, those already there left alone, new rows numbered past them; and one
// checksum of a table's content, the SHA-256 of its rows' canonical lines written out here by hand.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planRuleClassify, planRuleDispatch } from '../../src/app/routing.js';
import { planClose, planNote, planReopen, planResolve, planVisit } from '../../src/domain/lifecycle.js';
import type { Store, TableRow } from '../../src/store/store.js';
import { DESK_TABLES } from '../../src/store/table-content.js';
import { act, at, createOptions, createTicket, logTicket, newTicket, rejection, ROUTING, TEAMS } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Everything a desk keeps: tickets with trails, deadlines settled, a visit, a closed cycle, a handover, a rotation, two months' numbers. */
async function writeDesk(store: Store): Promise<void> {
  const dispatch = [planRuleClassify(ROUTING, false), planRuleDispatch(ROUTING, TEAMS, at('11-03 09:00'))];
  await logTicket(store, { title: '打印机卡纸', contact: '13800000000' }, { afterCreate: dispatch });
  await logTicket(store, { title: 'VPN drops', created_at: at('10-30 09:00'), description: 'every hour' });
  await act(store, { id: 1 }, planNote('换了硒鼓'), at('11-03 09:20'));
  await act(store, { id: 1 }, planVisit({
    visited_at: at('11-03 10:00'), visit_date: '2026-11-03', staff: ['sun', 'zhou'], person_times: 2, hours: 1.5, parts: 'drum',
    materials_cents: 12_050, transport_cents: 0, cause: 'Worn drum', opinion: null,
  }, at('11-03 10:30')), at('11-03 10:30'));
  await act(store, { id: 1 }, planResolve({ solution: 'Replaced the drum' }, at('11-03 11:00')), at('11-03 11:00'));
  await act(store, { id: 1 }, planClose({ satisfaction: 4 }, at('11-03 12:00'), 'sun'), at('11-03 12:00'));
  await act(store, { id: 1 }, planReopen('Jams again', at('11-04 09:00')), at('11-04 09:00'));
  await store.recordHandover({ since: at('11-03 08:00'), team: 'desktop', summary: { opened: ['SD-202611-00001'], resolved: [], escalated: [], breached: [], near: [], pending: [], open: 1 } }, { actor: 'sun', now: at('11-03 18:00') });
}

/** Every row of the table, read a page of `size` at a time. */
async function readAll(store: Store, table: (typeof DESK_TABLES)[number], size = 2): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for (let after = null as Parameters<Store['readTable']>[1]; ; ) {
    const page = await store.readTable(table, after, size);
    if (!page.rows.length) return rows;
    rows.push(...page.rows);
    after = page.last;
  }
}

async function copyDesk(from: Store, to: Store, size = 2): Promise<void> {
  for (const table of DESK_TABLES) {
    for (let after = null as Parameters<Store['readTable']>[1]; ; ) {
      const page = await from.readTable(table, after, size);
      if (!page.rows.length) break;
      await to.writeTableRows(table, page.rows);
      after = page.last;
    }
  }
}

export function describeTableCopyCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  /** A second new, empty store of the same kind, for `work`. */
  async function withEmptyStore(work: (other: Store) => Promise<void>): Promise<void> {
    const other = await harness.open();
    try {
      await work(other);
    } finally {
      await other.close();
    }
  }

  describe('readTable', () => {
    it('gives nothing of an empty table', async () => {
      for (const table of DESK_TABLES) expect(await fixture.store.readTable(table, null, 10)).toEqual({ rows: [], last: null });
    });

    it('pages through a table in key order, a page after the key of the last row read', async () => {
      const store = fixture.store;
      for (const title of ['One', 'Two', 'Three']) await createTicket(store, { title });
      const first = await store.readTable('tickets', null, 2);
      expect([first.rows.map((r) => [r.id, r.title]), first.last]).toEqual([[[1, 'One'], [2, 'Two']], [2]]);
      const second = await store.readTable('tickets', first.last, 2);
      expect([second.rows.map((r) => [r.id, r.title]), second.last]).toEqual([[[3, 'Three']], [3]]);
      expect(await store.readTable('tickets', second.last, 2)).toEqual({ rows: [], last: null });
    });

    it('orders text keys by their bytes and a two-column key by both columns', async () => {
      const store = fixture.store;
      await store.writeTableRows('rotations', [{ team: '网络', last_agent: 'wu' }, { team: 'alpha', last_agent: 'li' }, { team: 'Zeta', last_agent: 'sun' }]);
      const first = await store.readTable('rotations', null, 2);
      expect(first).toEqual({ rows: [{ team: 'Zeta', last_agent: 'sun' }, { team: 'alpha', last_agent: 'li' }], last: ['alpha'] });
      expect(await store.readTable('rotations', first.last, 2)).toEqual({ rows: [{ team: '网络', last_agent: 'wu' }], last: ['网络'] });

      await writeDesk(store);
      await act(store, { id: 1 }, planResolve({ solution: 'New drum' }, at('11-04 10:00')), at('11-04 10:00'));
      await act(store, { id: 1 }, planReopen('Still jams', at('11-05 09:00')), at('11-05 09:00'));
      const cycles = await readAll(store, 'closed_cycles', 1);
      expect(cycles.map((c) => [c.ticket_id, c.cycle])).toEqual([[1, 0], [1, 1]]);
    });

    it('gives flags as booleans and JSON columns as their text', async () => {
      const store = fixture.store;
      await store.createTicket(newTicket({ collaborators: ['network'], escalated: true }), {
        ...createOptions(at('11-03 09:00')),
        settlements: [{ kind: 'response', cycle: 0, due_at: at('11-03 09:30'), settled_at: at('11-03 09:10'), met: true, team: 'desktop', agent: 'sun', original_due_at: null }],
      });
      const [ticket] = (await store.readTable('tickets', null, 1)).rows;
      expect(ticket).toMatchObject({ id: 1, number: 'SD-202611-00001', collaborators: '["network"]', manual_fields: '[]', escalated: true, response_met: null, version: 1 });
      expect((await store.readTable('settlements', null, 1)).rows).toEqual([
        { id: 1, ticket_id: 1, kind: 'response', cycle: 0, due_at: at('11-03 09:30'), settled_at: at('11-03 09:10'), met: true, team: 'desktop', agent: 'sun', original_due_at: null },
      ]);
      const [event] = (await store.readTable('events', null, 1)).rows;
      expect(typeof event!.data).toBe('string');
      expect(JSON.parse(event!.data as string).changes.collaborators).toEqual([null, ['network']]);
    });
  });

  describe('writeTableRows', () => {
    it('copies a whole desk into an empty store: the same tickets, trails, visits, handovers and rows of every table', async () => {
      const store = fixture.store;
      await writeDesk(store);
      await withEmptyStore(async (copy) => {
        await copyDesk(store, copy);
        for (const table of DESK_TABLES) expect(await readAll(copy, table), table).toEqual(await readAll(store, table));
        const all = { sort: { field: 'number', descending: false }, limit: 10 } as const;
        expect(await copy.listTickets(all)).toEqual(await store.listTickets(all));
        expect(await copy.listEvents(1)).toEqual(await store.listEvents(1));
        expect(await copy.listVisits(1)).toEqual(await store.listVisits(1));
        expect(await copy.lastHandover(at('11-04 00:00'), 'desktop')).toEqual(await store.lastHandover(at('11-04 00:00'), 'desktop'));
        expect((await copy.readTable('rotations', null, 10)).rows).toEqual([{ team: 'desktop', last_agent: 'sun' }]);
      });
    });

    it('numbers what is made after the copy past every copied row: ids, trail and monthly numbers go on', async () => {
      const store = fixture.store;
      await writeDesk(store);
      await withEmptyStore(async (copy) => {
        await copyDesk(store, copy);
        const next = await createTicket(copy, { title: 'After the move', created_at: at('11-05 09:00') });
        expect([next.id, next.number]).toEqual([3, 'SD-202611-00002']);
        const events = await readAll(copy, 'events', 100);
        expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
        expect(events.at(-1)).toMatchObject({ ticket_id: 3, kind: 'create' });
        await act(copy, { id: 2 }, planVisit({
          visited_at: at('11-05 10:00'), visit_date: '2026-11-05', staff: ['wu'], person_times: 1, hours: null, parts: null,
          materials_cents: 0, transport_cents: 0, cause: null, opinion: null,
        }, at('11-05 11:00')), at('11-05 11:00'));
        expect((await copy.listVisits(2)).map((v) => v.id)).toEqual([2]);
        const handover = await copy.recordHandover({ since: at('11-05 08:00'), team: null, summary: { opened: [], resolved: [], escalated: [], breached: [], near: [], pending: [], open: 2 } }, { actor: 'li', now: at('11-05 18:00') });
        expect(handover.id).toBe(2);
      });
    });

    it('leaves a row whose key is already there as it is, and writes the rest', async () => {
      const store = fixture.store;
      await store.writeTableRows('sequences', [{ name: 'SD-202611', value: 7 }]);
      await store.writeTableRows('sequences', [{ name: 'SD-202611', value: 1 }, { name: 'SD-202610', value: 3 }]);
      await store.writeTableRows('sequences', [{ name: 'SD-202610', value: 3 }]);
      expect((await store.readTable('sequences', null, 10)).rows).toEqual([{ name: 'SD-202610', value: 3 }, { name: 'SD-202611', value: 7 }]);
    });

    it('writes all of a batch or none of it', async () => {
      const store = fixture.store;
      await createTicket(store);
      const [event] = (await store.readTable('events', null, 1)).rows;
      // The second row names a ticket that is not there.
      const error = await rejection(store.writeTableRows('events', [{ ...event!, id: 2 }, { ...event!, id: 3, ticket_id: 99 }]));
      expect(error).toBeInstanceOf(Error);
      expect((await store.readTable('events', null, 10)).rows.map((e) => e.id)).toEqual([1]);
    });
  });

  describe('tableChecksum', () => {
    it('sums up an empty table as no rows and the SHA-256 of nothing', async () => {
      for (const table of DESK_TABLES) expect(await fixture.store.tableChecksum(table)).toEqual({ rows: 0, checksum: EMPTY_SHA256, last: null });
    });

    it('is the SHA-256 of one line a row, its columns by name, in key order; up to a key when given', async () => {
      const store = fixture.store;
      await store.writeTableRows('sequences', [{ name: 'SD-202611', value: 2 }, { name: 'SD-202610', value: 14 }]);
      expect(await store.tableChecksum('sequences')).toEqual({
        rows: 2,
        checksum: sha256('{"name":"SD-202610","value":14}\n{"name":"SD-202611","value":2}\n'),
        last: ['SD-202611'],
      });
      expect(await store.tableChecksum('sequences', ['SD-202610'])).toEqual({ rows: 1, checksum: sha256('{"name":"SD-202610","value":14}\n'), last: ['SD-202610'] });
      await store.writeTableRows('rotations', [{ team: 'desktop', last_agent: 'zhou' }]);
      expect((await store.tableChecksum('rotations')).checksum).toBe(sha256('{"last_agent":"zhou","team":"desktop"}\n'));
    });

    it('encodes flags as booleans, absent values as null, JSON columns as their text', async () => {
      const store = fixture.store;
      await store.createTicket(newTicket(), {
        ...createOptions(at('11-03 09:00')),
        settlements: [{ kind: 'resolve', cycle: 0, due_at: at('11-03 17:00'), settled_at: at('11-03 17:00'), met: false, team: null, agent: null, original_due_at: null }],
      });
      const line = `{"agent":null,"cycle":0,"due_at":${at('11-03 17:00')},"id":1,"kind":"resolve","met":false,"original_due_at":null,"settled_at":${at('11-03 17:00')},"team":null,"ticket_id":1}\n`;
      expect(await store.tableChecksum('settlements')).toEqual({ rows: 1, checksum: sha256(line), last: [1] });
      await store.writeTableRows('handovers', [{ id: 4, at: at('11-03 18:00'), actor: 'li', since: at('11-03 08:00'), team: null, summary: '{"open":0}' }]);
      expect((await store.tableChecksum('handovers')).checksum).toBe(sha256(`{"actor":"li","at":${at('11-03 18:00')},"id":4,"since":${at('11-03 08:00')},"summary":"{\\"open\\":0}","team":null}\n`));
    });

    it('is the same for a copy and differs once either changes', async () => {
      const store = fixture.store;
      await writeDesk(store);
      await withEmptyStore(async (copy) => {
        await copyDesk(store, copy);
        for (const table of DESK_TABLES) expect(await copy.tableChecksum(table), table).toEqual(await store.tableChecksum(table));
        const before = await copy.tableChecksum('tickets');
        await act(copy, { id: 2 }, planNote('Only in the copy'), at('11-05 09:00'));
        const after = await copy.tableChecksum('tickets');
        expect(after.rows).toBe(before.rows);
        expect(after.checksum).not.toBe(before.checksum);
        expect((await copy.tableChecksum('events')).rows).toBe((await store.tableChecksum('events')).rows + 1);
      });
    });
  });
}
