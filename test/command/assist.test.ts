// Co-handling (主办/协办): a collaborating team's sub-task on a ticket another team leads, opened,
// answered, withdrawn and counted, on every store.
import { describe, expect, it } from 'vitest';
import { commandSandbox, type CommandSandbox } from './harness.js';

// 27 November 2026, a Friday, in Shanghai; the example office works 09:00-12:00 and 13:30-18:00.
const as = (actor: string, time: string, day = '27') => ({ env: { DESK_NOW: `2026-11-${day}T${time}:00+08:00`, DESK_ACTOR: actor } });
const at = (time: string, day = '27') => as('li', time, day);

/** A street light out, led by facilities (han; yang, zhu), logged and answered at 09:00. */
async function ledCase(box: CommandSandbox, title = 'Street light out on Renmin Road'): Promise<string> {
  const created = await box.json(['create', '--title', title, '--requester', 'Li Lei', '--channel', 'phone', '--team', 'facilities'], at('09:00'));
  await box.json(['respond', created.number, '--message', 'logged'], at('09:00'));
  return created.number;
}

describe('desk assist', () => {
  it('opens a sub-task for a collaborating team, due by --due in business time, shown in show, history and JSON', async () => {
    const box = commandSandbox();
    const number = await ledCase(box);
    // 11:00 + 2 h of office time: 11:00-12:00, then 13:30-14:30.
    const opened = await box.json(['assist', number, '--team', 'network', '--to', 'wu', '--due', '2h', '--note', 'check the feeder cable'], as('yang', '11:00'));
    expect(opened.collaborators).toEqual(['network']);
    expect(opened.assists).toEqual([{
      team: 'network', assignee: 'wu', note: 'check the feeder cable', due_at: '2026-11-27T14:30:00+08:00', opened_at: '2026-11-27T11:00:00+08:00', opened_by: 'yang',
      state: 'open', reply: null, replied_at: null, replied_by: null, cancel_reason: null, cancelled_at: null, cancelled_by: null, on_time: null,
    }]);
    const shown = await box.desk(['show', number], at('15:00'));
    expect(shown.stdout).toMatch(/Sub-task +Network, due 2026-11-27 14:30 to wu — check the feeder cable — overdue 30 min\n/);
    const zh = await box.desk(['show', number, '--lang', 'zh'], at('12:00'));
    expect(zh.stdout).toMatch(/协办 +网络，2026-11-27 14:30 前 交 wu — check the feeder cable — 等待回复\n/);
    const history = await box.json(['history', number], at('12:00'));
    expect(history.at(-1)).toMatchObject({
      kind: 'assist', actor: 'yang', text: 'check the feeder cable', changes: { collaborators: [[], ['network']] },
      assist: { team: 'network', assignee: 'wu', due_at: '2026-11-27T14:30:00+08:00' },
    });
    const text = (await box.desk(['history', number], at('12:00'))).stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/ 11:00 yang sub-task: with teams — → Network — Network, due 2026-11-27 14:30 to wu — check the feeder cable $/);
  });

  it('takes its deadline from the assist target of sla.yaml without --due', async () => {
    const box = commandSandbox();
    const number = await ledCase(box);
    // Normal urgency: one working day, Friday 10:00 to Monday 10:00.
    const opened = await box.json(['assist', number, '--team', 'network'], at('10:00'));
    expect(opened.assists[0].due_at).toBe('2026-11-30T10:00:00+08:00');
  });

  it('puts the ticket in the team\'s list, queue and, once late, sla check until it replies', async () => {
    const box = commandSandbox();
    const number = await ledCase(box);
    const other = await ledCase(box, 'Bench broken');
    await box.json(['assist', number, '--team', 'network', '--due', '1h'], at('10:00'));
    const list = await box.json(['list', '--team', 'network'], at('10:30'));
    expect(list.map((t: any) => t.number)).toEqual([number]);
    expect((await box.json(['list', '--team', 'facilities'], at('10:30'))).map((t: any) => t.number)).toEqual([other, number]);
    const queue = await box.json(['queue'], as('wu', '10:30'));
    expect([queue.assists.total, queue.assists.tickets.map((t: any) => t.number)]).toEqual([1, [number]]);
    expect((await box.json(['queue'], as('yang', '10:30'))).assists.total).toBe(0);
    expect((await box.desk(['sla', 'check', '--json'], at('10:59'))).code).toBe(0);

    const late = await box.desk(['sla', 'check', '--json'], at('11:30'));
    expect(late.code).toBe(5);
    expect(JSON.parse(late.stdout).assists).toEqual([{
      number, title: 'Street light out on Renmin Road', team: 'network', assignee: null, lead_team: 'facilities',
      opened_at: '2026-11-27T10:00:00+08:00', due_at: '2026-11-27T11:00:00+08:00', minutes: 30, status: 'in_progress',
    }]);
    expect((await box.desk(['sla', 'check'], at('11:30'))).stdout).toBe(
      'Sub-tasks past their deadline: 1\n' +
      'Number\tTitle\tSub-task\tAssignee\tTeam\tDue\tWhen\n' +
      `${number}\tStreet light out on Renmin Road\tnetwork\t\tfacilities\t2026-11-27 11:00\toverdue 30 min\n`,
    );

    // Only the team's people answer; then the ticket leaves them.
    const refused = await box.desk(['assist', number, '--team', 'network', '--reply', 'cable fine'], as('yang', '11:40'));
    expect([refused.code, refused.stderr]).toEqual([2, "desk: the reply to a sub-task is network's; yang is not in that team\nhint: act as one of wu, zheng, qian with --actor\n"]);
    const replied = await box.json(['assist', number, '--team', 'network', '--reply', 'cable fine, lamp faulty'], as('zheng', '11:40'));
    expect(replied.assists[0]).toMatchObject({ state: 'replied', reply: 'cable fine, lamp faulty', replied_by: 'zheng', on_time: false });
    expect(await box.json(['list', '--team', 'network'], at('11:45'))).toEqual([]);
    expect((await box.desk(['sla', 'check', '--json'], at('11:45'))).code).toBe(0);
    expect((await box.json(['history', number], at('11:45'))).at(-1).assist).toEqual({
      team: 'network', due_at: '2026-11-27T11:00:00+08:00', opened_at: '2026-11-27T10:00:00+08:00', on_time: false,
    });
  });

  it('holds the lead team\'s resolve while a sub-task is open, unless forced with a reason', async () => {
    const box = commandSandbox();
    const number = await ledCase(box);
    await box.json(['assist', number, '--team', 'network'], at('10:00'));
    await box.json(['assist', number, '--team', 'applications'], at('10:00'));
    const refused = await box.desk(['resolve', number, '--solution', 'lamp replaced'], as('yang', '11:00'));
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr: `desk: ${number} has open sub-tasks of network, applications: the lead team resolves it once they reply\n` +
        `hint: wait for their replies, withdraw them (desk assist ${number} --team network --cancel --reason "…"), or resolve anyway with --force --reason "…"\n`,
    });
    expect((await box.json(['show', number], at('11:00'))).version).toBe(4);
    expect((await box.desk(['resolve', number, '--solution', 'lamp replaced', '--reason', 'x'], at('11:00'))).stderr).toMatch(/^desk: --reason goes with --force\n/);

    const cancelled = await box.json(['assist', number, '--team', 'applications', '--cancel', '--reason', 'not a system fault'], as('yang', '11:05'));
    expect(cancelled.assists[1]).toMatchObject({ state: 'cancelled', cancel_reason: 'not a system fault', cancelled_by: 'yang' });
    const resolved = await box.json(['resolve', number, '--solution', 'lamp replaced', '--force', '--reason', 'network confirmed by phone'], as('yang', '11:10'));
    expect([resolved.status, resolved.assists.map((a: any) => [a.state, a.cancel_reason])]).toEqual(['resolved', [['cancelled', 'network confirmed by phone'], ['cancelled', 'not a system fault']]]);
    const history = await box.json(['history', number], at('11:15'));
    expect(history.slice(-3).map((e: any) => [e.kind, e.reason, e.assist?.team ?? null])).toEqual([
      ['assist_cancel', 'not a system fault', 'applications'],
      ['resolve', 'network confirmed by phone', null],
      ['assist_cancel', 'network confirmed by phone', 'network'],
    ]);
  });

  it('is opened by a dispatch that adds collaborating teams, by hand or by a rule', async () => {
    const box = commandSandbox();
    const created = await box.json(['create', '--title', 'Street light out', '--requester', 'Li Lei', '--channel', 'phone', '--no-auto'], at('09:00'));
    const [dispatched] = await box.json(['dispatch', created.number, '--team', 'facilities', '--with', 'network,applications'], at('09:10'));
    expect(dispatched.ticket.assists.map((a: any) => [a.team, a.due_at, a.opened_by])).toEqual([
      ['network', '2026-11-30T09:10:00+08:00', 'li'], ['applications', '2026-11-30T09:10:00+08:00', 'li'],
    ]);
    // Dispatched again with the same teams, nobody gets a second one.
    const [again] = await box.json(['dispatch', created.number, '--team', 'facilities', '--to', 'yang', '--with', 'network,applications'], at('09:20'));
    expect(again.ticket.assists).toHaveLength(2);
    expect((await box.json(['history', created.number], at('09:30'))).map((e: any) => e.kind)).toEqual(['create', 'dispatch', 'assist', 'assist', 'dispatch']);

    // routing.yaml's vpn rule sends VPN tickets to network with applications.
    const vpn = await box.json(['create', '--title', 'VPN 无法连接', '--requester', 'Wang', '--channel', 'email', '--auto'], at('10:00'));
    expect([vpn.team, vpn.assists.map((a: any) => a.team)]).toEqual(['network', ['applications']]);
  });

  it.each([
    { args: ['--team', 'facilities'], message: `facilities leads NUMBER: a sub-task goes to a collaborating team`, hint: 'give another --team' },
    { args: ['--team', 'gas'], message: '--team: unknown team "gas"', hint: expect.stringContaining('network') },
    { args: [], message: 'assist needs --team: which collaborating team?', hint: expect.any(String) },
    { args: ['--team', 'network', '--due', 'soon'], message: '--due: "soon" is not a duration', hint: expect.stringContaining('4h') },
    { args: ['--team', 'network', '--reply', 'x', '--due', '2h'], message: '--reply takes no --due', hint: expect.any(String) },
    { args: ['--team', 'network', '--reason', 'x'], message: '--reason goes with --cancel', hint: expect.any(String) },
    { args: ['--team', 'network', '--reply', 'x'], message: 'network has no open sub-task on NUMBER', hint: 'open one with desk assist NUMBER --team network' },
    { args: ['--team', 'network', '--cancel'], message: '--reason is required and must not be empty', hint: expect.any(String) },
  ])('refuses $args with exit 2, writing nothing', async ({ args, message, hint }) => {
    const box = commandSandbox();
    const number = await ledCase(box);
    const result = await box.desk(['assist', number, ...args], at('10:00'));
    const [line, hintLine] = result.stderr.trimEnd().split('\n');
    expect([result.code, line, hintLine?.replace(/^hint: /, '')]).toEqual([2, `desk: ${message.replaceAll('NUMBER', number)}`, typeof hint === 'string' ? hint.replaceAll('NUMBER', number) : hint]);
    expect((await box.json(['show', number], at('10:00'))).version).toBe(2);
  });
});

describe('the monthly report of sub-tasks', () => {
  it('counts each team\'s sub-tasks opened, replied, on time and withdrawn in the month', async () => {
    const box = commandSandbox();
    const a = await ledCase(box, 'A');
    const b = await ledCase(box, 'B');
    // network: two opened in November, one replied on time, one late; applications: one withdrawn.
    await box.json(['assist', a, '--team', 'network', '--due', '1h'], at('10:00'));
    await box.json(['assist', a, '--team', 'network', '--reply', 'ok'], as('wu', '10:30'));
    await box.json(['assist', b, '--team', 'network', '--due', '1h'], at('10:00'));
    await box.json(['assist', b, '--team', 'network', '--reply', 'late'], as('wu', '14:00'));
    await box.json(['assist', b, '--team', 'applications'], at('10:00'));
    await box.json(['assist', b, '--team', 'applications', '--cancel', '--reason', 'no need'], at('10:05'));
    // In December: opened and answered then, not November's.
    await box.json(['assist', a, '--team', 'applications'], { env: { DESK_NOW: '2026-12-01T10:00:00+08:00', DESK_ACTOR: 'li' } });

    const report = await box.json(['report', 'monthly', '--month', '2026-11'], at('09:00', '30'));
    expect(report.assists).toEqual({
      by_team: {
        network: { opened: 2, replied: 2, on_time: 1, cancelled: 0, on_time_rate: 0.5 },
        applications: { opened: 1, replied: 0, on_time: 0, cancelled: 1, on_time_rate: null },
      },
    });
    const one = await box.json(['report', 'monthly', '--month', '2026-11', '--team', 'applications'], at('09:00', '30'));
    expect(Object.keys(one.assists.by_team)).toEqual(['applications']);
    const md = await box.desk(['report', 'monthly', '--month', '2026-11', '--format', 'md', '--lang', 'zh'], at('09:00', '30'));
    expect(md.stdout).toContain('## 协办（按协办组）');
    expect(md.stdout).toContain('| network | 2 | 2 | 1 | 50.0% | 0 |');
    const csv = await box.desk(['report', 'monthly', '--month', '2026-11', '--format', 'csv'], at('09:00', '30'));
    expect(csv.stdout).toContain('Sub-tasks by collaborating team,network · On-time rate,50.0%');
  });
});
