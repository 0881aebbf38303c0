import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidTransitionError, UsageError } from '../../src/domain/errors.js';
import {
  diffPatch, expectVersion, planAssign, planCallback, planClassify, planClose, planDispatch,
  planEscalate, planNote, planPending, planReopen, planResolve, planRespond, planResume, planUpdate, planVisit, type DispatchInput, type Plan, type SyncPlan,
} from '../../src/domain/lifecycle.js';
import type { PlanTools } from '../../src/domain/lifecycle.js';
import type { Status, Ticket, TicketPatch } from '../../src/domain/ticket.js';
import { TeamDirectory } from '../../src/domain/vocabulary.js';
import { thrown } from './thrown.js';
import { ticketWith } from './ticket-factory.js';

/** The manual plans never ask the store for assignment state. */
const TOOLS: PlanTools = {
  nextInRotation: () => {
    throw new Error('not expected');
  },
  openLoad: () => {
    throw new Error('not expected');
  },
};

const NOW = Date.UTC(2026, 10, 25, 6, 30); // 14:30 in Shanghai
const EARLIER = Date.UTC(2026, 10, 25, 1, 0);

const TEAMS = new TeamDirectory([
  { key: 'service-desk', name: 'Service desk', supervisor: 'chen', members: ['li', 'wang'] },
  { key: 'desktop', name: 'Desktop support', supervisor: 'zhao', members: ['sun', 'zhou'] },
  { key: 'network', name: 'Network', supervisor: 'qian', members: ['wu', 'zheng'] },
]);

/** A ticket as the store would hand it over; every field of Ticket, overridable. */
function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  return ticketWith({
    created_at: EARLIER, department: 'Finance', contact: '13812345678', title: 'Printer jams on 3F',
    impact: 'single', type: 'fault', category: 'hardware/printer', updated_at: EARLIER, ...overrides,
  });
}

const ALL: Status[] = ['new', 'dispatched', 'in_progress', 'pending', 'resolved', 'closed', 'reopened'];
const OPEN: Status[] = ['new', 'dispatched', 'in_progress', 'pending', 'reopened'];

// Which statuses each action accepts; every other status is refused as an invalid transition.
const ACCEPTS: { action: string; plan: SyncPlan; accepts: Status[] }[] = [
  { action: 'classify', plan: planClassify({ type: 'fault' }), accepts: ALL.filter((s) => s !== 'closed') },
  { action: 'dispatch', plan: planDispatch({ team: 'desktop' }, TEAMS, NOW), accepts: OPEN },
  { action: 'assign', plan: planAssign('sun', TEAMS, NOW), accepts: OPEN },
  { action: 'respond', plan: planRespond('On my way', NOW), accepts: OPEN },
  { action: 'note', plan: planNote('Called back'), accepts: ALL },
  { action: 'pending', plan: planPending('Waiting for parts', NOW), accepts: ['dispatched', 'in_progress'] },
  { action: 'resume', plan: planResume(), accepts: ['pending'] },
  { action: 'escalate', plan: planEscalate('Vendor needed'), accepts: OPEN },
  { action: 'resolve', plan: planResolve({ solution: 'Replaced roller' }, NOW), accepts: ['dispatched', 'in_progress', 'pending', 'reopened'] },
  { action: 'close with a solution', plan: planClose({ solution: 'Reset' }, NOW, 'li'), accepts: [...OPEN, 'resolved'] },
  { action: 'callback', plan: planCallback({ note: 'Fine' }, NOW), accepts: ['resolved', 'closed'] },
  { action: 'reopen', plan: planReopen('Jams again', NOW), accepts: ['resolved', 'closed'] },
];

describe.each(ACCEPTS)('$action', ({ plan, accepts }) => {
  it.each(ALL)('on a %s ticket', (status) => {
    const ticket = makeTicket({ status, team: 'desktop' });
    if (accepts.includes(status)) {
      expect(() => plan(ticket, TOOLS)).not.toThrow();
    } else {
      const error = thrown(() => plan(ticket, TOOLS));
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect(error.message.startsWith(`SD-202611-00042 is ${status}: `)).toBe(true);
      expect(error.hint).toMatch(new RegExp(`^allowed from ${status}: `));
    }
  });
});

describe('planClassify', () => {
  it('fills only what was given and marks it manual, leaving the status alone', () => {
    expect(planClassify({ type: 'fault', urgency: 'urgent' })(makeTicket({ status: 'in_progress' }), TOOLS)).toEqual({
      kind: 'classify',
      patch: { classified_by: 'manual', type: 'fault', urgency: 'urgent', manual_fields: ['type', 'urgency'] },
    });
  });
});

describe('planDispatch', () => {
  it.each<{ case: string; ticket: Partial<Ticket>; input: DispatchInput; patch: TicketPatch }>([
    {
      case: 'a new ticket to a team and agent, dropping the primary team from the collaborators',
      ticket: {},
      input: { team: 'desktop', agent: 'sun', collaborators: ['network', 'desktop'] },
      patch: { status: 'dispatched', team: 'desktop', assignee: 'sun', collaborators: ['network'], dispatched_by: 'manual', dispatched_at: NOW },
    },
    {
      case: 'a new ticket to an agent only: the team is the agent’s',
      ticket: {},
      input: { agent: 'wu' },
      patch: { status: 'dispatched', team: 'network', assignee: 'wu', collaborators: [], dispatched_by: 'manual', dispatched_at: NOW },
    },
    {
      case: 'a ticket in progress to another team: keeps its status and first dispatch time, drops a non-member',
      ticket: { status: 'in_progress', team: 'desktop', assignee: 'sun', dispatched_at: EARLIER },
      input: { team: 'network' },
      patch: { status: 'in_progress', team: 'network', assignee: null, collaborators: [], dispatched_by: 'manual', dispatched_at: EARLIER },
    },
    {
      case: 'a pending ticket to a team the assignee supervises: keeps the assignee',
      ticket: { status: 'pending', team: 'service-desk', assignee: 'zhao', collaborators: ['network'], dispatched_at: EARLIER },
      input: { team: 'desktop' },
      patch: { status: 'pending', team: 'desktop', assignee: 'zhao', collaborators: ['network'], dispatched_by: 'manual', dispatched_at: EARLIER },
    },
    {
      case: 'a reopened ticket back to its own team',
      ticket: { status: 'reopened', team: 'desktop', assignee: 'zhou', dispatched_at: EARLIER },
      input: {},
      patch: { status: 'dispatched', team: 'desktop', assignee: 'zhou', collaborators: [], dispatched_by: 'manual', dispatched_at: EARLIER },
    },
  ])('$case', ({ ticket, input, patch }) => {
    expect(planDispatch(input, TEAMS, NOW)(makeTicket(ticket), TOOLS)).toEqual({ kind: 'dispatch', patch });
  });

  it('refuses a ticket without a team when none is given', () => {
    const error = thrown(() => planDispatch({}, TEAMS, NOW)(makeTicket(), TOOLS));
    expect([error.constructor, error.message]).toEqual([UsageError, 'dispatch needs a team']);
  });
});

describe('planAssign', () => {
  it.each([
    {
      case: 'a new ticket: dispatched to the agent’s team',
      ticket: {},
      agent: 'zhou',
      patch: { assignee: 'zhou', team: 'desktop', status: 'dispatched', dispatched_by: 'manual', dispatched_at: NOW },
    },
    {
      case: 'a ticket in progress: only the assignee changes',
      ticket: { status: 'in_progress', team: 'desktop', assignee: 'sun', dispatched_at: EARLIER },
      agent: 'zhou',
      patch: { assignee: 'zhou', team: 'desktop', status: 'in_progress' },
    },
    {
      case: 'a reopened ticket: dispatched again, first dispatch time kept',
      ticket: { status: 'reopened', team: 'desktop', dispatched_at: EARLIER },
      agent: 'sun',
      patch: { assignee: 'sun', team: 'desktop', status: 'dispatched', dispatched_by: 'manual', dispatched_at: EARLIER },
    },
  ] as const)('$case', ({ ticket, agent, patch }) => {
    expect(planAssign(agent, TEAMS, NOW)(makeTicket(ticket), TOOLS)).toEqual({ kind: 'assign', patch });
  });
});

describe('planRespond', () => {
  it.each([
    { case: 'first response on a dispatched ticket starts the work', ticket: { status: 'dispatched' }, message: ' On my way ', patch: { first_response_at: NOW, status: 'in_progress' }, text: 'On my way' },
    { case: 'a new ticket records the response but stays new', ticket: { status: 'new' }, message: undefined, patch: { first_response_at: NOW }, text: undefined },
    { case: 'a later response keeps the first response time', ticket: { status: 'in_progress', first_response_at: EARLIER }, message: '   ', patch: {}, text: undefined },
  ] as const)('$case', ({ ticket, message, patch, text }) => {
    expect(planRespond(message, NOW)(makeTicket(ticket), TOOLS)).toEqual({ kind: 'respond', patch, text });
  });
});

describe('plans that need words', () => {
  it.each([
    { action: 'note', make: () => planNote('   '), flag: 'the note text' },
    { action: 'pending', make: () => planPending(undefined, NOW), flag: '--reason' },
    { action: 'escalate', make: () => planEscalate(' '), flag: '--reason' },
    { action: 'resolve', make: () => planResolve({ steps: 'Looked' }, NOW), flag: '--solution' },
    { action: 'reopen', make: () => planReopen('', NOW), flag: '--reason' },
  ])('$action refuses empty $flag before looking at any ticket', ({ make, flag }) => {
    const error = thrown(make);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`${flag} is required and must not be empty`);
  });

  it.each([
    { action: 'note', plan: planNote('  Vendor booked  '), status: 'closed', change: { kind: 'note', patch: {}, text: 'Vendor booked' } },
    { action: 'pending', plan: planPending(' Waiting for parts ', NOW), status: 'in_progress', change: { kind: 'pending', patch: { status: 'pending', first_response_at: NOW }, reason: 'Waiting for parts' } },
    { action: 'resume', plan: planResume(), status: 'pending', change: { kind: 'resume', patch: { status: 'in_progress' } } },
    {
      action: 'escalate', plan: planEscalate('Vendor visit needed'), status: 'dispatched',
      change: { kind: 'escalate', patch: { escalated: true, escalation_reason: 'Vendor visit needed' }, reason: 'Vendor visit needed' },
    },
    {
      action: 'resolve', plan: planResolve({ solution: ' Replaced roller ', steps: 'Opened tray', remaining: 'none' }, NOW), status: 'pending',
      change: { kind: 'resolve', patch: { status: 'resolved', resolved_at: NOW, first_response_at: NOW, solution: 'Replaced roller', steps: 'Opened tray', remaining: 'none' } },
    },
    {
      action: 'callback', plan: planCallback({ note: 'Happy now', satisfaction: 4 }, NOW), status: 'resolved',
      change: {
        kind: 'callback', patch: { callback_attempts: 1, callback_outcome: 'reached', callback_at: NOW, callback_note: 'Happy now', satisfaction: 4, rated_at: NOW },
        text: 'Happy now', outcome: 'reached',
      },
    },
  ] as const)('$action on a $status ticket', ({ plan, status, change }) => {
    expect(plan(makeTicket({ status }), TOOLS)).toEqual(change);
  });

  it('resume names the only status it accepts', () => {
    expect(thrown(() => planResume()(makeTicket({ status: 'in_progress' }), TOOLS)).message).toBe('SD-202611-00042 is in_progress: only a pending ticket can resume');
  });
});

describe('times that cannot be', () => {
  it.each<{ case: string; plan: SyncPlan; message: string }>([
    { case: 'a promised resolution before the ticket was logged', plan: planUpdate('On it', EARLIER - 60_000, NOW), message: '--eta: the promised resolution would be before SD-202611-00042 was logged' },
    {
      case: 'a visit before the ticket was logged',
      plan: planVisit({ visited_at: EARLIER - 86_400_000, visit_date: '2026-11-24', staff: ['sun'], person_times: 1, hours: null, parts: null, materials_cents: 0, transport_cents: 0, cause: null, opinion: null }, NOW),
      message: '--date: the visit would be before SD-202611-00042 was logged',
    },
  ])('refuses $case', ({ plan, message }) => {
    const error = thrown(() => plan(makeTicket({ status: 'in_progress', created_at: EARLIER }), TOOLS));
    expect([error.constructor, error.message]).toEqual([UsageError, message]);
  });
});

describe('an agent outside the ticket\'s teams', () => {
  it.each<{ case: string; plan: SyncPlan; ticket: Partial<Ticket>; refused: string | null }>([
    { case: 'assign refuses an agent of another team, naming their teams', plan: planAssign('wu', TEAMS, NOW), ticket: { status: 'dispatched', team: 'desktop' }, refused: "--to: wu is not in team desktop (wu's teams: network)" },
    { case: 'assign takes an agent of a collaborating team', plan: planAssign('wu', TEAMS, NOW), ticket: { status: 'dispatched', team: 'desktop', collaborators: ['network'] }, refused: null },
    { case: 'assign with --force records it anyway', plan: planAssign('wu', TEAMS, NOW, true), ticket: { status: 'dispatched', team: 'desktop' }, refused: null },
    { case: 'assign on a ticket without a team takes the agent and their team', plan: planAssign('wu', TEAMS, NOW), ticket: { status: 'new' }, refused: null },
    { case: 'dispatch by hand refuses --to outside --team', plan: planDispatch({ team: 'desktop', agent: 'wu' }, TEAMS, NOW), ticket: { status: 'new' }, refused: "--to: wu is not in team desktop (wu's teams: network)" },
    { case: 'dispatch by hand with --force', plan: planDispatch({ team: 'desktop', agent: 'wu', force: true }, TEAMS, NOW), ticket: { status: 'new' }, refused: null },
  ])('$case', ({ plan, ticket, refused }) => {
    if (refused === null) expect(plan(makeTicket(ticket), TOOLS)?.patch.assignee).toBe('wu');
    else {
      const error = thrown(() => plan(makeTicket(ticket), TOOLS));
      expect([error.constructor, error.message, error.hint]).toEqual([UsageError, refused, 'assign someone of desktop (sun, zhou), or give --force to record it anyway']);
    }
  });
});

describe('planClose', () => {
  it('closes a resolved ticket with the rating and call-back', () => {
    expect(planClose({ satisfaction: 5, callbackNote: 'Works now' }, NOW, 'li')(makeTicket({ status: 'resolved', resolved_at: EARLIER, solution: 'Roller' }), TOOLS)).toEqual({
      kind: 'close',
      patch: { status: 'closed', closed_at: NOW, satisfaction: 5, rated_at: NOW, callback_at: NOW, callback_note: 'Works now', callback_attempts: 1, callback_outcome: 'reached' },
    });
  });

  it.each(OPEN)('responds to, resolves and closes a %s ticket at once when solved at first contact, by the closer', (status) => {
    const change = planClose({ solution: ' Reset the password ', steps: 'Checked identity' }, NOW, 'li')(makeTicket({ status }), TOOLS);
    expect(change).toEqual({
      kind: 'close',
      patch: { status: 'closed', closed_at: NOW, resolved_at: NOW, first_response_at: NOW, assignee: 'li', solution: 'Reset the password', steps: 'Checked identity' },
    });
  });

  it('keeps the first response and the assignee a ticket closed at first contact already has', () => {
    const change = planClose({ solution: 'Reset' }, NOW, 'li')(makeTicket({ status: 'in_progress', first_response_at: EARLIER, assignee: 'sun' }), TOOLS);
    expect(change?.patch).toEqual({ status: 'closed', closed_at: NOW, resolved_at: NOW, solution: 'Reset' });
  });

  it.each(OPEN)('asks for --solution to close a %s ticket', (status) => {
    const error = thrown(() => planClose({ solution: '  ' }, NOW, 'li')(makeTicket({ status }), TOOLS));
    expect(error).toBeInstanceOf(UsageError);
    expect(error).not.toBeInstanceOf(InvalidTransitionError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`SD-202611-00042 is ${status}, not resolved: closing it needs --solution`);
    expect(error.hint).toBe('or resolve it first: desk resolve N --solution "…"');
  });

  it('refuses to close a closed ticket again', () => {
    const error = thrown(() => planClose({ solution: 'x' }, NOW, 'li')(makeTicket({ status: 'closed' }), TOOLS));
    expect([error.constructor, error.message, error.hint]).toEqual([
      InvalidTransitionError, 'SD-202611-00042 is closed: cannot close it again', 'allowed from closed: reopened (desk reopen)',
    ]);
  });
});

describe('planReopen', () => {
  it.each([
    { status: 'resolved', before: 0, after: 1 },
    { status: 'closed', before: 2, after: 3 },
  ] as const)('counts the reopen of a $status ticket ($before → $after), clears the outcome and keeps the cycle it ends', ({ status, before, after }) => {
    const closedAt = status === 'closed' ? EARLIER + 60_000 : null;
    const ticket = makeTicket({
      status, reopen_count: before, resolved_at: EARLIER, closed_at: closedAt, team: 'desktop', assignee: 'sun', type: 'fault',
      satisfaction: 4, rated_at: EARLIER, callback_at: EARLIER, callback_note: 'Fine', callback_attempts: 2, callback_outcome: 'reached', resolve_business_ms: 3_600_000,
    });
    expect(planReopen('Jams again', NOW)(ticket, TOOLS)).toEqual({
      kind: 'reopen',
      patch: {
        status: 'reopened', reopen_count: after, reopened_at: NOW, resolved_at: null, closed_at: null,
        satisfaction: null, rated_at: null, callback_at: null, callback_note: null, callback_attempts: 0, callback_outcome: null, escalation_tier: 0,
      },
      reason: 'Jams again',
      closedCycle: {
        cycle: before, created_at: ticket.created_at, resolved_at: EARLIER, closed_at: closedAt, reopened_at: NOW,
        satisfaction: 4, rated_at: EARLIER, callback_at: EARLIER, team: 'desktop', assignee: 'sun', type: 'fault', resolve_business_ms: 3_600_000,
      },
    });
  });
});

describe('expectVersion', () => {
  const describeTime = () => '2026-11-25 14:30';
  const seen = makeTicket({ status: 'dispatched', version: 5, updated_by: 'wang', updated_at: NOW });

  it('runs the plan when the ticket is as the operator saw it', () => {
    expect(expectVersion(planEscalate('Vendor'), 5, describeTime)(seen, TOOLS)).toEqual({
      kind: 'escalate', patch: { escalated: true, escalation_reason: 'Vendor' }, reason: 'Vendor',
    });
  });

  it('stops with a conflict naming who changed the ticket and when', () => {
    const error = thrown(() => expectVersion(planEscalate('Vendor'), 4, describeTime)(seen, TOOLS));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe('SD-202611-00042 was changed by wang at 2026-11-25 14:30 (version 5, you had 4)');
    expect(error.hint).toBe('look again with `desk show SD-202611-00042` and redo your change');
  });
});

describe('diffPatch', () => {
  const ticket = makeTicket({ status: 'in_progress', team: 'desktop', collaborators: ['network'] });
  it.each<{ case: string; patch: TicketPatch; changes: Record<string, [unknown, unknown]> }>([
    { case: 'an empty patch', patch: {}, changes: {} },
    { case: 'fields set to what they already are', patch: { status: 'in_progress', team: 'desktop', collaborators: ['network'] }, changes: {} },
    {
      case: 'real changes, with before and after',
      patch: { status: 'resolved', team: 'desktop', escalated: true, solution: 'Roller', collaborators: ['network', 'service-desk'] },
      changes: { status: ['in_progress', 'resolved'], escalated: [false, true], solution: [null, 'Roller'], collaborators: [['network'], ['network', 'service-desk']] },
    },
  ])('$case', ({ patch, changes }) => {
    expect(diffPatch(ticket, patch)).toEqual(changes);
  });
});

describe('planCallback: every attempt counted, only a reached one is the call-back', () => {
  const resolved = { status: 'resolved', resolved_at: EARLIER } as const;
  it.each<{ case: string; input: Parameters<typeof planCallback>[0]; ticket: Partial<Ticket>; patch: TicketPatch; text?: string }>([
    {
      case: 'no outcome is a reached call-back, as it always was',
      input: { note: 'Works now' }, ticket: resolved,
      patch: { callback_attempts: 1, callback_outcome: 'reached', callback_at: NOW, callback_note: 'Works now' }, text: 'Works now',
    },
    {
      case: 'an unreachable attempt counts and keeps its note in the trail only',
      input: { outcome: 'unreachable', note: 'No answer' }, ticket: resolved,
      patch: { callback_attempts: 1, callback_outcome: 'unreachable' }, text: 'No answer',
    },
    {
      case: 'a refusal after two failed attempts is the third',
      input: { outcome: 'refused' }, ticket: { ...resolved, callback_attempts: 2, callback_outcome: 'unreachable' },
      patch: { callback_attempts: 3, callback_outcome: 'refused' },
    },
    {
      case: 'reached at the third attempt, with the rating',
      input: { outcome: 'reached', satisfaction: 4 }, ticket: { status: 'closed', callback_attempts: 2, callback_outcome: 'refused' },
      patch: { callback_attempts: 3, callback_outcome: 'reached', callback_at: NOW, satisfaction: 4, rated_at: NOW },
    },
  ])('$case', ({ input, ticket, patch, text }) => {
    expect(planCallback(input, NOW)(makeTicket(ticket), TOOLS)).toEqual({ kind: 'callback', patch, text, outcome: input.outcome ?? 'reached' });
  });

  it.each(['unreachable', 'refused'] as const)('refuses a rating from a %s call-back before looking at any ticket', (outcome) => {
    const error = thrown(() => planCallback({ outcome, satisfaction: 5 }, NOW));
    expect([error.constructor, error.message, error.hint]).toEqual([UsageError, `--satisfaction: the call-back was ${outcome}: only a reached one has a rating`, 'record the attempt without --satisfaction, or give --outcome reached']);
  });

  it.each<{ case: string; plan: SyncPlan }>([
    { case: 'another reached call-back', plan: planCallback({ satisfaction: 1 }, NOW) },
    { case: 'a failed attempt', plan: planCallback({ outcome: 'unreachable' }, NOW) },
    { case: 'a close with --callback', plan: planClose({ callbackNote: 'Again' }, NOW, 'li') },
  ])('once reached, refuses $case (exit 4), keeping the first', ({ plan }) => {
    const error = thrown(() => plan(makeTicket({ status: 'resolved', callback_at: EARLIER, callback_attempts: 2, callback_outcome: 'reached', satisfaction: 5 }), TOOLS));
    expect([error.constructor, error.message, error.hint]).toEqual([
      ConflictError, 'SD-202611-00042 was called back already, reached at attempt 2: a resolution has one call-back', 'add what the requester said with `desk note SD-202611-00042 "…"`',
    ]);
  });
});

describe('planEscalate', () => {
  it('escalates an escalated ticket again: the reason is the latest, the first stays in its event', () => {
    expect(planEscalate('Vendor late')(makeTicket({ status: 'in_progress', escalated: true, escalation_reason: 'Vendor needed' }), TOOLS)).toEqual({
      kind: 'escalate', patch: { escalated: true, escalation_reason: 'Vendor late' }, reason: 'Vendor late',
    });
  });
});
