// The links of the tickets an export writes, read once with its snapshot and listed per ticket as
// `desk show` lists them: each link from both ends, in the order made.
import { roleOf, type StoredLinkKind, type TicketLink } from '../domain/links.js';

/** A row of `links` with the numbers of both its tickets. */
export interface NumberedLinkRow {
  from_id: number;
  to_id: number;
  kind: StoredLinkKind;
  linked_at: number;
  linked_by: string;
  from_number: string;
  to_number: string;
}

/** Every link and the numbers of its tickets; the same SQL in both stores. */
export const NUMBERED_LINKS_SQL = `SELECT l.from_id, l.to_id, l.kind, l.linked_at, l.linked_by, f.number AS from_number, t.number AS to_number
  FROM links l JOIN tickets f ON f.id = l.from_id JOIN tickets t ON t.id = l.to_id`;

/** Each ticket's links, seen from it, ordered as listLinks orders them (when made, then the other ticket's id). */
export function linksByTicket(rows: readonly NumberedLinkRow[]): Map<number, TicketLink[]> {
  const ends = new Map<number, { link: TicketLink; other: number }[]>();
  const add = (id: number, other: number, number: string, row: NumberedLinkRow) => {
    const list = ends.get(id) ?? [];
    list.push({ link: { as: roleOf(row, id), ticket: number, linked_at: row.linked_at, linked_by: row.linked_by }, other });
    ends.set(id, list);
  };
  for (const row of rows) {
    add(row.from_id, row.to_id, row.to_number, row);
    add(row.to_id, row.from_id, row.from_number, row);
  }
  return new Map([...ends].map(([id, list]) => [id, list.sort((a, b) => a.link.linked_at - b.link.linked_at || a.other - b.other).map((e) => e.link)]));
}
