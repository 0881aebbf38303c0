// Tables: boxed in a terminal, aligned columns in piped reports, tab-separated rows for lists a
// script reads. cli-table3 (and its Unicode width tables) loads only when a report table is drawn;
// listings are fitted to the terminal by fit-table.ts.
import { DEFAULT_WIDTH, renderBoxedTable, type ColumnFit } from './fit-table.js';
import { loadStyle } from './style.js';

/** A boxed table, or (boxed false) plain columns aligned for reading, CJK width included. */
export async function renderTable(head: string[], rows: string[][], { boxed, color }: { boxed: boolean; color: boolean }): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const table = boxed
    ? new Table({ head, style: { head: color ? ['bold'] : [], border: [] }, wordWrap: false })
    : new Table({
        head,
        chars: {
          top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '',
          'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
        },
        style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
      });
  table.push(...rows);
  return `${table.toString().split('\n').map((line) => line.trimEnd()).join('\n')}\n`;
}

/** Tab-separated rows under a header line, as `cut -f` and `awk -F'\t'` expect. */
export function renderTabSeparated(head: string[], rows: string[][]): string {
  const clean = (cell: string) => cell.replace(/[\t\r\n]+/g, ' ');
  return [head, ...rows].map((row) => row.map(clean).join('\t')).join('\n') + '\n';
}

// Which columns a listing gives up first when the terminal is too narrow, by heading; a command
// can pass its own `fits`. The title takes what is left, cut by display width.
const LIST_FITS: Record<string, ColumnFit> = {
  Title: { flex: true, min: 12 },
  Created: { drop: 9 },
  Closed: { drop: 9 },
  Requester: { drop: 7 },
  Due: { drop: 6 },
  Team: { drop: 5 },
  Assignee: { drop: 4 },
  Contact: { drop: 3 },
  Urgency: { drop: 2 },
};

export interface ListOptions {
  terminal: boolean;
  color: boolean;
  /** Terminal width in columns (default 80). */
  width?: number;
  fits?: readonly ColumnFit[];
}

/** A list in a terminal as a boxed table fitted to its width; piped, as tab-separated rows. */
export async function renderList(head: string[], rows: string[][], { terminal, color, width, fits }: ListOptions): Promise<string> {
  if (!terminal) return renderTabSeparated(head, rows);
  const bold = color ? (await loadStyle(true)).bold : undefined;
  return renderBoxedTable(head, rows, { width: width ?? DEFAULT_WIDTH, fits: fits ?? head.map((h) => LIST_FITS[h] ?? {}), heading: bold });
}

/** Shortens text for a table cell, counting characters, not bytes. */
export function truncate(text: string | null, width: number): string {
  if (!text) return '';
  const oneLine = text.replace(/\s+/g, ' ');
  const chars = [...oneLine];
  return chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : oneLine;
}
