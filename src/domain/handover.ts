// The shift handover record (desk handover): what happened during the shift and what the next
// shift inherits, the tickets that need attention first. Pure: the store gathers the tickets.
import { deadlineAlerts, runningDeadlines, type Deadline, type DeadlineAlert } from './deadlines.js';
import type { Ticket } from './ticket.js';

export interface ShiftQuery {
  since: number;
  until: number;
  /** Only tickets of this primary team. */
  team?: string;
}

/** The tickets a handover is made of, as the store finds them. */
export interface ShiftActivity {
  /** Created during the shift. */
  opened: Ticket[];
  /** Resolved during the shift. */
  resolved: Ticket[];
  /** Escalated during the shift. */
  escalated: Ticket[];
  /** Every ticket still open. */
  open: Ticket[];
  /** For each pending ticket, the reason given when it was put on hold. */
  pendingReasons: Map<number, string | null>;
}

export type OpenState = 'breached' | 'near' | 'running' | 'paused' | 'none';

export interface OpenTicket {
  ticket: Ticket;
  state: OpenState;
  /** The next deadline still running, if any. */
  next: Deadline | null;
}

export interface TeamQueue {
  /** Null: not dispatched yet. */
  team: string | null;
  tickets: OpenTicket[];
}

export interface PendingTicket {
  ticket: Ticket;
  reason: string | null;
}

export interface Handover {
  since: number;
  until: number;
  team: string | null;
  /** Deadlines falling within this many milliseconds after `until` count as near. */
  within: number;
  opened: Ticket[];
  resolved: Ticket[];
  escalated: Ticket[];
  breached: DeadlineAlert[];
  near: DeadlineAlert[];
  teams: TeamQueue[];
  pending: PendingTicket[];
}

/** Numbers and counts of a handover, as it is recorded (no names, so nothing to redact later). */
export interface HandoverSummary {
  opened: string[];
  resolved: string[];
  escalated: string[];
  breached: string[];
  near: string[];
  pending: string[];
  open: number;
}

export interface HandoverRecord {
  id: number;
  at: number;
  actor: string;
  since: number;
  team: string | null;
  summary: HandoverSummary;
}

const STATE_ORDER: Record<OpenState, number> = { breached: 0, near: 1, running: 2, none: 3, paused: 4 };

function openTicket(ticket: Ticket, now: number, until: number): OpenTicket {
  const next = runningDeadlines(ticket)[0] ?? null;
  if (ticket.status === 'pending') return { ticket, state: 'paused', next: null };
  if (!next) return { ticket, state: 'none', next: null };
  return { ticket, state: next.due < now ? 'breached' : next.due < until ? 'near' : 'running', next };
}

/** Breaches and near-breaches first (earliest deadline first), then by deadline, pending last. */
function compareOpen(a: OpenTicket, b: OpenTicket): number {
  return STATE_ORDER[a.state] - STATE_ORDER[b.state] || (a.next?.due ?? Infinity) - (b.next?.due ?? Infinity) || a.ticket.created_at - b.ticket.created_at || a.ticket.id - b.ticket.id;
}

export function buildHandover(activity: ShiftActivity, o: { since: number; until: number; within: number; team?: string }): Handover {
  // One alert a ticket: its earliest deadline past or near.
  const seen = new Set<number>();
  const alerts = deadlineAlerts(activity.open, o.until, o.until + o.within).filter((a) => !seen.has(a.ticket.id) && seen.add(a.ticket.id));
  const byTeam = new Map<string | null, OpenTicket[]>();
  for (const ticket of activity.open) {
    const list = byTeam.get(ticket.team) ?? [];
    list.push(openTicket(ticket, o.until, o.until + o.within));
    byTeam.set(ticket.team, list);
  }
  // Tickets not yet dispatched first: nobody else will pick them up.
  const teams = [...byTeam.entries()]
    .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a.localeCompare(b)))
    .map(([team, tickets]) => ({ team, tickets: tickets.sort(compareOpen) }));
  const pending = activity.open
    .filter((t) => t.status === 'pending')
    .sort((a, b) => (a.paused_at ?? 0) - (b.paused_at ?? 0) || a.id - b.id)
    .map((ticket) => ({ ticket, reason: activity.pendingReasons.get(ticket.id) ?? null }));
  return {
    since: o.since,
    until: o.until,
    team: o.team ?? null,
    within: o.within,
    opened: activity.opened,
    resolved: activity.resolved,
    escalated: activity.escalated,
    breached: alerts.filter((a) => a.breached),
    near: alerts.filter((a) => !a.breached),
    teams,
    pending,
  };
}

export function summarizeHandover(handover: Handover): HandoverSummary {
  const numbers = (tickets: readonly Ticket[]) => tickets.map((t) => t.number);
  const unique = (alerts: readonly DeadlineAlert[]) => alerts.map((a) => a.ticket.number);
  return {
    opened: numbers(handover.opened),
    resolved: numbers(handover.resolved),
    escalated: numbers(handover.escalated),
    breached: unique(handover.breached),
    near: unique(handover.near),
    pending: handover.pending.map((p) => p.ticket.number),
    open: handover.teams.reduce((sum, t) => sum + t.tickets.length, 0),
  };
}
