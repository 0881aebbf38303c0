// The plans of returns and extensions (src/domain/returns.ts, extensions.ts) and the return
// window of the SLA code, table-driven.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { planExtendDecision, planExtendRequest, type ExtensionDecider } from '../../src/domain/extensions.js';
import { planReturn } from '../../src/domain/returns.js';
import type { Ticket } from '../../src/domain/ticket.js';
import { TeamDirectory } from '../../src/domain/vocabulary.js';
import { compileSla, returnWindowEnd } from '../../src/sla/targets.js';
import { thrown } from './thrown.js';
import { ticketWith } from './ticket-factory.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 25, 2, 0); // Wed 25 Nov 10:00 in Shanghai
const teams = new TeamDirectory(
  [
    { key: 'desktop', name: 'Desktop', supervisor: 'zhao', members: ['sun', 'zhou'] },
    { key: 'network', name: 'Network', supervisor: 'qian', members: ['wu'] },
  ],
  'chen',
);
const describeTime = (ms: number) => new Date(ms).toISOString();
const dispatched = (fields: Partial<Ticket> = {}) => ticketWith({ status: 'dispatched', team: 'desktop', assignee: 'sun', dispatched_at: T0, dispatched_by: 'hardware', routed_at: T0, resolve_due_at: T0 + 5 * H, ...fields });

describe('planReturn', () => {
  const returnBy = (actor: string, now: number, ticket = dispatched(), windowEnd: number | null = T0 + 2 * H) =>
    planReturn({ reason: 'Not ours', now, actor, teams, windowEnd: () => windowEnd, describeTime })(ticket);

  it.each([
    { who: 'a member, within the window', actor: 'sun', now: T0 + H },
    { who: 'the team supervisor, at the window\'s last instant', actor: 'zhao', now: T0 + 2 * H },
    { who: 'the desk supervisor, after the window', actor: 'chen', now: T0 + 3 * H },
  ])('lets $who return the ticket', ({ actor, now }) => {
    expect(returnBy(actor, now)).toEqual({
      kind: 'return',
      patch: { status: 'new', team: null, assignee: null, collaborators: [], dispatched_by: null, routed_at: null },
      reason: 'Not ours',
      team: 'desktop',
      dispatchRule: 'hardware',
    });
  });

  it.each([
    { who: 'a member after the window', actor: 'sun', now: T0 + 2 * H + 1, message: "window to return it closed at 2026-11-25T04:00:00.000Z" },
    { who: 'the supervisor of the team after the window', actor: 'zhao', now: T0 + 3 * H, message: 'only the desk supervisor may return it' },
    { who: 'a member of another team', actor: 'wu', now: T0 + H, message: "is team desktop's: only its members or supervisor may return it, and wu is not one of them" },
  ])('refuses $who', ({ actor, now, message }) => {
    const error = thrown(() => returnBy(actor, now));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain(message);
  });

  it('names no dispatch rule for a dispatch by hand, and has no window without one', () => {
    expect(returnBy('sun', T0 + 100 * H, dispatched({ dispatched_by: 'manual' }), null)?.dispatchRule).toBeUndefined();
  });

  it.each(['new', 'pending', 'resolved', 'closed'] as const)('refuses a %s ticket', (status) => {
    expect(thrown(() => returnBy('sun', T0 + H, dispatched({ status })))).toBeInstanceOf(UsageError);
  });
});

describe('planExtendRequest', () => {
  const request = (until: number, ticket = dispatched(), actor = 'sun', now = T0 + H) => planExtendRequest(until, 'Vendor', { now, actor, teams, describeTime })(ticket);

  it('records the time asked for and nothing else', () => {
    expect(request(T0 + 30 * H)).toEqual({ kind: 'extend', patch: { extension_until: T0 + 30 * H }, reason: 'Vendor' });
  });

  it.each([
    { case: 'a time not after the deadline', args: [T0 + 5 * H] as const, message: '--until' },
    { case: 'a second request', args: [T0 + 30 * H, dispatched({ extension_until: T0 + 20 * H })] as const, message: 'already awaits a decision' },
    { case: 'a deadline passed', args: [T0 + 30 * H, dispatched(), 'sun', T0 + 6 * H] as const, message: 'passed unmet' },
    { case: 'a deadline settled missed', args: [T0 + 30 * H, dispatched({ resolve_met: false })] as const, message: 'passed unmet' },
    { case: 'no deadline', args: [T0 + 30 * H, dispatched({ resolve_due_at: null })] as const, message: 'no resolution deadline' },
    { case: 'another team', args: [T0 + 30 * H, dispatched(), 'wu'] as const, message: 'only its members or supervisor may ask' },
    { case: 'a resolved ticket', args: [T0 + 30 * H, dispatched({ status: 'resolved' })] as const, message: 'cannot extend a resolved ticket' },
  ])('refuses $case', ({ args, message }) => {
    expect(thrown(() => request(...(args as unknown as Parameters<typeof request>))).message).toContain(message);
  });
});

describe('planExtendDecision', () => {
  const asked = dispatched({ extension_until: T0 + 30 * H });
  const who = (actor: string, serverSupervisor: boolean | null = null, now = T0 + H): ExtensionDecider => ({ now, actor, teams, describeTime, serverSupervisor });

  it.each([
    { decider: 'the team supervisor', actor: 'zhao', server: null },
    { decider: 'the desk supervisor', actor: 'chen', server: null },
    { decider: 'a supervisor role of the server, whatever teams.yaml says', actor: 'wu', server: true },
  ])('moves the deadline when $decider approves, keeping the original', ({ actor, server }) => {
    expect(planExtendDecision(true, undefined, who(actor, server))(asked)).toEqual({
      kind: 'extend_approve',
      patch: { extension_until: null, resolve_due_at: T0 + 30 * H, original_resolve_due_at: T0 + 5 * H },
      reason: undefined,
    });
  });

  it('keeps the first original deadline through a second extension', () => {
    const again = dispatched({ extension_until: T0 + 40 * H, resolve_due_at: T0 + 30 * H, original_resolve_due_at: T0 + 5 * H });
    expect(planExtendDecision(true, 'ok', who('zhao'))(again)?.patch.original_resolve_due_at).toBe(T0 + 5 * H);
  });

  it('drops the request on a rejection, the deadline unchanged', () => {
    expect(planExtendDecision(false, 'No', who('zhao'))(asked)).toEqual({ kind: 'extend_reject', patch: { extension_until: null }, reason: 'No' });
  });

  it.each([
    { decider: 'the member who asked', actor: 'sun', server: null, message: 'only a supervisor of team desktop' },
    { decider: 'the supervisor of another team', actor: 'qian', server: null, message: "desktop may decide SD-202611-00042's extension; qian is not one" },
    { decider: 'an operator role of the server, though teams.yaml names it', actor: 'zhao', server: false, message: 'the server does not count role zhao one' },
  ])('refuses a decision by $decider', ({ actor, server, message }) => {
    expect(thrown(() => planExtendDecision(true, undefined, who(actor, server))(asked)).message).toContain(message);
    expect(thrown(() => planExtendDecision(false, 'No', who(actor, server))(asked)).message).toContain(message);
  });

  it('refuses an approval once the deadline has passed, a rejection without reason, and a decision with nothing asked', () => {
    expect(thrown(() => planExtendDecision(true, undefined, who('zhao', null, T0 + 6 * H))(asked)).hint).toContain('--reject');
    expect(planExtendDecision(false, 'Too late', who('zhao', null, T0 + 6 * H))(asked)?.kind).toBe('extend_reject');
    expect(thrown(() => planExtendDecision(false, ' ', who('zhao')))).toBeInstanceOf(UsageError);
    expect(thrown(() => planExtendDecision(true, undefined, who('zhao'))(dispatched())).message).toContain('no extension request to decide');
  });
});

describe('returnWindowEnd', () => {
  const sla = (returnWithin?: string) =>
    compileSla(
      {
        calendars: { office: { hours: { wed: ['09:00-12:00', '13:30-18:00'], thu: ['09:00-12:00', '13:30-18:00'] } } },
        targets: {
          normal: { response: '10m', dispatch: '2h', resolve: '24h', calendar: 'office' },
          urgent: { response: '10m', dispatch: '30m', resolve: '4h', calendar: 'office' },
          critical: { response: '5m', dispatch: '10m', resolve: '1h', calendar: 'office' },
        },
        ...(returnWithin && { return_within: returnWithin }),
      },
      'Asia/Shanghai',
    );
  const local = (day: number, h: number, m = 0) => Date.UTC(2026, 10, day, h - 8, m);

  it.each([
    { case: 'within the morning', within: '1h', since: local(25, 10), end: local(25, 11) },
    { case: 'over the lunch break', within: '2h', since: local(25, 11, 45), end: local(25, 15, 15) },
    { case: 'over the night', within: '2h', since: local(25, 17), end: local(26, 10) },
    { case: 'one working day', within: '1d', since: local(25, 10), end: local(26, 10) },
  ])('counts business time from the dispatch to the team: $case', ({ within, since, end }) => {
    expect(returnWindowEnd(sla(within), ticketWith({ routed_at: since, dispatched_at: local(25, 9) }))).toBe(end);
  });

  it('falls back to the dispatch for a ticket routed before routing times were kept, and has no window without return_within', () => {
    expect(returnWindowEnd(sla('1h'), ticketWith({ routed_at: null, dispatched_at: local(25, 10) }))).toBe(local(25, 11));
    expect(returnWindowEnd(sla(), ticketWith({ routed_at: local(25, 10) }))).toBeNull();
    expect(returnWindowEnd(null, ticketWith({ routed_at: local(25, 10) }))).toBeNull();
    expect(returnWindowEnd(sla('1h'), ticketWith({ routed_at: null, dispatched_at: null }))).toBeNull();
  });
});
