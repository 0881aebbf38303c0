// Deadlines as an operator meets them, with the example calendar of config/sla.yaml (Asia/Shanghai,
// 09:00–12:00 and 13:30–18:00 on weekdays, Golden Week holidays, make-up Saturday 2026-10-10).
// Expected times are worked out by hand from that calendar.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG } from '../e2e/helpers.js';
import { commandSandbox, type CommandSandbox } from './harness.js';

const at = async (box: CommandSandbox, when: string, args: string[]) => await box.desk(args, { env: { DESK_NOW: when } });
const atJson = async (box: CommandSandbox, when: string, args: string[]) => {
  const result = await at(box, when, [...args, '--json']);
  if (result.code !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
};
const CREATE = ['create', '--title', '打印机卡纸', '--requester', '王芳', '--channel', 'phone'];

describe('due times', () => {
  it('are set at creation in business time, also for a ticket logged after the call', async () => {
    const box = commandSandbox();
    // Friday 17:00: one working hour left that day, then the weekend.
    const t = await box.json([...CREATE, '--created-at', '2026-11-20 17:00']);
    expect([t.response_due_at, t.dispatch_due_at, t.resolve_due_at]).toEqual([
      '2026-11-20T17:10:00+08:00', // 10 minutes
      '2026-11-23T10:00:00+08:00', // 1 h on Friday, 1 h on Monday
      '2026-11-26T09:30:00+08:00', // 24 h: 1 + 7.5 + 7.5 + 7.5 + 0.5
    ]);
  });

  it('run around the clock for critical tickets', async () => {
    const box = commandSandbox();
    const t = await box.json([...CREATE, '--urgency', 'critical', '--created-at', '2026-11-21 03:00']);
    expect([t.response_due_at, t.dispatch_due_at, t.resolve_due_at]).toEqual(['2026-11-21T03:05:00+08:00', '2026-11-21T03:10:00+08:00', '2026-11-21T04:00:00+08:00']);
  });

  it('are recomputed when the urgency changes, and a deadline at closing time is that closing time', async () => {
    const box = commandSandbox();
    await box.desk([...CREATE, '--created-at', '2026-11-20 17:00'], { env: { DESK_NOW: '2026-11-20T17:01:00+08:00' } });
    const classified = await box.desk(['classify', '1', '--urgency', 'urgent', '--json'], { env: { DESK_NOW: '2026-11-20T17:02:00+08:00' } });
    const t = JSON.parse(classified.stdout);
    // urgent: 4 h to resolve = 1 h on Friday + 09:00–12:00 on Monday, due at the lunch break.
    expect([t.response_due_at, t.dispatch_due_at, t.resolve_due_at]).toEqual(['2026-11-20T17:10:00+08:00', '2026-11-20T17:30:00+08:00', '2026-11-23T12:00:00+08:00']);
  });

  it('stop while the ticket is pending, move by the business time paused, and record met or missed', async () => {
    const box = commandSandbox();
    expect((await atJson(box, '2026-11-23T09:00:00+08:00', CREATE)).resolve_due_at).toBe('2026-11-26T10:30:00+08:00');
    expect((await atJson(box, '2026-11-23T09:05:00+08:00', ['dispatch', '1', '--team', 'desktop', '--to', 'sun']))[0].ticket.dispatch_met).toBe(true);
    const responded = await atJson(box, '2026-11-23T09:20:00+08:00', ['respond', '1']);
    expect([responded.status, responded.response_met]).toEqual(['in_progress', false]);
    await at(box, '2026-11-23T10:00:00+08:00', ['pending', '1', '--reason', 'waiting for the toner']);
    expect((await at(box, '2026-11-25T10:00:00+08:00', ['list', '--overdue', '--json'])).stdout).toBe('[]\n');
    // Paused 10:00–14:00 on Monday: 2 h before lunch and 30 min after count, 2 h 30 min in all.
    const resumed = await atJson(box, '2026-11-23T14:00:00+08:00', ['resume', '1']);
    expect(resumed.resolve_due_at).toBe('2026-11-26T14:30:00+08:00');
    expect((await atJson(box, '2026-11-26T14:00:00+08:00', ['resolve', '1', '--solution', 'New toner'])).resolve_met).toBe(true);
    const explained = await atJson(box, '2026-11-26T15:00:00+08:00', ['sla', 'explain', '1']);
    expect(explained.paused_minutes).toBe(150);
    expect(explained.deadlines.resolve.due_at).toBe('2026-11-26T14:30:00+08:00');
    const shown = (await at(box, '2026-11-26T15:00:00+08:00', ['show', '1'])).stdout;
    expect(shown).toMatch(/Response due\s+2026-11-23 09:10 \(missed\)/);
    expect(shown).toMatch(/Dispatch due\s+2026-11-23 11:00 \(met\)/);
    expect(shown).toMatch(/Resolve due\s+2026-11-26 14:30 \(met\)/);
  });
});

describe('desk sla check', () => {
  it('is silent and exits 0 when nothing is due; lists breaches with exit 5 otherwise', async () => {
    const box = commandSandbox();
    await at(box, '2026-11-23T09:00:00+08:00', CREATE);
    const quiet = await at(box, '2026-11-23T09:01:00+08:00', ['sla', 'check', '--within', '5m']);
    expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([0, '', '']);

    const soon = await at(box, '2026-11-23T09:01:00+08:00', ['sla', 'check', '--within', '10m', '--json']);
    expect(soon.code).toBe(0);
    expect(JSON.parse(soon.stdout).near).toEqual([{ number: expect.stringMatching(/^SD-202611-/), title: '打印机卡纸', kind: 'response', due_at: '2026-11-23T09:10:00+08:00', minutes: 9, urgency: 'normal', team: null, assignee: null }]);

    const late = await at(box, '2026-11-23T11:30:00+08:00', ['sla', 'check']);
    expect(late.code).toBe(5);
    expect(late.stdout).toMatch(/^Breached: 2\n/);
    // Piped, the rows are tab-separated for scripts.
    expect(late.stdout).toContain('response\tSD-202611-00001\t打印机卡纸\tnormal\t\t\t2026-11-23 09:10\toverdue 2 h 20 min\n');
    expect(late.stdout).toContain('dispatch\tSD-202611-00001\t打印机卡纸\tnormal\t\t\t2026-11-23 11:00\toverdue 30 min\n');
    expect(late.stdout).not.toMatch(/\x1b\[/);
  });
});

describe('desk sla due', () => {
  it('answers "when will this be handled?" across Golden Week and the make-up Saturday', async () => {
    const box = commandSandbox();
    const due = await box.desk(['sla', 'due', '--start', '2026-09-30 16:00', '--minutes', '1440']);
    // 2 h on 30 September, 7.5 h on 8 and 9 October, then Saturday 10 October works Monday's hours.
    expect([due.code, due.stdout]).toEqual([0, '2026-10-10 17:30\n']);
    expect((await box.json(['sla', 'due', '--start', '2026-11-21T03:00:00+08:00', '--minutes', '90', '--calendar', 'always'])).due).toBe('2026-11-21T04:30:00+08:00');
    const bad = await box.desk(['sla', 'due', '--minutes', '10', '--calendar', 'nights']);
    expect([bad.code, bad.stderr]).toEqual([2, 'desk: --calendar: no calendar "nights" in sla.yaml\nhint: calendars: office, always\n']);
  });
});

describe('a broken sla.yaml', () => {
  it('is reported by rules check at file:line:column and stops commands that need deadlines', async () => {
    const box = commandSandbox();
    const dir = join(box.dir, 'config');
    cpSync(EXAMPLE_CONFIG, dir, { recursive: true });
    box.env.DESK_CONFIG = dir;
    const path = join(dir, 'sla.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('mon: ["09:00-12:00", "13:30-18:00"]', 'mon: ["09:00-12:00", "13:30-25:00"]'));
    const check = await box.desk(['rules', 'check']);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/^config\/sla\.yaml:6:28: calendars\.office\.hours\.mon\.1: /m);
    const create = await box.desk(CREATE);
    expect(create.code).toBe(2);
    expect(create.stderr).toMatch(/config\/sla\.yaml:6:28/);
    expect((await box.desk(['list'])).code).toBe(3);
  });
});
