// How every write lands in SQLite, the import's too: one UPDATE of a ticket's fields (its version
// moves on, the writer and time recorded) and one insert of an audit event.
import type Database from 'better-sqlite3';
import { changeEvents } from '../domain/change-events.js';
import type { Change } from '../domain/lifecycle.js';
import type { ClosedCycle, EventData, Ticket, TicketPatch } from '../domain/ticket.js';
import type { NewVisit } from '../domain/visit.js';
import { insertSettlement } from './sqlite-settlements.js';
import { toColumn, toEventData, withDerivedColumns, WRITABLE } from './sqlite-rows.js';
import { prepareCached } from './statements.js';
import type { WriteOptions } from './store.js';

/** Appends one event to the ticket's trail. */
export function insertEvent(db: Database.Database, ticketId: number | bigint, options: WriteOptions, kind: string, data: EventData): void {
  prepareCached(db, 'INSERT INTO events (ticket_id, at, actor, kind, data) VALUES (?, ?, ?, ?, ?)').run(ticketId, options.now, options.actor, kind, toEventData(data));
}

/** Writes the fields of `written` to the ticket; its version goes up by one. */
export function updateTicketFields(db: Database.Database, ticketId: number, patch: TicketPatch, options: WriteOptions): void {
  const written = withDerivedColumns(patch);
  const fields = Object.keys(written);
  for (const field of fields) if (!WRITABLE.has(field)) throw new Error(`patch writes unknown field ${field}`);
  const assignments = [...fields.map((f) => `${f} = ?`), 'version = version + 1', 'updated_at = ?', 'updated_by = ?'];
  prepareCached(db, `UPDATE tickets SET ${assignments.join(', ')} WHERE id = ?`).run(
    ...fields.map((f) => toColumn(f, written[f as keyof TicketPatch])),
    options.now,
    options.actor,
    ticketId,
  );
}

/**
 * Writes a plan's change to the ticket as it stood (`before`) with all it brings (a visit,
 * settled deadlines, the cycle a reopen ends) and its events; returns what changed, field by
 * field, as the trail records it.
 */
export function writeChange(db: Database.Database, before: Ticket, change: Change, options: WriteOptions): Record<string, [unknown, unknown]> {
  updateTicketFields(db, before.id, { ...change.bookkeeping, ...change.patch }, options);
  const events = changeEvents(before, change);
  if (change.visit) insertVisit(db, before.id, change.visit, options);
  for (const s of change.settlements ?? []) insertSettlement(db, before.id, s);
  if (change.closedCycle) insertClosedCycle(db, before.id, change.closedCycle);
  for (const event of events) insertEvent(db, before.id, options, event.kind, event.data);
  return events[0]!.data.changes!;
}

function insertVisit(db: Database.Database, ticketId: number, visit: NewVisit, options: WriteOptions): void {
  prepareCached(
    db,
    `INSERT INTO visits (ticket_id, visited_at, visit_date, staff, person_times, hours, parts, materials_cents, transport_cents, cause, opinion, recorded_at, recorded_by)
     VALUES (@ticket_id, @visited_at, @visit_date, @staff, @person_times, @hours, @parts, @materials_cents, @transport_cents, @cause, @opinion, @recorded_at, @recorded_by)`,
  ).run({ ...visit, ticket_id: ticketId, staff: JSON.stringify(visit.staff), recorded_at: options.now, recorded_by: options.actor });
}

function insertClosedCycle(db: Database.Database, ticketId: number, cycle: ClosedCycle): void {
  prepareCached(
    db,
    `INSERT INTO closed_cycles (ticket_id, cycle, created_at, resolved_at, closed_at, reopened_at, satisfaction, rated_at, callback_at, team, assignee, type, resolve_business_ms)
     VALUES (@ticket_id, @cycle, @created_at, @resolved_at, @closed_at, @reopened_at, @satisfaction, @rated_at, @callback_at, @team, @assignee, @type, @resolve_business_ms)`,
  ).run({ ticket_id: ticketId, ...cycle });
}
