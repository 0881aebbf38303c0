// Which deadlines of a ticket are still running, and which are past.
import { isOpen, type Ticket } from './ticket.js';

export const DEADLINE_KINDS = ['response', 'dispatch', 'resolve', 'update'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * The ticket fields of each deadline: its milestone, its due time, whether it was met. A progress
 * update is owed again after each one, so it has no "done" moment of its own.
 */
export const DEADLINE_FIELDS = {
  response: { done: 'first_response_at', due: 'response_due_at', met: 'response_met' },
  dispatch: { done: 'dispatched_at', due: 'dispatch_due_at', met: 'dispatch_met' },
  resolve: { done: 'resolved_at', due: 'resolve_due_at', met: 'resolve_met' },
  update: { done: null, due: 'update_due_at', met: 'update_met' },
} as const satisfies Record<DeadlineKind, { done: keyof Ticket | null; due: keyof Ticket; met: keyof Ticket }>;

export interface Deadline {
  kind: DeadlineKind;
  due: number;
}

/** Deadlines not yet met, earliest first; none while the clock is stopped (pending) or the ticket is done. */
export function runningDeadlines(ticket: Ticket): Deadline[] {
  if (!isOpen(ticket.status) || ticket.status === 'pending') return [];
  return DEADLINE_KINDS.flatMap((kind) => {
    const { done, due } = DEADLINE_FIELDS[kind];
    return (done === null || ticket[done] === null) && ticket[due] !== null ? [{ kind, due: ticket[due] as number }] : [];
  }).sort((a, b) => a.due - b.due);
}

export interface DeadlineAlert extends Deadline {
  ticket: Ticket;
  breached: boolean;
}

/** Deadlines past at `now` (breached) or falling before `until` (near), earliest first. */
export function deadlineAlerts(tickets: readonly Ticket[], now: number, until: number): DeadlineAlert[] {
  return tickets
    .flatMap((ticket) => runningDeadlines(ticket).filter((d) => d.due < until).map((d) => ({ ...d, ticket, breached: d.due < now })))
    .sort((a, b) => a.due - b.due);
}
