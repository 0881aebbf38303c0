import { describe, expect, it } from 'vitest';
import type { PlanTools } from '../../src/domain/lifecycle.js';
import { planRuleClassify, planRuleDispatch } from '../../src/app/routing.js';
import type { Ticket } from '../../src/domain/ticket.js';
import { TeamDirectory } from '../../src/domain/vocabulary.js';
import { RuleEngine } from '../../src/rules/engine.js';
import { RoutingFileSchema } from '../../src/rules/schema.js';
import { ticketWith } from './ticket-factory.js';

const NOW = Date.UTC(2026, 10, 25, 6, 30);
const EARLIER = Date.UTC(2026, 10, 25, 1, 0);

const TEAMS = new TeamDirectory([
  { key: 'service-desk', name: 'Service desk', supervisor: 'chen', members: ['li', 'wang'] },
  { key: 'desktop', name: 'Desktop support', supervisor: 'zhao', members: ['sun', 'zhou'] },
  { key: 'network', name: 'Network', supervisor: 'qian', members: ['wu', 'zheng'] },
]);

const ENGINE = new RuleEngine(RoutingFileSchema.parse({
  classify: [
    { name: 'printer', when: { keywords: ['打印机', 'printer', '卡纸'] }, set: { type: 'fault', category: 'hardware/printer' } },
    { name: 'outage', when: { regex: '(全部|所有人|everyone).*(无法|cannot|down)' }, set: { urgency: 'critical' } },
  ],
  dispatch: [
    { name: 'critical', when: { urgency: 'critical' }, notify: 'supervisor' },
    { name: 'complaints', when: { type: 'complaint' }, team: 'service-desk', assign: 'chen', notify: 'supervisor' },
    { name: 'hardware', when: { category: 'hardware/*' }, team: 'desktop', assign: 'round-robin' },
    { name: 'network', when: { category: 'network/**' }, team: 'network', with: ['desktop'], assign: 'least-loaded' },
    { name: 'fallback', team: 'service-desk' },
  ],
}));

/** A new, unclassified ticket as the store would hand it over; every field of Ticket, overridable. */
function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  return ticketWith({ id: 7, number: 'SD-202611-00007', created_at: EARLIER, department: 'Finance', title: 'Printer jams on 3F', updated_at: EARLIER, ...overrides });
}

/** The store's assignment state, in memory: the last agent per team's rotation and open tickets per agent. */
function fakeTools(load: Record<string, number> = {}, rotation = new Map<string, string>()): PlanTools & { rotation: Map<string, string> } {
  return {
    rotation,
    async nextInRotation(team, agents) {
      const next = agents[(agents.indexOf(rotation.get(team) ?? '') + 1) % agents.length]!;
      rotation.set(team, next);
      return next;
    },
    openLoad: async (agents) => new Map(agents.filter((a) => load[a] !== undefined).map((a) => [a, load[a]!])),
  };
}

describe('planRuleClassify', async () => {
  it.each([
    {
      case: 'fills an unclassified ticket and names the rule',
      ticket: { title: '三楼打印机卡纸' }, force: false,
      change: { kind: 'classify', patch: { type: 'fault', category: 'hardware/printer', classified_by: 'printer' }, rules: { type: 'printer', category: 'printer' } },
    },
    {
      case: 'names every rule that decided something, in order',
      ticket: { title: 'Everyone cannot print: printer down' }, force: false,
      change: {
        kind: 'classify',
        patch: { type: 'fault', category: 'hardware/printer', urgency: 'critical', classified_by: 'printer,outage' },
        rules: { type: 'printer', category: 'printer', urgency: 'outage' },
      },
    },
    {
      case: 'keeps manual fields and fills the others',
      ticket: { type: 'consultation', urgency: null, classified_by: 'manual', manual_fields: ['type'] }, force: false,
      change: { kind: 'classify', patch: { category: 'hardware/printer', classified_by: 'manual,printer' }, rules: { category: 'printer' } },
    },
    {
      // The urgency a new ticket gets by default is not the operator's choice: the rules may raise it.
      case: 'decides a field the operator did not set, even on a ticket classified by hand',
      ticket: { title: 'Everyone cannot log in, system down', type: 'fault', urgency: 'normal', classified_by: 'manual', manual_fields: ['type'] }, force: false,
      change: { kind: 'classify', patch: { urgency: 'critical', classified_by: 'manual,outage' }, rules: { urgency: 'outage' } },
    },
    {
      case: 'overrides manual fields with --force',
      ticket: { type: 'consultation', urgency: null, classified_by: 'manual', manual_fields: ['type'] }, force: true,
      change: { kind: 'classify', patch: { type: 'fault', category: 'hardware/printer', classified_by: 'printer', manual_fields: [] }, rules: { type: 'printer', category: 'printer' } },
    },
    {
      case: 'replaces what rules decided before',
      ticket: { type: 'request', category: 'hardware/scanner', classified_by: 'scanner' }, force: false,
      change: { kind: 'classify', patch: { type: 'fault', category: 'hardware/printer', classified_by: 'printer' }, rules: { type: 'printer', category: 'printer' } },
    },
    { case: 'returns null when every field is manual', ticket: { type: 'request', category: 'hardware/pc', classified_by: 'manual', manual_fields: ['type', 'category'] }, force: false, change: null },
    { case: 'returns null when the rules decide what the ticket has', ticket: { type: 'fault', category: 'hardware/printer', classified_by: 'printer' }, force: false, change: null },
    { case: 'returns null when no rule matches', ticket: { title: '邮箱满了' }, force: false, change: null },
    { case: 'returns null for a closed ticket', ticket: { status: 'closed' as const }, force: true, change: null },
  ])('$case', async ({ ticket, force, change }) => {
    expect(planRuleClassify(ENGINE, force)(makeTicket(ticket), fakeTools())).toEqual(change);
  });

  it('reports what the rules decided, even when nothing changes', async () => {
    const seen: string[] = [];
    const plan = planRuleClassify(ENGINE, false, (ticket, outcome) => seen.push(`${ticket.number}: ${Object.keys(outcome.decided).join(',')}`));
    plan(makeTicket({ type: 'fault', category: 'hardware/printer', classified_by: 'printer' }), fakeTools());
    expect(seen).toEqual(['SD-202611-00007: type,category']);
  });
});

describe('planRuleDispatch', async () => {
  const dispatch = async (ticket: Partial<Ticket>, tools = fakeTools()) => planRuleDispatch(ENGINE, TEAMS, NOW)(makeTicket(ticket), tools);

  it('dispatches to the team of the first matching rule and records the rule names', async () => {
    expect(await dispatch({ category: 'network/vpn/client' }, fakeTools({ wu: 3, zheng: 1 }))).toEqual({
      kind: 'dispatch',
      patch: { status: 'dispatched', team: 'network', assignee: 'zheng', collaborators: ['desktop'], dispatched_by: 'network', dispatched_at: NOW },
      rules: { team: 'network', collaborators: 'network', assignee: 'network' },
    });
  });

  it('falls back, leaving the ticket unassigned when the rule assigns nobody', async () => {
    expect(await dispatch({ category: 'account/password' })).toEqual({
      kind: 'dispatch',
      patch: { status: 'dispatched', team: 'service-desk', assignee: null, collaborators: [], dispatched_by: 'fallback', dispatched_at: NOW },
      rules: { team: 'fallback' },
    });
  });

  it('rotates round-robin over the members of the team, remembering the last one', async () => {
    const tools = fakeTools();
    const assignees: (string | null | undefined)[] = [];
    for (let i = 0; i < 3; i++) assignees.push((await dispatch({ category: 'hardware/pc' }, tools))?.patch.assignee);
    expect(assignees).toEqual(['sun', 'zhou', 'sun']);
    expect(tools.rotation.get('desktop')).toBe('sun');
    expect((await dispatch({ category: 'hardware/pc' }, fakeTools({}, new Map([['desktop', 'sun']]))))?.patch.assignee).toBe('zhou');
  });

  it.each<{ case: string; ticket: Partial<Ticket>; agent: string }>([
    { case: 'goes back to its last agent, still in the team the rules name', ticket: { status: 'reopened', category: 'hardware/pc', team: 'desktop', assignee: 'zhou' }, agent: 'zhou' },
    { case: 'goes to the rotation when its last agent is not in the team the rules name now', ticket: { status: 'reopened', category: 'hardware/pc', team: 'network', assignee: 'wu' }, agent: 'sun' },
  ])('a reopened ticket $case', async ({ ticket, agent }) => {
    expect((await dispatch(ticket))?.patch).toMatchObject({ status: 'dispatched', team: 'desktop', assignee: agent });
  });

  it.each<{ load: Record<string, number>; agent: string }>([
    { load: { wu: 3, zheng: 1 }, agent: 'zheng' },
    { load: { wu: 0, zheng: 2 }, agent: 'wu' },
    { load: { wu: 2, zheng: 2 }, agent: 'wu' },
    { load: { wu: 1 }, agent: 'zheng' },
    { load: {}, agent: 'wu' },
  ])('least-loaded with open tickets $load picks $agent (ties go to the first member)', async ({ load, agent }) => {
    expect((await dispatch({ category: 'network/wifi' }, fakeTools(load)))?.patch.assignee).toBe(agent);
  });

  it.each([
    { case: 'a complaint', ticket: { type: 'complaint' }, team: 'service-desk', assignee: 'chen', notify: { to: 'chen', team: 'service-desk', rules: ['complaints'] } },
    { case: 'a critical complaint', ticket: { type: 'complaint', urgency: 'critical' }, team: 'service-desk', assignee: 'chen', notify: { to: 'chen', team: 'service-desk', rules: ['critical', 'complaints'] } },
    { case: 'a critical hardware fault', ticket: { category: 'hardware/pc', urgency: 'critical' }, team: 'desktop', assignee: 'sun', notify: { to: 'zhao', team: 'desktop', rules: ['critical'] } },
    { case: 'a normal hardware fault', ticket: { category: 'hardware/pc' }, team: 'desktop', assignee: 'sun', notify: undefined },
  ])('notifies the supervisor of the decided team for $case', async ({ ticket, team, assignee, notify }) => {
    const change = await dispatch(ticket);
    expect([change?.patch.team, change?.patch.assignee]).toEqual([team, assignee]);
    expect(change?.notify).toEqual(notify);
  });

  it('keeps the team the ticket has when no rule decides one', async () => {
    const engine = new RuleEngine(RoutingFileSchema.parse({ dispatch: [{ name: 'vip', when: { department: 'board' }, assign: 'chen' }] }));
    const change = await planRuleDispatch(engine, TEAMS, NOW)(makeTicket({ department: 'Board', team: 'service-desk' }), fakeTools());
    expect(change?.patch).toMatchObject({ team: 'service-desk', assignee: 'chen', dispatched_by: 'vip' });
    expect(change?.rules).toEqual({ assignee: 'vip' });
  });

  it('returns null when no rule decides a team and the ticket has none', async () => {
    const engine = new RuleEngine(RoutingFileSchema.parse({ dispatch: [{ name: 'hardware', when: { category: 'hardware/*' }, team: 'desktop' }] }));
    expect(await planRuleDispatch(engine, TEAMS, NOW)(makeTicket({ category: 'network/vpn' }), fakeTools())).toBeNull();
  });

  it('returns null for a ticket the rules would send where it already is, without turning the rotation', async () => {
    const tools = fakeTools();
    const settled = { status: 'in_progress' as const, category: 'hardware/pc', team: 'desktop', assignee: 'zhou', dispatched_by: 'hardware' };
    expect(await dispatch(settled, tools)).toBeNull();
    expect(tools.rotation.get('desktop')).toBeUndefined();
  });

  it('returns null, keeping a dispatch made by hand, when no rule decides anything', async () => {
    const engine = new RuleEngine(RoutingFileSchema.parse({ dispatch: [{ name: 'hardware', when: { category: 'hardware/*' }, team: 'desktop' }] }));
    const byHand = makeTicket({ status: 'dispatched', category: 'network/vpn', team: 'service-desk', assignee: 'li', dispatched_by: 'manual' });
    expect(await planRuleDispatch(engine, TEAMS, NOW)(byHand, fakeTools())).toBeNull();
  });

  it('reports the decisions: the team, the agent chosen, and whom to tell', async () => {
    const seen: unknown[] = [];
    const report = (_: unknown, decisions: unknown) => seen.push(decisions);
    await planRuleDispatch(ENGINE, TEAMS, NOW, report)(makeTicket({ category: 'hardware/pc' }), fakeTools());
    await planRuleDispatch(ENGINE, TEAMS, NOW, report)(makeTicket({ category: 'network/vpn', urgency: 'critical' }), fakeTools());
    expect(seen).toEqual([
      { decided: { team: { value: 'desktop', rule: 'hardware' }, assignee: { value: 'sun', rule: 'hardware' } }, notify: null },
      {
        decided: { team: { value: 'network', rule: 'network' }, with: { value: ['desktop'], rule: 'network' }, assignee: { value: 'wu', rule: 'network' } },
        notify: { to: 'qian', team: 'network', rules: ['critical'] },
      },
    ]);
  });

  it('reports what classification decided, also for a ticket it leaves as it is', async () => {
    const seen: unknown[] = [];
    const printer = makeTicket({ title: '打印机卡纸', type: 'fault', category: 'hardware/printer', classified_by: 'printer' });
    expect(await planRuleClassify(ENGINE, false, (_, decisions) => seen.push(decisions))(printer, fakeTools())).toBeNull();
    expect(seen).toEqual([{ decided: { type: { value: 'fault', rule: 'printer' }, category: { value: 'hardware/printer', rule: 'printer' } }, notify: null }]);
  });
});
