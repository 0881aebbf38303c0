// Display width: what makes Chinese text and colour codes fit a terminal's columns.
import { describe, expect, it } from 'vitest';
import { displayWidth, padToWidth, truncateToWidth, wrapToWidth } from '../../src/cli/render/display-width.js';

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
