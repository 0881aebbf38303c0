// Assignment when several desk processes dispatch at once (what the rules decide, one command at a
// time, is checked in test/command/rules.test.ts).
import { describe, expect, it } from 'vitest';
import { sandbox, spawnDesk } from './helpers.js';

describe('assignment strategies', () => {
  it('round-robin stays fair when several dispatchers run at once', async () => {
    const box = sandbox();
    const tickets = 12;
    for (let i = 0; i < tickets; i++) box.desk(['create', '--title', `打印机卡纸 ${i}`, '--requester', 'r', '--channel', 'phone', '--category', 'hardware/printer']);
    const groups = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]].map((ids) => spawnDesk(['dispatch', ...ids.map(String)], box.env, box.dir));
    const results = await Promise.all(groups);
    expect(results.map((r) => r.stderr)).toEqual(['', '', '', '']);
    const assignees = box.json(['list', '--limit', '100']).map((t: any) => t.assignee);
    expect(assignees.filter((a: string) => a === 'sun')).toHaveLength(tickets / 2);
    expect(assignees.filter((a: string) => a === 'zhou')).toHaveLength(tickets / 2);
  });
});
