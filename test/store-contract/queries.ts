// Reading tickets back: every filter of `desk list`, every sort in both directions, limits, and a
// ticket's trail in the order it was written.
import { describe, expect, it } from 'vitest';
import { planAssign, planNote } from '../../src/domain/lifecycle.js';
import type { NewTicket } from '../../src/domain/ticket.js';
import type { SortField, Store, TicketQuery } from '../../src/store/store.js';
import { at, createTicket, HOUR, TEAMS } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';

/** The instant the filters of time are read at: Tuesday 10 November, noon. */
const Q = at('11-10 12:00');

/**
 * Eight tickets, each written whole (as a back-dated create or an import would), with the time of
 * their last write. #3 was logged in October, so its number comes first; #5 was logged first in
 * November but written fifth.
 */
const TICKETS: [Partial<NewTicket>, string][] = [
  [{ title: 'Printer jams on 3F', created_at: at('11-02 09:00'), status: 'new', type: 'fault', urgency: 'normal', channel: 'phone',
    first_response_at: at('11-02 09:10'), response_due_at: at('11-02 09:30'), dispatch_due_at: at('11-02 11:00'), resolve_due_at: at('11-11 09:00') }, '11-09 08:00'],
  [{ title: 'VPN drops every hour', description: 'From home since Monday, 10 drops a day', created_at: at('11-03 10:00'), status: 'dispatched',
    team: 'network', assignee: 'wu', type: 'fault', urgency: 'urgent', channel: 'email', dispatched_at: at('11-03 10:05'), first_response_at: at('11-03 10:08'),
    response_due_at: at('11-03 10:10'), dispatch_due_at: at('11-03 10:30'), resolve_due_at: at('11-10 14:00') }, '11-10 09:00'],
  [{ title: 'Password reset', created_at: at('10-31 20:00'), status: 'pending', team: 'service-desk', assignee: 'li', type: 'request', urgency: 'normal',
    channel: 'web', dispatched_at: at('10-31 20:01'), first_response_at: at('10-31 20:05'), resolve_due_at: at('11-05 08:30'), update_due_at: at('11-01 00:05'),
    paused_at: at('11-01 09:00') }, '11-04 09:00'],
  [{ title: 'Monitor flickers', description: 'Flickers at 50% brightness', created_at: at('11-05 14:00'), status: 'in_progress', team: 'desktop',
    assignee: 'sun', type: 'fault', urgency: 'critical', channel: 'onsite', dispatched_at: at('11-05 14:01'), first_response_at: at('11-05 14:02'),
    resolve_due_at: at('11-10 11:00'), update_due_at: at('11-10 16:00') }, '11-10 10:30'],
  [{ title: 'Printer toner low', created_at: at('11-01 08:00'), status: 'resolved', team: 'desktop', assignee: 'zhou', type: 'request', urgency: 'normal',
    channel: 'phone', dispatched_at: at('11-01 08:10'), first_response_at: at('11-01 08:20'), resolved_at: at('11-06 11:00'), solution: 'New cartridge',
    resolve_due_at: at('11-06 17:00') }, '11-06 11:00'],
  [{ title: 'Email bounce', description: 'Mailbox name mail_box is full', created_at: at('11-07 16:00'), status: 'closed', team: 'service-desk',
    assignee: 'wang', type: 'consultation', urgency: null, channel: 'email', resolved_at: at('11-08 09:00'), closed_at: at('11-08 10:00'),
    callback_at: at('11-08 15:00'), satisfaction: 5 }, '11-08 15:00'],
  [{ title: 'Laptop slow', description: 'Opening the mail-box takes a minute', created_at: at('11-08 09:00'), status: 'closed', team: 'desktop',
    assignee: 'sun', type: 'fault', urgency: 'urgent', channel: 'phone', resolved_at: at('11-09 09:00'), closed_at: at('11-09 10:00'),
    resolve_due_at: at('11-08 13:00') }, '11-09 10:00'],
  [{ title: 'Network switch down', created_at: at('11-10 11:30'), status: 'reopened', team: 'network', assignee: 'zheng', type: 'fault',
    urgency: 'critical', channel: 'phone', reopen_count: 1, response_due_at: at('11-10 12:00'), update_due_at: at('11-10 11:45') }, '11-10 11:30'],
];

async function writeTickets(store: Store): Promise<void> {
  for (const [fields, written] of TICKETS) await createTicket(store, fields, { now: at(written) });
}

type Filters = Omit<TicketQuery, 'sort' | 'limit'>;

async function idsMatching(store: Store, filters: Filters): Promise<number[]> {
  const tickets = await store.listTickets({ ...filters, sort: { field: 'created_at', descending: false }, limit: 100 });
  return tickets.map((t) => t.id).sort((a, b) => a - b);
}

export function describeQueryCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  describe('listTickets', () => {
    it.each<{ filter: string; filters: Filters; ids: number[] }>([
      { filter: 'nothing', filters: {}, ids: [1, 2, 3, 4, 5, 6, 7, 8] },
      { filter: 'statuses new and reopened', filters: { statuses: ['new', 'reopened'] }, ids: [1, 8] },
      { filter: 'statuses resolved and closed', filters: { statuses: ['resolved', 'closed'] }, ids: [5, 6, 7] },
      { filter: 'team', filters: { team: 'desktop' }, ids: [4, 5, 7] },
      { filter: 'a team nobody has', filters: { team: 'facilities' }, ids: [] },
      { filter: 'assignee', filters: { assignee: 'sun' }, ids: [4, 7] },
      { filter: 'type', filters: { type: 'fault' }, ids: [1, 2, 4, 7, 8] },
      { filter: 'urgency', filters: { urgency: 'critical' }, ids: [4, 8] },
      { filter: 'channel email', filters: { channel: 'email' }, ids: [2, 6] },
      { filter: 'channel onsite', filters: { channel: 'onsite' }, ids: [4] },
      { filter: 'created from, at the instant', filters: { createdFrom: at('11-05 14:00') }, ids: [4, 6, 7, 8] },
      { filter: 'created before, not at the instant', filters: { createdBefore: at('11-05 14:00') }, ids: [1, 2, 3, 5] },
      { filter: 'a created window', filters: { createdFrom: at('11-01 00:00'), createdBefore: at('11-05 14:00') }, ids: [1, 2, 5] },
      // #1 by its dispatch, #4 by its resolution, #8 by its progress update; #8's response is due at Q itself; #3 is pending.
      { filter: 'overdue', filters: { overdueAt: Q }, ids: [1, 4, 8] },
      // #2's resolution at 14:00, #8's response at 12:00; #4's update at 16:00 is the window's end.
      { filter: 'due within four hours', filters: { dueWithin: { from: Q, until: Q + 4 * HOUR } }, ids: [2, 8] },
      { filter: 'closed from, at the instant', filters: { closedFrom: at('11-08 10:00') }, ids: [6, 7] },
      { filter: 'closed from, after it', filters: { closedFrom: at('11-08 10:01') }, ids: [7] },
      { filter: 'without a call-back', filters: { withoutCallback: true }, ids: [1, 2, 3, 4, 5, 7, 8] },
      { filter: 'closed and not called back', filters: { withoutCallback: true, closedFrom: at('11-01 00:00') }, ids: [7] },
      { filter: 'text in the title', filters: { text: 'Printer' }, ids: [1, 5] },
      { filter: 'text in another case', filters: { text: 'printer' }, ids: [1, 5] },
      { filter: 'text in the description', filters: { text: 'since Monday' }, ids: [2] },
      { filter: 'text with a percent sign, taken literally', filters: { text: '0%' }, ids: [4] },
      { filter: 'text with an underscore, taken literally', filters: { text: 'mail_box' }, ids: [6] },
      { filter: 'team and status together', filters: { team: 'desktop', statuses: ['closed'] }, ids: [7] },
      { filter: 'team and overdue together', filters: { team: 'network', overdueAt: Q }, ids: [8] },
      { filter: 'type and text together', filters: { type: 'fault', text: 'Printer' }, ids: [1] },
    ])('filters by $filter', async ({ filters, ids }) => {
      const store = fixture.store;
      await writeTickets(store);
      expect(await idsMatching(store, filters)).toEqual(ids);
    });

    it.each<{ field: SortField; ascending: number[]; descending: number[] }>([
      { field: 'created_at', ascending: [3, 5, 1, 2, 4, 6, 7, 8], descending: [8, 7, 6, 4, 2, 1, 5, 3] },
      { field: 'updated_at', ascending: [3, 5, 6, 1, 7, 2, 4, 8], descending: [8, 4, 2, 7, 1, 6, 5, 3] },
      { field: 'number', ascending: [3, 1, 2, 4, 5, 6, 7, 8], descending: [8, 7, 6, 5, 4, 2, 1, 3] },
      // No urgency, normal, urgent, critical; ties by id in the same direction.
      { field: 'urgency', ascending: [6, 1, 3, 5, 2, 7, 4, 8], descending: [8, 4, 7, 2, 5, 3, 1, 6] },
      { field: 'status', ascending: [6, 7, 2, 4, 1, 3, 8, 5], descending: [5, 8, 3, 1, 4, 2, 7, 6] },
    ])('sorts by $field both ways', async ({ field, ascending, descending }) => {
      const store = fixture.store;
      await writeTickets(store);
      const ids = async (descending: boolean) => (await store.listTickets({ sort: { field, descending }, limit: 100 })).map((t) => t.id);
      expect(await ids(false)).toEqual(ascending);
      expect(await ids(true)).toEqual(descending);
    });

    it('sorts by resolution due time, tickets without one after those with one', async () => {
      const store = fixture.store;
      await writeTickets(store);
      const ids = (await store.listTickets({ sort: { field: 'resolve_due_at', descending: false }, limit: 100 })).map((t) => t.id);
      expect(ids).toEqual([3, 5, 7, 4, 2, 1, 6, 8]);
    });

    it('sorts by resolution due time descending, tickets without one still last', async () => {
      const store = fixture.store;
      await writeTickets(store);
      const ids = (await store.listTickets({ sort: { field: 'resolve_due_at', descending: true }, limit: 100 })).map((t) => t.id);
      expect(ids.slice(0, 6)).toEqual([1, 2, 4, 7, 5, 3]);
      expect(ids.slice(6).sort()).toEqual([6, 8]);
    });

    it('sorts closed tickets by closing time both ways', async () => {
      const store = fixture.store;
      await writeTickets(store);
      await createTicket(store, { title: 'Headset crackles', created_at: at('11-04 09:00'), status: 'closed', resolved_at: at('11-04 09:30'), closed_at: at('11-09 09:00') });
      const ids = async (descending: boolean) =>
        (await store.listTickets({ closedFrom: at('11-01 00:00'), sort: { field: 'closed_at', descending }, limit: 100 })).map((t) => t.id);
      expect(await ids(false)).toEqual([6, 9, 7]);
      expect(await ids(true)).toEqual([7, 9, 6]);
    });

    it.each([
      { case: 'the first of a sort', descending: true, limit: 3, ids: [8, 7, 6] },
      { case: 'one ticket', descending: false, limit: 1, ids: [3] },
      { case: 'all when there are fewer', descending: false, limit: 50, ids: [3, 5, 1, 2, 4, 6, 7, 8] },
    ])('limits the answer to $case', async ({ descending, limit, ids }) => {
      const store = fixture.store;
      await writeTickets(store);
      expect((await store.listTickets({ sort: { field: 'created_at', descending }, limit })).map((t) => t.id)).toEqual(ids);
    });

    it('limits after filtering', async () => {
      const store = fixture.store;
      await writeTickets(store);
      const tickets = await store.listTickets({ type: 'fault', sort: { field: 'created_at', descending: true }, limit: 2 });
      expect(tickets.map((t) => t.id)).toEqual([8, 7]);
    });

    it('answers whole tickets, the same as getTicket', async () => {
      const store = fixture.store;
      await writeTickets(store);
      const [listed] = await store.listTickets({ assignee: 'zheng', sort: { field: 'created_at', descending: false }, limit: 1 });
      expect(listed).toEqual(await store.getTicket({ id: 8 }));
      expect(listed).toMatchObject({ number: 'SD-202611-00007', reopen_count: 1, collaborators: [], escalated: false, version: 1, updated_at: at('11-10 11:30') });
    });

    it('answers nothing from an empty store', async () => {
      expect(await fixture.store.listTickets({ sort: { field: 'number', descending: false }, limit: 10 })).toEqual([]);
    });
  });

  describe('listEvents', () => {
    const NOW = at('11-03 10:00');

    it('lists the trail of one ticket in the order it was written', async () => {
      const store = fixture.store;
      await createTicket(store);
      await createTicket(store, { title: 'Another' });
      await store.updateTicket({ id: 1 }, planNote('first'), { actor: 'li', now: NOW });
      await store.updateTicket({ id: 2 }, planNote('not this one'), { actor: 'li', now: NOW });
      await store.updateTicket({ id: 1 }, planAssign('sun', TEAMS, NOW + 60_000), { actor: 'li', now: NOW + 60_000 });
      await store.updateTicket({ id: 1 }, planNote('second'), { actor: 'sun', now: NOW + 120_000 });
      const events = await store.listEvents(1);
      expect(events.map((e) => [e.ticket_id, e.kind, e.actor, e.at, e.data.text ?? null])).toEqual([
        [1, 'create', 'li', at('11-03 09:00'), null],
        [1, 'note', 'li', NOW, 'first'],
        [1, 'assign', 'li', NOW + 60_000, null],
        [1, 'note', 'sun', NOW + 120_000, 'second'],
      ]);
      expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
    });

    it('keeps the order written when the writers\' clocks disagree', async () => {
      const store = fixture.store;
      await createTicket(store);
      for (const [text, minutes] of [['late clock', 10], ['early clock', -5], ['same instant', 10]] as const) {
        await store.updateTicket({ id: 1 }, planNote(text), { actor: 'li', now: NOW + minutes * 60_000 });
      }
      expect((await store.listEvents(1)).map((e) => e.data.text ?? e.kind)).toEqual(['create', 'late clock', 'early clock', 'same instant']);
    });

    it('gives no events for a ticket that does not exist', async () => {
      const store = fixture.store;
      await createTicket(store);
      expect(await store.listEvents(2)).toEqual([]);
    });
  });
}
