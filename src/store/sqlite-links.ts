// The links between tickets in SQLite: one row a pair, read from both ends.
import type Database from 'better-sqlite3';
import { roleOf, type Link, type LinkWrite } from '../domain/links.js';
import type { Ticket } from '../domain/ticket.js';
import { toTicket, type Row } from './sqlite-rows.js';
import { prepareCached } from './statements.js';
import type { LinkedTicket, WriteOptions } from './store.js';

/** The link between two tickets, whichever way round it was made. */
export function linkBetween(db: Database.Database, a: number, b: number): Link | null {
  const row = prepareCached(db, 'SELECT * FROM links WHERE (from_id = ? AND to_id = ?) OR (from_id = ? AND to_id = ?)').get(a, b, b, a) as Link | undefined;
  return row ?? null;
}

/** Writes what a pair plan decided of the link between `first` and `second`, inside the caller's transaction. */
export function writeLink(db: Database.Database, first: Ticket, second: Ticket, write: LinkWrite, options: WriteOptions): void {
  if (write === null) return;
  prepareCached(db, 'DELETE FROM links WHERE (from_id = ? AND to_id = ?) OR (from_id = ? AND to_id = ?)').run(first.id, second.id, second.id, first.id);
  if ('remove' in write) return;
  const [from, to] = write.from === 'first' ? [first, second] : [second, first];
  prepareCached(db, 'INSERT INTO links (from_id, to_id, kind, linked_at, linked_by) VALUES (?, ?, ?, ?, ?)').run(from.id, to.id, write.set, options.now, options.actor);
}

export function listLinks(db: Database.Database, ticketId: number): LinkedTicket[] {
  const rows = prepareCached(
    db,
    `SELECT l.from_id AS link_from_id, l.kind AS link_kind, l.linked_at AS link_linked_at, l.linked_by AS link_linked_by, t.*
     FROM links l JOIN tickets t ON t.id = CASE WHEN l.from_id = ? THEN l.to_id ELSE l.from_id END
     WHERE l.from_id = ? OR l.to_id = ? ORDER BY l.linked_at, t.id`,
  ).all(ticketId, ticketId, ticketId) as Row[];
  return rows.map(({ link_from_id, link_kind, link_linked_at, link_linked_by, ...ticket }) => ({
    as: roleOf({ from_id: link_from_id as number, kind: link_kind as Link['kind'] }, ticketId),
    ticket: toTicket(ticket),
    linked_at: link_linked_at as number,
    linked_by: link_linked_by as string,
  }));
}
