// Escalation tiers (sla.yaml `escalation:`) reached by `desk sla check --escalate`, as cron runs it:
// one event per tier, once per resolution, on every store.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandSandbox, type CommandSandbox } from './harness.js';

// Shanghai office hours 09:00-12:00 and 13:30-18:00. A normal ticket logged Friday 27 November
// 09:00 has 24 business hours: tier 1 (80%) Tuesday 1 December 14:42, the breach Wednesday 2
// December 10:30, tier 3 one working day later.
const directories: string[] = [];
afterAll(() => directories.forEach((d) => rmSync(d, { recursive: true, force: true })));

const at = (stamp: string, actor = 'cron') => ({ env: { DESK_NOW: `2026-${stamp}:00+08:00`, DESK_ACTOR: actor } });

async function logged(box: CommandSandbox, title: string, team = 'desktop'): Promise<string> {
  const created = await box.json(['create', '--title', title, '--requester', 'Li Lei', '--channel', 'phone', '--team', team], at('11-27T09:00', 'li'));
  await box.json(['respond', created.number, '--message', 'logged'], at('11-27T09:00', 'li'));
  return created.number;
}

const escalate = async (box: CommandSandbox, stamp: string) => {
  const result = await box.desk(['sla', 'check', '--escalate', '--json'], at(stamp));
  return { code: result.code, escalated: JSON.parse(result.stdout).escalated as Record<string, unknown>[] };
};

describe('desk sla check --escalate', () => {
  it('escalates each ticket once per tier reached, in order, each an event naming who is told', async () => {
    const box = commandSandbox();
    const number = await logged(box, 'Printer jams');
    expect(await escalate(box, '12-01T14:40')).toEqual({ code: 0, escalated: [] });
    const first = await escalate(box, '12-01T14:45');
    expect(first.escalated).toEqual([{ number, title: 'Printer jams', tier: 1, at: '80%', reached_at: '2026-12-01T14:42:00+08:00', to: 'zhao', team: 'desktop' }]);
    // Run again, nothing new.
    expect((await escalate(box, '12-01T15:00')).escalated).toEqual([]);
    const later = await escalate(box, '12-04T11:00');
    expect(later.escalated.map((e) => [e.tier, e.at, e.reached_at, e.to])).toEqual([
      [2, 'breach', '2026-12-02T10:30:00+08:00', 'chen'],
      [3, 'breach+1d', '2026-12-03T10:30:00+08:00', 'head-of-service'],
    ]);
    expect(later.code).toBe(5);
    expect((await escalate(box, '12-07T09:00')).escalated).toEqual([]);

    const history = (await box.json(['history', number], at('12-07T09:00'))).filter((e: any) => e.kind === 'escalate');
    expect(history.map((e: any) => [e.actor, e.at, e.reason, e.escalation])).toEqual([
      ['cron', '2026-12-01T14:45:00+08:00', 'tier 1 (80%): zhao told', { tier: 1, at: '80%', to: 'zhao' }],
      ['cron', '2026-12-04T11:00:00+08:00', 'tier 2 (breach): chen told', { tier: 2, at: 'breach', to: 'chen' }],
      ['cron', '2026-12-04T11:00:00+08:00', 'tier 3 (breach+1d): head-of-service told', { tier: 3, at: 'breach+1d', to: 'head-of-service' }],
    ]);
    const shown = await box.json(['show', number], at('12-07T09:00'));
    expect([shown.escalated, shown.escalation_tier, shown.escalations.map((e: any) => [e.tier, e.to])]).toEqual([true, 3, [[1, 'zhao'], [2, 'chen'], [3, 'head-of-service']]]);
    const zh = await box.desk(['show', number, '--lang', 'zh'], at('12-07T09:00'));
    expect(zh.stdout).toContain('2026-12-01 14:45 cron: 第 1 级（80%） → zhao');
  });

  it('leaves a pending ticket alone, and starts over with a reopened one', async () => {
    const box = commandSandbox();
    const waiting = await logged(box, 'Waiting');
    const reopened = await logged(box, 'Reopened');
    await box.json(['pending', waiting, '--reason', 'waiting for parts'], at('11-27T10:00', 'sun'));
    await box.json(['resolve', reopened, '--solution', 'reset'], at('11-27T10:00', 'sun'));
    await box.json(['reopen', reopened, '--reason', 'again'], at('11-30T09:00', 'li'));
    // The reopen's new 24 business hours run from Monday 09:00: 80% is Wednesday 14:42.
    expect((await escalate(box, '12-02T14:50')).escalated.map((e) => [e.number, e.tier])).toEqual([[reopened, 1]]);
  });

  it('tells what it escalated in a terminal table, and nothing from cron when all is well', async () => {
    const box = commandSandbox();
    const number = await logged(box, 'Printer jams');
    const quiet = await box.desk(['sla', 'check', '--escalate'], at('11-27T10:00'));
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    const piped = await box.desk(['sla', 'check', '--escalate'], at('12-01T15:00'));
    expect(piped.stdout).toBe(`Escalated now: 1\nNumber\tTitle\tTier\tReached\tTold\n${number}\tPrinter jams\ttier 1 (80%)\t2026-12-01 14:42\tzhao\n`);
  });

  it('needs tiers in sla.yaml, and changes nothing without them', async () => {
    const config = mkdtempSync(join(tmpdir(), 'desk-tiers-'));
    directories.push(config);
    cpSync(join(import.meta.dirname, '..', '..', 'config'), config, { recursive: true });
    const sla = readFileSync(join(config, 'sla.yaml'), 'utf8');
    writeFileSync(join(config, 'sla.yaml'), sla.slice(0, sla.indexOf('# Escalation tiers')));
    const box = commandSandbox({ config });
    const number = await logged(box, 'Printer jams');
    const refused = await box.desk(['sla', 'check', '--escalate'], at('12-04T11:00'));
    expect([refused.code, refused.stderr]).toEqual([2, 'desk: --escalate: sla.yaml has no escalation tiers\nhint: add e.g. escalation: [{ at: 80%, tell: supervisor }, { at: breach, tell: desk-supervisor }]\n']);
    expect((await box.json(['show', number], at('12-04T11:00'))).version).toBe(2);
  });
});
