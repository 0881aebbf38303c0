// Tables that fit the terminal: when the rows are wider than the screen, the least useful columns
// go first, then the flexible column (the title) is cut to what is left, by display width, so a
// long Chinese title never breaks the layout of an 80-column terminal.
import { displayWidth, padToWidth, truncateToWidth } from './display-width.js';

export interface ColumnFit {
  /** Takes whatever width is left, down to `min` columns. */
  flex?: boolean;
  /** Narrowest width a flexible column is cut to (default 12). */
  min?: number;
  /** Columns with a drop rank go when the table is too wide, highest rank first. */
  drop?: number;
  /** Never narrowed: the column a reader needs whole (a ticket number). */
  fixed?: boolean;
  align?: 'left' | 'right';
}

export const DEFAULT_WIDTH = 80;
const DEFAULT_FLEX_MIN = 12;

/**
 * Which columns to show and how wide: `natural` are the widths the content wants, `chrome(n)` the
 * columns that borders and gaps take for n visible columns.
 */
export function fitColumns(natural: readonly number[], fits: readonly ColumnFit[], width: number, chrome: (n: number) => number): { keep: number[]; widths: number[] } {
  let keep = natural.map((_, i) => i);
  const least = (i: number) => (fits[i]?.flex ? Math.min(natural[i]!, fits[i]?.min ?? DEFAULT_FLEX_MIN) : natural[i]!);
  const needed = () => keep.reduce((sum, i) => sum + least(i), 0) + chrome(keep.length);
  while (needed() > width) {
    const droppable = keep.filter((i) => fits[i]?.drop !== undefined);
    if (!droppable.length) break;
    const victim = droppable.reduce((a, b) => (fits[b]!.drop! > fits[a]!.drop! ? b : a));
    keep = keep.filter((i) => i !== victim);
  }
  const widths = keep.map((i) => least(i));
  // What is left goes to the flexible columns, up to what they want.
  let spare = width - chrome(keep.length) - widths.reduce((a, b) => a + b, 0);
  for (let k = 0; k < keep.length && spare > 0; k++) {
    const i = keep[k]!;
    if (!fits[i]?.flex) continue;
    const grow = Math.min(spare, natural[i]! - widths[k]!);
    widths[k]! += grow;
    spare -= grow;
  }
  // Still too wide (nothing left to drop): narrow the flexible columns below their minimum, then
  // the widest of the others, as a last resort; a fixed column keeps its width.
  const narrowable = (flex: boolean) => widths.map((w, k) => ({ w, k })).filter(({ w, k }) => w > 3 && !fits[keep[k]!]?.fixed && Boolean(fits[keep[k]!]?.flex) === flex);
  while (spare < 0) {
    const candidates = narrowable(true).length ? narrowable(true) : narrowable(false);
    if (!candidates.length) break;
    const widest = candidates.reduce((a, b) => (b.w > a.w ? b : a));
    widths[widest.k]! -= 1;
    spare += 1;
  }
  return { keep, widths };
}

export interface FitOptions {
  width?: number;
  fits?: readonly ColumnFit[];
  /** Makes the header stand out (bold in colour). */
  heading?: (text: string) => string;
}

function prepare(head: readonly string[], rows: readonly (readonly string[])[], o: FitOptions, chrome: (n: number) => number) {
  const natural = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const { keep, widths } = fitColumns(natural, o.fits ?? [], o.width ?? DEFAULT_WIDTH, chrome);
  const cell = (row: readonly string[], k: number) => {
    const i = keep[k]!;
    return padToWidth(truncateToWidth(row[i] ?? '', widths[k]!), widths[k]!, o.fits?.[i]?.align);
  };
  return { keep, widths, cell };
}

/** A table boxed in line-drawing characters, the header ruled off, fitted to the width. */
export function renderBoxedTable(head: readonly string[], rows: readonly (readonly string[])[], o: FitOptions = {}): string {
  const { keep, widths, cell } = prepare(head, rows, o, (n) => 3 * n + 1);
  const rule = (left: string, mid: string, right: string) => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${right}`;
  const line = (row: readonly string[], style = (t: string) => t) => `│ ${keep.map((_, k) => style(cell(row, k))).join(' │ ')} │`;
  return [rule('┌', '┬', '┐'), line(head, o.heading), rule('├', '┼', '┤'), ...rows.map((r) => line(r)), rule('└', '┴', '┘')].join('\n') + '\n';
}

/** Columns separated by two spaces, without borders (the dashboard's compact sections). */
export function renderAlignedTable(head: readonly string[] | null, rows: readonly (readonly string[])[], o: FitOptions = {}): string {
  const gap = 2;
  const { keep, widths, cell } = prepare(head ?? rows[0]?.map(() => '') ?? [], rows, o, (n) => gap * Math.max(0, n - 1));
  // The last column is not padded: lines end where their text does.
  const line = (row: readonly string[], style = (t: string) => t) =>
    keep.map((_, k) => style(k === keep.length - 1 ? truncateToWidth(row[keep[k]!] ?? '', widths[k]!) : cell(row, k))).join(' '.repeat(gap)).trimEnd();
  return [...(head ? [line(head, o.heading)] : []), ...rows.map((r) => line(r))].join('\n') + '\n';
}
