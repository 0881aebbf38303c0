// A ticket's escalations, from its audit trail: each `escalate` is its own event with its reason,
// so none overwrites another (the ticket's escalation_reason is only the latest).
import type { Ticket, TicketEvent } from './ticket.js';

export interface Escalation {
  /** Null for the escalation an imported ticket came with: the other system's trail is not here. */
  at: number | null;
  actor: string | null;
  reason: string | null;
}

export function escalationsOf(ticket: Ticket, events: readonly TicketEvent[]): Escalation[] {
  const listed = events.filter((e) => e.kind === 'escalate').map((e) => ({ at: e.at, actor: e.actor, reason: e.data.reason ?? null }));
  if (!listed.length && ticket.escalated) return [{ at: null, actor: null, reason: ticket.escalation_reason }];
  return listed;
}
