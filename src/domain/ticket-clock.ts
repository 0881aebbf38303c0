// The SLA clock of a ticket (DESIGN.md "SLA"): deadlines set at creation, recomputed when urgency or
// type changes, moved by the business time a ticket spends pending, and met or missed recorded
// when the response, dispatch or resolution happens, so reports need no recomputation.
import { addBusinessMs, businessMsBetween } from '../sla/business-time.js';
import { calendarFor, dueTimes, updateDue, type DueTimes, type SlaPolicy } from '../sla/targets.js';
import { isOpen } from './ticket.js';
import type { Plan } from './lifecycle.js';
import type { NewTicket, Ticket, TicketPatch } from './ticket.js';

/** The three deadlines of `ticket` given the business time it has already spent pending. */
function deadlines(sla: SlaPolicy, ticket: Pick<Ticket, 'created_at' | 'urgency' | 'type' | 'paused_ms'>): DueTimes {
  const due = dueTimes(sla, ticket);
  if (ticket.paused_ms === 0) return due;
  const calendar = calendarFor(sla, ticket.urgency, ticket.type);
  return {
    response_due_at: addBusinessMs(calendar, due.response_due_at, ticket.paused_ms),
    dispatch_due_at: addBusinessMs(calendar, due.dispatch_due_at, ticket.paused_ms),
    resolve_due_at: addBusinessMs(calendar, due.resolve_due_at, ticket.paused_ms),
  };
}

const MILESTONES = [
  ['first_response_at', 'response_due_at', 'response_met'],
  ['dispatched_at', 'dispatch_due_at', 'dispatch_met'],
  ['resolved_at', 'resolve_due_at', 'resolve_met'],
] as const;

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

/** A new ticket with its deadlines, and the met flags of milestones it is created with (a dispatch, or history). */
export function startClock(sla: SlaPolicy | null, ticket: NewTicket): NewTicket {
  if (!sla) return ticket;
  const started = { ...ticket, ...deadlines(sla, ticket) };
  started.update_due_at = isOpen(started.status) ? updateDue(sla, started, started.last_update_at ?? started.created_at) : null;
  for (const [at, due, met] of MILESTONES) if (started[at] !== null) started[met] = started[at]! <= started[due]!;
  return { ...started, ...businessDurations(sla, started) };
}

/** Wraps a plan so that the change it makes keeps the ticket's SLA clock right. */
export function withClock(plan: Plan, sla: SlaPolicy | null, now: number): Plan {
  if (!sla) return plan;
  return (ticket, tools) => {
    const change = plan(ticket, tools);
    if (!change) return change;
    const patch: TicketPatch = change.patch;
    const after = () => ({ ...ticket, ...patch });
    const status = patch.status ?? ticket.status;

    if (status === 'pending' && ticket.status !== 'pending') patch.paused_at = now;
    if (ticket.status === 'pending' && status !== 'pending' && ticket.paused_at !== null) {
      // The clock stopped while pending: every deadline not yet reached moves by the business
      // time the pause covered.
      const calendar = calendarFor(sla, after().urgency, after().type);
      const paused = Math.max(0, businessMsBetween(calendar, ticket.paused_at, now));
      patch.paused_at = null;
      patch.paused_ms = ticket.paused_ms + paused;
      if (paused > 0) {
        for (const [at, due] of MILESTONES) {
          if (ticket[at] === null && ticket[due] !== null) patch[due] = addBusinessMs(calendar, ticket[due]!, paused);
        }
      }
    }

    const retargeted = ('urgency' in patch && patch.urgency !== ticket.urgency) || ('type' in patch && patch.type !== ticket.type);
    if (retargeted) Object.assign(patch, deadlines(sla, after()));
    // Progress updates are owed while the ticket is open, counted from the last one given.
    if (retargeted || 'last_update_at' in patch || 'status' in patch) {
      const state = after();
      const due = isOpen(state.status) && state.status !== 'pending' ? updateDue(sla, state, state.last_update_at ?? state.created_at) : null;
      if (due !== ticket.update_due_at) patch.update_due_at = due;
    }

    let reached = false;
    for (const [at, due, met] of MILESTONES) {
      if (at in patch && patch[at] !== null && ticket[at] === null) {
        const deadline = after()[due];
        patch[met] = deadline === null ? null : patch[at]! <= deadline;
        reached = true;
      }
    }
    if (reached || 'resolved_at' in patch) Object.assign(patch, businessDurations(sla, after()));
    return change;
  };
}
