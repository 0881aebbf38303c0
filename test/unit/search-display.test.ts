// Display width, fitted tables and relative due times: what makes listings fit a terminal.
import { describe, expect, it } from 'vitest';
import { displayWidth, padToWidth, truncateToWidth, wrapToWidth } from '../../src/cli/render/display-width.js';
import { fitColumns, renderAlignedTable, renderBoxedTable } from '../../src/cli/render/fit-table.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('displayWidth', () => {
  it.each([
    ['printer', 7],
    ['打印机卡纸', 10],
    ['３楼，【紧急】', 14], // fullwidth digits and punctuation
    ['한국어', 6],
    ['カタカナ', 8],
    ['e\u0301', 1], // a combining accent takes no column
    ['👍', 2],
    ['\x1b[31mred\x1b[39m', 3], // colour codes take none
    ['a\u200bb', 2], // zero-width space
    ['…', 1],
  ])('of %j is %i', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('truncateToWidth', () => {
  it('cuts Chinese text by columns, not characters', () => {
    expect(truncateToWidth('打印机卡纸无法打印', 9)).toBe('打印机卡…');
    expect(displayWidth(truncateToWidth('打印机卡纸无法打印', 9))).toBe(9);
    expect(truncateToWidth('打印机卡纸无法打印', 8)).toBe('打印机…'); // a wide character never hangs over the edge
    expect(truncateToWidth('Printer jams', 20)).toBe('Printer jams');
    expect(truncateToWidth('line one\nline two', 20)).toBe('line one line two');
  });

  it('keeps colour codes and closes them when the cut falls inside', () => {
    const cut = truncateToWidth('\x1b[31m打印机卡纸\x1b[39m', 5);
    expect(cut).toBe('\x1b[31m打印\x1b[0m…');
    expect(displayWidth(cut)).toBe(5);
  });

  it('pads to a width, counting wide characters twice', () => {
    expect(padToWidth('打印', 6)).toBe('打印  ');
    expect(padToWidth('7', 3, 'right')).toBe('  7');
  });

  it('wraps long text at spaces, or anywhere in Chinese, within a number of lines', () => {
    expect(wrapToWidth('Removed torn paper from the paper path', 16)).toEqual(['Removed torn', 'paper from the', 'paper path']);
    expect(wrapToWidth('清除纸道内残留碎纸，更换磨损的搓纸轮', 10)).toEqual(['清除纸道内', '残留碎纸，', '更换磨损的', '搓纸轮']);
    expect(wrapToWidth('清除纸道内残留碎纸，更换磨损的搓纸轮', 10, 2)).toEqual(['清除纸道内', '残留碎纸…']);
  });
});

describe('fitted tables', () => {
  const chrome = (n: number) => 3 * n + 1;

  it('keep natural widths when they fit', () => {
    expect(fitColumns([5, 10, 4], [], 80, chrome)).toEqual({ keep: [0, 1, 2], widths: [5, 10, 4] });
  });

  it('drop the columns with the highest drop rank first, then cut the flexible one', () => {
    const fits = [{}, { drop: 1 }, { flex: true, min: 10 }, { drop: 2 }];
    // 15 + 30 + 40 + 20 = 105 plus borders: too wide for 60.
    expect(fitColumns([15, 30, 40, 20], fits, 60, chrome)).toEqual({ keep: [0, 2], widths: [15, 38] });
    expect(fitColumns([15, 30, 40, 20], fits, 80, chrome)).toEqual({ keep: [0, 1, 2], widths: [15, 30, 25] });
  });

  it.each([
    // Number 15 fixed, status 11, title flexible (min 14), due 18: 58 + borders 13 = 71 for 60 columns.
    { case: 'the title shrinks below its minimum before anything else', natural: [15, 11, 30, 18], width: 60, widths: [15, 11, 3, 18] },
    { case: 'then the widest other column, never the fixed number', natural: [15, 11, 30, 30], width: 50, widths: [15, 9, 3, 10] },
  ])('when nothing is left to drop, $case', ({ natural, width, widths }) => {
    const fits = [{ fixed: true }, {}, { flex: true, min: 14 }, {}];
    expect(fitColumns(natural, fits, width, chrome).widths).toEqual(widths);
  });

  it('draw a box whose every line is as wide as the terminal allows, long Chinese titles included', () => {
    const rows = [['SD-202611-00001', '3楼财务部打印机卡纸，无法打印，所有人都在等着打印报表，请尽快处理', 'resolve in 25 min']];
    const table = renderBoxedTable(['Number', 'Title', 'Due'], rows, { width: 60, fits: [{}, { flex: true }, {}] });
    for (const line of table.trimEnd().split('\n')) expect(displayWidth(line)).toBe(60);
    expect(table).toContain('│ 3楼财务部打印机卡… │');
    const plain = renderAlignedTable(null, rows, { width: 50, fits: [{}, { flex: true }, {}] });
    expect(displayWidth(plain.trimEnd())).toBeLessThanOrEqual(50);
  });
});
