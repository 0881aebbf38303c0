// The stable --json shape of a ticket (README, "JSON output").
import { maskContact } from '../../domain/privacy.js';
import { assistJson } from '../../domain/assists.js';
import { supervisionJson } from '../../domain/supervision.js';
import { TIME_FIELDS, type SupervisionOrder, type Ticket } from '../../domain/ticket.js';
import { formatIso } from '../../domain/time.js';

const FIELD_ORDER: readonly (keyof Ticket)[] = [
  'id', 'number', 'external_id', 'created_at', 'channel', 'requester', 'department', 'contact', 'title',
  'description', 'occurred_at', 'impact', 'type', 'category', 'urgency', 'status', 'team', 'collaborators',
  'assignee', 'classified_by', 'dispatched_by', 'first_response_at', 'dispatched_at', 'resolved_at',
  'closed_at', 'response_due_at', 'dispatch_due_at', 'resolve_due_at', 'response_met', 'dispatch_met', 'resolve_met', 'escalated', 'escalation_reason', 'escalation_tier',
  'solution', 'steps', 'remaining', 'satisfaction', 'callback_at', 'callback_note', 'callback_attempts', 'callback_outcome', 'reopen_count',
  'last_update_at', 'update_due_at', 'eta_at', 'paused_at', 'reopened_at', 'extension_until', 'original_resolve_due_at',
  'supervisions', 'supervision_due_at', 'urge_count', 'complaint_against', 'complaint_verified', 'complaint_cause',
  'complaint_action', 'complaint_penalty', 'complaint_verified_at', 'complaint_feedback', 'complaint_feedback_at', 'assists', 'version',
  'updated_at', 'updated_by',
];

const TIMES = new Set<string>(TIME_FIELDS);

export interface PresentOptions {
  zone: string;
  reveal: boolean;
}

export function toTicketJson(ticket: Ticket, { zone, reveal }: PresentOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of FIELD_ORDER) {
    const value = ticket[field];
    if (TIMES.has(field)) out[field] = value === null ? null : formatIso(value as number, zone);
    else if (field === 'contact') out[field] = reveal ? value : maskContact(value as string | null);
    else if (field === 'supervisions') out[field] = ticket.supervisions.map((order) => toSupervisionJson(order, zone));
    else if (field === 'assists') out[field] = ticket.assists.map((assist) => assistJson(assist, (ms) => formatIso(ms, zone)));
    else out[field] = value;
  }
  return out;
}

/** A supervision order in the JSON shape: times as ISO, and whether the reply came by its time (null while it waits). */
export function toSupervisionJson(order: SupervisionOrder, zone: string): Record<string, unknown> {
  return supervisionJson(order, (ms) => formatIso(ms, zone));
}

/** What a supervision event records of its order, or a sub-task's event of the sub-task, its times as ISO. */
export function presentRecordTimes(data: Record<string, unknown>, zone: string): Record<string, unknown> {
  const out = { ...data };
  for (const field of ['reply_by', 'issued_at', 'due_at', 'opened_at']) if (typeof out[field] === 'number') out[field] = formatIso(out[field] as number, zone);
  return out;
}

export function printJson(write: (text: string) => unknown, value: unknown): void {
  write(`${JSON.stringify(value, null, 2)}\n`);
}

/** An audit event's changes in the JSON shape: times as ISO, contacts masked unless revealed. */
export function presentChanges(changes: Record<string, [unknown, unknown]>, { zone, reveal }: PresentOptions): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [field, pair] of Object.entries(changes)) {
    out[field] = pair.map((value) => {
      if (value === null || value === undefined) return null;
      if (TIMES.has(field) && typeof value === 'number') return formatIso(value, zone);
      if (field === 'contact' && !reveal) return maskContact(value as string);
      return value;
    }) as [unknown, unknown];
  }
  return out;
}
