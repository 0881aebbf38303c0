// The SQL of `desk export` on PostgreSQL: every ticket matching the filters, read through a cursor
// in one REPEATABLE READ READ ONLY transaction (one consistent snapshot, however long the export
// takes) and handed on a page at a time, so that memory stays flat whatever the desk's size.
import type pg from 'pg';
import type { ExportPage, ExportQuery } from '../store.js';
import { linksByTicket, NUMBERED_LINKS_SQL, type NumberedLinkRow } from '../export-links.js';
import { ticketFilterSql } from './filters.js';
import { numbered, toTicket } from './rows.js';

/**
 * Every ticket matching `query`, in id order, in pages. The export has a connection of its own
 * (`connect`): its transaction stays open while the caller writes out each page, and a write the
 * caller makes through the store meanwhile must not land in it.
 */
export async function* exportTickets(connect: () => Promise<pg.Client>, query: ExportQuery, pageSize = 1000): AsyncGenerator<ExportPage> {
  const { where, params } = ticketFilterSql(query);
  const client = await connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const links = linksByTicket((await client.query(NUMBERED_LINKS_SQL)).rows as NumberedLinkRow[]);
    await client.query(numbered(`DECLARE export_tickets NO SCROLL CURSOR FOR SELECT * FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`), params);
    for (;;) {
      const { rows } = await client.query(`FETCH ${pageSize} FROM export_tickets`);
      if (rows.length) yield { tickets: rows.map(toTicket), links };
      if (rows.length < pageSize) break;
    }
    await client.query('COMMIT');
  } finally {
    // An export given up half-way ends here too: closing the connection ends its transaction.
    await client.end().catch(() => {});
  }
}
