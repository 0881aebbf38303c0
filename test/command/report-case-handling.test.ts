// The monthly report's returns and extensions over a scripted November 2026 (example config: office
// hours 09:00–12:00 and 13:30–18:00, urgent resolution in 4 office hours), figures worked out by hand.
import { describe, expect, it } from 'vitest';
import { commandSandbox, type CommandSandbox } from './harness.js';

const at = (date: string, time: string, actor = 'tester') => ({ env: { DESK_NOW: `2026-${date}T${time}:00+08:00`, DESK_ACTOR: actor } });

async function ticket(box: CommandSandbox, date: string, time: string, urgency: string, assignee: string, requester = 'Li Lei'): Promise<string> {
  const args = ['create', '--title', `Ticket of ${date} ${time}`, '--requester', requester, '--channel', 'phone', '--urgency', urgency, '--team', 'desktop', '--assignee', assignee];
  return (await box.json(args, at(date, time))).number;
}

/**
 * Mon 2 November, urgent tickets logged at 10:00 are due 15:30.
 * - t1: extended to 3 Nov 18:00 (zhao), resolved 2 Nov 14:00 — within the original deadline.
 * - t2: extended to 3 Nov 12:00 (chen, the desk supervisor), resolved 3 Nov 09:30 — after the
 *   original, within the extended deadline.
 * - t3: extended to 2 Nov 17:00, resolved 3 Nov 10:00 — the extended deadline missed at 17:00.
 * - t4: extension rejected; never resolved, its deadline missed at 15:30.
 * - t5 (normal): returned by desktop (sun, 10:30), dispatched to network, returned by network
 *   (wu, 11:00). t6 (normal, 3 Nov): returned by desktop (zhou). t7 (1 December): returned by
 *   desktop, outside the month.
 * Normal tickets are due after 24 office hours: t5 (2 Nov 10:00) on 5 Nov 14:00, t6 (3 Nov 09:00)
 * on 6 Nov 10:30, both missed in November.
 */
async function november(): Promise<CommandSandbox> {
  const box = commandSandbox();
  const [t1, t2, t3, t4] = [await ticket(box, '11-02', '10:00', 'urgent', 'sun'), await ticket(box, '11-02', '10:00', 'urgent', 'sun'), await ticket(box, '11-02', '10:00', 'urgent', 'zhou'), await ticket(box, '11-02', '10:00', 'urgent', 'sun')];
  const t5 = await ticket(box, '11-02', '10:00', 'normal', 'sun');
  await box.json(['extend', t1, '--until', '2026-11-03 18:00', '--reason', 'Vendor part'], at('11-02', '11:00', 'sun'));
  await box.json(['extend', t1, '--approve'], at('11-02', '11:30', 'zhao'));
  await box.json(['extend', t2, '--until', '2026-11-03 12:00', '--reason', 'Vendor part'], at('11-02', '11:00', 'sun'));
  await box.json(['extend', t2, '--approve'], at('11-02', '11:10', 'chen'));
  await box.json(['extend', t3, '--until', '2026-11-02 17:00', '--reason', 'Needs a reboot window'], at('11-02', '11:00', 'zhou'));
  await box.json(['extend', t3, '--approve'], at('11-02', '11:05', 'zhao'));
  await box.json(['extend', t4, '--until', '2026-11-04 18:00', '--reason', 'Busy'], at('11-02', '11:00', 'sun'));
  await box.json(['extend', t4, '--reject', '--reason', 'Not a reason'], at('11-02', '11:20', 'zhao'));
  await box.json(['return', t5, '--reason', 'A network fault'], at('11-02', '10:30', 'sun'));
  await box.json(['dispatch', t5, '--team', 'network', '--to', 'wu'], at('11-02', '10:40'));
  await box.json(['return', t5, '--reason', 'A facilities fault'], at('11-02', '11:00', 'wu'));
  await box.json(['resolve', t1, '--solution', 'Fixed'], at('11-02', '14:00', 'sun'));
  await box.json(['resolve', t2, '--solution', 'Fixed'], at('11-03', '09:30', 'sun'));
  await box.json(['resolve', t3, '--solution', 'Fixed'], at('11-03', '10:00', 'zhou'));
  const t6 = await ticket(box, '11-03', '09:00', 'normal', 'zhou');
  await box.json(['return', t6, '--reason', 'Not ours'], at('11-03', '09:10', 'zhou'));
  const t7 = await ticket(box, '12-01', '10:00', 'normal', 'sun');
  await box.json(['return', t7, '--reason', 'Not ours'], at('12-01', '10:10', 'sun'));
  return box;
}

describe('the monthly report of returns and extensions', () => {
  it('counts returns by team, extension requests and decisions, and how the extended deadlines were met', async () => {
    const box = await november();
    const report = await box.json(['report', 'monthly', '--month', '2026-11'], at('12-05', '10:00'));
    expect(report.returns).toEqual({ total: 3, by_team: { desktop: 2, network: 1 } });
    expect(report.extensions).toEqual({ requested: 4, approved: 3, rejected: 1, resolved_within_original: 1, resolved_within_extended: 1, missed_extended: 1 });
    // Against the deadlines as extended: t1 and t2 met; t3, t4, t5 and t6 missed.
    expect(report.sla.resolution).toEqual({ met: 2, missed: 4, rate: 0.3333 });

    const desktop = await box.json(['report', 'monthly', '--month', '2026-11', '--team', 'desktop'], at('12-05', '10:00'));
    expect(desktop.returns).toEqual({ total: 2, by_team: { desktop: 2 } });
    expect(desktop.extensions).toEqual(report.extensions);

    const zh = await box.desk(['report', 'monthly', '--month', '2026-11', '--format', 'md', '--lang', 'zh'], at('12-05', '10:00'));
    expect(zh.stdout).toContain('## 退回与延期');
    expect(zh.stdout).toMatch(/\| desktop 退回 +\| 2 +\|/);
    expect(zh.stdout).toMatch(/\| 已延期，仅在延期时限内办结 +\| 1 +\|/);
  });

  it('counts an extended deadline that passed unmet before anything settled it', async () => {
    const box = commandSandbox();
    const t = await ticket(box, '11-02', '10:00', 'urgent', 'sun');
    await box.json(['extend', t, '--until', '2026-11-02 17:00', '--reason', 'Vendor'], at('11-02', '11:00', 'sun'));
    await box.json(['extend', t, '--approve'], at('11-02', '11:05', 'zhao'));
    const report = await box.json(['report', 'monthly', '--month', '2026-11'], at('12-05', '10:00'));
    expect(report.extensions).toMatchObject({ requested: 1, approved: 1, missed_extended: 1, resolved_within_extended: 0 });
  });

  it("counts one caller's returns, extensions and supervision alone with --requester", async () => {
    const box = commandSandbox();
    const li = await ticket(box, '11-02', '10:00', 'normal', 'sun');
    const wang = await ticket(box, '11-02', '10:00', 'urgent', 'sun', 'Wang Fang');
    await box.json(['return', li, '--reason', 'Not ours'], at('11-02', '10:30', 'sun'));
    await box.json(['extend', wang, '--until', '2026-11-03 18:00', '--reason', 'Vendor part'], at('11-02', '11:00', 'sun'));
    await box.json(['supervise', wang, '--reply-by', '2h', '--note', 'call the vendor'], at('11-02', '11:10', 'zhao'));
    const of = (requester: string) => box.json(['report', 'monthly', '--month', '2026-11', '--requester', requester], at('12-05', '10:00'));
    const [liReport, wangReport] = [await of('li lei'), await of('WANG FANG')];
    expect([liReport.returns, liReport.extensions.requested, liReport.supervision.by_team]).toEqual([{ total: 1, by_team: { desktop: 1 } }, 0, {}]);
    expect([wangReport.returns, wangReport.extensions.requested, wangReport.supervision.by_team.desktop.orders]).toEqual([{ total: 0, by_team: {} }, 1, 1]);
  });
});
