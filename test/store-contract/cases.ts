// Hotline case handling as every store keeps it: supervision orders on the ticket (found by the
// filters, the queue and the overdue query), and the counts of the report's case section.
import { describe, expect, it } from 'vitest';
import { planAssist, planAssistCancel, planAssistReply, type AssistDue } from '../../src/domain/assists.js';
import { planComplaint } from '../../src/domain/complaint.js';
import { planSupervise, planSupervisionReply, planUrge } from '../../src/domain/supervision.js';
import type { FactsQuery } from '../../src/report/facts.js';
import { act, at, createTicket, HOUR, TEAMS } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';

const NOVEMBER: FactsQuery = { start: at('11-01 00:00'), end: at('12-01 00:00'), days: [], now: at('12-05 09:00') };
const sorted = { field: 'created_at', descending: false } as const;

export function describeCaseCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  describe('supervision orders', () => {
    it('are kept on the ticket as written, found by --supervised, by the overdue query and by the queue', async () => {
      const store = fixture.store;
      await createTicket(store, { status: 'in_progress', team: 'desktop', assignee: 'sun', first_response_at: at('11-03 09:10') });
      await createTicket(store, { status: 'in_progress', team: 'desktop', assignee: 'zhou', first_response_at: at('11-03 09:10') });
      await createTicket(store, { status: 'in_progress', team: 'network', assignee: 'wu', first_response_at: at('11-03 09:10') });
      await act(store, { id: 1 }, planSupervise({ level: 2, replyBy: at('11-03 12:00'), note: '三天内回复' }, at('11-03 10:00'), 'zhao'), at('11-03 10:00'), 'zhao');
      await act(store, { id: 2 }, planSupervise({ level: 1, replyBy: at('11-03 11:00'), note: 'report' }, at('11-03 10:00'), 'zhao'), at('11-03 10:00'), 'zhao');
      await act(store, { id: 2 }, planSupervisionReply('done', at('11-03 10:30'), 'zhou', TEAMS), at('11-03 10:30'), 'zhou');
      await act(store, { id: 3 }, planSupervise({ level: 3, replyBy: at('11-03 11:30'), note: 'why down' }, at('11-03 10:00'), 'qian'), at('11-03 10:00'), 'qian');

      expect((await store.getTicket({ id: 1 })).supervisions).toEqual([
        { level: 2, team: 'desktop', note: '三天内回复', reply_by: at('11-03 12:00'), issued_at: at('11-03 10:00'), issued_by: 'zhao', reply: null, replied_at: null, replied_by: null },
      ]);
      expect((await store.getTicket({ id: 2 })).supervision_due_at).toBeNull();
      const ids = (tickets: { id: number }[]) => tickets.map((t) => t.id);
      expect(ids(await store.listTickets({ supervised: true, sort: sorted, limit: 10 }))).toEqual([1, 2, 3]);
      expect(ids(await store.listTickets({ supervisionOverdueAt: at('11-03 11:45'), sort: sorted, limit: 10 }))).toEqual([3]);
      expect(ids(await store.listTickets({ supervisionOverdueAt: at('11-03 12:30'), sort: sorted, limit: 10 }))).toEqual([1, 3]);
      const queue = await store.queueFacts({ actor: 'sun', teams: ['desktop'], now: at('11-03 12:30'), soonUntil: at('11-03 12:30') + HOUR, limit: 10 });
      expect([ids(queue.supervision.tickets), queue.supervision.total]).toEqual([[1], 1]);
    });
  });

  describe('sub-tasks of collaborating teams', () => {
    const due: AssistDue = (_, openedAt, duration) => openedAt + (duration === '2h' ? 2 : 1) * HOUR;
    const open = (team: string, time: string, dueIn: string | null = null) => planAssist({ team, agent: null, note: null, due: dueIn }, at(time), 'sun', TEAMS, due);

    it('are kept on the ticket, put it in the team\'s list and queue while open, and found late by the overdue query', async () => {
      const store = fixture.store;
      await createTicket(store, { status: 'in_progress', team: 'desktop', assignee: 'sun', first_response_at: at('11-03 09:10') });
      await createTicket(store, { status: 'in_progress', team: 'desktop', assignee: 'zhou', first_response_at: at('11-03 09:10') });
      await createTicket(store, { status: 'in_progress', team: 'network', assignee: 'wu', first_response_at: at('11-03 09:10') });
      await act(store, { id: 1 }, open('network', '11-03 10:00', '2h'), at('11-03 10:00'), 'sun');
      await act(store, { id: 2 }, open('network', '11-03 10:00'), at('11-03 10:00'), 'zhou');
      await act(store, { id: 2 }, planAssistReply('network', 'done', at('11-03 10:30'), 'wu', TEAMS), at('11-03 10:30'), 'wu');
      await act(store, { id: 2 }, open('service-desk', '11-03 10:40'), at('11-03 10:40'), 'zhou');

      expect((await store.getTicket({ id: 1 })).assists).toEqual([{
        team: 'network', assignee: null, note: null, due_at: at('11-03 12:00'), opened_at: at('11-03 10:00'), opened_by: 'sun',
        reply: null, replied_at: null, replied_by: null, cancel_reason: null, cancelled_at: null, cancelled_by: null,
      }]);
      const ids = (tickets: { id: number }[]) => tickets.map((t) => t.id);
      expect(ids(await store.listTickets({ team: 'network', sort: sorted, limit: 10 }))).toEqual([1, 3]);
      expect(ids(await store.listTickets({ team: 'service-desk', sort: sorted, limit: 10 }))).toEqual([2]);
      expect(ids(await store.listTickets({ assistOverdueAt: at('11-03 11:50'), sort: sorted, limit: 10 }))).toEqual([2]);
      expect(ids(await store.listTickets({ assistOverdueAt: at('11-03 12:30'), sort: sorted, limit: 10 }))).toEqual([1, 2]);
      const queue = await store.queueFacts({ actor: 'wu', teams: ['network'], now: at('11-03 12:30'), soonUntil: at('11-03 12:30') + HOUR, limit: 10 });
      expect([ids(queue.assists.tickets), queue.assists.total]).toEqual([[1], 1]);
      const desk = await store.queueFacts({ actor: 'chen', teams: null, now: at('11-03 12:30'), soonUntil: at('11-03 12:30') + HOUR, limit: 10 });
      expect(ids(desk.assists.tickets)).toEqual([2, 1]);
      // Search takes the same filter; logged at the same time, the newest comes first.
      expect(ids((await store.searchTickets({ text: 'printer', team: 'network', sort: sorted, limit: 10 })).map((hit) => hit.ticket))).toEqual([3, 1]);
    });

    it('are counted by team in supervisionFacts, from their events', async () => {
      const store = fixture.store;
      await createTicket(store, { status: 'in_progress', team: 'desktop', first_response_at: at('11-03 09:10') });
      await act(store, { id: 1 }, open('network', '11-03 10:00', '2h'), at('11-03 10:00'));
      await act(store, { id: 1 }, planAssistReply('network', 'x', at('11-03 11:00'), 'wu', TEAMS), at('11-03 11:00'), 'wu');
      await act(store, { id: 1 }, open('service-desk', '11-30 10:00'), at('11-30 10:00'));
      await act(store, { id: 1 }, planAssistCancel('service-desk', 'no need', at('12-01 10:00'), 'sun'), at('12-01 10:00'));
      expect((await store.supervisionFacts(NOVEMBER)).assists).toEqual({
        network: { opened: 1, replied: 1, on_time: 1, cancelled: 0 },
        'service-desk': { opened: 1, replied: 0, on_time: 0, cancelled: 0 },
      });
      expect((await store.supervisionFacts({ ...NOVEMBER, team: 'service-desk' })).assists).toEqual({ 'service-desk': { opened: 1, replied: 0, on_time: 0, cancelled: 0 } });
    });
  });

  describe('supervisionFacts', () => {
    it('counts the month\'s orders, replies on time and reminders by team, and the complaints verified in it', async () => {
      const store = fixture.store;
      await createTicket(store, { status: 'in_progress', team: 'desktop', type: 'complaint', first_response_at: at('11-03 09:10') });
      await createTicket(store, { status: 'in_progress', team: 'network', type: 'complaint', first_response_at: at('11-03 09:10') });
      await act(store, { id: 1 }, planSupervise({ level: 1, replyBy: at('11-04 10:00'), note: 'a' }, at('11-03 10:00'), 'zhao'), at('11-03 10:00'), 'zhao');
      await act(store, { id: 1 }, planSupervise({ level: 1, replyBy: at('11-03 11:00'), note: 'b' }, at('11-03 10:05'), 'zhao'), at('11-03 10:05'), 'zhao');
      await act(store, { id: 1 }, planSupervisionReply('x', at('11-03 12:00'), 'sun', TEAMS), at('11-03 12:00'), 'sun'); // answers a, on time
      await act(store, { id: 1 }, planSupervisionReply('y', at('12-01 09:00'), 'sun', TEAMS), at('12-01 09:00'), 'sun'); // answers b, in December
      await act(store, { id: 2 }, planUrge('again'), at('11-30 23:59'));
      await act(store, { id: 1 }, planComplaint({ verification: { against: 'agent:sun', verified: 'yes', cause: 'slow', action: 'a', penalty: undefined } }, at('11-10 10:00')), at('11-10 10:00'));
      await act(store, { id: 2 }, planComplaint({ verification: { against: 'team:network', verified: 'no', cause: 'slow', action: 'a', penalty: undefined } }, at('12-01 00:00')), at('12-01 00:00'));

      expect(await store.supervisionFacts(NOVEMBER)).toEqual({
        supervision: { desktop: { orders: 2, answered: 1, on_time: 1, reminders: 0 }, network: { orders: 0, answered: 0, on_time: 0, reminders: 1 } },
        assists: {},
        verification: { yes: 1, partly: 0, no: 0, by_cause: { slow: 1 }, by_target: { 'agent:sun': { complaints: 1, upheld: 1 } }, agents: { sun: { complaints: 1, upheld: 1 } } },
      });
      expect((await store.supervisionFacts({ ...NOVEMBER, team: 'network' })).supervision).toEqual({ network: { orders: 0, answered: 0, on_time: 0, reminders: 1 } });
    });
  });
}
