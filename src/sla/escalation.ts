// Escalation tiers of sla.yaml (`escalation:`): points on a ticket's way to its resolution deadline
// (a share of the resolve time, the breach, a business time after it), each naming who is told.
// Pure: `desk sla check --escalate` finds the tiers a ticket has reached and records each once.
import { addBusinessMs, addTargetDuration, businessMsBetween } from './business-time.js';
import { calendarFor, type SlaPolicy } from './targets.js';
import type { EscalationTier } from './tier-point.js';
import type { Ticket } from '../domain/ticket.js';

/**
 * When `ticket` reaches `tier` in its current resolution cycle: the share of its resolve time
 * counted in business time from the cycle's start, the time spent pending added as the deadline
 * has it; or its resolution deadline, and the business time after it. Null without a deadline.
 */
export function tierReachedAt(sla: SlaPolicy, ticket: Ticket, tier: EscalationTier): number | null {
  if (ticket.resolve_due_at === null) return null;
  const calendar = calendarFor(sla, ticket.urgency, ticket.type);
  if ('share' in tier.point) {
    const start = ticket.reopened_at ?? ticket.created_at;
    const paused = ticket.reopened_at === null ? ticket.paused_ms : ticket.cycle_paused_ms;
    const length = Math.max(0, businessMsBetween(calendar, start, ticket.resolve_due_at) - paused);
    return addBusinessMs(calendar, start, Math.round(length * tier.point.share) + paused);
  }
  return tier.point.after ? addTargetDuration(calendar, ticket.resolve_due_at, tier.point.after) : ticket.resolve_due_at;
}

export interface ReachedTier {
  tier: EscalationTier;
  at: number;
}

/**
 * The tiers `ticket` has reached by `now` beyond those it has recorded, in order. Only a ticket
 * whose resolution clock runs escalates: open, not pending, not yet resolved.
 */
export function tiersToEscalate(sla: SlaPolicy, tiers: readonly EscalationTier[], ticket: Ticket, now: number): ReachedTier[] {
  const running = ticket.status === 'new' || ticket.status === 'dispatched' || ticket.status === 'in_progress' || ticket.status === 'reopened';
  if (!running || ticket.resolved_at !== null) return [];
  const reached: ReachedTier[] = [];
  for (const tier of tiers) {
    if (tier.tier <= ticket.escalation_tier) continue;
    const at = tierReachedAt(sla, ticket, tier);
    if (at !== null && at <= now) reached.push({ tier, at });
  }
  return reached;
}

/** Who a tier tells about `ticket`: null when the file names a supervisor teams.yaml lacks. */
export function tierRecipient(tier: EscalationTier, ticket: Pick<Ticket, 'team'>, teams: { supervisorOf(team: string | null): string | null; readonly deskSupervisor: string | null }): string | null {
  if (tier.tell === 'supervisor') return teams.supervisorOf(ticket.team) ?? teams.deskSupervisor;
  if (tier.tell === 'desk-supervisor') return teams.deskSupervisor;
  return tier.tell;
}
