import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, UsageError } from '../../src/domain/errors.js';
import {
  assistJson, assistKeys, assistOnTime, collaboratorAssists, overdueAssists, planAssist, planAssistCancel, planAssistReply, readAssists, type Assist, type AssistDue,
} from '../../src/domain/assists.js';
import { changeEvents } from '../../src/domain/change-events.js';
import { forceReason, planClose, planDispatch, planResolve } from '../../src/domain/lifecycle.js';
import type { Status } from '../../src/domain/ticket.js';
import { TeamDirectory } from '../../src/domain/vocabulary.js';
import { thrown } from './thrown.js';
import { ticketWith } from './ticket-factory.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 25, 6, 30);
const TEAMS = new TeamDirectory([
  { key: 'roads', name: 'Roads', supervisor: 'zhao', members: ['sun', 'zhou'] },
  { key: 'water', name: 'Water', supervisor: 'qian', members: ['wu'] },
  { key: 'power', name: 'Power', supervisor: null, members: [] },
]);
// A fixed deadline rule: --due "2h" gives two hours, none gives the target of four.
const DUE: AssistDue = (_, at, duration) => at + (duration === '2h' ? 2 : 4) * HOUR;

function assist(fields: Partial<Assist> = {}): Assist {
  return {
    team: 'water', assignee: null, note: null, due_at: NOW + 4 * HOUR, opened_at: NOW - HOUR, opened_by: 'sun',
    reply: null, replied_at: null, replied_by: null, cancel_reason: null, cancelled_at: null, cancelled_by: null, ...fields,
  };
}

const ALL: Status[] = ['new', 'dispatched', 'in_progress', 'pending', 'resolved', 'closed', 'reopened', 'merged'];
const OPEN: Status[] = ['new', 'dispatched', 'in_progress', 'pending', 'reopened'];
const OPENING = { team: 'water', agent: 'wu', note: 'close the valve', due: '2h' };

describe('opening a sub-task', () => {
  it.each(ALL)('on a %s ticket', (status) => {
    const plan = planAssist(OPENING, NOW, 'sun', TEAMS, DUE);
    const ticket = ticketWith({ status, team: 'roads' });
    if (OPEN.includes(status)) expect(plan(ticket)!.kind).toBe('assist');
    else expect(thrown(() => plan(ticket))).toBeInstanceOf(InvalidTransitionError);
  });

  it('adds the sub-task after the others, due by --due, and makes the team a collaborator', () => {
    const earlier = assist({ team: 'power', replied_at: NOW - 1, reply: 'done', replied_by: 'x' });
    const change = planAssist(OPENING, NOW, 'sun', TEAMS, DUE)(ticketWith({ status: 'in_progress', team: 'roads', assists: [earlier], collaborators: ['power'] }))!;
    expect(change.patch).toEqual({
      assists: [earlier, assist({ assignee: 'wu', note: 'close the valve', due_at: NOW + 2 * HOUR, opened_at: NOW })],
      collaborators: ['power', 'water'],
    });
    expect([change.text, change.assist]).toEqual(['close the valve', { team: 'water', assignee: 'wu', due_at: NOW + 2 * HOUR }]);
  });

  it.each([
    { why: 'the lead team', opening: { ...OPENING, team: 'roads' }, message: 'roads leads SD-202611-00042: a sub-task goes to a collaborating team' },
    { why: 'a team teams.yaml lacks', opening: { ...OPENING, team: 'gas' }, message: '--team: unknown team "gas"' },
    { why: 'an agent of another team', opening: { ...OPENING, agent: 'sun' }, message: expect.stringContaining('sun') },
    { why: 'a second open one', opening: OPENING, open: [assist()], message: 'water already has an open sub-task on SD-202611-00042' },
  ])('refuses $why', ({ opening, open, message }) => {
    const error = thrown(() => planAssist(opening, NOW, 'sun', TEAMS, DUE)(ticketWith({ status: 'dispatched', team: 'roads', assists: open ?? [] })));
    expect([error.constructor, error.message]).toEqual([UsageError, message]);
  });

  it('needs a lead team first', () => {
    const error = thrown(() => planAssist(OPENING, NOW, 'sun', TEAMS, DUE)(ticketWith({ status: 'new' })));
    expect([error.message, error.hint]).toEqual(['SD-202611-00042 has no lead team yet', 'dispatch it first: desk dispatch SD-202611-00042 --team TEAM']);
  });
});

describe('a dispatch naming collaborators', () => {
  const dispatched = (collaborators: string[], before: Partial<Parameters<typeof ticketWith>[0]> = {}) => {
    const ticket = ticketWith({ status: 'new', ...before });
    const change = planDispatch({ team: 'roads', collaborators }, TEAMS, NOW)(ticket)!;
    return collaboratorAssists(ticket, change, NOW, 'li', DUE);
  };

  it.each([
    { given: ['water', 'power'], before: {}, opened: ['water', 'power'] },
    // The lead team is no collaborator of its own ticket.
    { given: ['roads', 'water'], before: {}, opened: ['water'] },
    // A team already collaborating keeps what it has, answered or not.
    { given: ['water', 'power'], before: { collaborators: ['water'] }, opened: ['power'] },
    { given: ['water'], before: { collaborators: ['water'] }, opened: null },
    { given: [], before: {}, opened: null },
  ])('with $given and collaborators $before.collaborators opens $opened', ({ given, before, opened }) => {
    const assists = dispatched(given, before);
    expect(assists?.map((a) => [a.team, a.due_at, a.opened_by])).toEqual(opened?.map((team) => [team, NOW + 4 * HOUR, 'li']));
  });

  it('records each sub-task as an event of its own after the dispatch', () => {
    const ticket = ticketWith({ status: 'new' });
    const change = planDispatch({ team: 'roads', collaborators: ['water'] }, TEAMS, NOW)(ticket)!;
    change.patch.assists = collaboratorAssists(ticket, change, NOW, 'li', DUE)!;
    change.assistsOpened = change.patch.assists;
    const events = changeEvents(ticket, change);
    expect(events.map((e) => e.kind)).toEqual(['dispatch', 'assist']);
    expect(events[0]!.data.changes!.assists).toBeUndefined();
    expect(events[1]!.data).toEqual({ changes: {}, assist: { team: 'water', assignee: null, due_at: NOW + 4 * HOUR } });
  });
});

describe('a reply and a withdrawal', () => {
  const ticket = (status: Status = 'in_progress') => ticketWith({ status, team: 'roads', assists: [assist({ team: 'power' }), assist()] });

  it.each([
    { at: NOW, onTime: true },
    { at: NOW + 5 * HOUR, onTime: false },
  ])('a reply at +$at closes the team\'s sub-task, on time $onTime', ({ at, onTime }) => {
    const change = planAssistReply('water', ' valve closed ', at, 'wu', TEAMS)(ticket())!;
    expect(change.patch.assists![1]).toEqual(assist({ reply: 'valve closed', replied_at: at, replied_by: 'wu' }));
    expect(change.assist).toEqual({ team: 'water', due_at: NOW + 4 * HOUR, opened_at: NOW - HOUR, on_time: onTime });
  });

  it('is given on a ticket in any status, by the team\'s people only', () => {
    expect(planAssistReply('water', 'done', NOW, 'wu', TEAMS)(ticket('resolved'))!.kind).toBe('assist_reply');
    expect(thrown(() => planAssistReply('water', 'done', NOW, 'sun', TEAMS)(ticket())).message).toBe("the reply to a sub-task is water's; sun is not in that team");
    // A team without people in teams.yaml: anyone may answer for it.
    expect(planAssistReply('power', 'done', NOW, 'sun', TEAMS)(ticket())!.kind).toBe('assist_reply');
  });

  it('withdraws with a reason', () => {
    const change = planAssistCancel('water', 'solved without them', NOW, 'sun')(ticket())!;
    expect(change.patch.assists![1]).toEqual(assist({ cancel_reason: 'solved without them', cancelled_at: NOW, cancelled_by: 'sun' }));
    expect([change.kind, change.reason]).toEqual(['assist_cancel', 'solved without them']);
    expect(thrown(() => planAssistCancel('water', ' ', NOW, 'sun'))).toMatchObject({ message: '--reason is required and must not be empty' });
  });

  it('refuses a team without an open sub-task, naming those open', () => {
    const replied = ticketWith({ status: 'in_progress', team: 'roads', assists: [assist({ reply: 'x', replied_at: NOW, replied_by: 'wu' }), assist({ team: 'power' })] });
    const error = thrown(() => planAssistReply('water', 'again', NOW, 'wu', TEAMS)(replied));
    expect([error.message, error.hint]).toEqual(['water has no open sub-task on SD-202611-00042', 'open sub-tasks: power']);
  });
});

describe('resolving with open sub-tasks', () => {
  const ticket = () => ticketWith({ status: 'in_progress', team: 'roads', assists: [assist({ team: 'power', reply: 'ok', replied_at: NOW - 1, replied_by: 'x' }), assist()] });

  it('is refused, naming the teams and the ways on', () => {
    const error = thrown(() => planResolve({ solution: 'fixed' }, NOW)(ticket()));
    expect([error.constructor, error.message]).toEqual([UsageError, 'SD-202611-00042 has open sub-tasks of water: the lead team resolves it once they reply']);
    expect(error.hint).toContain('--force --reason');
    // Closing at first contact resolves too.
    expect(thrown(() => planClose({ solution: 'fixed' }, NOW, 'sun')(ticket())).message).toBe(error.message);
  });

  it('with --force withdraws them with the reason, each an event', () => {
    const change = planResolve({ solution: 'fixed', force: { reason: 'water fixed it by phone', by: 'sun' } }, NOW)(ticket())!;
    const withdrawn = assist({ cancel_reason: 'water fixed it by phone', cancelled_at: NOW, cancelled_by: 'sun' });
    expect(change.patch.assists).toEqual([ticket().assists[0], withdrawn]);
    expect([change.patch.status, change.reason]).toEqual(['resolved', 'water fixed it by phone']);
    const events = changeEvents(ticket(), change);
    expect(events.map((e) => [e.kind, e.data.reason])).toEqual([['resolve', 'water fixed it by phone'], ['assist_cancel', 'water fixed it by phone']]);
    expect(events[1]!.data.assist).toEqual({ team: 'water', due_at: NOW + 4 * HOUR, opened_at: NOW - HOUR });
  });

  it.each([
    { force: false, reason: undefined, gives: undefined },
    { force: true, reason: ' why ', gives: 'why' },
  ])('--force $force --reason $reason gives $gives', ({ force, reason, gives }) => {
    expect(forceReason(force, reason)).toBe(gives);
  });

  it.each([
    { force: true, reason: undefined, message: '--reason is required and must not be empty' },
    { force: false, reason: 'why', message: '--reason goes with --force' },
  ])('refuses --force $force with --reason $reason', ({ force, reason, message }) => {
    expect(thrown(() => forceReason(force, reason)).message).toBe(message);
  });
});

describe('what the stores index and report', () => {
  it.each([
    { assists: [], keys: { teams: [], dueAt: null } },
    { assists: [assist({ team: 'power', due_at: null }), assist({ due_at: NOW })], keys: { teams: ['power', 'water'], dueAt: NOW } },
    { assists: [assist({ reply: 'x', replied_at: NOW, replied_by: 'wu' }), assist({ team: 'power', cancelled_at: NOW, cancel_reason: 'x', cancelled_by: 'y' })], keys: { teams: [], dueAt: null } },
  ])('keys of $assists.length sub-tasks', ({ assists, keys }) => {
    expect(assistKeys(assists)).toEqual(keys);
  });

  it.each([
    { fields: {}, onTime: null },
    { fields: { replied_at: NOW + 4 * HOUR, reply: 'x' }, onTime: true },
    { fields: { replied_at: NOW + 4 * HOUR + 1, reply: 'x' }, onTime: false },
    { fields: { replied_at: NOW, reply: 'x', due_at: null }, onTime: null },
  ])('on time: $onTime', ({ fields, onTime }) => {
    expect(assistOnTime(assist(fields))).toBe(onTime);
  });

  it('lists the open sub-tasks past their deadline, earliest first, of a team when asked', () => {
    const late = ticketWith({ id: 1, assists: [assist({ due_at: NOW - 2 * HOUR }), assist({ team: 'power', due_at: NOW - HOUR })] });
    const other = ticketWith({ id: 2, assists: [assist({ due_at: NOW - 3 * HOUR }), assist({ team: 'power', due_at: NOW + HOUR })] });
    const done = ticketWith({ id: 3, assists: [assist({ due_at: NOW - 5 * HOUR, replied_at: NOW, reply: 'x', replied_by: 'wu' })] });
    expect(overdueAssists([late, other, done], NOW).map((o) => [o.ticket.id, o.assist.team])).toEqual([[2, 'water'], [1, 'water'], [1, 'power']]);
    expect(overdueAssists([late, other, done], NOW, 'power').map((o) => o.ticket.id)).toEqual([1]);
  });

  it('writes and reads back the JSON of an export', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const given = [assist({ assignee: 'wu', note: 'valve', reply: 'closed', replied_at: NOW, replied_by: 'wu' }), assist({ team: 'power', due_at: null, cancel_reason: 'no need', cancelled_at: NOW, cancelled_by: 'sun' })];
    const json = given.map((a) => assistJson(a, iso));
    expect(json[0]).toMatchObject({ state: 'replied', on_time: true, due_at: '2026-11-25T10:30:00.000Z' });
    expect(json[1]).toMatchObject({ state: 'cancelled', on_time: null, due_at: null });
    expect(readAssists(JSON.stringify(json), (text) => Date.parse(text))).toEqual(given);
  });

  it.each([
    { cell: '{}', message: 'expected a list of sub-tasks' },
    { cell: '[{"opened_at":"2026-11-25T06:30:00Z","opened_by":"sun"}]', message: 'sub-task 1: team must be text' },
    { cell: '[{"team":"water","opened_at":"2026-11-25T06:30:00Z","opened_by":"sun","replied_at":"2026-11-25T07:30:00Z"}]', message: 'sub-task 1: reply must be text' },
  ])('refuses an imported cell: $message', ({ cell, message }) => {
    expect(thrown(() => readAssists(cell, (text) => Date.parse(text))).message).toBe(message);
  });
});
