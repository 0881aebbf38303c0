import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, UsageError } from '../../src/domain/errors.js';
import {
  checkMaySupervise, overdueOrders, parseSupervisionLevel, planSupervise, planSupervisionReply, planUrge, supervisionDue, type SupervisionOrder,
} from '../../src/domain/supervision.js';
import type { Status } from '../../src/domain/ticket.js';
import { TeamDirectory } from '../../src/domain/vocabulary.js';
import { thrown } from './thrown.js';
import { ticketWith } from './ticket-factory.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 25, 6, 30);
const TEAMS = new TeamDirectory([
  { key: 'roads', name: 'Roads', supervisor: 'zhao', members: ['sun', 'zhou'] },
  { key: 'water', name: 'Water', supervisor: 'qian', members: [] },
  { key: 'anyone', name: 'Anyone', supervisor: null, members: [] },
]);

function order(fields: Partial<SupervisionOrder> = {}): SupervisionOrder {
  return { level: 1, team: 'roads', note: 'report', reply_by: NOW + 24 * HOUR, issued_at: NOW - HOUR, issued_by: 'zhao', reply: null, replied_at: null, replied_by: null, ...fields };
}

const ALL: Status[] = ['new', 'dispatched', 'in_progress', 'pending', 'resolved', 'closed', 'reopened'];
const OPEN: Status[] = ['new', 'dispatched', 'in_progress', 'pending', 'reopened'];

describe.each([
  { action: 'supervise', plan: planSupervise({ level: 2, replyBy: NOW + HOUR, note: 'report the date' }, NOW, 'zhao'), accepts: OPEN },
  { action: 'urge', plan: planUrge('rang again'), accepts: OPEN },
  { action: 'reply', plan: planSupervisionReply('booked', NOW, 'sun', TEAMS), accepts: ALL },
])('$action', ({ plan, accepts }) => {
  it.each(ALL)('on a %s ticket', (status) => {
    const ticket = ticketWith({ status, team: 'roads', supervisions: [order()] });
    if (accepts.includes(status)) expect(plan(ticket)).not.toBeNull();
    else expect(thrown(() => plan(ticket))).toBeInstanceOf(InvalidTransitionError);
  });
});

describe('a supervision order', () => {
  it('goes to the ticket\'s team, after the orders already there, and sets the earliest reply time', () => {
    const earlier = order({ reply_by: NOW + 2 * HOUR });
    const change = planSupervise({ level: 3, replyBy: NOW + 5 * HOUR, note: ' report the date ' }, NOW, 'zhao')(ticketWith({ status: 'dispatched', team: 'roads', supervisions: [earlier] }))!;
    expect(change.kind).toBe('supervise');
    expect(change.patch.supervisions).toEqual([
      earlier,
      { level: 3, team: 'roads', note: 'report the date', reply_by: NOW + 5 * HOUR, issued_at: NOW, issued_by: 'zhao', reply: null, replied_at: null, replied_by: null },
    ]);
    expect(change.patch.supervision_due_at).toBe(NOW + 2 * HOUR);
    expect([change.text, change.supervision]).toEqual(['report the date', { level: 3, team: 'roads', reply_by: NOW + 5 * HOUR }]);
  });

  it.each([
    { input: { level: 1, replyBy: NOW, note: 'x' }, message: '--reply-by: that time has already passed' },
    { input: { level: 1, replyBy: NOW + HOUR, note: '  ' }, message: '--note is required and must not be empty' },
  ] as const)('refuses $message', ({ input, message }) => {
    expect(thrown(() => planSupervise(input, NOW, 'zhao'))).toMatchObject({ constructor: UsageError, message });
  });

  it('needs a team to go to', () => {
    const error = thrown(() => planSupervise({ level: 1, replyBy: NOW + HOUR, note: 'x' }, NOW, 'zhao')(ticketWith({ status: 'new' })));
    expect([error.constructor, error.message, error.hint]).toEqual([UsageError, 'SD-202611-00042 has no responsible team yet: a supervision order goes to the team', 'dispatch it first: desk dispatch SD-202611-00042 --team TEAM']);
  });

  it.each([
    { text: '1', level: 1 }, { text: ' 3 ', level: 3 }, { text: '0', level: null }, { text: '4', level: null }, { text: 'key', level: null }, { text: '1.5', level: null },
  ])('reads level $text', ({ text, level }) => {
    if (level === null) expect(thrown(() => parseSupervisionLevel(text)).message).toBe(`--level: "${text}" is not a supervision level`);
    else expect(parseSupervisionLevel(text)).toBe(level);
  });
});

describe('the reply', () => {
  const two = [order({ issued_at: NOW - 3 * HOUR, reply_by: NOW - HOUR }), order({ level: 2, issued_at: NOW - 2 * HOUR, reply_by: NOW + HOUR })];

  it('answers the oldest unanswered order, late here, and the next one sets the reply time', () => {
    const change = planSupervisionReply(' booked ', NOW, 'sun', TEAMS)(ticketWith({ status: 'resolved', team: 'roads', supervisions: two }))!;
    expect(change.patch.supervisions).toEqual([{ ...two[0], reply: 'booked', replied_at: NOW, replied_by: 'sun' }, two[1]]);
    expect(change.patch.supervision_due_at).toBe(NOW + HOUR);
    expect(change.supervision).toEqual({ level: 1, team: 'roads', reply_by: NOW - HOUR, issued_at: NOW - 3 * HOUR, on_time: false });
  });

  it('on time, and the last one leaves no reply time', () => {
    const answered = [{ ...two[0]!, reply: 'booked', replied_at: NOW - 2 * HOUR, replied_by: 'sun' }, two[1]!];
    const change = planSupervisionReply('done', NOW, 'zhao', TEAMS)(ticketWith({ team: 'roads', supervisions: answered }))!;
    expect([change.patch.supervision_due_at, change.supervision?.on_time, change.supervision?.level]).toEqual([null, true, 2]);
  });

  it.each([
    { actor: 'sun', team: 'roads', allowed: true },
    { actor: 'zhao', team: 'roads', allowed: true },
    { actor: 'qian', team: 'roads', allowed: false },
    { actor: 'qian', team: 'water', allowed: true },
    { actor: 'sun', team: 'water', allowed: false },
    { actor: 'anybody', team: 'anyone', allowed: true },
    { actor: 'anybody', team: 'not-in-teams-yaml', allowed: true },
  ])('by $actor for $team: allowed $allowed', ({ actor, team, allowed }) => {
    const plan = planSupervisionReply('booked', NOW, actor, TEAMS);
    const ticket = ticketWith({ team, supervisions: [order({ team })] });
    if (allowed) expect(plan(ticket)?.kind).toBe('supervision_reply');
    else expect(thrown(() => plan(ticket)).message).toBe(`the reply to a supervision order is ${team}'s; ${actor} is not in that team`);
  });

  it('needs an order waiting for it', () => {
    const answered = order({ reply: 'x', replied_at: NOW - HOUR, replied_by: 'sun' });
    for (const supervisions of [[], [answered]]) {
      expect(thrown(() => planSupervisionReply('booked', NOW, 'sun', TEAMS)(ticketWith({ team: 'roads', supervisions }))).message).toBe('SD-202611-00042 has no supervision order waiting for a reply');
    }
  });
});

describe('a reminder', () => {
  it('is counted and names the team', () => {
    const change = planUrge('rang again')(ticketWith({ status: 'in_progress', team: 'roads', urge_count: 2 }))!;
    expect([change.kind, change.patch, change.text, change.supervision]).toEqual(['urge', { urge_count: 3 }, 'rang again', { team: 'roads' }]);
  });
});

describe('who may issue an order', () => {
  it.each([
    { actor: 'zhao', rights: undefined, allowed: true },
    { actor: 'sun', rights: undefined, allowed: false },
    { actor: 'zhao', rights: 'owner', allowed: true },
    { actor: 'owner', rights: 'owner', allowed: false },
    { actor: 'anyrole', rights: 'supervisor', allowed: true },
    { actor: 'zhao', rights: 'operator', allowed: false },
    { actor: 'zhao', rights: 'auditor', allowed: false },
    { actor: 'zhao', rights: null, allowed: false },
  ] as const)('$actor with rights $rights: $allowed', ({ actor, rights, allowed }) => {
    if (allowed) expect(() => checkMaySupervise(actor, rights, TEAMS)).not.toThrow();
    else expect(thrown(() => checkMaySupervise(actor, rights, TEAMS))).toBeInstanceOf(UsageError);
  });
});

describe('orders past their reply time', () => {
  it('are the unanswered ones due before now, earliest first, from every ticket', () => {
    const late = order({ reply_by: NOW - HOUR });
    const later = order({ reply_by: NOW - 2 * HOUR, team: 'water' });
    const a = ticketWith({ id: 1, supervisions: [late, order(), order({ reply_by: NOW - 3 * HOUR, replied_at: NOW - 4 * HOUR, reply: 'x', replied_by: 'sun' })] });
    const b = ticketWith({ id: 2, status: 'closed', supervisions: [later] });
    expect(overdueOrders([a, b], NOW).map((o) => [o.ticket.id, o.order.reply_by])).toEqual([[2, NOW - 2 * HOUR], [1, NOW - HOUR]]);
    expect(supervisionDue(a.supervisions)).toBe(NOW - HOUR);
  });
});
