import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG } from '../e2e/helpers.js';
import { commandSandbox, type CommandSandbox } from './harness.js';

const at = (when: string) => ({ env: { DESK_NOW: `${when}+08:00` } });

async function step(box: CommandSandbox, when: string, args: string[]): Promise<string> {
  const result = await box.desk(args, at(when));
  if (result.code !== 0) throw new Error(`desk ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

async function json(box: CommandSandbox, when: string, args: string[]): Promise<any> {
  return JSON.parse(await step(box, when, [...args, '--json']));
}

/** A desk with one ticket closed at first contact on 10 November. */
async function closedTicket(): Promise<CommandSandbox> {
  const box = commandSandbox();
  await step(box, '2026-11-10T09:00:00', ['create', '--title', 'VPN drops', '--requester', 'Wang Fang', '--channel', 'phone', '--contact', '13900000001']);
  await step(box, '2026-11-10T09:30:00', ['close', '1', '--solution', 'New profile']);
  return box;
}

describe('call-back attempts', () => {
  it('keeps every attempt with its outcome; only the reached one is the call-back, with its rating', async () => {
    const box = await closedTicket();
    const first = await json(box, '2026-11-11T10:00:00', ['callback', '1', '--outcome', 'unreachable', '--note', 'No answer']);
    expect([first.callback_attempts, first.callback_outcome, first.callback_at, first.callback_note, first.satisfaction]).toEqual([1, 'unreachable', null, null, null]);
    await step(box, '2026-11-11T15:00:00', ['callback', '1', '--outcome', '未接通']);
    const listed = await json(box, '2026-11-11T16:00:00', ['callbacks']);
    expect(listed).toEqual([{
      number: 'SD-202611-00001', title: 'VPN drops', requester: 'Wang Fang', contact: '139****0001', closed_at: '2026-11-10T09:30:00+08:00',
      team: null, assignee: 'tester', satisfaction: null, callback_attempts: 2, callback_outcome: 'unreachable',
    }]);

    // `desk callback N` as scripts call it: a reached call-back.
    const reached = await json(box, '2026-11-12T09:00:00', ['callback', '1', '--note', 'Works now', '--satisfaction', '基本满意']);
    expect([reached.callback_attempts, reached.callback_outcome, reached.callback_at, reached.callback_note, reached.satisfaction]).toEqual([
      3, 'reached', '2026-11-12T09:00:00+08:00', 'Works now', 4,
    ]);
    expect(await json(box, '2026-11-12T10:00:00', ['callbacks'])).toEqual([]);

    const trail = (await json(box, '2026-11-12T10:00:00', ['history', '1'])).filter((e: any) => e.kind === 'callback');
    expect(trail.map((e: any) => [e.at, e.outcome, e.text, e.changes.callback_attempts])).toEqual([
      ['2026-11-11T10:00:00+08:00', 'unreachable', 'No answer', [0, 1]],
      ['2026-11-11T15:00:00+08:00', 'unreachable', null, [1, 2]],
      ['2026-11-12T09:00:00+08:00', 'reached', 'Works now', [2, 3]],
    ]);
    const history = (await box.desk(['history', '1'], { ...at('2026-11-12T10:00:00'), columns: 200 })).stdout;
    expect(history.split('\n').filter((l) => l.includes('call-back:')).map((l) => l.replace(/^.*tester +/, ''))).toEqual([
      'call-back: call-back attempts 0 → 1 — outcome: unreachable — No answer',
      'call-back: call-back attempts 1 → 2 — outcome: unreachable',
      'call-back: call-back attempts 2 → 3, satisfaction 4/5 — outcome: reached — Works now',
    ]);
    const zh = (await box.desk(['history', '1', '--lang', 'zh'], { ...at('2026-11-12T10:00:00'), columns: 200 })).stdout;
    expect(zh).toContain('回访：回访次数 1 → 2 — 结果：未接通');
    const shown = await step(box, '2026-11-12T10:00:00', ['show', '1']);
    expect(shown).toMatch(/Call-back attempts +3, last reached\n/);
    expect(await step(box, '2026-11-12T10:00:00', ['show', '1', '--lang', 'zh'])).toMatch(/回访次数 +3 次，最近一次已联系\n/);
  });

  it('refuses a second call-back once one reached the requester (exit 4), keeping the first and its rating', async () => {
    const box = await closedTicket();
    await step(box, '2026-11-11T10:00:00', ['callback', '1', '--satisfaction', '5', '--note', 'Fine']);
    for (const args of [['callback', '1', '--satisfaction', '1'], ['callback', '1', '--outcome', 'refused']]) {
      const again = await box.desk(args, at('2026-11-13T10:00:00'));
      expect([again.code, again.stdout]).toEqual([4, '']);
      expect(again.stderr).toBe('desk: SD-202611-00001 was called back already, reached at attempt 1: a resolution has one call-back\nhint: add what the requester said with `desk note SD-202611-00001 "…"`\n');
    }
    const t = await json(box, '2026-11-13T10:00:00', ['show', '1']);
    expect([t.version, t.callback_at, t.callback_note, t.satisfaction, t.callback_attempts]).toEqual([3, '2026-11-11T10:00:00+08:00', 'Fine', 5, 1]);
  });

  it.each([
    { case: 'a rating with an unreachable call-back', args: ['--outcome', 'unreachable', '--satisfaction', '5'], message: 'desk: --satisfaction: the call-back was unreachable: only a reached one has a rating' },
    { case: 'a rating with a refusal', args: ['--outcome', 'refused', '--satisfaction', '满意'], message: 'desk: --satisfaction: the call-back was refused: only a reached one has a rating' },
    { case: 'an unknown outcome', args: ['--outcome', 'busy'], message: 'desk: --outcome: unknown outcome "busy"' },
    { case: 'a rating that is no label', args: ['--satisfaction', '很好'], message: 'desk: --satisfaction: "很好" is not a rating' },
  ])('refuses $case with exit 2, the database unchanged', async ({ args, message }) => {
    const box = await closedTicket();
    const refused = await box.desk(['callback', '1', ...args], at('2026-11-11T10:00:00'));
    expect([refused.code, refused.stdout, refused.stderr.split('\n')[0]]).toEqual([2, '', message]);
    const t = await json(box, '2026-11-11T10:00:00', ['show', '1']);
    expect([t.version, t.callback_attempts, t.callback_outcome, t.satisfaction]).toEqual([2, 0, null, null]);
  });

  it('starts the attempts again after a reopen: the new resolution is called back anew', async () => {
    const box = await closedTicket();
    await step(box, '2026-11-11T10:00:00', ['callback', '1', '--outcome', 'refused']);
    await step(box, '2026-11-11T11:00:00', ['callback', '1', '--satisfaction', '2']);
    const reopened = await json(box, '2026-11-12T09:00:00', ['reopen', '1', '--reason', 'Drops again']);
    expect([reopened.callback_attempts, reopened.callback_outcome, reopened.callback_at, reopened.satisfaction]).toEqual([0, null, null, null]);
    await step(box, '2026-11-12T10:00:00', ['close', '1', '--solution', 'Replaced the router', '--satisfaction', 'satisfied', '--callback', 'Stable now']);
    const t = await json(box, '2026-11-12T10:00:00', ['show', '1']);
    expect([t.callback_attempts, t.callback_outcome, t.callback_note, t.satisfaction]).toEqual([1, 'reached', 'Stable now', 5]);
  });

  it('counts a ticket called back at its third attempt once in the monthly report, and a ticket never reached not at all', async () => {
    const box = await closedTicket();
    await step(box, '2026-11-10T10:00:00', ['create', '--title', 'Printer', '--requester', 'Li', '--channel', 'phone']);
    await step(box, '2026-11-10T10:30:00', ['close', '2', '--solution', 'Toner']);
    await step(box, '2026-11-11T10:00:00', ['callback', '1', '--outcome', 'unreachable']);
    await step(box, '2026-11-11T11:00:00', ['callback', '1', '--outcome', 'refused']);
    await step(box, '2026-11-12T10:00:00', ['callback', '1', '--satisfaction', '3']);
    await step(box, '2026-11-11T10:00:00', ['callback', '2', '--outcome', 'unreachable']);
    await step(box, '2026-11-12T10:00:00', ['callback', '2', '--outcome', 'unreachable']);
    const r = await json(box, '2026-12-02T12:00:00', ['report', 'monthly', '--month', '2026-11']);
    expect(r.callback).toEqual({ called: 1, closed: 2, rate: 0.5 });
    expect([r.satisfaction.rated, r.satisfaction.average]).toEqual([1, 3]);
  });
});

describe('satisfaction labels of desk.yaml', () => {
  it('scores the labels a desk rates with, over the built-in ones, at close and call-back', async () => {
    const config = join(commandSandbox().dir, 'config');
    cpSync(EXAMPLE_CONFIG, config, { recursive: true });
    writeFileSync(join(config, 'desk.yaml'), `${readFileSync(join(config, 'desk.yaml'), 'utf8')}satisfaction: { 非常满意: 5, 满意: 4, 一般: 3 }\n`);
    const box = commandSandbox({ config });
    await step(box, '2026-11-10T09:00:00', ['create', '--title', 'a', '--requester', 'r', '--channel', 'phone']);
    await step(box, '2026-11-10T09:00:00', ['create', '--title', 'b', '--requester', 'r', '--channel', 'phone']);
    expect((await json(box, '2026-11-10T10:00:00', ['close', '1', '--solution', 'x', '--satisfaction', '满意'])).satisfaction).toBe(4);
    await step(box, '2026-11-10T10:00:00', ['close', '2', '--solution', 'x']);
    expect((await json(box, '2026-11-11T10:00:00', ['callback', '2', '--satisfaction', '基本满意'])).satisfaction).toBe(4);
    const refused = await box.desk(['close', '1', '--satisfaction', '很好'], at('2026-11-11T10:00:00'));
    expect([refused.code, refused.stderr]).toEqual([
      2,
      'desk: --satisfaction: "很好" is not a rating\nhint: give a whole number from 1 (very dissatisfied) to 5 (very satisfied), or one of 基本满意 (4), 不满意 (1), satisfied (5), fairly satisfied (4), dissatisfied (1), 非常满意 (5), 满意 (4), 一般 (3)\n',
    ]);
  });
});

describe('escalating again', () => {
  it('adds to the escalations, never overwriting a reason: show lists them all, escalation_reason is the latest', async () => {
    const box = commandSandbox();
    await step(box, '2026-11-10T09:00:00', ['create', '--title', 'Flooded basement', '--requester', 'Zhao', '--channel', 'phone', '--team', 'desktop']);
    const once = await json(box, '2026-11-10T10:00:00', ['escalate', '1', '--reason', 'Needs the district office']);
    const twice = await json(box, '2026-11-11T10:00:00', ['escalate', '1', '--reason', 'No answer from the district\u001b[2J'], );
    expect([once.escalated, twice.escalated, twice.escalation_reason, twice.version]).toEqual([true, true, 'No answer from the district\u001b[2J', 3]);
    const t = await json(box, '2026-11-11T11:00:00', ['show', '1']);
    expect(t.escalations).toEqual([
      { at: '2026-11-10T10:00:00+08:00', actor: 'tester', reason: 'Needs the district office', tier: null, to: null },
      { at: '2026-11-11T10:00:00+08:00', actor: 'tester', reason: 'No answer from the district\u001b[2J', tier: null, to: null },
    ]);
    const shown = await step(box, '2026-11-11T11:00:00', ['show', '1']);
    expect(shown).toMatch(/Escalations +2026-11-10 10:00 tester: Needs the district office\n +2026-11-11 10:00 tester: No answer from the district\\e\[2J\n/);
    expect(shown).not.toContain('\u001b');
    expect(await step(box, '2026-11-11T11:00:00', ['show', '1', '--lang', 'zh'])).toContain('升级记录');
    expect((await json(box, '2026-11-11T11:00:00', ['history', '1'])).filter((e: any) => e.kind === 'escalate').map((e: any) => e.reason)).toEqual([
      'Needs the district office', 'No answer from the district\u001b[2J',
    ]);
  });

  it('shows no escalations for a ticket never escalated', async () => {
    const box = commandSandbox();
    await step(box, '2026-11-10T09:00:00', ['create', '--title', 't', '--requester', 'r', '--channel', 'phone']);
    expect((await json(box, '2026-11-10T09:00:00', ['show', '1'])).escalations).toEqual([]);
  });
});
