// The operator's queue at a glance (`desk` in a terminal, `desk queue`): their own tickets, what is
// breached or due soon and what nobody has picked up, for their teams (or the whole desk when the
// operator is in no team). Pure: the store finds the tickets.
import type { Ticket } from './ticket.js';
import type { TeamDirectory } from './vocabulary.js';

export interface QueueQuery {
  actor: string;
  /** Teams whose tickets count as the operator's; null for the whole desk. */
  teams: string[] | null;
  now: number;
  /** Deadlines before this instant (and not yet past) are due soon. */
  soonUntil: number;
  /** At most this many tickets per section (the counts are complete). */
  limit: number;
}

export interface QueueSection {
  tickets: Ticket[];
  /** How many tickets the section has in all. */
  total: number;
}

export interface QueueFacts {
  /** Open tickets assigned to the operator, next deadline first. */
  mine: QueueSection;
  /** Open tickets with a deadline past, earliest first. */
  breached: QueueSection;
  /** Open tickets with a deadline before soonUntil, earliest first. */
  dueSoon: QueueSection;
  /** Tickets waiting for dispatch (new, reopened) and open tickets of the teams without an assignee, oldest first. */
  unassigned: QueueSection;
  /** Tickets with a supervision order past its reply time, whatever their status, earliest first. */
  supervision: QueueSection;
  /** Tickets where the operator's teams (every team: the whole desk) have an open sub-task, earliest deadline first. */
  assists: QueueSection;
}

/** The teams an operator works in: as member, or as supervisor; null when in none (the whole desk). */
export function teamsOf(actor: string, directory: TeamDirectory): string[] | null {
  const teams = directory
    .teams()
    .filter((t) => t.members.includes(actor) || t.supervisor === actor)
    .map((t) => t.key);
  return teams.length ? teams : null;
}
