// How tickets and events sit in SQLite rows: one codec for every module of the store (writes,
// reads, search, shift, import and export).
import { assistKeys } from '../domain/assists.js';
import { contactKey, requesterKey } from '../domain/caller.js';
import type { Assist, EventData, Ticket, TicketEvent } from '../domain/ticket.js';

export type Row = Record<string, unknown>;

/** Columns of `tickets` a write may set; anything else in a patch is a programming error. */
export const WRITABLE = new Set([
  'external_id', 'created_at', 'channel', 'requester', 'department', 'contact', 'title', 'description',
  'occurred_at', 'impact', 'type', 'category', 'urgency', 'status', 'team', 'collaborators', 'assignee',
  'classified_by', 'dispatched_by', 'first_response_at', 'dispatched_at', 'resolved_at', 'closed_at',
  'response_due_at', 'dispatch_due_at', 'resolve_due_at', 'escalated', 'escalation_reason', 'solution',
  'steps', 'remaining', 'satisfaction', 'callback_at', 'callback_note', 'callback_attempts', 'callback_outcome', 'reopen_count', 'manual_fields',
  'paused_at', 'paused_ms', 'response_met', 'dispatch_met', 'resolve_met', 'response_business_ms', 'resolve_business_ms',
  'last_update_at', 'update_due_at', 'eta_at', 'update_met', 'rated_at', 'reopened_at', 'cycle_paused_ms',
  'routed_at', 'extension_until', 'original_resolve_due_at',
  'requester_key', 'contact_key',
  'supervisions', 'supervision_due_at', 'urge_count', 'complaint_against', 'complaint_verified', 'complaint_cause',
  'complaint_action', 'complaint_penalty', 'complaint_verified_at', 'complaint_feedback', 'complaint_feedback_at',
  'assists', 'assist_teams', 'assist_due_at', 'escalation_tier',
]);

/**
 * The fields to write with the columns the store derives from them: the caller keys of requester
 * and contact (src/domain/caller.ts), and the teams and earliest deadline of the open sub-tasks
 * (src/domain/assists.ts). Every write of those fields goes through here, so a derived column
 * never disagrees with what it indexes. In place when `inPlace` (an import's fresh rows, a
 * million of them).
 */
export function withDerivedColumns<T extends object>(fields: T, inPlace = false): T {
  const has = { requester: 'requester' in fields, contact: 'contact' in fields, assists: 'assists' in fields };
  if (!has.requester && !has.contact && !has.assists) return fields;
  const out = (inPlace ? fields : { ...fields }) as Record<string, unknown>;
  if (has.requester) out.requester_key = requesterKey(out.requester as string | null);
  if (has.contact) out.contact_key = contactKey(out.contact as string | null);
  if (has.assists) {
    const assists = (out.assists ?? []) as Assist[];
    const keys = assists.length ? assistKeys(assists) : { teams: [], dueAt: null };
    out.assist_teams = keys.teams.length ? `,${keys.teams.join(',')},` : null;
    out.assist_due_at = keys.dueAt;
  }
  return out as T;
}

const JSON_COLUMNS = new Set(['collaborators', 'manual_fields', 'supervisions', 'assists']);
const BOOLEAN_COLUMNS = ['escalated', 'response_met', 'dispatch_met', 'resolve_met', 'update_met'] as const;

/** A ticket field's value as its column holds it: lists as JSON, booleans as 0/1, none as NULL. */
export function toColumn(field: string, value: unknown): unknown {
  if (JSON_COLUMNS.has(field)) return Array.isArray(value) && value.length === 0 ? '[]' : JSON.stringify(value ?? []);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

/** A row of `tickets` as a Ticket. The row is a fresh object from the driver, so it is read in place (the import and search read millions). */
export function toTicket(row: Row): Ticket {
  row.collaborators = row.collaborators === '[]' ? [] : JSON.parse(row.collaborators as string);
  row.manual_fields = row.manual_fields === '[]' ? [] : JSON.parse(row.manual_fields as string);
  // Older rows read through a narrower SELECT may lack the column.
  if (row.supervisions !== undefined) row.supervisions = row.supervisions === '[]' ? [] : JSON.parse(row.supervisions as string);
  if (row.assists !== undefined) row.assists = row.assists === '[]' ? [] : JSON.parse(row.assists as string);
  for (const field of BOOLEAN_COLUMNS) row[field] = row[field] === null ? null : row[field] === 1;
  // The caller keys and the sub-tasks' teams and deadline index the ticket; they are no field of it.
  delete row.assist_due_at;
  delete row.assist_teams;
  delete row.contact_key;
  delete row.requester_key;
  return row as unknown as Ticket;
}

/** An event's data as its column holds it. */
export function toEventData(data: EventData): string {
  return JSON.stringify(data);
}

/** A row of `events` as a TicketEvent. */
export function toEvent(row: Row): TicketEvent {
  row.data = JSON.parse(row.data as string);
  return row as unknown as TicketEvent;
}
