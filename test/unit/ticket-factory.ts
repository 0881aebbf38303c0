import { unsupervisedCase, type Ticket } from '../../src/domain/ticket.js';

/**
 * A ticket as the store would hand it over: every field of Ticket, a new unclassified ticket
 * unless `fields` says otherwise. Tests name only the fields they are about.
 */
export function ticketWith(fields: Partial<Ticket> = {}): Ticket {
  const at = Date.UTC(2026, 10, 25, 1, 0);
  return {
    ...unsupervisedCase(),
    id: 42, number: 'SD-202611-00042', external_id: null, created_at: at, channel: 'phone',
    requester: 'Li Lei', department: null, contact: null, title: 'Printer jams', description: null,
    occurred_at: null, impact: null, type: null, category: null, urgency: 'normal', status: 'new', team: null,
    collaborators: [], assignee: null, classified_by: null, dispatched_by: null, first_response_at: null,
    dispatched_at: null, resolved_at: null, closed_at: null, response_due_at: null, dispatch_due_at: null,
    resolve_due_at: null, escalated: false, escalation_reason: null, solution: null, steps: null, remaining: null,
    satisfaction: null, callback_at: null, callback_note: null, callback_attempts: 0, callback_outcome: null, reopen_count: 0, manual_fields: [], paused_at: null,
    paused_ms: 0, response_met: null, dispatch_met: null, resolve_met: null, update_met: null, rated_at: null,
    reopened_at: null, cycle_paused_ms: 0, response_business_ms: null,
    resolve_business_ms: null, last_update_at: null, update_due_at: null, eta_at: null,
    routed_at: null, extension_until: null, original_resolve_due_at: null,
    version: 1, updated_at: at, updated_by: 'li',
    ...fields,
  };
}
