// The shift: what a handover is made of, handovers recorded and found again, and an operator's
// queue of own, breached, soon-due and unassigned tickets.
import { describe, expect, it } from 'vitest';
import type { HandoverSummary } from '../../src/domain/handover.js';
import { planEscalate, planPending, planResolve, planResume } from '../../src/domain/lifecycle.js';
import type { QueueQuery } from '../../src/domain/queue.js';
import type { Store } from '../../src/store/store.js';
import { at, createTicket, HOUR } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';

/** The day shift of Tuesday 3 November, 08:00 to 20:00. */
const SHIFT = { since: at('11-03 08:00'), until: at('11-03 20:00') };

async function writeShift(store: Store): Promise<void> {
  const write = (id: number, plan: Parameters<Store['updateTicket']>[1], time: string, actor = 'sun') => store.updateTicket({ id }, plan, { actor, now: at(time) });
  await createTicket(store, { title: 'Monitor flickers', created_at: at('11-02 15:00'), status: 'in_progress', team: 'desktop', assignee: 'sun' });
  await createTicket(store, { title: 'Mouse broken', created_at: at('11-03 09:00') });
  await createTicket(store, { title: 'Printer jams', created_at: at('11-03 10:00'), status: 'dispatched', team: 'desktop', assignee: 'zhou' });
  await write(3, planResolve({ solution: 'Cleared it' }, at('11-03 12:00')), '11-03 12:00', 'zhou');
  await createTicket(store, { title: 'VPN drops', created_at: at('11-02 16:00'), status: 'in_progress', team: 'network', assignee: 'wu' });
  await write(4, planEscalate('Vendor needed'), '11-03 11:00', 'wu');
  await createTicket(store, { title: 'Keyboard missing keys', created_at: at('11-03 07:30'), status: 'in_progress', team: 'desktop', assignee: 'sun' });
  await write(5, planPending('Asked for the asset tag', at('11-03 07:40')), '11-03 07:40');
  await write(5, planResume(), '11-03 07:50');
  await write(5, planPending('Waiting for parts', at('11-03 09:30')), '11-03 09:30');
  await createTicket(store, { title: 'Projector', created_at: at('11-03 08:00') });
  await createTicket(store, { title: 'Old printer', created_at: at('11-01 09:00'), status: 'dispatched', team: 'desktop', assignee: 'zhou' });
  await write(7, planResolve({ solution: 'Replaced it' }, at('11-03 07:59')), '11-03 07:59', 'zhou');
  await createTicket(store, { title: 'Wi-Fi weak', created_at: at('11-02 09:00'), status: 'in_progress', team: 'network', assignee: 'zheng' });
  await write(8, planEscalate('Needs an access point'), '11-02 17:00', 'zheng');
  await createTicket(store, { title: 'Phone dead', created_at: at('11-03 20:00') });
  await createTicket(store, { title: 'Password', created_at: at('11-03 08:30'), status: 'dispatched', team: 'service-desk', assignee: 'li' });
  await write(10, planResolve({ solution: 'Reset it' }, at('11-03 09:00')), '11-03 09:00', 'li');
}

const ids = (tickets: readonly { id: number }[]) => tickets.map((t) => t.id);

const SUMMARY: HandoverSummary = {
  opened: ['SD-202611-00006', 'SD-202611-00002'], resolved: ['SD-202611-00003'], escalated: [], breached: ['SD-202611-00001'],
  near: [], pending: ['SD-202611-00005'], open: 4,
};

/** Now: Tuesday 10 November, noon; due soon: within two hours. */
const N = at('11-10 12:00');

async function writeQueue(store: Store): Promise<void> {
  const tickets = [
    { title: 'Monitor flickers', created_at: at('11-09 09:00'), status: 'in_progress', team: 'desktop', assignee: 'sun', first_response_at: at('11-09 09:05'), resolve_due_at: at('11-10 11:00') },
    { title: 'Mouse broken', created_at: at('11-10 11:50'), status: 'dispatched', team: 'desktop', assignee: 'sun', dispatched_at: at('11-10 11:50'), response_due_at: at('11-10 12:30'), resolve_due_at: at('11-10 19:50') },
    { title: 'Scanner slow', created_at: at('11-10 08:00'), status: 'in_progress', team: 'desktop', assignee: 'zhou', first_response_at: at('11-10 08:05'), resolve_due_at: at('11-10 18:00') },
    { title: 'Keyboard', created_at: at('11-08 09:00'), status: 'pending', team: 'desktop', assignee: 'zhou', first_response_at: at('11-08 09:05'), resolve_due_at: at('11-10 10:00') },
    { title: 'VPN drops', created_at: at('11-09 10:00'), status: 'in_progress', team: 'network', assignee: 'wu', first_response_at: at('11-09 10:05'), resolve_due_at: at('11-10 09:00') },
    { title: 'Projector', created_at: at('11-10 11:40'), status: 'new', response_due_at: at('11-10 12:10'), dispatch_due_at: at('11-10 13:40') },
    { title: 'Docking station', created_at: at('11-10 11:00'), status: 'dispatched', team: 'desktop', dispatched_at: at('11-10 11:05'), response_due_at: at('11-10 11:30') },
    { title: 'Old printer', created_at: at('11-01 09:00'), status: 'closed', team: 'desktop', assignee: 'sun', resolve_due_at: at('11-01 17:00'), closed_at: at('11-02 09:00') },
    { title: 'Switch down', created_at: at('11-09 15:00'), status: 'reopened', team: 'network', assignee: 'zheng', first_response_at: at('11-09 15:05'), update_due_at: at('11-10 13:00') },
    { title: 'Laptop bag', created_at: at('11-01 10:00'), status: 'in_progress', team: 'desktop', assignee: 'sun', first_response_at: at('11-01 10:05') },
  ] as const;
  for (const fields of tickets) await createTicket(store, { ...fields });
}

const QUEUE: QueueQuery = { actor: 'sun', teams: ['desktop'], now: N, soonUntil: N + 2 * HOUR, limit: 10 };

export function describeShiftCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  describe('shiftActivity', () => {
    it('finds the tickets opened, resolved and escalated in the shift, and all open ones', async () => {
      const store = fixture.store;
      await writeShift(store);
      const activity = await store.shiftActivity(SHIFT);
      expect({ opened: ids(activity.opened), resolved: ids(activity.resolved), escalated: ids(activity.escalated), open: ids(activity.open) }).toEqual({
        opened: [6, 10, 2, 3], // by creation: 08:00 (the shift's start), 08:30, 09:00, 10:00; not #9 at 20:00
        resolved: [10, 3], // 09:00, 12:00; not #7 at 07:59
        escalated: [4], // not #8, escalated the day before
        open: [1, 2, 4, 5, 6, 8, 9],
      });
    });

    it('gives each pending ticket the reason it was last put on hold for', async () => {
      const store = fixture.store;
      await writeShift(store);
      expect([...(await store.shiftActivity(SHIFT)).pendingReasons]).toEqual([[5, 'Waiting for parts']]);
    });

    it('gives whole tickets as they stand', async () => {
      const store = fixture.store;
      await writeShift(store);
      const activity = await store.shiftActivity(SHIFT);
      expect(activity.resolved[1]).toEqual(await store.getTicket({ id: 3 }));
      expect(activity.resolved[1]).toMatchObject({ status: 'resolved', resolved_at: at('11-03 12:00'), solution: 'Cleared it' });
    });

    it('takes only the tickets of a team', async () => {
      const store = fixture.store;
      await writeShift(store);
      const activity = await store.shiftActivity({ ...SHIFT, team: 'desktop' });
      expect({ opened: ids(activity.opened), resolved: ids(activity.resolved), escalated: ids(activity.escalated), open: ids(activity.open) }).toEqual({
        opened: [3], resolved: [3], escalated: [], open: [1, 5],
      });
    });

    it('finds nothing in an empty store', async () => {
      const activity = await fixture.store.shiftActivity(SHIFT);
      expect(activity).toEqual({ opened: [], resolved: [], escalated: [], open: [], pendingReasons: new Map() });
    });
  });

  describe('recordHandover and lastHandover', () => {
    async function recordDay(store: Store) {
      const morning = await store.recordHandover({ since: at('11-02 20:00'), team: null, summary: SUMMARY }, { actor: 'li', now: at('11-03 08:00') });
      const desktop = await store.recordHandover({ since: at('11-03 08:00'), team: 'desktop', summary: { ...SUMMARY, open: 2 } }, { actor: 'sun', now: at('11-03 12:00') });
      const evening = await store.recordHandover({ since: at('11-03 08:00'), team: null, summary: { ...SUMMARY, open: 7 } }, { actor: 'wang', now: at('11-03 20:00') });
      return { morning, desktop, evening };
    }

    it('records who handed over, when, since when and what', async () => {
      const store = fixture.store;
      const record = await store.recordHandover({ since: at('11-02 20:00'), team: 'desktop', summary: SUMMARY }, { actor: 'li', now: at('11-03 08:00') });
      expect(record).toEqual({ id: expect.any(Number), at: at('11-03 08:00'), actor: 'li', since: at('11-02 20:00'), team: 'desktop', summary: SUMMARY });
      expect(await store.lastHandover(at('11-03 09:00'), 'desktop')).toEqual(record);
    });

    it.each([
      { case: 'the latest of the desk', before: '11-03 21:00', team: null, handover: 'evening' },
      { case: 'the one before, at the instant of a later one', before: '11-03 20:00', team: null, handover: 'morning' },
      { case: 'the team\'s own', before: '11-03 21:00', team: 'desktop', handover: 'desktop' },
      { case: 'none before the first', before: '11-03 08:00', team: null, handover: null },
      { case: 'none of a team that never handed over', before: '11-03 21:00', team: 'network', handover: null },
    ] as const)('finds $case', async ({ before, team, handover }) => {
      const store = fixture.store;
      const day = await recordDay(store);
      expect(await store.lastHandover(at(before), team)).toEqual(handover === null ? null : day[handover]);
    });

    it('takes the one recorded last of two at the same instant', async () => {
      const store = fixture.store;
      await store.recordHandover({ since: at('11-03 08:00'), team: null, summary: SUMMARY }, { actor: 'li', now: at('11-03 20:00') });
      const second = await store.recordHandover({ since: at('11-03 08:00'), team: null, summary: { ...SUMMARY, open: 5 } }, { actor: 'wang', now: at('11-03 20:00') });
      expect(await store.lastHandover(at('11-03 21:00'), null)).toEqual(second);
    });

    it('finds a handover recorded over another connection', async () => {
      const store = fixture.store;
      const other = await fixture.again();
      const record = await other.recordHandover({ since: at('11-03 08:00'), team: null, summary: SUMMARY }, { actor: 'wang', now: at('11-03 20:00') });
      expect(await store.lastHandover(at('11-03 21:00'), null)).toEqual(record);
    });
  });

  describe('queueFacts', () => {
    it('gives the operator\'s own, breached, soon-due and unassigned tickets of their teams', async () => {
      const store = fixture.store;
      await writeQueue(store);
      const queue = await store.queueFacts(QUEUE);
      expect({
        mine: [ids(queue.mine.tickets), queue.mine.total],
        breached: [ids(queue.breached.tickets), queue.breached.total],
        dueSoon: [ids(queue.dueSoon.tickets), queue.dueSoon.total],
        unassigned: [ids(queue.unassigned.tickets), queue.unassigned.total],
      }).toEqual({
        mine: [[1, 2, 10], 3], // next deadline first: 11:00, 12:30, none; not the closed #8
        breached: [[1, 7], 2], // 11:00, 11:30; not the pending #4, nor #5 of the network team
        dueSoon: [[6, 2], 2], // 12:10 (not dispatched yet: everybody's), 12:30; not #3 at 18:00
        unassigned: [[7, 6, 9], 3], // next deadline first: 11:30, 12:10, 13:00 (reopened, of any team)
      });
    });

    it('gives the whole desk\'s for an operator in no team', async () => {
      const store = fixture.store;
      await writeQueue(store);
      const queue = await store.queueFacts({ ...QUEUE, teams: null });
      expect([ids(queue.breached.tickets), ids(queue.dueSoon.tickets), ids(queue.unassigned.tickets)]).toEqual([
        [5, 1, 7],
        [6, 2, 9],
        [7, 6, 9],
      ]);
    });

    it('gives at most the limit of each section, and every section\'s full count', async () => {
      const store = fixture.store;
      await writeQueue(store);
      const queue = await store.queueFacts({ ...QUEUE, limit: 1 });
      expect([queue.mine, queue.breached, queue.dueSoon, queue.unassigned].map((s) => [ids(s.tickets), s.total])).toEqual([
        [[1], 3],
        [[1], 2],
        [[6], 2],
        [[7], 3],
      ]);
    });

    it('gives whole tickets', async () => {
      const store = fixture.store;
      await writeQueue(store);
      const queue = await store.queueFacts(QUEUE);
      expect(queue.dueSoon.tickets[1]).toEqual(await store.getTicket({ id: 2 }));
    });

    it('gives empty sections in an empty store', async () => {
      const empty = { tickets: [], total: 0 };
      expect(await fixture.store.queueFacts(QUEUE)).toEqual({ mine: empty, breached: empty, dueSoon: empty, unassigned: empty, supervision: empty, assists: empty });
    });
  });
}
