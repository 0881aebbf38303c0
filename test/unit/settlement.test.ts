// Each deadline settles once (DESIGN.md "SLA"): the settlement rules played through the SLA clock
// with hand-worked instants on a 24×7 calendar in Shanghai, so every due time is plain addition.
import { describe, expect, it } from 'vitest';
import { planClassify, planClose, planDispatch, planPending, planReopen, planResolve, planRespond, planResume, planUpdate, type Plan, type PlanTools } from '../../src/domain/lifecycle.js';
import { missedBy, settledByTimes, type Settlement } from '../../src/domain/settlement.js';
import { startClock, withClock } from '../../src/app/ticket-clock.js';
import type { NewTicket, Ticket } from '../../src/domain/ticket.js';
import { TeamDirectory } from '../../src/domain/vocabulary.js';
import { readHistory } from '../../src/importer/complete-ticket.js';
import type { ImportTicket } from '../../src/store/store.js';
import { compileSla } from '../../src/sla/targets.js';
import { ticketWith } from './ticket-factory.js';

const SLA = compileSla(
  {
    timezone: 'Asia/Shanghai',
    calendars: { always: '24x7' },
    targets: {
      normal: { response: '10m', dispatch: '30m', resolve: '2h', update: '1h', calendar: 'always' },
      urgent: { response: '10m', dispatch: '30m', resolve: '1h', calendar: 'always' },
      critical: { response: '5m', dispatch: '10m', resolve: '30m', calendar: 'always' },
    },
  },
  'Asia/Shanghai',
);

const TEAMS = new TeamDirectory([{ key: 'desktop', name: 'Desktop', supervisor: 'zhao', members: ['sun', 'zhou'] }]);
const TOOLS: PlanTools = {
  nextInRotation: () => {
    throw new Error('not expected');
  },
  openLoad: () => {
    throw new Error('not expected');
  },
};

/** 25 November 2026 at HH:MM in Shanghai ("+1 HH:MM" the day after). */
const at = (time: string) => {
  const [day, clock] = time.startsWith('+1 ') ? ['26', time.slice(3)] : ['25', time];
  return Date.parse(`2026-11-${day}T${clock}:00+08:00`);
};
const hhmm = (ms: number) => {
  const local = new Date(ms + 8 * 3_600_000);
  const clock = local.toISOString().slice(11, 16);
  return local.getUTCDate() === 25 ? clock : `+1 ${clock}`;
};

type Row = [kind: string, cycle: number, due: string, settled: string, met: boolean, agent: string | null];
const rows = (settlements: readonly Settlement[]): Row[] => settlements.map((s) => [s.kind, s.cycle, hhmm(s.due_at), hhmm(s.settled_at), s.met, s.agent]);

/** Creates a ticket at 10:00 and applies each step at its time through the SLA clock, as the desk does. */
async function play(start: Partial<Ticket>, steps: [string, Plan][]) {
  const created = startClock(SLA, ticketWith({ created_at: at('10:00'), ...start }) as NewTicket);
  let ticket = created.ticket as Ticket;
  const settled = [...created.settlements];
  for (const [time, plan] of steps) {
    const change = await withClock(plan, SLA, at(time))(ticket, TOOLS);
    if (!change) continue;
    ticket = { ...ticket, ...change.bookkeeping, ...change.patch };
    settled.push(...(change.settlements ?? []));
  }
  return { ticket, settled: rows(settled) };
}

const ASSIGNED = { status: 'dispatched', team: 'desktop', assignee: 'sun', dispatched_at: at('10:00') } as const;

describe('settling deadlines', async () => {
  it.each<{ case: string; start: Partial<Ticket>; steps: [string, Plan][]; settled: Row[] }>([
    {
      case: 'a response on time is met when it is given',
      start: ASSIGNED,
      steps: [['10:05', planRespond(undefined, at('10:05'))]],
      settled: [['dispatch', 0, '10:30', '10:00', true, 'sun'], ['response', 0, '10:10', '10:05', true, 'sun']],
    },
    {
      case: 'a late response is missed at its due time, not when it comes',
      start: ASSIGNED,
      steps: [['10:30', planRespond(undefined, at('10:30'))]],
      settled: [['dispatch', 0, '10:30', '10:00', true, 'sun'], ['response', 0, '10:10', '10:10', false, 'sun']],
    },
    {
      case: 'a walk-in closed at once is responded to and resolved then, credited to the operator, and needed no dispatch',
      start: {},
      steps: [['10:03', planClose({ solution: 'Reset the password' }, at('10:03'), 'li')]],
      settled: [['response', 0, '10:10', '10:03', true, 'li'], ['resolve', 0, '12:00', '10:03', true, 'li'], ['dispatch', 0, '10:30', '10:03', true, 'li']],
    },
    {
      case: 'a pause before the deadline moves it by the time pending: resolved within the moved one is met',
      start: ASSIGNED,
      // Resolve due 12:00; pending 10:10–13:10 moves it 3 h to 15:00.
      steps: [['10:05', planRespond(undefined, at('10:05'))], ['10:10', planPending('Waiting for the requester', at('10:10'))], ['13:10', planResume()], ['14:00', planResolve({ solution: 'Fixed' }, at('14:00'))]],
      settled: [['dispatch', 0, '10:30', '10:00', true, 'sun'], ['response', 0, '10:10', '10:05', true, 'sun'], ['resolve', 0, '15:00', '14:00', true, 'sun']],
    },
    {
      case: 'a deadline passed before the pause is missed then, and the pause does not move it',
      start: ASSIGNED,
      // The progress update owed an hour after creation had passed too.
      steps: [['10:05', planRespond(undefined, at('10:05'))], ['12:30', planPending('Waiting for parts', at('12:30'))], ['14:00', planResume()], ['14:30', planResolve({ solution: 'Fixed' }, at('14:30'))]],
      settled: [['dispatch', 0, '10:30', '10:00', true, 'sun'], ['response', 0, '10:10', '10:05', true, 'sun'], ['resolve', 0, '12:00', '12:00', false, 'sun'], ['update', 0, '11:00', '11:00', false, 'sun']],
    },
    {
      case: 'a reopen starts a new resolution deadline from the reopen; each cycle settles once',
      start: ASSIGNED,
      // Cycle 0: resolved 11:00, met (due 12:00). Reopened 12:00: due 14:00; resolved 15:00: missed at 14:00.
      steps: [
        ['10:05', planRespond(undefined, at('10:05'))],
        ['11:00', planResolve({ solution: 'Cable' }, at('11:00'))],
        ['12:00', planReopen('Flickers again', at('12:00'))],
        ['12:10', planDispatch({ team: 'desktop', agent: 'sun' }, TEAMS, at('12:10'))],
        ['12:15', planRespond(undefined, at('12:15'))],
        ['15:00', planResolve({ solution: 'New screen' }, at('15:00'))],
      ],
      // The reopen also owes a progress update an hour on (13:00), which none came to meet.
      settled: [
        ['dispatch', 0, '10:30', '10:00', true, 'sun'], ['response', 0, '10:10', '10:05', true, 'sun'], ['resolve', 0, '12:00', '11:00', true, 'sun'],
        ['resolve', 1, '14:00', '14:00', false, 'sun'], ['update', 1, '13:00', '13:00', false, 'sun'],
      ],
    },
    {
      case: 'a progress update is the first response, and answers the update deadline',
      start: ASSIGNED,
      steps: [['10:05', planUpdate('Looking into it', null, at('10:05'))]],
      settled: [['dispatch', 0, '10:30', '10:00', true, 'sun'], ['update', 0, '11:00', '10:05', true, 'sun'], ['response', 0, '10:10', '10:05', true, 'sun']],
    },
    {
      case: 'a deadline settled before a change of urgency keeps its due time; running ones follow the new target',
      start: ASSIGNED,
      // At 10:20 the response (due 10:10) was missed; critical: resolve due 10:30 instead of 12:00.
      steps: [['10:20', planClassify({ urgency: 'critical' })], ['10:40', planRespond(undefined, at('10:40'))], ['10:50', planResolve({ solution: 'Done' }, at('10:50'))]],
      settled: [['dispatch', 0, '10:30', '10:00', true, 'sun'], ['response', 0, '10:10', '10:10', false, 'sun'], ['resolve', 0, '10:30', '10:30', false, 'sun']],
    },
    {
      case: 'the dispatch is charged to nobody when nobody held the ticket',
      start: {},
      steps: [['11:00', planDispatch({ team: 'desktop', agent: 'zhou' }, TEAMS, at('11:00'))]],
      settled: [['response', 0, '10:10', '10:10', false, null], ['dispatch', 0, '10:30', '10:30', false, null]],
    },
  ])('$case', async ({ start, steps, settled }) => {
    expect((await play(start, steps)).settled).toEqual(settled);
  });

  it('a reopen clears the rating and gives the new cycle its own deadline', async () => {
    const { ticket } = await play(ASSIGNED, [
      ['10:05', planRespond(undefined, at('10:05'))],
      ['11:00', planClose({ solution: 'Cable', satisfaction: 5 }, at('11:00'), 'sun')],
      ['12:00', planReopen('Flickers again', at('12:00'))],
    ]);
    expect([ticket.status, ticket.satisfaction, ticket.resolve_met, hhmm(ticket.resolve_due_at!), ticket.reopened_at === at('12:00')]).toEqual(['reopened', null, null, '14:00', true]);
  });

  it('resume moves the update deadline by the pause like every running deadline', async () => {
    // Update due 11:00; pending 10:30–12:30 moves it to 13:00.
    const { ticket } = await play(ASSIGNED, [['10:05', planRespond(undefined, at('10:05'))], ['10:30', planPending('Waiting', at('10:30'))], ['12:30', planResume()]]);
    expect([hhmm(ticket.update_due_at!), hhmm(ticket.resolve_due_at!)]).toEqual(['13:00', '14:00']);
  });
});

describe('missedBy', async () => {
  const due = { response_due_at: at('10:10'), dispatch_due_at: at('10:30'), resolve_due_at: at('12:00'), update_due_at: at('11:00') };
  it.each<{ case: string; ticket: Partial<Ticket>; now: string; missed: string[] }>([
    { case: 'nothing before the first due time', ticket: { status: 'new' }, now: '10:10', missed: [] },
    { case: 'each passed deadline of a running clock', ticket: { status: 'new' }, now: '11:30', missed: ['response 10:10', 'dispatch 10:30', 'update 11:00'] },
    { case: 'none while pending', ticket: { status: 'pending' }, now: '13:00', missed: [] },
    { case: 'none once resolved', ticket: { status: 'resolved', resolved_at: at('10:05') }, now: '13:00', missed: [] },
    { case: 'not a deadline already settled', ticket: { status: 'in_progress', response_met: false }, now: '10:40', missed: ['dispatch 10:30'] },
    { case: 'not one whose milestone happened', ticket: { status: 'in_progress', first_response_at: at('10:15'), dispatched_at: at('10:00') }, now: '12:30', missed: ['update 11:00', 'resolve 12:00'] },
  ])('$case', async ({ ticket, now, missed }) => {
    const found = missedBy(ticketWith({ created_at: at('10:00'), ...due, ...ticket }), at(now));
    expect(found.map((s) => `${s.kind} ${hhmm(s.settled_at)}`).sort()).toEqual([...missed].sort());
  });
});

describe('imported history', async () => {
  const row = (fields: Partial<ImportTicket>) => ({ ...(ticketWith({ created_at: at('10:00') }) as unknown as ImportTicket), ...fields });
  it.each<{ case: string; given: Partial<ImportTicket>; read: Partial<Record<keyof ImportTicket, string | null>> }>([
    { case: 'a closed row without a resolution was resolved when it closed', given: { status: 'closed', closed_at: at('11:00') }, read: { resolved_at: '11:00', first_response_at: null, dispatched_at: null } },
    { case: 'a row with a team and a first response was dispatched at the response', given: { status: 'in_progress', team: 'desktop', first_response_at: at('10:20') }, read: { dispatched_at: '10:20', resolved_at: null } },
    { case: 'a row with an assignee and nothing else was dispatched at its creation', given: { status: 'dispatched', assignee: 'sun' }, read: { dispatched_at: '10:00', first_response_at: null } },
    { case: 'times the row gives are kept', given: { status: 'closed', team: 'desktop', first_response_at: at('10:05'), dispatched_at: at('10:02'), resolved_at: at('10:50'), closed_at: at('11:00') }, read: { first_response_at: '10:05', dispatched_at: '10:02', resolved_at: '10:50' } },
    { case: 'a rating was given at the call-back, else at the closure', given: { status: 'closed', closed_at: at('11:00'), satisfaction: 4 }, read: { rated_at: '11:00' } },
  ])('$case', async ({ given, read }) => {
    const ticket = row(given);
    readHistory(ticket);
    for (const [field, value] of Object.entries(read)) {
      const actual = ticket[field as keyof ImportTicket] as number | null;
      expect(actual === null ? null : hhmm(actual), field).toBe(value);
    }
  });

  it.each<{ case: string; ticket: Partial<Ticket>; settled: string[] }>([
    { case: 'a row resolved late settles its resolution missed at the due time', ticket: { status: 'closed', first_response_at: at('10:05'), dispatched_at: at('10:01'), resolved_at: at('13:00') }, settled: ['dispatch met 10:01', 'resolve missed 12:00', 'response met 10:05'] },
    { case: 'an open row past its deadlines is not breached by the import: it settles as at the desk', ticket: { status: 'in_progress', first_response_at: at('10:05'), dispatched_at: at('10:00') }, settled: ['dispatch met 10:00', 'response met 10:05'] },
    { case: "the source's own word that a deadline was missed is kept", ticket: { status: 'in_progress', dispatched_at: at('10:00'), response_met: false }, settled: ['dispatch met 10:00', 'response missed 10:10'] },
  ])('$case', async ({ ticket, settled }) => {
    const full = ticketWith({ created_at: at('10:00'), response_due_at: at('10:10'), dispatch_due_at: at('10:30'), resolve_due_at: at('12:00'), ...ticket });
    expect(settledByTimes(full).map((s) => `${s.kind} ${s.met ? 'met' : 'missed'} ${hhmm(s.settled_at)}`).sort()).toEqual(settled);
  });
});
