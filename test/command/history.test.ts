// desk history as an operator reads it: long notes wrap inside the terminal, by display width.
import { describe, expect, it } from 'vitest';
import { commandSandbox } from './harness.js';
import { CHINESE_NOTE, columns, ENGLISH_NOTE, expectHangingIndent, noteLines, ticketWithNote } from './history-notes.js';

/** A ticket with the note, its history printed (piped: 80 columns), and the note's lines. */
async function historyOfNote(note: string): Promise<{ lines: string[]; column: number }> {
  const box = commandSandbox();
  await ticketWithNote(box.desk, note);
  const r = await box.desk(['history', '1']);
  expect(r.code, r.stderr).toBe(0);
  for (const line of r.stdout.split('\n')) expect(columns(line), line).toBeLessThanOrEqual(80);
  return noteLines(r.stdout);
}

describe('desk history', () => {
  it('wraps a long English note within 80 columns under the event column, losing no word', async () => {
    const { lines, column } = await historyOfNote(ENGLISH_NOTE);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]!.startsWith('2026-11-25 16:00  tester')).toBe(true);
    expectHangingIndent(lines, column);
    const text = lines.map((l) => l.slice(column)).join(' ').replace(/\s+/g, ' ');
    expect(text).toBe(`note — ${ENGLISH_NOTE}`.replace(/\s+/g, ' '));
    // The width is used, not given away: some line comes close to the edge.
    expect(Math.max(...lines.map(columns))).toBeGreaterThan(70);
  });

  it('wraps a long Chinese note by display width, two columns a character', async () => {
    const { lines, column } = await historyOfNote(CHINESE_NOTE);
    // About 290 columns of text in lines of at most 80 - column.
    expect(lines.length).toBeGreaterThanOrEqual(Math.ceil(columns(CHINESE_NOTE) / (80 - column)));
    expect(Math.max(...lines.map(columns))).toBeGreaterThan(70);
    expectHangingIndent(lines, column);
    // Chinese breaks between characters, so compare without the whitespace.
    const text = lines.map((l) => l.slice(column)).join('');
    expect(text.replace(/\s+/g, '')).toBe(`note — ${CHINESE_NOTE}`.replace(/\s+/g, ''));
  });

  it('keeps the JSON as it was: the note whole, on one field', async () => {
    const box = commandSandbox();
    await ticketWithNote(box.desk, CHINESE_NOTE);
    const events = await box.json(['history', '1']);
    expect(events.map((e: any) => [e.kind, e.text])).toEqual([['create', null], ['note', CHINESE_NOTE]]);
  });
});
