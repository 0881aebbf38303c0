// Long notes and how their lines are read back from `desk history`, for the history tests piped,
// at a terminal's width (test/command) and in a real terminal (test/e2e).
import { expect } from 'vitest';
import type { DeskRunner } from '../e2e/helpers.js';

export const NOTE_NOW = { DESK_NOW: '2026-11-25T16:00:00+08:00' };

// Counted here on its own, not with the code under test: CJK ideographs, kana, hangul and
// fullwidth forms take two columns.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
export const columns = (line: string) => [...line].reduce((sum, char) => sum + (WIDE.test(char) ? 2 : 1), 0);

export const ENGLISH_NOTE =
  'Called the requester back: the printer on the third floor keeps jamming whenever someone prints double-sided documents on the thick paper from tray two, ' +
  'which the vendor says that model does not support; asked everyone to use the manual feed slot until the replacement tray arrives next Tuesday morning.';
export const CHINESE_NOTE =
  '已回访报修人：三楼的打印机每次双面打印厚纸时都会卡纸，供应商说二号纸盒不支持这种纸张，需要更换纸张或者使用手动进纸口；' +
  '已通知全部门在新纸盒到货前改用手动进纸，预计下周二上午到货后由桌面支持组上门安装并测试，HP M428 的固件也会一并升级。';

/** Ticket 1, with the note. */
export async function ticketWithNote(desk: DeskRunner, note: string): Promise<void> {
  const created = await desk(['create', '--title', '打印机卡纸', '--requester', '周敏', '--channel', 'phone', '--created-at', '2026-11-25 09:00'], { env: NOTE_NOW });
  expect(created.code, created.stderr).toBe(0);
  const noted = await desk(['note', '1', note], { env: NOTE_NOW });
  expect(noted.code, noted.stderr).toBe(0);
}

/** The lines of the note event: its first line and the indented ones that continue it. */
export function noteLines(output: string): { lines: string[]; column: number } {
  const lines = output.replace(/\r/g, '').split('\n').filter(Boolean);
  const first = lines.findIndex((l) => /^\S.*\snote — /.test(l));
  expect(first).toBeGreaterThanOrEqual(0);
  let end = first + 1;
  while (end < lines.length && lines[end]!.startsWith(' ')) end++;
  return { lines: lines.slice(first, end), column: lines[first]!.indexOf('note — ') };
}

/** A hanging indent: continuation lines start exactly under the event text. */
export function expectHangingIndent(lines: string[], column: number): void {
  for (const line of lines.slice(1)) expect([line.slice(0, column).trim(), line[column] !== ' '], line).toEqual(['', true]);
}
