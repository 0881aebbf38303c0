// Ticket text cannot take over the operator's terminal: every byte the binary sends to a real
// terminal is checked, whoever wrote it (what the commands print is checked in
// test/command/terminal-safety.test.ts).
import { describe, expect, it } from 'vitest';
import { hostileTicket } from '../command/hostile-text.js';
import { sandbox } from './helpers.js';
import { inTerminal } from './terminal.js';

describe('hostile ticket text', () => {
  it('reaches a real terminal only as visible escapes, in list, show, history and queue', async () => {
    const box = sandbox();
    await hostileTicket(box.desk);
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
