// The counts the monthly report is made of, for a small November worked by hand: eight tickets
// through their lifecycle at fixed instants, under the plain elapsed-time SLA of fixtures.ts.
import { describe, expect, it } from 'vitest';
import {
  planAssign, planClassify, planClose, planDispatch, planEscalate, planPending, planReopen, planResolve, planRespond, planUpdate, planVisit,
} from '../../src/domain/lifecycle.js';
import type { FactsQuery, MonthSummaryFacts } from '../../src/report/facts.js';
import type { Store } from '../../src/store/store.js';
import { act, at, logTicket, TEAMS } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';

const DAYS = Array.from({ length: 30 }, (_, i) => {
  const day = String(i + 1).padStart(2, '0');
  const next = i === 29 ? '12-01' : `11-${String(i + 2).padStart(2, '0')}`;
  return { date: `2026-11-${day}`, start: at(`11-${day} 00:00`), end: at(`${next} 00:00`) };
});

/** November 2026 in Shanghai, reported on 5 December. */
const NOVEMBER: FactsQuery = { start: at('11-01 00:00'), end: at('12-01 00:00'), days: DAYS, now: at('12-05 09:00') };
/** The month before, as the report shows it beside November. */
const OCTOBER: FactsQuery = { start: at('10-01 00:00'), end: at('11-01 00:00'), days: [], now: at('12-05 09:00') };

/**
 * Due times, from creation: normal 30 min response, 2 h dispatch, 8 h resolution, 4 h update;
 * urgent 10 min, 30 min, 4 h, 2 h; critical 5 min, 10 min, 1 h, no update.
 *
 * #1 logged 30 Oct 10:00, untouched until 2 Nov: its four deadlines passed, and settled, in October.
 *    Dispatched to sun 2 Nov 09:00, resolved 10:00 (3 days = 4320 min after it was logged).
 * #2 normal fault, Finance, 3 Nov 09:00: dispatched to sun 09:05, response 09:10, a progress
 *    update 09:40 (on time), a visit 10:30, resolved 11:00 (all met), closed 4 Nov with ★5 and a call-back.
 * #3 urgent request, HR, 3 Nov 10:00: assigned to li 10:20 (response due 10:10 missed, dispatch
 *    met), escalated 10:25, response 10:30, resolved 15:00 (update due 12:00 and resolution due
 *    14:00 missed). Reclassified as a consultation on 3 December.
 * #4 normal complaint, Finance, 10 Nov 09:00: dispatched to wang 09:20, response 09:25, resolved
 *    12:00 (met, 180 min); reopened 11 Nov 09:00 (resolution now due 17:00, update 13:00), response
 *    10:00, resolved 12 Nov 10:00 (both missed), closed 11:00 with ★2.
 * #5 critical fault, IT, 20 Nov 14:00, never touched: response due 14:05 and resolution due 15:00
 *    pass unmet.
 * #6 normal request, HR, 25 Nov 09:00: dispatched to zhou 09:10, pending 09:15 (the response), a
 *    visit on 26 Nov, still pending.
 * #7 normal consultation, 30 Nov 23:00: response 23:10; closed at first contact 1 Dec 00:30.
 * #8 logged 2 December.
 */
async function writeNovember(store: Store): Promise<void> {
  await logTicket(store, { created_at: at('10-30 10:00'), title: 'Printer offline', type: 'fault', department: 'Finance' });
  await act(store, { id: 1 }, planDispatch({ team: 'desktop', agent: 'sun' }, TEAMS, at('11-02 09:00')), at('11-02 09:00'));
  await act(store, { id: 1 }, planResolve({ solution: 'Reconnected it' }, at('11-02 10:00')), at('11-02 10:00'));

  await logTicket(store, { created_at: at('11-03 09:00'), title: 'Printer jams', channel: 'phone', type: 'fault', department: 'Finance', category: 'hardware/printer' });
  await act(store, { id: 2 }, planDispatch({ team: 'desktop', agent: 'sun' }, TEAMS, at('11-03 09:05')), at('11-03 09:05'));
  await act(store, { id: 2 }, planRespond('Coming over', at('11-03 09:10')), at('11-03 09:10'));
  await act(store, { id: 2 }, planUpdate('Ordering a roller', null, at('11-03 09:40')), at('11-03 09:40'));
  const visit = {
    visited_at: at('11-03 10:30'), visit_date: '2026-11-03', staff: ['sun'], person_times: 1, hours: 0.5, parts: 'roller',
    materials_cents: 3500, transport_cents: 1200, cause: 'Worn roller', opinion: 'Satisfied',
  };
  await act(store, { id: 2 }, planVisit(visit, at('11-03 10:30')), at('11-03 10:30'));
  await act(store, { id: 2 }, planResolve({ solution: 'Replaced the roller' }, at('11-03 11:00')), at('11-03 11:00'));
  await act(store, { id: 2 }, planClose({ satisfaction: 5, callbackNote: 'Works now' }, at('11-04 10:00'), 'li'), at('11-04 10:00'), 'li');

  await logTicket(store, { created_at: at('11-03 10:00'), title: 'New starter account', channel: 'email', type: 'request', urgency: 'urgent', department: 'HR', category: 'account/password' });
  await act(store, { id: 3 }, planAssign('li', TEAMS, at('11-03 10:20')), at('11-03 10:20'), 'li');
  await act(store, { id: 3 }, planEscalate('Director waiting'), at('11-03 10:25'), 'li');
  await act(store, { id: 3 }, planRespond(undefined, at('11-03 10:30')), at('11-03 10:30'), 'li');
  await act(store, { id: 3 }, planResolve({ solution: 'Account created' }, at('11-03 15:00')), at('11-03 15:00'), 'li');

  await logTicket(store, { created_at: at('11-10 09:00'), title: 'Rude answer', channel: 'web', type: 'complaint', department: 'Finance' });
  await act(store, { id: 4 }, planDispatch({ team: 'service-desk', agent: 'wang' }, TEAMS, at('11-10 09:20')), at('11-10 09:20'), 'li');
  await act(store, { id: 4 }, planRespond('Sorry', at('11-10 09:25')), at('11-10 09:25'), 'wang');
  await act(store, { id: 4 }, planResolve({ solution: 'Apologised' }, at('11-10 12:00')), at('11-10 12:00'), 'wang');
  await act(store, { id: 4 }, planReopen('Still unhappy', at('11-11 09:00')), at('11-11 09:00'), 'li');
  await act(store, { id: 4 }, planRespond('Calling you', at('11-11 10:00')), at('11-11 10:00'), 'wang');
  await act(store, { id: 4 }, planResolve({ solution: 'Supervisor called' }, at('11-12 10:00')), at('11-12 10:00'), 'wang');
  await act(store, { id: 4 }, planClose({ satisfaction: 2 }, at('11-12 11:00'), 'wang'), at('11-12 11:00'), 'wang');

  await logTicket(store, { created_at: at('11-20 14:00'), title: 'Core switch down', channel: 'phone', type: 'fault', urgency: 'critical', department: 'IT', category: 'network/core' });

  await logTicket(store, { created_at: at('11-25 09:00'), title: 'Desk phone moved', channel: 'phone', type: 'request', department: 'HR' });
  await act(store, { id: 6 }, planDispatch({ team: 'desktop', agent: 'zhou' }, TEAMS, at('11-25 09:10')), at('11-25 09:10'), 'li');
  await act(store, { id: 6 }, planPending('Waiting for the requester', at('11-25 09:15')), at('11-25 09:15'), 'zhou');
  const second = {
    visited_at: at('11-26 10:00'), visit_date: '2026-11-26', staff: ['zhou', 'sun'], person_times: 2, hours: 1, parts: null,
    materials_cents: 0, transport_cents: 2400, cause: null, opinion: null,
  };
  await act(store, { id: 6 }, planVisit(second, at('11-26 10:00')), at('11-26 10:00'), 'zhou');

  await logTicket(store, { created_at: at('11-30 23:00'), title: 'How to set an out-of-office reply', channel: 'email', type: 'consultation' });
  await act(store, { id: 7 }, planRespond('Looking', at('11-30 23:10')), at('11-30 23:10'), 'li');
}

async function writeDecember(store: Store): Promise<void> {
  await act(store, { id: 7 }, planClose({ solution: 'Explained the setting' }, at('12-01 00:30'), 'li'), at('12-01 00:30'), 'li');
  await logTicket(store, { created_at: at('12-02 10:00'), title: 'Scanner', type: 'fault' });
  await act(store, { id: 3 }, planClassify({ type: 'consultation' }), at('12-03 10:00'), 'li');
}

const NOVEMBER_SUMMARY: MonthSummaryFacts = {
  created: 6, // #2–#7
  resolved: 5, // #1, #2, #3, #4 twice
  closed: 2, // #2, #4
  reopened: 1,
  escalated: 1,
  merged: 0,
  backlog_end: 3, // #5, #6, #7
  created_resolved: 3, // #2, #3, #4
  created_merged: 0,
  sla: {
    response: { met: 4, missed: 2 }, // met #2, #4, #6, #7; missed #3, and #5 passing unmet
    resolution: { met: 2, missed: 3 }, // met #2, #4 once; missed #3, #4 after its reopen, #5
  },
  satisfaction: { distribution: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 }, rated: 2, sum: 7 },
};

const EMPTY_SUMMARY: MonthSummaryFacts = {
  created: 0, resolved: 0, closed: 0, reopened: 0, escalated: 0, merged: 0, backlog_end: 0, created_resolved: 0, created_merged: 0,
  sla: { response: { met: 0, missed: 0 }, resolution: { met: 0, missed: 0 } },
  satisfaction: { distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }, rated: 0, sum: 0 },
};

export function describeMonthFactCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  async function november(): Promise<Store> {
    await writeNovember(fixture.store);
    await writeDecember(fixture.store);
    return fixture.store;
  }

  describe('monthSummaryFacts', () => {
    it('counts the totals and headline rates of the month', async () => {
      const store = await november();
      expect(await store.monthSummaryFacts(NOVEMBER)).toEqual(NOVEMBER_SUMMARY);
    });

    it('counts what settled in the month the same before and after later changes', async () => {
      const store = fixture.store;
      await writeNovember(store);
      const before = await store.monthSummaryFacts(NOVEMBER);
      await writeDecember(store);
      expect(before).toEqual(NOVEMBER_SUMMARY);
      expect(await store.monthSummaryFacts(NOVEMBER)).toEqual(NOVEMBER_SUMMARY);
    });

    it('counts the backlog at the month\'s end from either side of it', async () => {
      const store = await november();
      // 1 November lies nearer the oldest ticket (#1, open then), 1 December the newest (#8).
      expect((await store.monthSummaryFacts(OCTOBER)).backlog_end).toBe(1);
      expect((await store.monthSummaryFacts(NOVEMBER)).backlog_end).toBe(NOVEMBER_SUMMARY.backlog_end);
    });

    it('counts a deadline neither way until it has passed at the report\'s now', async () => {
      const store = await november();
      // Run on 20 Nov 14:30: #5's response (due 14:05) has passed, its resolution (due 15:00) has not.
      const facts = await store.monthSummaryFacts({ ...NOVEMBER, now: at('11-20 14:30') });
      expect(facts.sla).toEqual({ response: { met: 4, missed: 2 }, resolution: { met: 2, missed: 2 } });
    });

    it('counts only the tickets of a team', async () => {
      const store = await november();
      // desktop: #1, #2, #6.
      expect(await store.monthSummaryFacts({ ...NOVEMBER, team: 'desktop' })).toEqual({
        created: 2, resolved: 2, closed: 1, reopened: 0, escalated: 0, merged: 0, backlog_end: 1, created_resolved: 1, created_merged: 0,
        sla: { response: { met: 2, missed: 0 }, resolution: { met: 1, missed: 0 } },
        satisfaction: { distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 1 }, rated: 1, sum: 5 },
      });
    });

    it('counts the settlements a back-dated create brings', async () => {
      const store = fixture.store;
      await logTicket(store, {
        created_at: at('11-16 09:00'), status: 'resolved', team: 'desktop', assignee: 'sun', dispatched_at: at('11-16 09:02'),
        first_response_at: at('11-16 09:45'), resolved_at: at('11-16 12:00'), solution: 'Reset',
      }, { now: at('11-16 13:00') });
      // Response due 09:30 missed; dispatch due 11:00 met; resolution due 17:00 met.
      expect(await store.monthSummaryFacts(NOVEMBER)).toEqual({
        ...EMPTY_SUMMARY, created: 1, resolved: 1, created_resolved: 1,
        sla: { response: { met: 0, missed: 1 }, resolution: { met: 1, missed: 0 } },
      });
    });

    it('counts nothing in an empty store', async () => {
      expect(await fixture.store.monthSummaryFacts(NOVEMBER)).toEqual(EMPTY_SUMMARY);
    });
  });

  describe('monthFacts', () => {
    it('has the summary\'s totals', async () => {
      const store = await november();
      expect(await store.monthFacts(NOVEMBER)).toMatchObject(NOVEMBER_SUMMARY);
    });

    it('breaks the month\'s tickets down as they stood at its end', async () => {
      const store = await november();
      expect((await store.monthFacts(NOVEMBER)).breakdowns).toEqual({
        type: { fault: 2, request: 2, complaint: 1, consultation: 1 },
        urgency: { normal: 4, urgent: 1, critical: 1 },
        channel: { phone: 3, email: 2, web: 1 },
        department: { Finance: 2, HR: 2, IT: 1, '': 1 },
        category: { '': 3, 'hardware/printer': 1, 'account/password': 1, 'network/core': 1 },
        team: { desktop: 2, 'service-desk': 2, '': 2 },
      });
    });

    it('breaks the month\'s tickets down as they stood at its end, however their ids interleave with other months\'', async () => {
      const store = fixture.store;
      // Back-dated creates: November's tickets are #1, #4 and #7, among October's.
      for (const [i, day] of ['11-02', '10-05', '10-06', '11-09', '10-12', '10-13', '11-16'].entries()) {
        await logTicket(store, { created_at: at(`${day} 09:00`), title: `Ticket ${i + 1}`, type: 'fault', department: 'HR' });
      }
      await act(store, { id: 4 }, planClassify({ type: 'request' }), at('12-03 10:00'), 'li');
      await act(store, { id: 7 }, planClassify({ type: 'complaint' }), at('12-03 10:00'), 'li');
      const facts = await store.monthFacts(NOVEMBER);
      expect(facts.breakdowns.type).toEqual({ fault: 3 });
      expect(facts.breakdowns.department).toEqual({ HR: 3 });
      expect(facts.complaints.received).toBe(0);
    });

    it('counts the tickets created each day of the month', async () => {
      const store = await november();
      const created: Record<string, number> = { '2026-11-03': 2, '2026-11-10': 1, '2026-11-20': 1, '2026-11-25': 1, '2026-11-30': 1 };
      expect((await store.monthFacts(NOVEMBER)).created_by_day).toEqual(DAYS.map((d) => ({ date: d.date, count: created[d.date] ?? 0 })));
    });

    it('measures the times to first response and to resolution in minutes', async () => {
      const store = await november();
      // Responses: 10, 10, 15, 25, 30, 4320. Resolutions: 120, 180, 300, 2940, 4320.
      const response = { count: 6, median: 15, p90: 4320 };
      const resolution = { count: 5, median: 300, p90: 4320 };
      expect((await store.monthFacts(NOVEMBER)).durations).toEqual({
        first_response: { wall: response, business: response },
        resolution: { wall: resolution, business: resolution },
      });
    });

    it('counts call-backs and complaints', async () => {
      const store = await november();
      const facts = await store.monthFacts(NOVEMBER);
      expect(facts.callbacks).toBe(1);
      expect(facts.complaints).toEqual({ received: 1, resolved: 1, closed: 1, open: 0, satisfaction_sum: 2, satisfaction_count: 1 });
    });

    it('credits each agent with what they handled, resolved and were rated', async () => {
      const store = await november();
      expect((await store.monthFacts(NOVEMBER)).agents).toEqual([
        { agent: 'sun', handled: 2, resolved: 2, sla_met: 1, sla_missed: 0, satisfaction_sum: 5, satisfaction_count: 1 },
        { agent: 'li', handled: 1, resolved: 1, sla_met: 0, sla_missed: 1, satisfaction_sum: 0, satisfaction_count: 0 },
        { agent: 'wang', handled: 1, resolved: 2, sla_met: 1, sla_missed: 1, satisfaction_sum: 2, satisfaction_count: 1 },
        { agent: 'zhou', handled: 1, resolved: 0, sla_met: 0, sla_missed: 0, satisfaction_sum: 0, satisfaction_count: 0 },
      ]);
    });

    it('counts progress updates on time and missed', async () => {
      const store = await november();
      // On time: #2's. Missed: #3's due 3 Nov 12:00, #4's due 11 Nov 13:00.
      expect((await store.monthFacts(NOVEMBER)).updates).toEqual({ met: 1, missed: 2 });
    });

    it('adds up the month\'s on-site visits', async () => {
      const store = await november();
      expect((await store.monthFacts(NOVEMBER)).field).toEqual({
        visits: 2, person_times: 3, materials_cents: 3500, transport_cents: 3600, days: 2, parts: 1,
        by_team: { desktop: { visits: 2, person_times: 3, materials_cents: 3500, transport_cents: 3600 } },
        by_category: {
          'hardware/printer': { visits: 1, person_times: 1, materials_cents: 3500, transport_cents: 1200 },
          '': { visits: 1, person_times: 2, materials_cents: 0, transport_cents: 2400 },
        },
      });
    });

    it('counts nothing in an empty store', async () => {
      const none = { count: 0, median: null, p90: null };
      expect(await fixture.store.monthFacts(NOVEMBER)).toEqual({
        ...EMPTY_SUMMARY,
        breakdowns: { type: {}, urgency: {}, channel: {}, department: {}, category: {}, team: {} },
        created_by_day: DAYS.map((d) => ({ date: d.date, count: 0 })),
        durations: { first_response: { wall: none, business: none }, resolution: { wall: none, business: none } },
        callbacks: 0,
        complaints: { received: 0, resolved: 0, closed: 0, open: 0, satisfaction_sum: 0, satisfaction_count: 0 },
        agents: [],
        updates: { met: 0, missed: 0 },
        field: { visits: 0, person_times: 0, materials_cents: 0, transport_cents: 0, days: 0, parts: 0, by_team: {}, by_category: {} },
      });
    });
  });
}
