// The SLA clock of a ticket (DESIGN.md "SLA"): deadlines set at creation, recomputed when urgency or
// type changes, moved by the business time a ticket spends pending, restarted for the resolution
// by a reopen, and each settled once (settlement.ts), so reports need no recomputation and a
// settled month stays as it was.
import { addBusinessMs, addTargetDuration, businessMsBetween } from '../sla/business-time.js';
import { calendarFor, dueTimes, targetFor, updateDue, type DueTimes, type SlaPolicy } from '../sla/targets.js';
import { missedBy, reachedBy, settledByTimes, settledFlags, unsettled, updateGiven, type Settlement } from '../domain/settlement.js';
import { DEADLINE_FIELDS } from '../domain/deadlines.js';
import { isOpen } from '../domain/ticket.js';
import type { Plan } from '../domain/lifecycle.js';
import type { NewTicket, Ticket, TicketPatch } from '../domain/ticket.js';

type ClockInput = Pick<Ticket, 'created_at' | 'urgency' | 'type' | 'paused_ms' | 'reopened_at' | 'cycle_paused_ms'>;

/**
 * The three deadlines of `ticket` given the business time it has already spent pending: the
 * response and dispatch counted from its creation, the resolution from the start of its cycle.
 */
function deadlines(sla: SlaPolicy, ticket: ClockInput): DueTimes {
  const due = dueTimes(sla, ticket);
  const calendar = calendarFor(sla, ticket.urgency, ticket.type);
  const shift = (ms: number, paused: number) => (paused === 0 ? ms : addBusinessMs(calendar, ms, paused));
  const resolveFrom = ticket.reopened_at === null ? due.resolve_due_at : addTargetDuration(calendar, ticket.reopened_at, targetFor(sla, ticket.urgency, ticket.type).resolve.duration);
  return {
    response_due_at: shift(due.response_due_at, ticket.paused_ms),
    dispatch_due_at: shift(due.dispatch_due_at, ticket.paused_ms),
    resolve_due_at: shift(resolveFrom, ticket.reopened_at === null ? ticket.paused_ms : ticket.cycle_paused_ms),
  };
}

/**
 * Business time to the first response, and to resolution less the time spent pending, kept on the
 * ticket so the monthly report's medians and percentiles are plain SQL.
 */
function businessDurations(sla: SlaPolicy, ticket: Pick<Ticket, 'created_at' | 'urgency' | 'type' | 'paused_ms' | 'first_response_at' | 'resolved_at'>): TicketPatch {
  const calendar = calendarFor(sla, ticket.urgency, ticket.type);
  const since = (end: number | null) => (end === null ? null : Math.max(0, businessMsBetween(calendar, ticket.created_at, end)));
  const resolve = since(ticket.resolved_at);
  return { response_business_ms: since(ticket.first_response_at), resolve_business_ms: resolve === null ? null : Math.max(0, resolve - ticket.paused_ms) };
}

/** A new ticket with its deadlines, and the deadlines its own times already settle (a back-dated create, or history). */
export function startClock(sla: SlaPolicy | null, ticket: NewTicket): { ticket: NewTicket; settlements: Settlement[] } {
  if (!sla) return { ticket, settlements: [] };
  return settleStarted(sla, withDeadlines(sla, ticket));
}

/** A new ticket with the due times of its deadlines. */
export function withDeadlines<T extends NewTicket>(sla: SlaPolicy, ticket: T): T {
  const started = { ...ticket, ...deadlines(sla, ticket) };
  started.update_due_at = isOpen(started.status) ? updateDue(sla, started, started.last_update_at ?? started.created_at) : null;
  return started;
}

/** The settlements and met flags of a ticket whose times and due times are all set. */
export function settleStarted<T extends NewTicket>(sla: SlaPolicy, ticket: T): { ticket: T; settlements: Settlement[] } {
  const settlements = settledByTimes(ticket);
  const settled = { ...ticket, ...settledFlags(settlements) };
  return { ticket: { ...settled, ...businessDurations(sla, settled) }, settlements };
}

/** Wraps a plan so that the change it makes keeps the ticket's SLA clock right and settles what it reaches. */
export function withClock(plan: Plan, sla: SlaPolicy | null, now: number): Plan {
  if (!sla) return plan;
  return async (ticket, tools) => {
    const change = await plan(ticket, tools);
    if (!change) return change;
    const patch: TicketPatch = change.patch;
    // Deadlines that passed since the last change are no doing of this one: written with it, but
    // not among the changes its event records.
    const book: TicketPatch = {};
    const after = () => ({ ...ticket, ...book, ...patch });
    const settlements: Settlement[] = [];
    const settle = (found: Settlement[], into: TicketPatch = patch) => {
      settlements.push(...found);
      Object.assign(into, settledFlags(found));
    };
    const status = patch.status ?? ticket.status;

    // First what passed since the last change, while the ticket stood as it was.
    settle(missedBy(ticket, now), book);
    if (change.kind === 'update') settle(updateGiven({ ...ticket, update_met: after().update_met }, now));

    if (status === 'pending' && ticket.status !== 'pending') patch.paused_at = now;
    if (ticket.status === 'pending' && status !== 'pending' && ticket.paused_at !== null) {
      // The clock stopped while pending: every deadline still running moves by the business
      // time the pause covered.
      const calendar = calendarFor(sla, after().urgency, after().type);
      const paused = Math.max(0, businessMsBetween(calendar, ticket.paused_at, now));
      patch.paused_at = null;
      patch.paused_ms = ticket.paused_ms + paused;
      patch.cycle_paused_ms = ticket.cycle_paused_ms + paused;
      if (paused > 0) {
        const running = unsettled(after());
        for (const d of running) patch[DEADLINE_FIELDS[d.kind].due] = addBusinessMs(calendar, d.due, paused);
        // The deadline an extension replaced moves with it, so "within the original" stays fair.
        const original = after().original_resolve_due_at;
        if (original !== null && running.some((d) => d.kind === 'resolve')) patch.original_resolve_due_at = addBusinessMs(calendar, original, paused);
      }
    }

    if (status === 'reopened' && ticket.status !== 'reopened') {
      // A new cycle: its resolution is owed from the reopen, and nothing of the old one is settled again.
      Object.assign(patch, { resolve_met: null, resolve_business_ms: null, cycle_paused_ms: 0, paused_at: null, original_resolve_due_at: null, extension_until: null });
      patch.resolve_due_at = deadlines(sla, after()).resolve_due_at;
    }

    const retargeted = ('urgency' in patch && patch.urgency !== ticket.urgency) || ('type' in patch && patch.type !== ticket.type);
    if (retargeted) {
      // A settled deadline keeps its due time; running ones follow the new target.
      const due = deadlines(sla, after());
      for (const d of unsettled(after())) {
        if (d.kind === 'update') continue;
        // An approved extension stands; what follows the new target is the deadline it replaced.
        if (d.kind === 'resolve' && after().original_resolve_due_at !== null) patch.original_resolve_due_at = due.resolve_due_at;
        else patch[DEADLINE_FIELDS[d.kind].due] = due[DEADLINE_FIELDS[d.kind].due];
      }
    }

    // Progress updates are owed while the ticket is open, counted from the last one given (or
    // from the reopen); a pause moves the one owed, like every running deadline.
    const state = after();
    if (!isOpen(state.status)) {
      if (state.update_due_at !== null) Object.assign(patch, { update_due_at: null, update_met: null });
    } else if (retargeted || 'last_update_at' in patch || (status === 'reopened' && ticket.status !== 'reopened')) {
      const since = status === 'reopened' && !('last_update_at' in patch) ? now : (state.last_update_at ?? state.created_at);
      const due = updateDue(sla, state, since);
      if (due !== ticket.update_due_at || state.update_met !== null) Object.assign(patch, { update_due_at: due, update_met: null });
    }

    settle(reachedBy(ticket, after(), now));
    if ('resolved_at' in patch || 'first_response_at' in patch) Object.assign(patch, businessDurations(sla, after()));
    if (settlements.length) change.settlements = settlements;
    if (Object.keys(book).length) change.bookkeeping = book;
    return change;
  };
}
