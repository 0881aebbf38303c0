// desk handover over a scripted shift: the day replayed in order with DESK_NOW.
import { describe, expect, it } from 'vitest';

import { commandSandbox, type CommandSandbox } from './harness.js';

const at = (time: string) => ({ DESK_NOW: `${time}+08:00` });

async function step(box: CommandSandbox, time: string, args: string[], actor = 'li'): Promise<string> {
  const r = await box.desk(args, { env: { ...at(time), DESK_ACTOR: actor } });
  if (r.code !== 0) throw new Error(`desk ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** Wednesday 25 November 2026, the day shift 08:00–16:00. */
async function shift(box: CommandSandbox) {
  const create = async (time: string, title: string, ...flags: string[]) => await step(box, time, ['create', '--title', title, '--requester', '周敏', '--channel', 'phone', ...flags]);
  const a = await create('2026-11-24T10:00:00', '财务部打印机需要上门维修', '--team', 'desktop', '--assignee', 'sun');
  await step(box, '2026-11-24T10:05:00', ['respond', a]);
  await step(box, '2026-11-25T08:00:00', ['handover', '--json'], 'chen');
  const b = await create('2026-11-25T09:00:00', '打印机卡纸', '--team', 'desktop', '--assignee', 'zhou');
  await step(box, '2026-11-25T09:05:00', ['respond', b]);
  await step(box, '2026-11-25T10:00:00', ['resolve', b, '--solution', '清除卡纸']);
  const c = await create('2026-11-25T09:30:00', 'VPN down for the sales team', '--urgency', 'urgent', '--team', 'network');
  const d = await create('2026-11-25T11:00:00', 'Monitor flickers', '--team', 'desktop', '--assignee', 'sun');
  await step(box, '2026-11-25T11:05:00', ['respond', d]);
  await step(box, '2026-11-25T11:10:00', ['pending', d, '--reason', '等待备件']);
  await step(box, '2026-11-25T13:00:00', ['escalate', a, '--reason', 'needs a vendor visit']);
  const e = await create('2026-11-25T15:00:00', 'ERP down: everyone cannot log in', '--urgency', 'critical');
  const f = await create('2026-11-25T15:55:00', 'Password reset');
  return { a, b, c, d, e, f };
}

describe('desk handover', () => {
  it('records the shift: opened, resolved, escalated, breaches first, open by team, pending', async () => {
    const box = commandSandbox();
    const t = await shift(box);
    const h = JSON.parse(await step(box, '2026-11-25T16:00:00', ['handover', '--json']));
    expect([h.since, h.until, h.actor, h.team, h.within_minutes]).toEqual(['2026-11-25T08:00:00+08:00', '2026-11-25T16:00:00+08:00', 'li', null, 120]);
    expect(h.previous).toMatchObject({ id: 1, actor: 'chen', at: '2026-11-25T08:00:00+08:00' });
    expect(h.recorded).toMatchObject({ id: 2, actor: 'li', at: '2026-11-25T16:00:00+08:00', since: '2026-11-25T08:00:00+08:00' });
    expect(h.opened.map((x: any) => x.number)).toEqual([t.b, t.c, t.d, t.e, t.f]);
    expect(h.resolved.map((x: any) => [x.number, x.solution])).toEqual([[t.b, '清除卡纸']]);
    expect(h.escalated.map((x: any) => [x.number, x.escalation_reason])).toEqual([[t.a, 'needs a vendor visit']]);
    expect(h.breached.map((x: any) => [x.number, x.kind, x.due_at, x.minutes])).toEqual([
      [t.c, 'response', '2026-11-25T09:40:00+08:00', 380],
      [t.e, 'response', '2026-11-25T15:05:00+08:00', 55],
    ]);
    expect(h.near.map((x: any) => [x.number, x.kind, x.minutes])).toEqual([[t.f, 'response', 5]]);
    expect(h.open_by_team.map((g: any) => [g.team, g.tickets.map((x: any) => [x.number, x.state])])).toEqual([
      [null, [[t.e, 'breached'], [t.f, 'near']]],
      ['desktop', [[t.a, 'running'], [t.d, 'paused']]],
      ['network', [[t.c, 'breached']]],
    ]);
    expect(h.open_by_team[1].tickets[0].next_due.kind).toBe('update'); // a progress update (every 3 working days) falls before the resolution
    expect(h.pending).toEqual([{ number: t.d, title: 'Monitor flickers', team: 'desktop', assignee: 'sun', pending_since: '2026-11-25T11:10:00+08:00', reason: '等待备件' }]);

    const desktop = JSON.parse(await step(box, '2026-11-25T16:01:00', ['handover', '--team', 'desktop', '--json', '--no-record']));
    expect([desktop.recorded, desktop.previous, desktop.opened.map((x: any) => x.number)]).toEqual([null, null, [t.b, t.d]]);
    const again = JSON.parse(await step(box, '2026-11-25T16:02:00', ['handover', '--json', '--no-record']));
    expect([again.recorded, again.previous.id]).toEqual([null, 2]);
  });

  it('prints Markdown when piped or asked, ready to print or mail', async () => {
    const box = commandSandbox();
    const t = await shift(box);
    const md = await step(box, '2026-11-25T16:00:00', ['handover', '--no-record']);
    expect(md.split('\n')[0]).toBe('# Shift handover: 2026-11-25 08:00 to 2026-11-25 16:00 (Asia/Shanghai)');
    expect(md).toContain('Handed over by li at 2026-11-25 16:00 (not recorded).');
    expect(md).toContain('Previous handover: 2026-11-25 08:00 by chen.');
    expect(md).toContain('Opened 5, resolved 1, escalated 1 during the shift; 5 open, 2 breached, 1 due within 2 h, 1 pending.');
    expect(md).toContain(`## Breached (2)\n\n| Number | Title | Deadline | Due | Urgency | Team |\n| --- | --- | --- | --- | --- | --- |\n| ${t.c} | VPN down for the sales team | response overdue 6 h 20 min | 2026-11-25 09:40 | urgent | network |`);
    expect(md).toContain(`### desktop (2)\n\n| Number | Title | Status | Urgency | Assignee | Next due |`);
    expect(md).toContain(`| ${t.d} | Monitor flickers | pending | normal | sun | paused |`);
    expect(md).toContain(`## Pending, waiting on requesters (1)`);
    expect(md).toContain('等待备件');
    expect(await step(box, '2026-11-25T16:00:00', ['handover', '--format', 'md', '--since', '2026-11-25 15:00', '--no-record'])).toContain('Opened 2, resolved 0');
    expect((await box.desk(['handover', '--since', 'tomorrow'])).code).toBe(2);
    expect((await box.desk(['handover', '--format', 'pdf'])).code).toBe(2);
  });
});
