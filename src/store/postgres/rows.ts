// How tickets and events sit in PostgreSQL rows. The client is told to read bigint and numeric as
// numbers (the times, ids and counts all fit a double) and json as parsed values, so a row is a
// Ticket once its column names match.
import type { Ticket, TicketEvent } from '../../domain/ticket.js';

export type Row = Record<string, unknown>;

const JSON_COLUMNS = new Set(['collaborators', 'manual_fields', 'supervisions', 'assists']);

/** A ticket field's value as a query parameter: lists as JSON text, none as NULL. */
export function toColumn(field: string, value: unknown): unknown {
  if (JSON_COLUMNS.has(field)) return JSON.stringify(value ?? []);
  return value ?? null;
}

export function toTicket(row: Row): Ticket {
  // The caller keys and the sub-tasks' teams and deadline index the ticket; they are no field of it.
  delete row.assist_due_at;
  delete row.assist_teams;
  delete row.contact_key;
  delete row.requester_key;
  return row as unknown as Ticket;
}

export function toEvent(row: Row): TicketEvent {
  return row as unknown as TicketEvent;
}

/** SQL written with `?` placeholders, numbered as PostgreSQL wants them ($1, $2, …). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
