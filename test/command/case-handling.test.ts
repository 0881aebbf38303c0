// Returns of misrouted tickets and extensions of the resolution deadline (issue 19), over the
// example config: office hours 09:00–12:00 and 13:30–18:00 (Asia/Shanghai), return_within 2h,
// desktop supervised by zhao with members sun and zhou, network by qian with wu and zheng, and
// chen the desk supervisor.
import { describe, expect, it } from 'vitest';
import { commandSandbox, type CommandSandbox } from './harness.js';

const at = (day: string, time: string, actor = 'tester') => ({ env: { DESK_NOW: `2026-11-${day}T${time}:00+08:00`, DESK_ACTOR: actor } });
const REQUIRED = ['--title', 'Voucher export fails', '--requester', 'Li Lei', '--channel', 'phone'];

async function eventCount(box: CommandSandbox, ref: string): Promise<number> {
  return (await box.json(['history', ref])).length;
}

describe('desk return', () => {
  async function dispatchedAt10() {
    const box = commandSandbox();
    const created = await box.json(['create', ...REQUIRED, '--team', 'desktop', '--assignee', 'sun'], at('25', '10:00'));
    return { box, ref: created.number as string };
  }

  it('lets a member of the team send the ticket back within the window: new again, without team or assignee', async () => {
    const { box, ref } = await dispatchedAt10();
    const returned = await box.json(['return', ref, '--reason', 'An ERP fault, not a PC'], at('25', '11:30', 'sun'));
    expect([returned.status, returned.team, returned.assignee, returned.collaborators, returned.dispatched_by]).toEqual(['new', null, null, [], null]);
    // The first dispatch still settled the dispatch deadline.
    expect([returned.dispatched_at, returned.dispatch_met]).toEqual(['2026-11-25T10:00:00+08:00', true]);
    const [event] = (await box.json(['history', ref])).slice(-1);
    expect(event).toMatchObject({ kind: 'return', actor: 'sun', reason: 'An ERP fault, not a PC', team: 'desktop' });
    expect(event.changes).toMatchObject({ status: ['dispatched', 'new'], team: ['desktop', null], assignee: ['sun', null] });
    const text = await box.desk(['history', ref], { columns: 200 });
    expect(text.stdout).toContain('sun     return: status dispatched → new, team Desktop support → —, assignee sun → —, dispatched by hand → — — reason: An ERP fault, not a PC — returned by Desktop support\n');
  });

  it('counts the window from the dispatch to the current team, in business time, and refuses the team after it', async () => {
    const { box, ref } = await dispatchedAt10();
    await box.json(['return', ref, '--reason', 'Not ours'], at('25', '11:30', 'sun'));
    await box.json(['dispatch', ref, '--team', 'network', '--to', 'wu'], at('25', '11:45'));
    // 11:45 + 2h of office time: 15 minutes before lunch, 1h45 after it → 15:15.
    const late = await box.desk(['return', ref, '--reason', 'Not ours either'], at('25', '15:16', 'wu'));
    expect(late.code).toBe(2);
    expect(late.stderr).toContain(`${ref}: team network's window to return it closed at 2026-11-25 15:15; after it only the desk supervisor may return it`);
    expect(late.stderr).toContain('ask chen');
    expect((await box.json(['show', ref])).team).toBe('network');
    expect(await eventCount(box, ref)).toBe(3);
    expect((await box.json(['return', ref, '--reason', 'Not ours either'], at('25', '15:15', 'wu'))).status).toBe('new');
  });

  it('leaves a late return to the desk supervisor, and any return to the team', async () => {
    const { box, ref } = await dispatchedAt10();
    const outsider = await box.desk(['return', ref, '--reason', 'Not ours'], at('25', '10:30', 'wu'));
    expect(outsider.code).toBe(2);
    expect(outsider.stderr).toContain(`${ref} is team desktop's: only its members or supervisor may return it, and wu is not one of them`);
    expect((await box.json(['return', ref, '--reason', 'Misrouted'], at('26', '09:00', 'chen'))).status).toBe('new');
    const again = await box.desk(['return', ref, '--reason', 'Twice'], at('26', '09:05', 'chen'));
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('it has no team to return it');
  });

  it('needs a reason, and refuses a resolved ticket', async () => {
    const { box, ref } = await dispatchedAt10();
    const bare = await box.desk(['return', ref], at('25', '10:30', 'sun'));
    expect([bare.code, bare.stderr]).toEqual([2, expect.stringContaining('--reason is required')]);
    await box.json(['resolve', ref, '--solution', 'Reinstalled the client'], at('25', '10:40', 'sun'));
    const resolved = await box.desk(['return', ref, '--reason', 'Not ours'], at('25', '10:50', 'sun'));
    expect([resolved.code, resolved.stderr]).toEqual([2, expect.stringContaining(`${ref} is resolved: cannot move to new`)]);
  });

  it('records the dispatch rule that sent the ticket, and rules test counts its returns', async () => {
    const box = commandSandbox();
    const printer = ['--requester', 'Li Lei', '--channel', 'phone'];
    const first = await box.json(['create', '--title', 'Printer jams on 3F', ...printer, '--auto'], at('25', '10:00'));
    await box.json(['create', '--title', 'Printer toner empty', ...printer, '--auto'], at('25', '10:05'));
    expect([first.team, first.dispatched_by]).toEqual(['desktop', 'hardware']);
    await box.json(['return', first.number, '--reason', 'A network printer queue'], at('25', '10:30', first.assignee));
    const [event] = (await box.json(['history', first.number])).slice(-1);
    expect(event).toMatchObject({ kind: 'return', team: 'desktop', dispatch_rule: 'hardware' });

    const tested = await box.json(['rules', 'test', '--title', 'Printer jams again']);
    expect(tested.dispatch.team).toEqual({ value: 'desktop', rule: 'hardware' });
    expect(tested.dispatch.returns).toEqual({ rule: 'hardware', dispatched: 2, returned: 1 });
    const text = await box.desk(['rules', 'test', '--title', 'Printer jams again']);
    expect(text.stdout).toContain('returned      1 of 2 tickets rule hardware dispatched\n');
  });
});

describe('desk extend', () => {
  // Urgent: resolution due 4 office hours after 10:00 → 15:30 the same day.
  async function urgentTicket() {
    const box = commandSandbox();
    const created = await box.json(['create', ...REQUIRED, '--urgency', 'urgent', '--team', 'desktop', '--assignee', 'sun'], at('25', '10:00'));
    expect(created.resolve_due_at).toBe('2026-11-25T15:30:00+08:00');
    return { box, ref: created.number as string };
  }

  it('records a request without moving the deadline; the team supervisor approves it and the deadline moves', async () => {
    const { box, ref } = await urgentTicket();
    const asked = await box.json(['extend', ref, '--until', '2026-11-26 18:00', '--reason', 'Waiting for the vendor'], at('25', '11:00', 'sun'));
    expect([asked.resolve_due_at, asked.extension_until, asked.original_resolve_due_at]).toEqual(['2026-11-25T15:30:00+08:00', '2026-11-26T18:00:00+08:00', null]);
    const approved = await box.json(['extend', ref, '--approve'], at('25', '12:00', 'zhao'));
    expect([approved.resolve_due_at, approved.extension_until, approved.original_resolve_due_at]).toEqual(['2026-11-26T18:00:00+08:00', null, '2026-11-25T15:30:00+08:00']);
    const events = (await box.json(['history', ref])).slice(-2);
    expect(events.map((e: any) => [e.kind, e.actor])).toEqual([['extend', 'sun'], ['extend_approve', 'zhao']]);
    expect(events[0]).toMatchObject({ reason: 'Waiting for the vendor', changes: { extension_until: [null, '2026-11-26T18:00:00+08:00'] } });
    expect(events[1].changes.resolve_due_at).toEqual(['2026-11-25T15:30:00+08:00', '2026-11-26T18:00:00+08:00']);
    // Past the original deadline, the ticket is not overdue: the approved one counts.
    const resolved = await box.json(['resolve', ref, '--solution', 'Part fitted'], at('26', '10:00', 'sun'));
    expect(resolved.resolve_met).toBe(true);
    const shown = await box.desk(['show', ref]);
    expect(shown.stdout).toMatch(/Original resolve due +2026-11-25 15:30/);
  });

  it('refuses a decision by anyone but a supervisor of the team or the desk, and changes nothing', async () => {
    const { box, ref } = await urgentTicket();
    await box.json(['extend', ref, '--until', '2026-11-26 18:00', '--reason', 'Vendor'], at('25', '11:00', 'sun'));
    const before = await eventCount(box, ref);
    for (const actor of ['sun', 'zhou', 'qian']) {
      const refused = await box.desk(['extend', ref, '--approve'], at('25', '11:10', actor));
      expect(refused.code, actor).toBe(2);
      expect(refused.stderr, actor).toContain(`only a supervisor of team desktop may decide ${ref}'s extension; ${actor} is not one`);
      expect(refused.stderr, actor).toContain('supervisors: zhao, chen');
    }
    expect(await eventCount(box, ref)).toBe(before);
    expect((await box.json(['show', ref])).extension_until).toBe('2026-11-26T18:00:00+08:00');
    // The desk supervisor decides for every team.
    const rejected = await box.json(['extend', ref, '--reject', '--reason', 'Borrow a spare unit'], at('25', '11:20', 'chen'));
    expect([rejected.resolve_due_at, rejected.extension_until]).toEqual(['2026-11-25T15:30:00+08:00', null]);
    expect((await box.json(['history', ref])).at(-1)).toMatchObject({ kind: 'extend_reject', actor: 'chen', reason: 'Borrow a spare unit' });
  });

  it('refuses what is not an extension: an earlier time, a second request, a missed deadline, a decision with nothing asked', async () => {
    const { box, ref } = await urgentTicket();
    const cases: [string[], string, string][] = [
      [['extend', ref, '--until', '2026-11-25 15:00', '--reason', 'x'], 'sun', '--until: 2026-11-25 15:00 is not after the resolution deadline 2026-11-25 15:30'],
      [['extend', ref, '--approve'], 'zhao', `${ref} has no extension request to decide`],
      [['extend', ref, '--until', '2026-11-26 18:00'], 'sun', '--reason is required'],
      [['extend', ref], 'sun', 'extend needs --until TIME (a request), or --approve or --reject (a decision)'],
      [['extend', ref, '--approve', '--reject', '--reason', 'x'], 'zhao', 'give one of --approve, --reject, not several'],
      [['extend', ref, '--until', '2026-11-26 18:00', '--reason', 'x'], 'wu', `${ref} is team desktop's: only its members or supervisor may ask to extend it`],
    ];
    for (const [args, actor, message] of cases) {
      const refused = await box.desk(args, at('25', '11:00', actor));
      expect([refused.code, refused.stderr], args.join(' ')).toEqual([2, expect.stringContaining(message)]);
    }
    await box.json(['extend', ref, '--until', '2026-11-26 18:00', '--reason', 'Vendor'], at('25', '11:00', 'sun'));
    const second = await box.desk(['extend', ref, '--until', '2026-11-27 18:00', '--reason', 'More'], at('25', '11:05', 'sun'));
    expect([second.code, second.stderr]).toEqual([2, expect.stringContaining(`${ref} already awaits a decision on an extension to 2026-11-26 18:00`)]);
    const late = await box.desk(['extend', ref, '--approve'], at('25', '15:31', 'zhao'));
    expect([late.code, late.stderr]).toEqual([2, expect.stringContaining('the resolution deadline passed unmet at 2026-11-25 15:30')]);
    expect(late.stderr).toContain('--reject');
    const rejectReason = await box.desk(['extend', ref, '--reject'], at('25', '15:31', 'zhao'));
    expect([rejectReason.code, rejectReason.stderr]).toEqual([2, expect.stringContaining('--reason is required')]);
    expect(await eventCount(box, ref)).toBe(2);
  });

  it('labels the events in Chinese too', async () => {
    const { box, ref } = await urgentTicket();
    await box.json(['extend', ref, '--until', '2026-11-26 18:00', '--reason', '等待厂家配件'], at('25', '11:00', 'sun'));
    await box.json(['extend', ref, '--approve'], at('25', '11:30', 'zhao'));
    await box.json(['return', ref, '--reason', '不属于本组'], at('25', '11:40', 'sun'));
    const history = await box.desk(['history', ref, '--lang', 'zh']);
    expect(history.stdout).toContain('申请延期');
    expect(history.stdout).toContain('批准延期');
    expect(history.stdout).toContain('sun     退回：状态 已派单 → 新建');
    expect(history.stdout).toContain('桌面支持 退回\n');
  });
});
