// Returns (退回): the team a ticket was dispatched to sends it back when it is not theirs, and it
// is new again, waiting for a dispatch to the right team. The team may do so by itself within the
// return window of sla.yaml; after it, only the desk supervisor may.
import { UsageError } from './errors.js';
import { requireText, type SyncPlan } from './lifecycle.js';
import { assertMove, refusal } from './status-machine.js';
import type { Ticket, TicketPatch } from './ticket.js';
import type { TeamDirectory } from './vocabulary.js';

export interface ReturnInput {
  reason: string | undefined;
  now: number;
  actor: string;
  teams: TeamDirectory;
  /** When the ticket's team may no longer return it by itself; null: no window. */
  windowEnd: (ticket: Ticket) => number | null;
  describeTime: (ms: number) => string;
}

export function planReturn(input: ReturnInput): SyncPlan {
  const why = requireText(input.reason, '--reason');
  const { actor, teams, now } = input;
  return (ticket) => {
    if (ticket.team === null) throw refusal(ticket, 'it has no team to return it');
    assertMove(ticket, 'new');
    const team = ticket.team;
    const desk = teams.deskSupervisor;
    const byDesk = desk !== null && actor === desk;
    if (!byDesk && !teams.isMember(actor, team)) {
      throw new UsageError(
        `${ticket.number} is team ${team}'s: only its members or supervisor may return it, and ${actor} is not one of them`,
        `act as one of team ${team}${desk ? `, or as the desk supervisor ${desk}` : ''}`,
      );
    }
    const end = input.windowEnd(ticket);
    if (!byDesk && end !== null && now > end) {
      throw new UsageError(
        `${ticket.number}: team ${team}'s window to return it closed at ${input.describeTime(end)}; after it only the desk supervisor may return it`,
        desk ? `ask ${desk} to return it (desk return ${ticket.number} --reason "…" as ${desk})` : 'teams.yaml names no desk supervisor: add `supervisor: NAME` at its top',
      );
    }
    const patch: TicketPatch = { status: 'new', team: null, assignee: null, collaborators: [], dispatched_by: null, routed_at: null };
    const rule = ticket.dispatched_by !== null && ticket.dispatched_by !== 'manual' ? ticket.dispatched_by : undefined;
    return { kind: 'return', patch, reason: why, team, dispatchRule: rule };
  };
}
