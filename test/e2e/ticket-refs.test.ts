// A ticket reference that cannot be read stops a command before it asks anything in a real
// terminal (how the command line names a ticket is checked in test/command/ticket-refs.test.ts).
import { describe, expect, it } from 'vitest';
import { importTwoMonths } from '../command/two-months.js';
import { sandbox, type Sandbox } from './helpers.js';
import { inTerminal } from './terminal.js';

async function twoMonths(): Promise<Sandbox> {
  const box = sandbox();
  await importTwoMonths(box.desk, box.dir);
  return box;
}

const everything = (box: Sandbox) => ({ tickets: box.json(['list', '--limit', '100']), trail: box.json(['history', '#13']), other: box.json(['history', '2611-13']) });

describe('ticket references', () => {
  it('refuses in a terminal before asking for anything', async () => {
    const box = await twoMonths();
    const before = everything(box);
    // Closing an open ticket asks for its solution; an ambiguous reference stops before the question.
    const run = await inTerminal(box, ['close', '13']);
    expect(run.code).toBe(2);
    expect(run.output).toContain('ticket 13 is ambiguous');
    expect(run.output).not.toContain('Solution');
    expect(everything(box)).toEqual(before);
  });
});
