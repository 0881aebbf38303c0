// desk history in a real terminal: the binary takes the terminal's width and wraps to it (what
// history prints piped and at a given width is checked in test/command/history.test.ts).
import { describe, expect, it } from 'vitest';
import { CHINESE_NOTE, columns, ENGLISH_NOTE, expectHangingIndent, noteLines, ticketWithNote } from '../command/history-notes.js';
import { sandbox } from './helpers.js';
import { inTerminal } from './terminal.js';

describe('desk history', () => {
  it('fits the width of the terminal it writes to', async () => {
    const box = sandbox();
    await ticketWithNote(box.desk, `${ENGLISH_NOTE} ${CHINESE_NOTE}`);
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
