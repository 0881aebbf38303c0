// Lists of tickets: in a terminal a table fitted to its width with relative due times ("in 25
// min", "overdue 2 h"); piped, the tab-separated rows of LIST_HEADINGS that scripts read.
import type { Ticket } from '../../domain/ticket.js';
import type { Io } from '../context.js';
import type { ColumnFit } from './fit-table.js';
import { describeRelativeDue } from './relative-due.js';
import { printable } from './terminal-text.js';
import { renderList } from './table.js';
import { LIST_HEADINGS, ticketRow, type ViewOptions } from './ticket-view.js';

// Fits of LIST_HEADINGS: Number, Created, Status, Urgency, Team, Assignee, Requester, Contact, Title, Due.
const LIST_FITS: readonly ColumnFit[] = [{ fixed: true }, { drop: 7 }, {}, { drop: 5 }, { drop: 6 }, { drop: 4 }, { drop: 8 }, { drop: 9 }, { flex: true, min: 14 }, {}];
const DUE = LIST_HEADINGS.indexOf('Due');
const TITLE = LIST_HEADINGS.indexOf('Title');

/** The row of a ticket in a terminal: the title whole (the table cuts it to fit) and the due time relative. */
export function terminalTicketRow(ticket: Ticket, view: ViewOptions): string[] {
  const row = ticketRow(ticket, view);
  const due = describeRelativeDue(ticket, view.now);
  row[DUE] = due.overdue ? view.style.red(due.text) : due.text;
  row[TITLE] = printable(ticket.title.replace(/\s+/g, ' '));
  return row;
}

export async function renderTicketList(tickets: readonly Ticket[], view: ViewOptions, io: Pick<Io, 'stdoutIsTTY' | 'columns'>, color: boolean): Promise<string> {
  if (!io.stdoutIsTTY) return renderList(LIST_HEADINGS, tickets.map((t) => ticketRow(t, view)), { terminal: false, color: false });
  return renderList(LIST_HEADINGS, tickets.map((t) => terminalTicketRow(t, view)), { terminal: true, color, width: io.columns, fits: LIST_FITS });
}
