import { describe, expect, it } from 'vitest';
import { changeEvents, type TrailEvent } from '../../src/domain/change-events.js';
import type { Change } from '../../src/domain/lifecycle.js';
import type { Ticket } from '../../src/domain/ticket.js';
import { ticketWith } from './ticket-factory.js';

const AT = Date.UTC(2026, 10, 25, 6, 30);

describe('changeEvents', () => {
  it.each<{ case: string; before: Partial<Ticket>; change: Change; events: TrailEvent[] }>([
    {
      case: 'a classification: only the fields that differ',
      before: { urgency: 'normal' },
      change: { kind: 'classify', patch: { type: 'fault', urgency: 'normal', classified_by: 'manual' } },
      events: [{ kind: 'classify', data: { changes: { type: [null, 'fault'], classified_by: [null, 'manual'] } } }],
    },
    {
      case: 'a note: its words, and nothing changed',
      before: {},
      change: { kind: 'note', patch: {}, text: 'called back, no answer' },
      events: [{ kind: 'note', data: { changes: {}, text: 'called back, no answer' } }],
    },
    {
      case: 'a pending request: the reason',
      before: { status: 'in_progress' },
      change: { kind: 'pending', patch: { status: 'pending' }, reason: 'waiting for the vendor' },
      events: [{ kind: 'pending', data: { changes: { status: ['in_progress', 'pending'] }, reason: 'waiting for the vendor' } }],
    },
    {
      case: 'a progress update: the promised time and whether it came in time',
      before: {},
      change: { kind: 'update', patch: { eta_at: AT }, text: 'parts ordered', eta: AT, onTime: false },
      events: [{ kind: 'update', data: { changes: { eta_at: [null, AT] }, text: 'parts ordered', eta: AT, on_time: false } }],
    },
    {
      case: 'a redaction: what it removes is not written down',
      before: { contact: '13812345678', requester: 'Li Lei' },
      change: { kind: 'redact', patch: { contact: null, requester: '[redacted]' }, reason: 'request of the requester' },
      events: [{ kind: 'redact', data: { changes: { contact: [null, null], requester: [null, '[redacted]'] }, reason: 'request of the requester' } }],
    },
    {
      case: 'a rule dispatch naming a supervisor: its own event, then the notify event',
      before: {},
      change: {
        kind: 'dispatch',
        patch: { status: 'dispatched', team: 'desktop', dispatched_by: 'printers' },
        rules: { team: 'printers' },
        notify: { to: 'zhao', team: 'desktop', rules: ['vip'] },
        // Written with the change, but not its doing: not among its changes.
        bookkeeping: { response_met: false },
      },
      events: [
        { kind: 'dispatch', data: { changes: { status: ['new', 'dispatched'], team: [null, 'desktop'], dispatched_by: [null, 'printers'] }, rules: { team: 'printers' } } },
        { kind: 'notify', data: { to: 'zhao', team: 'desktop', rules: { notify: 'vip' } } },
      ],
    },
  ])('$case', ({ before, change, events }) => {
    expect(changeEvents(ticketWith(before), change)).toEqual(events);
  });
});
