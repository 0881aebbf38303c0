// Tickets out, for other tools (DESIGN.md "Import and export"): the names and values of --json,
// so that importing an export into an empty database gives every field back. CSV cells that a
// spreadsheet would run as a formula are neutralised.
import { maskContact } from '../domain/privacy.js';
import { TIME_FIELDS, type Ticket } from '../domain/ticket.js';
import { assistJson } from '../domain/assists.js';
import { supervisionJson } from '../domain/supervision.js';
import { EXPORT_COLUMNS, TICKET_COLUMNS } from './fields.js';
import { ticketLinkJson, type TicketLink } from '../domain/links.js';
import { createIsoFormatter } from './instants.js';

export type ExportFormat = 'csv' | 'ndjson' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'ndjson', 'json'];

const TIMES = new Set<string>(TIME_FIELDS);
// =, +, -, @, tab and carriage return start a formula in Excel, LibreOffice and Google Sheets
// (OWASP "CSV injection"); a leading apostrophe makes the cell text. An apostrophe already there
// gets one more, so that import can take exactly one away and a round trip loses nothing.
const FORMULA_START = /^[=+\-@\t\r']/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Rows of a CSV a spreadsheet opens: every cell neutralised but a number (a count, a rate such as 92.5%). */
export function spreadsheetRows(rows: readonly (readonly string[])[]): string[][] {
  return rows.map((row) => row.map((cell) => (/^-?\d+(\.\d+)?%?$/.test(cell) ? cell : neutraliseFormula(cell))));
}

export interface ExportOptions {
  zone: string;
  reveal: boolean;
}

/**
 * A ticket as the JSON text of its --json object (same keys, order and values as
 * JSON.stringify(toTicketJson(ticket))), written field by field: no object per row, times
 * formatted at export speed.
 */
export function createJsonFormatter({ zone, reveal }: ExportOptions): (ticket: Ticket, links: readonly TicketLink[]) => string {
  const iso = createIsoFormatter(zone);
  const text = (value: unknown) => (value === null || value === undefined ? 'null' : JSON.stringify(value));
  const members = TICKET_COLUMNS.map((field, i): ((ticket: Ticket) => string) => {
    const key = `${i === 0 ? '{' : ','}${JSON.stringify(field)}:`;
    if (TIMES.has(field)) return (t) => (t[field] === null ? `${key}null` : `${key}"${iso(t[field] as number)}"`);
    if (field === 'contact') return (t) => `${key}${text(reveal ? t.contact : maskContact(t.contact))}`;
    if (field === 'supervisions') return (t) => `${key}${JSON.stringify(t.supervisions.map((o) => supervisionJson(o, iso)))}`;
    if (field === 'assists') return (t) => `${key}${JSON.stringify(t.assists.map((a) => assistJson(a, iso)))}`;
    return (t) => `${key}${text(t[field])}`;
  });
  const parts = new Array<string>(members.length).fill('');
  return (ticket, links) => {
    for (let i = 0; i < members.length; i++) parts[i] = members[i]!(ticket);
    return `${parts.join('')},"links":${JSON.stringify(links.map((l) => ticketLinkJson(l, iso)))}}`;
  };
}

/** The header line of a CSV export. */
export function csvHeader(): string {
  return `${EXPORT_COLUMNS.join(',')}\r\n`;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled. */
export function csvCell(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A ticket as one CSV line (CRLF) in the columns of csvHeader(): times as in --json, lists joined
 * with ";", empty for null, text neutralised against formula injection. Written here rather than
 * with papaparse's unparse: this is the inner loop of an export, and three times faster.
 */
export function createCsvFormatter({ zone, reveal }: ExportOptions): (ticket: Ticket, links: readonly TicketLink[]) => string {
  const iso = createIsoFormatter(zone);
  const cells = TICKET_COLUMNS.map((field): ((ticket: Ticket) => string) => {
    if (TIMES.has(field)) return (t) => (t[field] === null ? '' : iso(t[field] as number));
    if (field === 'contact') return (t) => (t.contact === null ? '' : csvCell(neutraliseFormula(reveal ? t.contact : maskContact(t.contact)!)));
    if (field === 'collaborators') return (t) => csvCell(neutraliseFormula(t.collaborators.join(';')));
    // The orders as the JSON of --json: a list of records has no plainer cell.
    if (field === 'supervisions') return (t) => (t.supervisions.length ? csvCell(neutraliseFormula(JSON.stringify(t.supervisions.map((o) => supervisionJson(o, iso))))) : '');
    if (field === 'assists') return (t) => (t.assists.length ? csvCell(neutraliseFormula(JSON.stringify(t.assists.map((a) => assistJson(a, iso))))) : '');
    return (t) => {
      const value = t[field];
      if (value === null || value === undefined) return '';
      return typeof value === 'string' ? csvCell(neutraliseFormula(value)) : String(value);
    };
  });
  const parts = new Array<string>(cells.length).fill('');
  return (ticket, links) => {
    for (let i = 0; i < cells.length; i++) parts[i] = cells[i]!(ticket);
    // The links as the JSON of the other formats, like the other lists of records.
    const linked = links.length ? csvCell(neutraliseFormula(JSON.stringify(links.map((l) => ticketLinkJson(l, iso))))) : '';
    return `${parts.join(',')},${linked}\r\n`;
  };
}
