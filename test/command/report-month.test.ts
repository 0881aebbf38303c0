// A month played as a desk lives it, with its figures worked out by hand, and the same month's
// report again after the next month's activity: a closed month counts the same whenever it is run.
// Asia/Shanghai, the example calendar (office: Mon–Fri 09:00–12:00 and 13:30–18:00; critical 24×7).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { commandSandbox, type CommandSandbox } from './harness.js';

async function at(box: CommandSandbox, when: string, args: string[], actor = 'tester'): Promise<string> {
  const result = await box.desk(args, { env: { DESK_NOW: `${when}+08:00`, DESK_ACTOR: actor } });
  if (result.code !== 0) throw new Error(`desk ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const create = async (box: CommandSandbox, when: string, title: string, ...flags: string[]) => await at(box, when, ['create', '--title', title, '--requester', 'r', '--channel', 'phone', ...flags]);

/**
 * #1 walk-in, Mon 2 Nov 10:00, solved and closed at once by li at 10:03.
 * #2 urgent, Thu 26 Nov 10:00 (sun), answered 10:05, pending from 10:10 to past the month's end:
 *    its resolution deadline (15:30) stands still.
 * #3 Tue 3 Nov 09:00 (wang), answered late at 09:30 (due 09:10), resolved 10:00.
 * #4 Tue 10 Nov 09:00 (zhou), answered 09:05, never resolved in November: missed at 13 Nov 10:30
 *    (24 business hours), and its progress update owed 13 Nov 09:00 was never given.
 * #5 critical, Sat 14 Nov 03:00 (wu, 24×7), answered 03:04, resolved 04:30: due 04:00, missed.
 * #6 Mon 16 Nov 09:00 (sun), answered 09:05, resolved 10:00, closed ★2; reopened Tue 17 Nov 09:00,
 *    dispatched back 09:10, answered 09:15, resolved Wed 18 Nov 10:00 (due 20 Nov 10:30), closed ★4.
 * #7 imported: created 5 Nov 09:00, closed 11:00 with no resolution time (resolved when it
 *    closed), team desktop and zhou with no dispatch time (dispatched when created).
 */
async function november(box: CommandSandbox): Promise<void> {
  await create(box, '2026-11-02T10:00:00', 'Password reset', '--channel', 'onsite');
  await at(box, '2026-11-02T10:03:00', ['close', '1', '--solution', 'Reset the password'], 'li');

  await create(box, '2026-11-26T10:00:00', 'VPN drops', '--urgency', 'urgent', '--team', 'desktop', '--assignee', 'sun');
  await at(box, '2026-11-26T10:05:00', ['respond', '2'], 'sun');
  await at(box, '2026-11-26T10:10:00', ['pending', '2', '--reason', 'Waiting for the requester to test at home'], 'sun');

  await create(box, '2026-11-03T09:00:00', 'Mail quota', '--team', 'service-desk', '--assignee', 'wang');
  await at(box, '2026-11-03T09:30:00', ['respond', '3'], 'wang');
  await at(box, '2026-11-03T10:00:00', ['resolve', '3', '--solution', 'Raised the quota'], 'wang');

  await create(box, '2026-11-10T09:00:00', 'ERP report wrong', '--team', 'desktop', '--assignee', 'zhou');
  await at(box, '2026-11-10T09:05:00', ['respond', '4'], 'zhou');

  await create(box, '2026-11-14T03:00:00', 'Core switch down', '--urgency', 'critical', '--team', 'network', '--assignee', 'wu');
  await at(box, '2026-11-14T03:04:00', ['respond', '5'], 'wu');
  await at(box, '2026-11-14T04:30:00', ['resolve', '5', '--solution', 'Replaced the supervisor module'], 'wu');

  await create(box, '2026-11-16T09:00:00', 'Monitor flickers', '--team', 'desktop', '--assignee', 'sun');
  await at(box, '2026-11-16T09:05:00', ['respond', '6'], 'sun');
  await at(box, '2026-11-16T10:00:00', ['resolve', '6', '--solution', 'Cable'], 'sun');
  await at(box, '2026-11-16T10:30:00', ['close', '6', '--satisfaction', '2'], 'sun');
  await at(box, '2026-11-17T09:00:00', ['reopen', '6', '--reason', 'Flickers again'], 'chen');
  await at(box, '2026-11-17T09:10:00', ['dispatch', '6', '--team', 'desktop', '--to', 'sun'], 'chen');
  await at(box, '2026-11-17T09:15:00', ['respond', '6'], 'sun');
  await at(box, '2026-11-18T10:00:00', ['resolve', '6', '--solution', 'New monitor'], 'sun');
  await at(box, '2026-11-18T11:00:00', ['close', '6', '--satisfaction', '4'], 'sun');

  const file = join(box.dir, 'history.csv');
  writeFileSync(file, 'external_id,created_at,title,status,closed_at,team,assignee\nOLD-1,2026-11-05 09:00,Printer toner,closed,2026-11-05 11:00,desktop,zhou\n');
  await at(box, '2026-11-20T12:00:00', ['import', file]);
}

/** December's work on November's tickets: none of it may change November's figures. */
async function december(box: CommandSandbox): Promise<void> {
  await at(box, '2026-12-02T10:00:00', ['resolve', '4', '--solution', 'Fixed the report definition'], 'zhou');
  await at(box, '2026-12-02T11:00:00', ['callback', '7', '--note', 'Fine', '--satisfaction', '5']);
  await at(box, '2026-12-03T10:00:00', ['resume', '2'], 'sun');
  await at(box, '2026-12-03T10:30:00', ['update', '2', '--message', 'Testing a new client'], 'sun');
  await at(box, '2026-12-04T09:00:00', ['reopen', '6', '--reason', 'Flickers a third time'], 'chen');
  await at(box, '2026-12-04T10:00:00', ['classify', '4', '--type', 'fault']);
}

describe('a month of the desk', () => {
  it('counts what settled in it, worked out by hand, and counts the same after the next month', async () => {
    const box = commandSandbox();
    await november(box);
    const report = async () => await at(box, '2026-12-01T10:00:00', ['report', 'monthly', '--month', '2026-11', '--json']);
    const first = await report();
    const r = JSON.parse(first);

    // Created: all seven. Resolutions: #1, #3, #5, #6 twice, #7. Closures: #1, #6 twice, #7.
    // Backlog at the end: #2 (pending) and #4.
    expect(r.totals).toEqual({ created: 7, resolved: 6, closed: 4, reopened: 1, escalated: 0, merged: 0, backlog_end: 2 });
    expect(r.resolution_rate).toBe(0.7143); // 5 of 7
    // Responses: met by #1 (10:03), #2, #4, #5, #6; missed by #3 at 09:10. #7 gave none.
    expect(r.sla.response).toEqual({ met: 5, missed: 1, rate: 0.8333 });
    // Resolutions: met by #1, #3, #6 (both cycles), #7; missed by #4 (13 Nov 10:30) and #5 (04:00). #2 is paused.
    expect(r.sla.resolution).toEqual({ met: 5, missed: 2, rate: 0.7143 });
    // First responses in minutes: 3, 5, 30, 5, 4, 5 (all in working time or 24×7).
    expect(r.durations.first_response).toEqual({ wall: { count: 6, median: 5, p90: 30 }, business: { count: 6, median: 5, p90: 30 } });
    // Resolutions: #1 3, #3 60, #5 90, #6 60 and 2,940 (16 Nov 09:00 → 18 Nov 10:00; 450 + 450 + 60
    // business), #7 120.
    expect(r.durations.resolution).toEqual({ wall: { count: 6, median: 60, p90: 2940 }, business: { count: 6, median: 60, p90: 960 } });
    expect(r.satisfaction).toEqual({ average: 3, distribution: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 0 }, rated: 2, closed: 4, response_rate: 0.5 });
    expect(r.callback).toEqual({ called: 0, closed: 4, rate: 0 });
    expect(r.reopen_rate).toBe(0.1667);
    expect(r.updates).toEqual({ met: 0, missed: 1, rate: 0 });
    expect(r.agents).toEqual([
      { agent: 'sun', handled: 2, resolved: 2, sla_rate: 1, satisfaction: 3 },
      { agent: 'zhou', handled: 2, resolved: 1, sla_rate: 0.5, satisfaction: null },
      { agent: 'li', handled: 1, resolved: 1, sla_rate: 1, satisfaction: null },
      { agent: 'wang', handled: 1, resolved: 1, sla_rate: 1, satisfaction: null },
      { agent: 'wu', handled: 1, resolved: 1, sla_rate: 0, satisfaction: null },
    ]);

    // The walk-in's first response is its closing moment, by li, who now holds it.
    const walkIn = JSON.parse(await at(box, '2026-12-01T10:00:00', ['show', '1', '--json']));
    expect([walkIn.first_response_at, walkIn.assignee, walkIn.response_met]).toEqual(['2026-11-02T10:03:00+08:00', 'li', true]);
    // The imported row without a dispatch time is not breached by the import.
    const check = JSON.parse((await box.desk(['sla', 'check', '--json'], { env: { DESK_NOW: '2026-12-01T10:00:00+08:00' } })).stdout);
    expect(check.breached.map((b: any) => b.number)).not.toContain(JSON.parse(await at(box, '2026-12-01T10:00:00', ['show', '7', '--json'])).number);

    await december(box);
    expect(await at(box, '2026-12-10T10:00:00', ['report', 'monthly', '--month', '2026-11', '--json'])).toBe(first);
  });

  it('prints every count as a number, 0 when nothing happened, in every format', async () => {
    const box = commandSandbox();
    await november(box);
    for (const format of ['table', 'md', 'csv', 'html']) {
      const out = await at(box, '2026-12-01T10:00:00', ['report', 'monthly', '--month', '2026-11', '--format', format]);
      expect(out, format).not.toMatch(/\bnull\b|NaN|undefined/);
    }
  });
});
