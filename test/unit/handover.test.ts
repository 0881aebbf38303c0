// The shift handover (src/domain/handover.ts).
import { describe, expect, it } from 'vitest';
import { buildHandover, summarizeHandover, type ShiftActivity } from '../../src/domain/handover.js';
import type { Ticket } from '../../src/domain/ticket.js';
import { ticketWith } from './ticket-factory.js';

const HOUR = 3_600_000;
const NOW = 100 * HOUR;
let nextId = 1;
function ticket(more: Partial<Ticket>): Ticket {
  const id = nextId++;
  return ticketWith({
    id, number: `SD-202611-${String(id).padStart(5, '0')}`, title: `ticket ${id}`, status: 'in_progress', team: 'desktop', assignee: 'sun',
    created_at: NOW - 10 * HOUR, first_response_at: NOW - 9 * HOUR, dispatched_at: NOW - 9 * HOUR, ...more,
  });
}

describe('buildHandover', () => {
  const breached = ticket({ resolve_due_at: NOW - 2 * HOUR });
  const doubly = ticket({ status: 'new', team: null, assignee: null, first_response_at: null, dispatched_at: null, response_due_at: NOW - 3 * HOUR, dispatch_due_at: NOW - HOUR });
  const near = ticket({ resolve_due_at: NOW + HOUR });
  const later = ticket({ resolve_due_at: NOW + 30 * HOUR, team: 'network', assignee: 'wu' });
  const none = ticket({});
  const pending = ticket({ status: 'pending', paused_at: NOW - 5 * HOUR, resolve_due_at: NOW - HOUR });
  const activity: ShiftActivity = {
    opened: [doubly],
    resolved: [],
    escalated: [near],
    open: [later, none, pending, near, breached, doubly],
    pendingReasons: new Map([[pending.id, 'waiting for the spare part']]),
  };
  const handover = buildHandover(activity, { since: NOW - 8 * HOUR, until: NOW, within: 2 * HOUR });

  it('puts breaches and near-breaches first, one per ticket, earliest deadline first', () => {
    expect(handover.breached.map((a) => [a.ticket.id, a.kind])).toEqual([[doubly.id, 'response'], [breached.id, 'resolve']]);
    expect(handover.near.map((a) => a.ticket.id)).toEqual([near.id]);
  });

  it('lists the open tickets by team, undispatched first, breached, near, running, none, then pending', () => {
    expect(handover.teams.map((t) => [t.team, t.tickets.map((o) => [o.ticket.id, o.state])])).toEqual([
      [null, [[doubly.id, 'breached']]],
      ['desktop', [[breached.id, 'breached'], [near.id, 'near'], [none.id, 'none'], [pending.id, 'paused']]],
      ['network', [[later.id, 'running']]],
    ]);
  });

  it('names what pending tickets wait for, and records numbers and counts only', () => {
    expect(handover.pending).toEqual([{ ticket: pending, reason: 'waiting for the spare part' }]);
    expect(summarizeHandover(handover)).toEqual({
      opened: [doubly.number], resolved: [], escalated: [near.number], breached: [doubly.number, breached.number],
      near: [near.number], pending: [pending.number], open: 6,
    });
  });
});
