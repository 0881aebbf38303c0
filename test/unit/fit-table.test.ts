// Fitted tables: columns dropped and cut so that a listing fits the terminal's width.
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/cli/render/display-width.js';
import { fitColumns, renderAlignedTable, renderBoxedTable } from '../../src/cli/render/fit-table.js';

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
