// The SQL of `desk export`: every ticket matching the filters, read in one statement (one
// consistent snapshot) and handed on in pages.
import type Database from 'better-sqlite3';
import type { Ticket } from '../domain/ticket.js';
import { ticketFilterSql } from './sqlite-filters.js';
import { toTicket, type Row } from './sqlite-rows.js';
import type { ExportPage, ExportQuery } from './store.js';
import { linksByTicket, NUMBERED_LINKS_SQL, type NumberedLinkRow } from './export-links.js';

/**
 * A reader of raw rows (arrays) into Tickets: an object literal of the table's columns, compiled
 * once, is several times cheaper than the objects the driver builds for every row.
 */
function compileRowReader(columns: readonly string[]): (row: unknown[]) => Ticket {
  const literal = columns.map((column, i) => `${JSON.stringify(column)}: r[${i}]`).join(', ');
  const build = new Function('r', `return { ${literal} };`) as (row: unknown[]) => Row;
  return (raw) => toTicket(build(raw));
}

/**
 * Every ticket matching `query`, in id order, in pages, with the links of the desk. The links
 * and the tickets are read in one read transaction, and the tickets by one statement, so the
 * export is one consistent snapshot (WAL readers do not block writers).
 */
export async function* exportTickets(db: Database.Database, query: ExportQuery, pageSize = 1000): AsyncGenerator<ExportPage> {
  const { where, params } = ticketFilterSql(query);
  const statement = db.prepare(`SELECT * FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`).raw(true);
  const read = compileRowReader(statement.columns().map((c) => c.name));
  const snapshot = !db.inTransaction;
  if (snapshot) db.prepare('BEGIN').run();
  let rows: IterableIterator<unknown[]> | undefined;
  try {
    const links = linksByTicket(db.prepare(NUMBERED_LINKS_SQL).all() as NumberedLinkRow[]);
    rows = statement.iterate(...params) as IterableIterator<unknown[]>;
    let page: Ticket[] = [];
    for (const row of rows) {
      page.push(read(row));
      if (page.length === pageSize) {
        yield { tickets: page, links };
        page = [];
      }
    }
    if (page.length) yield { tickets: page, links };
  } finally {
    rows?.return?.();
    if (snapshot && db.inTransaction) db.prepare('COMMIT').run();
  }
}
