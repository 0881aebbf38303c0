// Ticket text cannot take over the operator's terminal: what a requester or a title holds is shown
// as visible escapes; --json keeps the exact text. (In a real terminal: test/e2e/terminal-safety.test.ts.)
import { describe, expect, it } from 'vitest';
import { commandSandbox } from './harness.js';
import { CLEAR_SCREEN, hostileTicket, RETITLE } from './hostile-text.js';

describe('hostile ticket text', () => {
  it('is shown escaped by show, list and history, and kept exact in --json', async () => {
    const box = commandSandbox();
    await hostileTicket(box.desk);

    const show = await box.desk(['show', '1', '--reveal']);
    expect(show.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(show.stdout).toContain('X \\e[2J');
    expect(show.stdout).toContain('Li\\e]0;pwned\\u0007 Lei');
    // A description keeps its line breaks; only the controls are escaped.
    expect(show.stdout).toContain('invoice \\u202egnp.exe\nsecond line');
    expect((await box.desk(['history', '1'])).stdout).toContain('call \\e[31mred\\e[0m back');
    expect((await box.desk(['list'])).stdout).not.toMatch(/[\u001b\u0007\u202e]/);

    const json = await box.json(['show', '1', '--reveal']);
    expect([json.title, json.requester]).toEqual([CLEAR_SCREEN, RETITLE]);
  });
});
