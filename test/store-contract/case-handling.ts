// Returns and extensions as every store counts them: how many of a dispatch rule's tickets came
// back (rules test), and a period's returns by team, extension requests and decisions, and the
// extended deadlines settled in it (the monthly report). Plain elapsed-time SLA of fixtures.ts:
// a normal ticket logged 2 Nov 09:00 is due for resolution at 17:00.
import { describe, expect, it } from 'vitest';
import { planExtendDecision, planExtendRequest } from '../../src/domain/extensions.js';
import { planResolve, type SyncPlan } from '../../src/domain/lifecycle.js';
import { planReturn } from '../../src/domain/returns.js';
import type { FactsQuery } from '../../src/report/facts.js';
import type { Store } from '../../src/store/store.js';
import { act, at, logTicket, TEAMS } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';

const NOVEMBER: FactsQuery = { start: at('11-01 00:00'), end: at('12-01 00:00'), days: [], now: at('12-05 09:00') };
const describeTime = (ms: number) => String(ms);

/** A dispatch as the routing rules make it: the rule that chose the team named in the event. */
const dispatchByRule = (rule: string, team: string, agent: string, now: number): SyncPlan => () => ({
  kind: 'dispatch',
  patch: { status: 'dispatched', team, assignee: agent, dispatched_by: rule, dispatched_at: now },
  rules: { team: rule },
});

const returnBy = (actor: string, now: number) => planReturn({ reason: 'Not ours', now, actor, teams: TEAMS, windowEnd: () => null, describeTime });

async function writeReturns(store: Store): Promise<void> {
  for (let id = 1; id <= 3; id++) await logTicket(store, { created_at: at('11-02 09:00') });
  await act(store, { id: 1 }, dispatchByRule('hardware', 'desktop', 'sun', at('11-02 09:05')), at('11-02 09:05'));
  await act(store, { id: 2 }, dispatchByRule('hardware', 'desktop', 'zhou', at('11-02 09:05')), at('11-02 09:05'));
  await act(store, { id: 3 }, dispatchByRule('vpn', 'network', 'wu', at('11-02 09:05')), at('11-02 09:05'));
  await act(store, { id: 1 }, returnBy('sun', at('11-02 09:30')), at('11-02 09:30'), 'sun');
  await act(store, { id: 3 }, returnBy('wu', at('11-02 09:40')), at('11-02 09:40'), 'wu');
  // Back by hand to desktop, and returned again in December.
  await act(store, { id: 3 }, dispatchByRule('manual', 'desktop', 'sun', at('11-30 09:00')), at('11-30 09:00'));
  await act(store, { id: 3 }, returnBy('sun', at('12-01 09:00')), at('12-01 09:00'), 'sun');
}

export function describeCaseHandlingCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  describe('ruleReturns', () => {
    it.each([
      { rule: 'hardware', dispatched: 2, returned: 1 },
      { rule: 'vpn', dispatched: 1, returned: 1 },
      { rule: 'printer', dispatched: 0, returned: 0 },
    ])('counts the tickets rule $rule dispatched and those of them returned', async ({ rule, dispatched, returned }) => {
      await writeReturns(fixture.store);
      expect(await fixture.store.ruleReturns(rule)).toEqual({ rule, dispatched, returned });
    });
  });

  describe('caseFacts', () => {
    it('counts the returns of the period by the team that made them', async () => {
      await writeReturns(fixture.store);
      expect((await fixture.store.caseFacts(NOVEMBER)).returns).toEqual({ desktop: 1, network: 1 });
      expect((await fixture.store.caseFacts({ ...NOVEMBER, team: 'network' })).returns).toEqual({ network: 1 });
    });

    it('counts requests and decisions, and an extended deadline by how it was met, keeping the original in the settlement', async () => {
      const store = fixture.store;
      for (let id = 1; id <= 3; id++) await logTicket(store, { created_at: at('11-02 09:00'), team: 'desktop', assignee: 'sun', status: 'dispatched', dispatched_at: at('11-02 09:00') });
      const who = (actor: string, now: number) => ({ now, actor, teams: TEAMS, describeTime, serverSupervisor: null });
      // #1: extended to 3 Nov 12:00, resolved 3 Nov 09:00. #2: extended to 2 Nov 18:00, resolved 11:00.
      // #3: asked and rejected.
      for (const [id, until] of [[1, at('11-03 12:00')], [2, at('11-02 18:00')], [3, at('11-04 12:00')]] as const) {
        await act(store, { id }, planExtendRequest(until, 'Vendor', who('sun', at('11-02 10:00'))), at('11-02 10:00'));
      }
      await act(store, { id: 1 }, planExtendDecision(true, undefined, who('zhao', at('11-02 10:30'))), at('11-02 10:30'), 'zhao');
      await act(store, { id: 2 }, planExtendDecision(true, undefined, who('zhao', at('11-02 10:30'))), at('11-02 10:30'), 'zhao');
      await act(store, { id: 3 }, planExtendDecision(false, 'No', who('zhao', at('11-02 10:30'))), at('11-02 10:30'), 'zhao');
      await act(store, { id: 1 }, planResolve({ solution: 'Fixed' }, at('11-03 09:00')), at('11-03 09:00'));
      await act(store, { id: 2 }, planResolve({ solution: 'Fixed' }, at('11-02 11:00')), at('11-02 11:00'));

      const facts = await store.caseFacts(NOVEMBER);
      expect(facts.extensions).toEqual({ requested: 3, approved: 2, rejected: 1, resolved_within_original: 1, resolved_within_extended: 1, missed_extended: 0 });
      expect((await store.getTicket({ id: 1 })).original_resolve_due_at).toBe(at('11-02 17:00'));
      const { rows } = await store.readTable('settlements', null, 100);
      expect(rows.filter((s) => s.kind === 'resolve').map((s) => [s.ticket_id, s.due_at, s.original_due_at, s.met])).toEqual([
        [1, at('11-03 12:00'), at('11-02 17:00'), true],
        [2, at('11-02 18:00'), at('11-02 17:00'), true],
      ]);
      expect((await store.caseFacts({ ...NOVEMBER, team: 'network' })).extensions).toEqual({
        requested: 0, approved: 0, rejected: 0, resolved_within_original: 0, resolved_within_extended: 0, missed_extended: 0,
      });
    });
  });
}
