// Ticket text cannot take over the operator's terminal: what a requester or a title holds is shown
// as visible escapes, in a terminal and piped; --json keeps the exact text.
import { describe, expect, it } from 'vitest';
import { sandbox } from './helpers.js';
import { inTerminal } from './terminal.js';

const CLEAR_SCREEN = 'X \u001b[2J';
const RETITLE = 'Li\u001b]0;pwned\u0007 Lei';
const BACKWARDS = 'invoice \u202egnp.exe';

describe('hostile ticket text', () => {
  it('is shown escaped by show, list and history, and kept exact in --json', async () => {
    const box = sandbox();
    const created = box.desk(['create', '--title', CLEAR_SCREEN, '--requester', RETITLE, '--channel', 'phone', '--description', `${BACKWARDS}\nsecond line`]);
    expect(created.code, created.stderr).toBe(0);
    box.desk(['note', '1', 'call \u001b[31mred\u001b[0m back']);

    const show = box.desk(['show', '1', '--reveal']);
    expect(show.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(show.stdout).toContain('X \\e[2J');
    expect(show.stdout).toContain('Li\\e]0;pwned\\u0007 Lei');
    // A description keeps its line breaks; only the controls are escaped.
    expect(show.stdout).toContain('invoice \\u202egnp.exe\nsecond line');
    expect(box.desk(['history', '1']).stdout).toContain('call \\e[31mred\\e[0m back');
    expect(box.desk(['list']).stdout).not.toMatch(/[\u001b\u0007\u202e]/);

    const json = box.json(['show', '1', '--reveal']);
    expect([json.title, json.requester]).toEqual([CLEAR_SCREEN, RETITLE]);

    for (const cols of [60, 120]) {
      for (const args of [['list'], ['show', '1'], ['history', '1'], ['queue']]) {
        const run = await inTerminal(box, args, { cols });
        expect(run.code, `${args.join(' ')}: ${run.output}`).toBe(0);
        // The only escape sequences are the desk's own colours: no screen clearing, no title, no reversal.
        expect(run.raw.replace(/\u001b\[[0-9;]*m/g, ''), `${args.join(' ')} at ${cols} columns`).not.toMatch(/[\u001b\u0007\u202e]/);
      }
    }
  });
});
