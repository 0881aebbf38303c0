// A ticket's escalations, from its audit trail: each `escalate` is its own event with its reason,
// so none overwrites another (the ticket's escalation_reason is only the latest).
import type { SyncPlan } from './lifecycle.js';
import type { Ticket, TicketEvent } from './ticket.js';

export interface Escalation {
  /** Null for the escalation an imported ticket came with: the other system's trail is not here. */
  at: number | null;
  actor: string | null;
  reason: string | null;
  /** The tier of sla.yaml that escalated it (its number, its `at`) and who it tells; null for one by hand. */
  tier: { tier: number; at: string; to: string | null } | null;
}

export function escalationsOf(ticket: Ticket, events: readonly TicketEvent[]): Escalation[] {
  const listed = events
    .filter((e) => e.kind === 'escalate')
    .map((e) => ({ at: e.at, actor: e.actor, reason: e.data.reason ?? null, tier: e.data.escalation ?? null }));
  if (!listed.length && ticket.escalated) return [{ at: null, actor: null, reason: ticket.escalation_reason, tier: null }];
  return listed;
}

/**
 * The escalation a tier of sla.yaml makes (`desk sla check --escalate`): its own event, with the
 * tier and who it tells. Nothing when the ticket has reached the tier already or its resolution
 * clock is not running (pending, resolved), so that running it again, or twice at once, records
 * each tier once.
 */
export function planTierEscalation(tier: { tier: number; at: string }, to: string | null): SyncPlan {
  return (ticket) => {
    const running = ticket.status === 'new' || ticket.status === 'dispatched' || ticket.status === 'in_progress' || ticket.status === 'reopened';
    if (!running || ticket.escalation_tier >= tier.tier) return null;
    const reason = `tier ${tier.tier} (${tier.at})${to ? `: ${to} told` : ''}`;
    return { kind: 'escalate', patch: { escalated: true, escalation_reason: reason, escalation_tier: tier.tier }, reason, escalation: { tier: tier.tier, at: tier.at, to } };
  };
}
