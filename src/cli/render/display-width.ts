// How many terminal columns text takes: East Asian wide and fullwidth characters (Chinese,
// Japanese, Korean, fullwidth punctuation, most emoji) take two, combining marks, zero-width
// characters and ANSI colour codes none. Truncating by characters would let a Chinese title run
// twice as wide as its column.

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/y;
const ANSI_GLOBAL = /\x1b\[[0-9;?]*[A-Za-z]/g;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/u;

// East Asian Width W and F ranges of Unicode 15 (EastAsianWidth.txt), merged where adjacent.
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
  [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4],
  [0x16ff0, 0x16ff1], [0x17000, 0x18cd5], [0x18d00, 0x18d08], [0x1aff0, 0x1b2fb], [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a], [0x1f200, 0x1f251], [0x1f260, 0x1f265],
  [0x1f300, 0x1f320], [0x1f32d, 0x1f335], [0x1f337, 0x1f37c], [0x1f37e, 0x1f393], [0x1f3a0, 0x1f3ca],
  [0x1f3cf, 0x1f3d3], [0x1f3e0, 0x1f3f0], [0x1f3f4, 0x1f3f4], [0x1f3f8, 0x1f43e], [0x1f440, 0x1f440],
  [0x1f442, 0x1f4fc], [0x1f4ff, 0x1f53d], [0x1f54b, 0x1f54e], [0x1f550, 0x1f567], [0x1f57a, 0x1f57a],
  [0x1f595, 0x1f596], [0x1f5a4, 0x1f5a4], [0x1f5fb, 0x1f64f], [0x1f680, 0x1f6c5], [0x1f6cc, 0x1f6cc],
  [0x1f6d0, 0x1f6d2], [0x1f6d5, 0x1f6d7], [0x1f6dc, 0x1f6df], [0x1f6eb, 0x1f6ec], [0x1f6f4, 0x1f6fc],
  [0x1f7e0, 0x1f7eb], [0x1f7f0, 0x1f7f0], [0x1f90c, 0x1f93a], [0x1f93c, 0x1f945], [0x1f947, 0x1f9ff],
  [0x1fa70, 0x1fa7c], [0x1fa80, 0x1fa88], [0x1fa90, 0x1fabd], [0x1fabf, 0x1fac5], [0x1face, 0x1fadb],
  [0x1fae0, 0x1fae8], [0x1faf0, 0x1faf8], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function isWide(codePoint: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = WIDE[mid]!;
    if (codePoint < start) hi = mid - 1;
    else if (codePoint > end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Columns one character takes: 0, 1 or 2. */
export function charWidth(char: string): number {
  const codePoint = char.codePointAt(0)!;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  if (codePoint < 0x300) return 1;
  if (ZERO_WIDTH.test(char)) return 0;
  return isWide(codePoint) ? 2 : 1;
}

export function stripAnsi(text: string): string {
  return text.replace(ANSI_GLOBAL, '');
}

/** Columns the text takes in a terminal; colour codes count for nothing. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of stripAnsi(text)) width += charWidth(char);
  return width;
}

/**
 * The longest start of `text` that fits `width` columns, ending in "…" when something was cut.
 * Colour codes are kept (and closed when the cut falls inside coloured text); newlines and tabs
 * become spaces, since a table cell is one line.
 */
export function truncateToWidth(text: string, width: number, ellipsis = '…'): string {
  const line = text.replace(/[\r\n\t]+/g, ' ');
  if (displayWidth(line) <= width) return line;
  if (width <= 0) return '';
  const room = width - displayWidth(ellipsis);
  let out = '';
  let used = 0;
  let coloured = false;
  for (let i = 0; i < line.length; ) {
    ANSI.lastIndex = i;
    const code = ANSI.exec(line);
    if (code) {
      out += code[0];
      coloured = true;
      i += code[0].length;
      continue;
    }
    const char = String.fromCodePoint(line.codePointAt(i)!);
    const w = charWidth(char);
    if (used + w > room) break;
    out += char;
    used += w;
    i += char.length;
  }
  return `${out}${coloured ? '\x1b[0m' : ''}${room >= 0 ? ellipsis : ''}`;
}

/** Pads with spaces to exactly `width` columns (text wider than that is returned as it is). */
export function padToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const gap = Math.max(0, width - displayWidth(text));
  return align === 'left' ? text + ' '.repeat(gap) : ' '.repeat(gap) + text;
}

/** Breaks text into lines of at most `width` columns (at spaces when it can), at most `maxLines` of them. */
export function wrapToWidth(text: string, width: number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  let rest = text.replace(/\s+/g, ' ').trim();
  while (rest && lines.length < maxLines) {
    if (displayWidth(rest) <= width) {
      lines.push(rest);
      rest = '';
      break;
    }
    let cut = 0;
    let used = 0;
    for (const char of rest) {
      const w = charWidth(char);
      if (used + w > width) break;
      used += w;
      cut += char.length;
    }
    // Break at the last space if it is not too far back (Latin text); CJK text breaks anywhere.
    const space = rest.lastIndexOf(' ', cut);
    if (space > cut / 2) cut = space;
    if (cut === 0) cut = String.fromCodePoint(rest.codePointAt(0)!).length;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest && lines.length) lines[lines.length - 1] = truncateToWidth(`${lines.at(-1)!} ${rest}`, width);
  return lines;
}
