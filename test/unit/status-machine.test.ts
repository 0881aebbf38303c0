import { describe, expect, it } from 'vitest';
import { InvalidTransitionError } from '../../src/domain/errors.js';
import { allowedMoves, assertMove, canMove } from '../../src/domain/status-machine.js';
import { STATUSES, type Status, type Ticket } from '../../src/domain/ticket.js';
import { thrown } from './thrown.js';
import { ticketWith } from './ticket-factory.js';

// DESIGN.md "Tickets": new → dispatched → in_progress ⇄ pending → resolved → closed;
// resolved/closed → reopened → dispatched; resolve and pending straight from dispatched, and a
// reopened ticket worked on or resolved without a new dispatch; a misrouted ticket returned by its
// team (desk return) is new again.
const ALLOWED: Record<Status, Status[]> = {
  new: ['dispatched'],
  dispatched: ['in_progress', 'pending', 'resolved', 'new'],
  in_progress: ['pending', 'resolved', 'new'],
  pending: ['in_progress', 'resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['dispatched', 'in_progress', 'resolved', 'new'],
  // A duplicate merged into another ticket (desk merge, from any open status) goes nowhere.
  merged: [],
};

function ticketIn(status: Status): Ticket {
  return ticketWith({ status });
}

const refusalOf = (from: Status, to: Status) => thrown(() => assertMove(ticketIn(from), to));

const PAIRS = STATUSES.flatMap((from) => STATUSES.map((to) => ({ from, to, allowed: ALLOWED[from].includes(to) })));

describe('canMove', () => {
  it('knows all eight statuses', () => {
    expect([...STATUSES].sort()).toEqual(['closed', 'dispatched', 'in_progress', 'merged', 'new', 'pending', 'reopened', 'resolved']);
  });

  it.each(PAIRS)('$from → $to allowed: $allowed', ({ from, to, allowed }) => {
    expect(canMove(from, to)).toBe(allowed);
  });
});

describe('allowedMoves', () => {
  it.each(STATUSES)('from %s lists exactly the moves of the spec', (from) => {
    expect([...allowedMoves(from)].sort()).toEqual([...ALLOWED[from]].sort());
  });
});

describe('assertMove', () => {
  it.each(PAIRS.filter((p) => p.allowed))('lets $from → $to through', ({ from, to }) => {
    expect(() => assertMove(ticketIn(from), to)).not.toThrow();
  });

  it.each(PAIRS.filter((p) => !p.allowed))('refuses $from → $to naming the current status', ({ from, to }) => {
    const error = refusalOf(from, to);
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`SD-202611-00042 is ${from}: cannot move to ${to}`);
  });

  // The hint lists the allowed moves with the command that makes each one.
  it.each([
    { from: 'new', to: 'resolved', hint: 'allowed from new: dispatched (desk dispatch)' },
    { from: 'dispatched', to: 'closed', hint: 'allowed from dispatched: in_progress (desk respond), pending (desk pending), resolved (desk resolve), new (desk return)' },
    { from: 'in_progress', to: 'closed', hint: 'allowed from in_progress: pending (desk pending), resolved (desk resolve), new (desk return)' },
    { from: 'pending', to: 'closed', hint: 'allowed from pending: in_progress (desk resume), resolved (desk resolve)' },
    { from: 'resolved', to: 'pending', hint: 'allowed from resolved: closed (desk close), reopened (desk reopen)' },
    { from: 'closed', to: 'resolved', hint: 'allowed from closed: reopened (desk reopen)' },
    { from: 'reopened', to: 'pending', hint: 'allowed from reopened: dispatched (desk dispatch), in_progress (desk respond), resolved (desk resolve), new (desk return)' },
    { from: 'merged', to: 'reopened', hint: 'merged is final' },
  ] as const)('a refusal from $from hints "$hint"', ({ from, to, hint }) => {
    expect(refusalOf(from, to).hint).toBe(hint);
  });
});
