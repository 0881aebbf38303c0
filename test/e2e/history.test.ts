// desk history as an operator reads it: long notes wrap inside the terminal, by display width.
import { describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './helpers.js';
import { inTerminal } from './terminal.js';

const NOW = { DESK_NOW: '2026-11-25T16:00:00+08:00' };

// Counted here on its own, not with the code under test: CJK ideographs, kana, hangul and
// fullwidth forms take two columns.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const columns = (line: string) => [...line].reduce((sum, char) => sum + (WIDE.test(char) ? 2 : 1), 0);

const ENGLISH_NOTE =
  'Called the requester back: the printer on the third floor keeps jamming whenever someone prints double-sided documents on the thick paper from tray two, ' +
  'which the vendor says that model does not support; asked everyone to use the manual feed slot until the replacement tray arrives next Tuesday morning.';
const CHINESE_NOTE =
  '已回访报修人：三楼的打印机每次双面打印厚纸时都会卡纸，供应商说二号纸盒不支持这种纸张，需要更换纸张或者使用手动进纸口；' +
  '已通知全部门在新纸盒到货前改用手动进纸，预计下周二上午到货后由桌面支持组上门安装并测试，HP M428 的固件也会一并升级。';

function ticketWithNote(box: Sandbox, note: string): void {
  const created = box.desk(['create', '--title', '打印机卡纸', '--requester', '周敏', '--channel', 'phone', '--created-at', '2026-11-25 09:00'], { env: NOW });
  expect(created.code, created.stderr).toBe(0);
  const noted = box.desk(['note', '1', note], { env: NOW });
  expect(noted.code, noted.stderr).toBe(0);
}

/** The lines of the note event: its first line and the indented ones that continue it. */
function noteLines(output: string): { lines: string[]; column: number } {
  const lines = output.replace(/\r/g, '').split('\n').filter(Boolean);
  const first = lines.findIndex((l) => /^\S.*\snote — /.test(l));
  expect(first).toBeGreaterThanOrEqual(0);
  let end = first + 1;
  while (end < lines.length && lines[end]!.startsWith(' ')) end++;
  return { lines: lines.slice(first, end), column: lines[first]!.indexOf('note — ') };
}

/** A ticket with the note, its history printed (piped: 80 columns), and the note's lines. */
function historyOfNote(note: string): { lines: string[]; column: number } {
  const box = sandbox();
  ticketWithNote(box, note);
  const r = box.desk(['history', '1']);
  expect(r.code, r.stderr).toBe(0);
  for (const line of r.stdout.split('\n')) expect(columns(line), line).toBeLessThanOrEqual(80);
  return noteLines(r.stdout);
}

/** A hanging indent: continuation lines start exactly under the event text. */
function expectHangingIndent(lines: string[], column: number): void {
  for (const line of lines.slice(1)) expect([line.slice(0, column).trim(), line[column] !== ' '], line).toEqual(['', true]);
}

describe('desk history', () => {
  it('wraps a long English note within 80 columns under the event column, losing no word', () => {
    const { lines, column } = historyOfNote(ENGLISH_NOTE);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]!.startsWith('2026-11-25 16:00  tester')).toBe(true);
    expectHangingIndent(lines, column);
    const text = lines.map((l) => l.slice(column)).join(' ').replace(/\s+/g, ' ');
    expect(text).toBe(`note — ${ENGLISH_NOTE}`.replace(/\s+/g, ' '));
    // The width is used, not given away: some line comes close to the edge.
    expect(Math.max(...lines.map(columns))).toBeGreaterThan(70);
  });

  it('wraps a long Chinese note by display width, two columns a character', () => {
    const { lines, column } = historyOfNote(CHINESE_NOTE);
    // About 290 columns of text in lines of at most 80 - column.
    expect(lines.length).toBeGreaterThanOrEqual(Math.ceil(columns(CHINESE_NOTE) / (80 - column)));
    expect(Math.max(...lines.map(columns))).toBeGreaterThan(70);
    expectHangingIndent(lines, column);
    // Chinese breaks between characters, so compare without the whitespace.
    const text = lines.map((l) => l.slice(column)).join('');
    expect(text.replace(/\s+/g, '')).toBe(`note — ${CHINESE_NOTE}`.replace(/\s+/g, ''));
  });

  it('keeps the JSON as it was: the note whole, on one field', () => {
    const box = sandbox();
    ticketWithNote(box, CHINESE_NOTE);
    const events = box.json(['history', '1']);
    expect(events.map((e: any) => [e.kind, e.text])).toEqual([['create', null], ['note', CHINESE_NOTE]]);
  });

  it('fits the width of the terminal it writes to', async () => {
    const box = sandbox();
    ticketWithNote(box, `${ENGLISH_NOTE} ${CHINESE_NOTE}`);
    const { code, output: plain } = await inTerminal(box, ['history', '1'], { cols: 60, rows: 40, env: { NO_COLOR: '1' } });
    expect(code).toBe(0);
    const lines = plain.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(columns(line), line).toBeLessThanOrEqual(60);
    const { lines: note, column } = noteLines(plain);
    expectHangingIndent(note, column);
    expect(note.map((l) => l.slice(column)).join('').replace(/\s+/g, '')).toBe(`note — ${ENGLISH_NOTE} ${CHINESE_NOTE}`.replace(/\s+/g, ''));
  });
});
