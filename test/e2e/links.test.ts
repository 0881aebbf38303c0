// Links and merges through the built binary: exit codes, stdout and stderr as a script sees them
// (what each prints is checked in test/command/links.test.ts).
import { describe, expect, it } from 'vitest';
import { sandbox } from './helpers.js';

describe('desk link and desk merge', () => {
  it('link, merge and their refusals, with the documented exit codes', () => {
    const box = sandbox();
    for (const title of ['Water cut on Elm St', 'No water at no. 5']) box.desk(['create', '--title', title, '--requester', 'r', '--channel', 'phone']);
    expect(box.desk(['link', '1', '2', '--as', 'related'])).toEqual({ code: 0, stdout: 'SD-202611-00001 related to SD-202611-00002\n', stderr: '' });
    expect(box.desk(['link', '1', '2', '--as', 'cousin'])).toMatchObject({ code: 2, stdout: '' });
    expect(box.desk(['merge', '2', '--into', '2', '--reason', 'x'])).toEqual({ code: 2, stdout: '', stderr: 'desk: cannot merge SD-202611-00002 into itself\nhint: give --into the ticket that carries the case on\n' });
    expect(box.json(['merge', '2', '--into', '1', '--reason', 'Same main']).merged.status).toBe('merged');
    expect(box.desk(['merge', '1', '--into', '2', '--reason', 'x'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^desk: SD-202611-00002 is itself merged: cannot merge SD-202611-00001 into a merged ticket\n/) });
    expect(box.json(['show', '1']).links.map((l: { as: string; number: string }) => [l.as, l.number])).toEqual([['merged_from', 'SD-202611-00002']]);
  });
});
