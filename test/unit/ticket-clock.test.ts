// The SLA clock around every write (src/app/ticket-clock.ts). Every expected instant is worked out
// by hand from an office calendar with a lunch break, 09:00-12:00 and 13:30-18:00 on weekdays
// (450 business minutes a day), in Shanghai (UTC+8 all year). November 2026: Wed 25, Thu 26,
// Fri 27, Sat 28, Sun 29, Mon 30; Tue 1 December.
import { describe, expect, it } from 'vitest';
import { planClassify, planNote, planPending, planReopen, planRespond, planResume, type Plan, type PlanTools } from '../../src/domain/lifecycle.js';
import type { Settlement } from '../../src/domain/settlement.js';
import { startClock, withClock } from '../../src/app/ticket-clock.js';
import type { NewTicket, Ticket, TicketPatch } from '../../src/domain/ticket.js';
import { compileSla } from '../../src/sla/targets.js';
import { ticketWith } from './ticket-factory.js';

const MINUTE = 60_000;
const WEEKDAY_HOURS = ['09:00-12:00', '13:30-18:00'];

const SLA = compileSla(
  {
    timezone: 'Asia/Shanghai',
    calendars: {
      office: { hours: { mon: WEEKDAY_HOURS, tue: WEEKDAY_HOURS, wed: WEEKDAY_HOURS, thu: WEEKDAY_HOURS, fri: WEEKDAY_HOURS } },
      always: '24x7',
    },
    targets: {
      normal: { response: '30m', dispatch: '2h', resolve: '8h', update: '4h', calendar: 'office' },
      urgent: { response: '10m', dispatch: '30m', resolve: '4h', update: '2h', calendar: 'office' },
      critical: { response: '5m', dispatch: '10m', resolve: '1h', update: '30m', calendar: 'always' },
    },
  },
  'UTC',
);

const TOOLS: PlanTools = {
  nextInRotation: () => {
    throw new Error('not expected');
  },
  openLoad: () => {
    throw new Error('not expected');
  },
};

/** "MM-DD HH:MM" of 2026 in Shanghai. */
const at = (time: string) => Date.parse(`2026-${time.replace(' ', 'T')}:00+08:00`);
const wall = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');

/** Fields as the expectations are written: instants as Shanghai wall times. */
function view(fields: TicketPatch | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([field, value]) => [field, field.endsWith('_at') && typeof value === 'number' ? wall(value) : value]));
}

type Row = [kind: string, cycle: number, due: string, settled: string, met: boolean, team: string | null, agent: string | null];
const rows = (settlements: readonly Settlement[] | undefined): Row[] =>
  (settlements ?? []).map((s) => [s.kind, s.cycle, wall(s.due_at), wall(s.settled_at), s.met, s.team, s.agent]);

/**
 * Logged on Wednesday at 11:50 as normal and dispatched to sun at once. Its due times: response
 * 30m = 10 before noon + 20 from 13:30 → 13:50; dispatch 2h = 10 + 110 → 15:20; update 4h =
 * 10 + 230 → 17:20; resolve 8h = 10 + 270 on Wednesday, 180 + 20 on Thursday → Thu 13:50.
 */
const LOGGED = {
  created_at: at('11-25 11:50'), urgency: 'normal', status: 'dispatched', team: 'desktop', assignee: 'sun', dispatched_at: at('11-25 11:50'),
  response_due_at: at('11-25 13:50'), dispatch_due_at: at('11-25 15:20'), resolve_due_at: at('11-26 13:50'), update_due_at: at('11-25 17:20'), dispatch_met: true,
} satisfies Partial<Ticket>;

/** LOGGED, responded to at 11:55 (5 business minutes). */
const WORKING = { ...LOGGED, status: 'in_progress', first_response_at: at('11-25 11:55'), response_met: true, response_business_ms: 5 * MINUTE } satisfies Partial<Ticket>;

/** Critical, in the 24x7 calendar: logged Saturday 10:00, dispatched 10:04, responded 10:02. */
const CRITICAL = {
  created_at: at('11-28 10:00'), urgency: 'critical', status: 'in_progress', team: 'desktop', assignee: 'sun',
  dispatched_at: at('11-28 10:04'), first_response_at: at('11-28 10:02'), dispatch_met: true, response_met: true,
  response_due_at: at('11-28 10:05'), dispatch_due_at: at('11-28 10:10'), resolve_due_at: at('11-28 11:00'), update_due_at: at('11-28 10:30'),
} satisfies Partial<Ticket>;

interface Case {
  case: string;
  ticket: Partial<Ticket>;
  plan: Plan;
  now: string;
  patch: Record<string, unknown>;
  bookkeeping?: Record<string, unknown>;
  settled?: Row[];
}

async function write({ ticket, plan, now }: Case) {
  const change = await withClock(plan, SLA, at(now))(ticketWith(ticket), TOOLS);
  if (!change) throw new Error('the plan changed nothing');
  return { patch: view(change.patch), bookkeeping: view(change.bookkeeping), settled: rows(change.settlements) };
}

const expected = ({ patch, bookkeeping = {}, settled = [] }: Case) => ({ patch, bookkeeping, settled });

describe('withClock settles what a write reaches', async () => {
  it.each<Case>([
    {
      case: 'a note after the response deadline passed records the miss as bookkeeping, at the due time, charged to the holder',
      ticket: LOGGED,
      plan: planNote('Called, no answer'),
      now: '11-25 14:00',
      patch: {},
      bookkeeping: { response_met: false },
      settled: [['response', 0, '11-25 13:50', '11-25 13:50', false, 'desktop', 'sun']],
    },
    {
      case: 'a note on a pending ticket settles nothing: its clock stands still',
      ticket: { ...WORKING, status: 'pending', paused_at: at('11-25 16:00') },
      plan: planNote('Part ordered'),
      now: '11-26 10:00',
      patch: {},
    },
    {
      case: 'a response within the deadline meets it and credits the holder; 1 h 50 on the wall is 20 business minutes',
      ticket: LOGGED,
      plan: planRespond('On the way', at('11-25 13:40')),
      now: '11-25 13:40',
      patch: { first_response_at: '11-25 13:40', status: 'in_progress', response_met: true, response_business_ms: 20 * MINUTE, resolve_business_ms: null },
      settled: [['response', 0, '11-25 13:50', '11-25 13:40', true, 'desktop', 'sun']],
    },
    {
      case: 'pending stops the clock at the write, and asking the requester is the response',
      ticket: LOGGED,
      plan: planPending('Waiting for the requester', at('11-25 13:40')),
      now: '11-25 13:40',
      patch: { status: 'pending', paused_at: '11-25 13:40', first_response_at: '11-25 13:40', response_met: true, response_business_ms: 20 * MINUTE, resolve_business_ms: null },
      settled: [['response', 0, '11-25 13:50', '11-25 13:40', true, 'desktop', 'sun']],
    },
  ])('$case', async (c) => {
    expect(await write(c)).toEqual(expected(c));
  });
});

describe('withClock on resume moves every running deadline by the business time paused', async () => {
  it.each<Case>([
    {
      // Wed 16:00-18:00 and Thu 09:00-10:00: 180. Update 17:20 + 180 = 40 on Wed, 140 on Thu → 11:20;
      // resolve Thu 13:50 + 180 → 16:50. The response and dispatch, settled, stay.
      case: 'overnight: the resolution and the update deadline both move',
      ticket: { ...WORKING, status: 'pending', paused_at: at('11-25 16:00') },
      plan: planResume(),
      now: '11-26 10:00',
      patch: { status: 'in_progress', paused_at: null, paused_ms: 180 * MINUTE, cycle_paused_ms: 180 * MINUTE, resolve_due_at: '11-26 16:50', update_due_at: '11-26 11:20' },
    },
    {
      // An earlier 20-minute pause had moved the resolution to 14:10 and the update to 17:40, which
      // was missed by Thu 11:00. Paused Thu 11:00-12:00 and 13:30-14:00: 90 of the 3 h on the wall;
      // resolve 14:10 + 90 → 15:40.
      case: 'over lunch: only the business time counts, pauses add up, and a deadline missed before the pause stays',
      ticket: {
        ...WORKING, status: 'pending', paused_at: at('11-26 11:00'), paused_ms: 20 * MINUTE, cycle_paused_ms: 20 * MINUTE,
        resolve_due_at: at('11-26 14:10'), update_due_at: at('11-25 17:40'), update_met: false,
      },
      plan: planResume(),
      now: '11-26 14:00',
      patch: { status: 'in_progress', paused_at: null, paused_ms: 110 * MINUTE, cycle_paused_ms: 110 * MINUTE, resolve_due_at: '11-26 15:40' },
    },
    {
      // Updated Wed 14:00, so the next is due at 18:00 sharp; paused from 18:00 to Thu 08:30.
      case: 'a pause of no business time moves nothing, not even a due time at closing to the next opening',
      ticket: { ...WORKING, status: 'pending', paused_at: at('11-25 18:00'), last_update_at: at('11-25 14:00'), update_due_at: at('11-25 18:00') },
      plan: planResume(),
      now: '11-26 08:30',
      patch: { status: 'in_progress', paused_at: null, paused_ms: 0, cycle_paused_ms: 0 },
    },
    {
      case: 'in a 24x7 calendar the pause counts as elapsed time',
      ticket: { ...CRITICAL, status: 'pending', paused_at: at('11-28 10:20') },
      plan: planResume(),
      now: '11-28 11:35',
      patch: { status: 'in_progress', paused_at: null, paused_ms: 75 * MINUTE, cycle_paused_ms: 75 * MINUTE, resolve_due_at: '11-28 12:15', update_due_at: '11-28 11:45' },
    },
    {
      case: 'a resume stamped before the pause began (two desks whose clocks differ) moves nothing',
      ticket: { ...WORKING, status: 'pending', paused_at: at('11-26 10:00') },
      plan: planResume(),
      now: '11-26 09:58',
      patch: { status: 'in_progress', paused_at: null, paused_ms: 0, cycle_paused_ms: 0 },
    },
  ])('$case', async (c) => {
    expect(await write(c)).toEqual(expected(c));
  });
});

describe('withClock on a reopen', async () => {
  // Resolved Wed 15:00 and closed at 16:00 after a 30-minute pause, rated 4 at the call-back.
  const closed = {
    ...WORKING, status: 'closed', resolved_at: at('11-25 15:00'), closed_at: at('11-25 16:00'), resolve_met: true, resolve_business_ms: 70 * MINUTE,
    paused_ms: 30 * MINUTE, cycle_paused_ms: 30 * MINUTE, update_due_at: null, satisfaction: 4, rated_at: at('11-25 16:00'), callback_at: at('11-25 16:00'), callback_note: 'Works', callback_attempts: 1, callback_outcome: 'reached',
  } satisfies Partial<Ticket>;

  it.each<Case>([
    {
      // Resolve 8h from Fri 17:00: 60 on Friday, 180 + 240 on Monday → 17:30, the old cycle's pause
      // left behind. Update 4h: 60 + 180 ends at Monday noon exactly → 12:00, not 13:30.
      case: 'starts a resolution deadline and an update deadline from the reopen, and clears the rating and call-back',
      ticket: closed,
      plan: planReopen('Jams again', at('11-27 17:00')),
      now: '11-27 17:00',
      patch: {
        status: 'reopened', reopen_count: 1, reopened_at: '11-27 17:00', resolved_at: null, closed_at: null,
        satisfaction: null, rated_at: null, callback_at: null, callback_note: null, callback_attempts: 0, callback_outcome: null, escalation_tier: 0,
        resolve_met: null, resolve_business_ms: null, cycle_paused_ms: 0, paused_at: null, original_resolve_due_at: null, extension_until: null,
        resolve_due_at: '11-30 17:30', update_due_at: '11-30 12:00', update_met: null, response_business_ms: 5 * MINUTE,
      },
    },
  ])('$case', async (c) => {
    expect(await write(c)).toEqual(expected(c));
  });
});

describe('withClock on a change of urgency', async () => {
  it.each<Case>([
    {
      // At 14:00 the response (13:50) has passed: missed, and keeps its due time; the dispatch, met,
      // keeps its own. Urgent from 11:50: resolve 4h = 10 + 230 → 17:20; update 2h = 10 + 110 → 15:20.
      case: 'moves only the deadlines still running to the new target',
      ticket: LOGGED,
      plan: planClassify({ urgency: 'urgent' }),
      now: '11-25 14:00',
      patch: { classified_by: 'manual', urgency: 'urgent', manual_fields: ['urgency'], resolve_due_at: '11-25 17:20', update_due_at: '11-25 15:20', update_met: null },
      bookkeeping: { response_met: false },
      settled: [['response', 0, '11-25 13:50', '11-25 13:50', false, 'desktop', 'sun']],
    },
    {
      case: 'an urgency given again as it was moves nothing',
      ticket: LOGGED,
      plan: planClassify({ urgency: 'normal' }),
      now: '11-25 13:00',
      patch: { classified_by: 'manual', urgency: 'normal', manual_fields: ['urgency'] },
    },
  ])('$case', async (c) => {
    expect(await write(c)).toEqual(expected(c));
  });
});

describe('withClock without a change or a policy', async () => {
  it('passes a plan that changes nothing through: nothing is written, so nothing settles', async () => {
    expect(await withClock(() => null, SLA, at('11-26 10:00'))(ticketWith(LOGGED), TOOLS)).toBeNull();
  });

  it('leaves the change of a desk without sla.yaml as the plan made it', async () => {
    const ticket = ticketWith({ created_at: at('11-25 11:50'), status: 'dispatched', team: 'desktop', assignee: 'sun', dispatched_at: at('11-25 11:50') });
    const change = (await withClock(planRespond(undefined, at('11-26 10:00')), null, at('11-26 10:00'))(ticket, TOOLS))!;
    expect([view(change.patch), change.bookkeeping, change.settlements]).toEqual([{ first_response_at: '11-26 10:00', status: 'in_progress' }, undefined, undefined]);
  });
});

describe('startClock', async () => {
  const CLOCK_FIELDS = [
    'response_due_at', 'dispatch_due_at', 'resolve_due_at', 'update_due_at', 'response_met', 'dispatch_met', 'resolve_met', 'update_met',
    'response_business_ms', 'resolve_business_ms',
  ] as const;
  const clockOf = (ticket: NewTicket) => view(Object.fromEntries(CLOCK_FIELDS.map((f) => [f, ticket[f]])));
  const none = { response_met: null, dispatch_met: null, resolve_met: null, update_met: null, response_business_ms: null, resolve_business_ms: null };

  it.each<{ case: string; ticket: Partial<Ticket>; clock: Record<string, unknown>; settled: Row[] }>([
    {
      case: 'a ticket dispatched as it is logged: its deadlines, and the dispatch met at once',
      ticket: { created_at: LOGGED.created_at, urgency: 'normal', status: 'dispatched', team: 'desktop', assignee: 'sun', dispatched_at: LOGGED.dispatched_at },
      clock: { ...none, response_due_at: '11-25 13:50', dispatch_due_at: '11-25 15:20', resolve_due_at: '11-26 13:50', update_due_at: '11-25 17:20', dispatch_met: true },
      settled: [['dispatch', 0, '11-25 15:20', '11-25 11:50', true, 'desktop', 'sun']],
    },
    {
      // From Monday 09:00: response 09:30, dispatch 11:00, update 180 + 60 → 14:30; resolve 450 on Monday, 30 on Tuesday.
      case: 'a ticket logged on Saturday counts from the Monday opening',
      ticket: { created_at: at('11-28 10:00'), urgency: 'normal', status: 'new' },
      clock: { ...none, response_due_at: '11-30 09:30', dispatch_due_at: '11-30 11:00', resolve_due_at: '12-01 09:30', update_due_at: '11-30 14:30' },
      settled: [],
    },
    {
      case: 'a critical ticket counts elapsed time in its 24x7 calendar',
      ticket: { created_at: at('11-28 10:00'), urgency: 'critical', status: 'new' },
      clock: { ...none, response_due_at: '11-28 10:05', dispatch_due_at: '11-28 10:10', resolve_due_at: '11-28 11:00', update_due_at: '11-28 10:30' },
      settled: [],
    },
    {
      // 11:50 to 14:00: 10 before noon, 30 after lunch.
      case: 'a back-dated ticket first answered after its response deadline settles it missed at the due time',
      ticket: { created_at: LOGGED.created_at, urgency: 'normal', status: 'in_progress', team: 'desktop', assignee: 'sun', dispatched_at: LOGGED.dispatched_at, first_response_at: at('11-25 14:00') },
      clock: { ...none, response_due_at: '11-25 13:50', dispatch_due_at: '11-25 15:20', resolve_due_at: '11-26 13:50', update_due_at: '11-25 17:20', response_met: false, dispatch_met: true, response_business_ms: 40 * MINUTE },
      settled: [['response', 0, '11-25 13:50', '11-25 13:50', false, 'desktop', 'sun'], ['dispatch', 0, '11-25 15:20', '11-25 11:50', true, 'desktop', 'sun']],
    },
    {
      // Resolved Thu 09:30: 10 + 270 on Wednesday and 30 on Thursday = 310 business minutes.
      case: 'a closed ticket settles its milestones and owes no progress update',
      ticket: {
        created_at: LOGGED.created_at, urgency: 'normal', status: 'closed', team: 'desktop', assignee: 'sun', dispatched_at: LOGGED.dispatched_at,
        first_response_at: at('11-25 11:55'), resolved_at: at('11-26 09:30'), closed_at: at('11-26 10:00'),
      },
      clock: {
        response_due_at: '11-25 13:50', dispatch_due_at: '11-25 15:20', resolve_due_at: '11-26 13:50', update_due_at: null,
        response_met: true, dispatch_met: true, resolve_met: true, update_met: null, response_business_ms: 5 * MINUTE, resolve_business_ms: 310 * MINUTE,
      },
      settled: [
        ['response', 0, '11-25 13:50', '11-25 11:55', true, 'desktop', 'sun'], ['dispatch', 0, '11-25 15:20', '11-25 11:50', true, 'desktop', 'sun'],
        ['resolve', 0, '11-26 13:50', '11-26 09:30', true, 'desktop', 'sun'],
      ],
    },
  ])('$case', async ({ ticket, clock, settled }) => {
    const started = startClock(SLA, ticketWith(ticket) as NewTicket);
    expect([clockOf(started.ticket), rows(started.settlements)]).toEqual([clock, settled]);
  });

  it('gives a ticket of a desk without sla.yaml no deadlines', async () => {
    const started = startClock(null, ticketWith({ created_at: LOGGED.created_at }) as NewTicket);
    expect([clockOf(started.ticket), started.settlements]).toEqual([
      { ...none, response_due_at: null, dispatch_due_at: null, resolve_due_at: null, update_due_at: null },
      [],
    ]);
  });
});
