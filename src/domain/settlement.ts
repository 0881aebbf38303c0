// When a deadline counts (DESIGN.md "SLA"): each is settled exactly once, met at the instant its
// milestone happens on time, missed at the instant it passes unmet while the clock runs. A settled
// deadline never changes; a running one (not yet due, or paused while pending) counts neither way.
// Reports count settlements by the instant they settled, so a closed month stays as it was.
import { DEADLINE_FIELDS, type DeadlineKind } from './deadlines.js';
import { isOpen, type Status, type Ticket, type TicketPatch } from './ticket.js';

export type SettledKind = DeadlineKind;

export interface Settlement {
  kind: SettledKind;
  /** Which resolution cycle of the ticket: 0 until its first reopen, then its reopen count. */
  cycle: number;
  due_at: number;
  /** Met: when the milestone happened. Missed: the due instant itself. */
  settled_at: number;
  met: boolean;
  /** The ticket's team and assignee at that instant: who is credited or charged. */
  team: string | null;
  agent: string | null;
  /** A resolution deadline moved by an approved extension: where it stood before (null otherwise). */
  original_due_at: number | null;
}

/** The deadlines that end in a milestone, and the ticket fields that keep each. */
const MILESTONE_DEADLINES = (['response', 'dispatch', 'resolve'] as const).map((kind) => ({ kind, ...DEADLINE_FIELDS[kind] }));

type ClockFields = Pick<
  Ticket,
  | 'status' | 'reopen_count' | 'team' | 'assignee' | 'paused_at'
  | 'first_response_at' | 'dispatched_at' | 'resolved_at'
  | 'response_due_at' | 'dispatch_due_at' | 'resolve_due_at' | 'update_due_at'
  | 'response_met' | 'dispatch_met' | 'resolve_met' | 'update_met' | 'original_resolve_due_at'
>;

/** The SLA clock runs while a ticket is open and not waiting on the requester. */
export function clockRuns(status: Status): boolean {
  return isOpen(status) && status !== 'pending';
}

function settlement(ticket: ClockFields, kind: SettledKind, due: number, met: boolean, at: number, agent = ticket.assignee): Settlement {
  const original = kind === 'resolve' ? ticket.original_resolve_due_at : null;
  return { kind, cycle: ticket.reopen_count, due_at: due, settled_at: met ? at : due, met, team: ticket.team, agent, original_due_at: original };
}

/** Deadlines of a ticket still running: no milestone yet and not settled. */
export function unsettled(ticket: ClockFields): { kind: SettledKind; due: number }[] {
  const running = MILESTONE_DEADLINES.flatMap(({ kind, done, due, met }): { kind: SettledKind; due: number }[] =>
    ticket[done] === null && ticket[met] === null && ticket[due] !== null ? [{ kind, due: ticket[due] as number }] : [],
  );
  if (ticket.update_due_at !== null && ticket.update_met === null) running.push({ kind: 'update', due: ticket.update_due_at });
  return running;
}

/**
 * Deadlines that passed unmet while the clock ran, up to `now`: each is missed at its own due
 * instant, charged to whoever held the ticket then (nobody can have changed it since without a
 * write, and every write settles first).
 */
export function missedBy(ticket: ClockFields, now: number): Settlement[] {
  if (!clockRuns(ticket.status)) return [];
  return unsettled(ticket)
    .filter((d) => d.due < now)
    .map((d) => settlement(ticket, d.kind, d.due, false, d.due));
}

/** The ticket fields that record `settlements`: the met flag of each settled kind. */
export function settledFlags(settlements: readonly Settlement[]): TicketPatch {
  const patch: TicketPatch = {};
  for (const s of settlements) patch[DEADLINE_FIELDS[s.kind].met] = s.met;
  return patch;
}

/**
 * Milestones a change reaches at `now`, settling their deadlines while these still run. A
 * resolution also settles a dispatch deadline still running: the request reached someone who
 * solved it, so no dispatch was owed.
 */
export function reachedBy(before: ClockFields, after: ClockFields, now: number): Settlement[] {
  const out: Settlement[] = [];
  for (const { kind, done, due, met } of MILESTONE_DEADLINES) {
    if (before[done] !== null || after[done] === null || after[met] !== null || after[due] === null) continue;
    const at = after[done] as number;
    out.push(settlement(after, kind, after[due] as number, at <= (after[due] as number), at));
  }
  if (before.resolved_at === null && after.resolved_at !== null && after.dispatched_at === null && after.dispatch_met === null && after.dispatch_due_at !== null) {
    out.push(settlement(after, 'dispatch', after.dispatch_due_at, after.resolved_at <= after.dispatch_due_at, after.resolved_at));
  }
  return out;
}

/** A progress update given at `now` settles the update deadline it answers, while that still runs. */
export function updateGiven(before: ClockFields, now: number): Settlement[] {
  if (before.update_due_at === null || before.update_met !== null) return [];
  // While pending the clock stands still, so an update then is never late.
  const met = before.status === 'pending' || now <= before.update_due_at;
  return [settlement(before, 'update', before.update_due_at, met, now)];
}

/**
 * The settlements a ticket's own times imply, for a ticket written whole at once (an imported
 * row, a back-dated create): each milestone against its deadline, and a deadline the source
 * itself says was missed. One that passed unmet while the clock ran is left to settle as at the
 * desk (settlement.ts, missedBy), so an export imported again is the ticket it was.
 */
export function settledByTimes(ticket: ClockFields): Settlement[] {
  const out: Settlement[] = [];
  for (const { kind, done, due, met } of MILESTONE_DEADLINES) {
    const deadline = ticket[due];
    if (deadline === null) continue;
    const at = ticket[done];
    const given = ticket[met];
    if (at !== null) out.push(settlement(ticket, kind, deadline, given ?? at <= deadline, at));
    else if (given === false) out.push(settlement(ticket, kind, deadline, false, deadline));
  }
  if (ticket.update_due_at !== null && ticket.update_met === false) out.push(settlement(ticket, 'update', ticket.update_due_at, false, ticket.update_due_at));
  return out;
}

