// Extensions (延期): the team handling a ticket asks for a later resolution deadline, and only a
// supervisor's approval moves it. The deadline it replaces is kept (original_resolve_due_at), so
// the report tells a resolution within the original deadline from one within the extended.
import { UsageError } from './errors.js';
import { requireOpen, requireText, type SyncPlan } from './lifecycle.js';
import { refusal } from './status-machine.js';
import type { Ticket, TicketPatch } from './ticket.js';
import type { TeamDirectory } from './vocabulary.js';

export interface ExtensionActor {
  now: number;
  actor: string;
  teams: TeamDirectory;
  describeTime: (ms: number) => string;
}

export interface ExtensionDecider extends ExtensionActor {
  /**
   * Whether the server counts the actor a supervisor, on a store with roles (PostgreSQL); null
   * where teams.yaml decides (SQLite, or the desk's owner acting in others' names).
   */
  serverSupervisor: boolean | null;
}

function runningDeadline(ticket: Ticket, now: number, describeTime: (ms: number) => string, what: string): number {
  requireOpen(ticket, what);
  if (ticket.resolve_due_at === null) {
    throw new UsageError(`${ticket.number} has no resolution deadline to extend`, 'sla.yaml sets the deadlines; without it no ticket has one');
  }
  if (ticket.resolve_met === false || ticket.resolve_due_at < now) {
    throw new UsageError(
      `${ticket.number}: the resolution deadline passed unmet at ${describeTime(ticket.resolve_due_at)}; an extension is decided before the deadline, and a missed one stays missed`,
      ticket.extension_until === null ? 'resolve it as soon as possible' : `reject the request: desk extend ${ticket.number} --reject --reason "…"`,
    );
  }
  return ticket.resolve_due_at;
}

/** A request for a resolution deadline at `until`, by the ticket's team (or the desk supervisor). */
export function planExtendRequest(until: number, reason: string | undefined, who: ExtensionActor): SyncPlan {
  const why = requireText(reason, '--reason');
  return (ticket) => {
    const due = runningDeadline(ticket, who.now, who.describeTime, 'extend');
    if (ticket.team === null) throw refusal(ticket, 'an extension is asked by the team that handles it: dispatch it first');
    const desk = who.teams.deskSupervisor;
    if (who.actor !== desk && !who.teams.isMember(who.actor, ticket.team)) {
      throw new UsageError(
        `${ticket.number} is team ${ticket.team}'s: only its members or supervisor may ask to extend it, and ${who.actor} is not one of them`,
        `act as one of team ${ticket.team}${desk ? `, or as the desk supervisor ${desk}` : ''}`,
      );
    }
    if (ticket.extension_until !== null) {
      throw new UsageError(
        `${ticket.number} already awaits a decision on an extension to ${who.describeTime(ticket.extension_until)}`,
        `a supervisor decides it first: desk extend ${ticket.number} --approve, or --reject --reason "…"`,
      );
    }
    if (until <= due) {
      throw new UsageError(`--until: ${who.describeTime(until)} is not after the resolution deadline ${who.describeTime(due)}`, 'give the later deadline asked for, e.g. --until "2026-11-30 18:00"');
    }
    return { kind: 'extend', patch: { extension_until: until }, reason: why };
  };
}

/** Who may decide: the team's supervisor or the desk supervisor (teams.yaml), or on PostgreSQL a role the server counts a supervisor. */
function checkDecider(ticket: Ticket, who: ExtensionDecider): void {
  if (who.serverSupervisor !== null) {
    if (who.serverSupervisor) return;
    throw new UsageError(`only a supervisor may decide an extension; the server does not count role ${who.actor} one`, 'log in as a supervisor\'s role; the desk\'s owner adds one with `desk roles add NAME --as supervisor`');
  }
  const deciders = [who.teams.supervisorOf(ticket.team), who.teams.deskSupervisor].filter((s): s is string => s !== null);
  if (deciders.includes(who.actor)) return;
  throw new UsageError(
    `only a supervisor of team ${ticket.team ?? '(none)'} may decide ${ticket.number}'s extension; ${who.actor} is not one`,
    deciders.length ? `supervisors: ${[...new Set(deciders)].join(', ')}` : 'teams.yaml names none: give the team a supervisor, or the desk one (`supervisor: NAME` at its top)',
  );
}

/** A supervisor's decision on the extension asked for: approval moves the resolution deadline, rejection leaves it. */
export function planExtendDecision(approve: boolean, reason: string | undefined, who: ExtensionDecider): SyncPlan {
  const why = approve ? reason?.trim() || undefined : requireText(reason, '--reason');
  return (ticket) => {
    requireOpen(ticket, 'decide an extension of');
    const asked = ticket.extension_until;
    if (asked === null) throw new UsageError(`${ticket.number} has no extension request to decide`, `the team asks first: desk extend ${ticket.number} --until TIME --reason "…"`);
    checkDecider(ticket, who);
    if (!approve) return { kind: 'extend_reject', patch: { extension_until: null }, reason: why };
    const due = runningDeadline(ticket, who.now, who.describeTime, 'extend');
    const patch: TicketPatch = { extension_until: null, resolve_due_at: asked, original_resolve_due_at: ticket.original_resolve_due_at ?? due };
    return { kind: 'extend_approve', patch, reason: why };
  };
}
