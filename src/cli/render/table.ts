// Tables: boxed in a terminal, aligned columns in piped reports, tab-separated rows for lists a
// script reads. cli-table3 (and its Unicode width tables) loads only when a table is drawn.

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

/** A list in a terminal as a boxed table; piped, as tab-separated rows. */
export async function renderList(head: string[], rows: string[][], { terminal, color }: { terminal: boolean; color: boolean }): Promise<string> {
  return terminal ? renderTable(head, rows, { boxed: true, color }) : renderTabSeparated(head, rows);
}

/** Shortens text for a table cell, counting characters, not bytes. */
export function truncate(text: string | null, width: number): string {
  if (!text) return '';
  const oneLine = text.replace(/\s+/g, ' ');
  const chars = [...oneLine];
  return chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : oneLine;
}
