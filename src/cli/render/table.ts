import Table from 'cli-table3';

/** A boxed table in a terminal; aligned plain columns when piped. */
export function renderTable(head: string[], rows: string[][], { boxed, color }: { boxed: boolean; color: boolean }): string {
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

/** Shortens text for a table cell, counting characters, not bytes. */
export function truncate(text: string | null, width: number): string {
  if (!text) return '';
  const oneLine = text.replace(/\s+/g, ' ');
  const chars = [...oneLine];
  return chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : oneLine;
}
