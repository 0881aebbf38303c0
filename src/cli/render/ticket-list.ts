// Lists of tickets: in a terminal a table fitted to its width, in the operator's language; piped,
// the tab-separated rows that scripts read, in English with the stored values.
import type { Ticket } from '../../domain/ticket.js';
import type { Io } from '../context.js';
import type { ColumnFit } from './fit-table.js';
import { Presenter } from './present.js';
import { printable } from './terminal-text.js';
import { renderList } from './table.js';
import { LIST_FIELDS, listHeadings, ticketRow, type ViewOptions } from './ticket-view.js';

// Fits of LIST_FIELDS: number, created, status, urgency, team, assignee, requester, contact, title, due.
const LIST_FITS: readonly ColumnFit[] = [{ fixed: true }, { drop: 7 }, {}, { drop: 5 }, { drop: 6 }, { drop: 4 }, { drop: 8 }, { drop: 9 }, { flex: true, min: 14 }, {}];
const TITLE = LIST_FIELDS.indexOf('title');

/** The row of a ticket in a terminal: the title on one line (the table cuts it to fit). */
export function terminalTicketRow(ticket: Ticket, view: ViewOptions): string[] {
  const row = ticketRow(ticket, view);
  row[TITLE] = printable(ticket.title.replace(/\s+/g, ' '));
  return row;
}

export async function renderTicketList(tickets: readonly Ticket[], view: ViewOptions, io: Pick<Io, 'stdoutIsTTY' | 'columns'>, color: boolean): Promise<string> {
  if (!io.stdoutIsTTY) {
    const piped = { ...view, present: new Presenter({ zone: view.present.zone }) };
    return renderList(listHeadings(piped.present), tickets.map((t) => ticketRow(t, piped)), { terminal: false, color: false });
  }
  return renderList(listHeadings(view.present), tickets.map((t) => terminalTicketRow(t, view)), { terminal: true, color, width: io.columns, fits: LIST_FITS });
}
