import { InvalidTransitionError } from './errors.js';
import type { Status, Ticket } from './ticket.js';

// The status machine of DESIGN.md: new → dispatched → in_progress ⇄ pending → resolved → closed;
// resolved/closed → reopened → dispatched, with the shortcuts a real desk needs: a dispatched
// ticket may be resolved or put pending at once, and a reopened one, back with its last team and
// assignee, is worked on or resolved without a new dispatch. (Closing an open ticket solved at
// first contact is the close plan's own move.)
// A team sends a misrouted ticket back (desk return) from dispatched, in_progress or reopened: it
// is new again, waiting for a dispatch. A hotline merges a duplicate
// while it is open, as the repeat call comes in: merging is the merge plan's own move from any
// open status (a resolved or closed ticket has had its answer and keeps it), and merged is final.
const TRANSITIONS: Record<Status, readonly Status[]> = {
  new: ['dispatched'],
  dispatched: ['in_progress', 'pending', 'resolved', 'new'],
  in_progress: ['pending', 'resolved', 'new'],
  pending: ['in_progress', 'resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['dispatched', 'in_progress', 'resolved', 'new'],
  merged: [],
};

/** The command an operator runs to make a move, named in refusals. */
function commandFor(from: Status, to: Status): string {
  if (from === 'pending' && to === 'in_progress') return 'resume';
  const byTarget: Record<Status, string> = {
    new: 'return',
    dispatched: 'dispatch',
    in_progress: 'respond',
    pending: 'pending',
    resolved: 'resolve',
    closed: 'close',
    reopened: 'reopen',
    merged: 'merge',
  };
  return byTarget[to];
}

export function allowedMoves(from: Status): readonly Status[] {
  return TRANSITIONS[from];
}

export function canMove(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertMove(ticket: Ticket, to: Status): void {
  if (canMove(ticket.status, to)) return;
  throw refusal(ticket, `cannot move to ${to}`);
}

/** A refusal that names the current status and what may happen next. */
export function refusal(ticket: Ticket, what: string): InvalidTransitionError {
  const moves = TRANSITIONS[ticket.status];
  const next = moves.length
    ? `allowed from ${ticket.status}: ${moves.map((s) => `${s} (desk ${commandFor(ticket.status, s)})`).join(', ')}`
    : `${ticket.status} is final`;
  return new InvalidTransitionError(`${ticket.number} is ${ticket.status}: ${what}`, next);
}
