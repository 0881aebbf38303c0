// The repeat-call rate of the monthly report over a month scripted by hand (desk zone Asia/Shanghai).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG } from '../e2e/helpers.js';
import { commandSandbox, type CommandSandbox } from './harness.js';

const A = '13800000001';
// [created at, contact, category]; what each October ticket is, worked out by hand, on the right.
const CALLS: [string, string | null, string | null][] = [
  ['2026-09-28 10:00', A, 'road/light'], //          September: an earlier call, not counted in October
  ['2026-10-03 09:00', A, 'road/light'], //          repeat: A's road/light call 4 d 23 h before
  ['2026-10-12 09:00', A, 'road/light'], //          not (9 days after the last; a repeat with a 10-day window)
  ['2026-10-19 09:00', A, 'road/light'], //          repeat: exactly 7 days after the last
  ['2026-10-19 10:00', A, 'noise'], //               not: another category
  ['2026-10-05 08:00', '+86 138 0000 0002', 'road/light'], // not: B's first call
  ['2026-10-06 08:00', '138-0000-0002', 'road/light'], //     repeat: the same number, written otherwise, a day later
  ['2026-10-07 08:00', '13800000002', null], //      not: no category
  ['2026-10-20 08:00', 'C@Example.cn', 'water'], //  not: C's first call
  ['2026-10-21 08:00', 'c@example.cn', 'water'], //  repeat: the same mail
  ['2026-10-22 08:00', null, 'water'], //            no contact: counted neither way
  ['2026-11-02 08:00', A, 'noise'], //               November: does not make October's noise call a repeat
];

async function script(box: CommandSandbox): Promise<void> {
  for (const [at, contact, category] of CALLS) {
    const r = await box.desk([
      'create', '--title', `call ${at}`, '--requester', 'caller', '--channel', 'phone', '--created-at', at,
      ...(contact ? ['--contact', contact] : []), ...(category ? ['--category', category] : []),
    ]);
    if (r.code !== 0) throw new Error(r.stderr);
  }
}

describe('the repeat-call rate of the monthly report', () => {
  it('counts the tickets whose caller had a ticket of the same category within 7 days before', async () => {
    const box = commandSandbox();
    await script(box);
    const report = await box.json(['report', 'monthly', '--month', '2026-10']);
    expect(report.repeat_calls).toEqual({ window_days: 7, tickets: 9, repeats: 4, rate: 0.4444 });
    expect(report.previous.repeat_calls).toEqual({ rate: 0 });
    const november = await box.json(['report', 'monthly', '--month', '2026-11']);
    expect(november.repeat_calls).toEqual({ window_days: 7, tickets: 1, repeats: 0, rate: 0 });
    const table = (await box.desk(['report', 'monthly', '--month', '2026-10'])).stdout;
    expect(table).toMatch(/Repeat-call rate\s+44\.4%/);
    expect((await box.desk(['report', 'monthly', '--month', '2026-10', '--lang', 'zh'])).stdout).toMatch(/重复来电率\s+44\.4%/);
    expect((await box.desk(['report', 'monthly', '--month', '2026-10', '--format', 'csv'])).stdout).toContain('Repeat-call rate,44.4%');
  });

  it('takes its window from desk.yaml', async () => {
    const config = mkdtempSync(join(tmpdir(), 'desk-config-'));
    cpSync(EXAMPLE_CONFIG, config, { recursive: true });
    writeFileSync(join(config, 'desk.yaml'), `${readFileSync(join(EXAMPLE_CONFIG, 'desk.yaml'), 'utf8').replace(/^callers:.*\n(  .*\n)*/m, '')}callers:\n  repeat_window: 10d\n`);
    const box = commandSandbox({ config });
    await script(box);
    expect((await box.json(['report', 'monthly', '--month', '2026-10'])).repeat_calls).toEqual({ window_days: 10, tickets: 9, repeats: 5, rate: 0.5556 });
    writeFileSync(join(config, 'desk.yaml'), 'callers:\n  repeat_window: a week\n');
    const bad = await box.desk(['report', 'monthly', '--month', '2026-10']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/desk\.yaml:2:\d+: .*a duration such as 7d/);
  });

  it("counts one caller's tickets alone with --contact or --requester, naming the caller masked", async () => {
    const box = commandSandbox();
    await script(box);
    const report = await box.json(['report', 'monthly', '--month', '2026-10', '--contact', '+86 138 0000 0001']);
    expect([report.caller, report.totals.created, report.previous.totals.created]).toEqual(['138****0001', 4, 1]);
    expect(report.repeat_calls).toEqual({ window_days: 7, tickets: 4, repeats: 2, rate: 0.5 });
    const table = await box.desk(['report', 'monthly', '--month', '2026-10', '--contact', '13800000001']);
    expect(table.stdout.split('\n')[0]).toBe('Monthly service desk report · 2026-10 · all teams · 138****0001 (Asia/Shanghai)');
    expect(table.stdout).not.toContain('13800000001');
    expect((await box.json(['report', 'monthly', '--month', '2026-10', '--requester', 'CALLER'])).totals.created).toBe(10);
    const both = await box.desk(['report', 'monthly', '--requester', 'a', '--contact', 'b@c.d']);
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('give --requester or --contact, not both')]);
  });
});
