// A ticket whose text holds terminal controls, for the terminal-safety tests piped
// (test/command) and in a real terminal (test/e2e).
import { expect } from 'vitest';
import type { DeskRunner } from '../e2e/helpers.js';

export const CLEAR_SCREEN = 'X \u001b[2J';
export const RETITLE = 'Li\u001b]0;pwned\u0007 Lei';
export const BACKWARDS = 'invoice \u202egnp.exe';

/** Ticket 1: a title that clears the screen, a requester that retitles the window, a description written backwards, a coloured note. */
export async function hostileTicket(desk: DeskRunner): Promise<void> {
  const created = await desk(['create', '--title', CLEAR_SCREEN, '--requester', RETITLE, '--channel', 'phone', '--description', `${BACKWARDS}\nsecond line`]);
  expect(created.code, created.stderr).toBe(0);
  await desk(['note', '1', 'call \u001b[31mred\u001b[0m back']);
}
