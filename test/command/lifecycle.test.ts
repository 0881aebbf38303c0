import { describe, expect, it } from 'vitest';
import { commandSandbox, type CommandSandbox } from './harness.js';

const REQUIRED = ['--title', 'Printer jams on 3F', '--requester', 'Li Lei', '--channel', 'phone'];

describe('a ticket from intake to closure', () => {
  it('walks the status machine and records every step in the audit trail', async () => {
    const box = commandSandbox();
    const created = await box.json(['create', ...REQUIRED, '--contact', '13812345678']);
    expect(created.number).toMatch(/^SD-\d{6}-00001$/);
    expect(created.status).toBe('new');

    const ref = created.number;
    expect((await box.json(['classify', ref, '--type', 'fault', '--category', 'hardware/printer', '--urgency', 'urgent'])).classified_by).toBe('manual');
    // By hand, dispatch answers in the shape of a dispatch by the rules, with no rule.
    const [dispatched] = await box.json(['dispatch', ref, '--team', 'desktop', '--to', 'sun', '--with', 'network']);
    expect(Object.keys(dispatched)).toEqual(['ticket', 'changed', 'decided', 'notify']);
    expect([dispatched.ticket.status, dispatched.ticket.team, dispatched.ticket.assignee, dispatched.ticket.collaborators]).toEqual(['dispatched', 'desktop', 'sun', ['network']]);
    expect([dispatched.changed, dispatched.decided, dispatched.notify]).toEqual([
      true,
      { team: { value: 'desktop', rule: null }, with: { value: ['network'], rule: null }, assignee: { value: 'sun', rule: null } },
      null,
    ]);
    const responded = await box.json(['respond', ref, '--message', 'On my way']);
    expect(responded.status).toBe('in_progress');
    expect(responded.first_response_at).not.toBeNull();
    expect((await box.json(['pending', ref, '--reason', 'Waiting for a spare roller'])).status).toBe('pending');
    expect((await box.json(['resume', ref])).status).toBe('in_progress');
    expect((await box.json(['escalate', ref, '--reason', 'Vendor visit needed'])).escalated).toBe(true);
    expect((await box.json(['note', ref, 'Vendor', 'booked', 'for', 'Friday'])).version).toBe(8);
    // The collaborating team's sub-task, opened by the dispatch, holds the resolve until it replies.
    expect((await box.desk(['resolve', ref, '--solution', 'Replaced the pickup roller'])).code).toBe(2);
    expect((await box.json(['assist', ref, '--team', 'network', '--reply', 'Print server port checked', '--actor', 'wu'])).assists[0].state).toBe('replied');
    const resolved = await box.json(['resolve', ref, '--solution', 'Replaced the pickup roller', '--steps', 'Opened tray', '--remaining', 'none']);
    expect([resolved.status, resolved.solution, resolved.steps, resolved.remaining]).toEqual(['resolved', 'Replaced the pickup roller', 'Opened tray', 'none']);
    const closed = await box.json(['close', ref, '--satisfaction', '5', '--callback', 'Works now']);
    expect([closed.status, closed.satisfaction, closed.callback_note]).toEqual(['closed', 5, 'Works now']);
    expect(closed.closed_at).not.toBeNull();
    const reopened = await box.json(['reopen', ref, '--reason', 'Jams again']);
    expect([reopened.status, reopened.reopen_count, reopened.resolved_at, reopened.closed_at]).toEqual(['reopened', 1, null, null]);
    expect((await box.json(['assign', ref, '--to', 'zhou'])).status).toBe('dispatched');

    const history = await box.json(['history', ref]);
    expect(history.map((e: any) => e.kind)).toEqual([
      'create', 'classify', 'dispatch', 'assist', 'respond', 'pending', 'resume', 'escalate', 'note', 'assist_reply', 'resolve', 'close', 'reopen', 'assign',
    ]);
    expect(history.every((e: any) => e.actor === (e.kind === 'assist_reply' ? 'wu' : 'tester') && e.number === ref)).toBe(true);
    expect(history[3].assist).toEqual({ team: 'network', assignee: null, due_at: expect.any(String) });
    expect(history[4].changes.status).toEqual(['dispatched', 'in_progress']);
    expect(history[4].text).toBe('On my way');
    expect(history[5].reason).toBe('Waiting for a spare roller');
    expect(history[8].text).toBe('Vendor booked for Friday');
    expect(history[0].changes.contact).toEqual([null, '138****5678']);
    // The sub-task the dispatch opened is an event of the dispatch's write.
    expect((await box.json(['show', ref])).version).toBe(history.length - 1);
  });

  describe('shortcuts a real desk needs, each an audit event with its effect on the SLA', () => {
    // Example calendar, Wed 25 Nov: created 10:00 with desktop/sun; response due 10:10.
    const at = (time: string) => ({ env: { DESK_NOW: `2026-11-25T${time}:00+08:00` } });
    async function dispatchedTicket() {
      const box = commandSandbox();
      expect((await box.desk(['create', ...REQUIRED, '--team', 'desktop', '--assignee', 'sun'], at('10:00'))).code).toBe(0);
      return box;
    }
    const kinds = async (box: CommandSandbox) => (await box.json(['history', '1'])).map((e: any) => e.kind);
    const step = async (box: CommandSandbox, time: string, args: string[]) => {
      const result = await box.desk([...args, '--json'], at(time));
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout);
    };

    it('resolve straight from dispatched: the resolution is the first response', async () => {
      const box = await dispatchedTicket();
      const t = await step(box, '10:05', ['resolve', '1', '--solution', 'Told them to reload the paper tray']);
      expect(t).toMatchObject({ status: 'resolved', first_response_at: '2026-11-25T10:05:00+08:00', response_met: true, resolve_met: true });
      expect(await kinds(box)).toEqual(['create', 'resolve']);
    });

    it('pending straight from dispatched: asking for information is the first response', async () => {
      const box = await dispatchedTicket();
      const t = await step(box, '10:20', ['pending', '1', '--reason', 'Which printer? Asked for the asset tag']);
      // Asked at 10:20, after the response was due at 10:10: the response counts, late.
      expect(t).toMatchObject({ status: 'pending', first_response_at: '2026-11-25T10:20:00+08:00', response_met: false, paused_at: '2026-11-25T10:20:00+08:00' });
      expect(await kinds(box)).toEqual(['create', 'pending']);
    });

    it('a progress update or a visit on a dispatched ticket starts the work and is the first response', async () => {
      const box = await dispatchedTicket();
      const updated = await step(box, '10:08', ['update', '1', '--message', 'Looking into it']);
      expect(updated).toMatchObject({ status: 'in_progress', first_response_at: '2026-11-25T10:08:00+08:00', response_met: true, last_update_at: '2026-11-25T10:08:00+08:00' });
      const other = await dispatchedTicket();
      const visited = await step(other, '10:09', ['visit', '1', '--staff', 'sun']);
      expect(visited).toMatchObject({ status: 'in_progress', first_response_at: '2026-11-25T10:09:00+08:00', response_met: true });
      expect(await kinds(other)).toEqual(['create', 'visit']);
    });

    it('a reopened ticket is back with its team and assignee, worked on and resolved without a new dispatch', async () => {
      const box = await dispatchedTicket();
      await step(box, '10:05', ['respond', '1']);
      await step(box, '11:00', ['resolve', '1', '--solution', 'Cable']);
      const reopened = await step(box, '14:00', ['reopen', '1', '--reason', 'Flickers again']);
      expect(reopened).toMatchObject({ status: 'reopened', team: 'desktop', assignee: 'sun', resolve_met: null, reopened_at: '2026-11-25T14:00:00+08:00' });
      // 24 working hours from Wed 14:00: 4 h that day, 7.5 Thu, 7.5 Fri, 5 h on Monday 30 Nov.
      expect(reopened.resolve_due_at).toBe('2026-11-30T15:30:00+08:00');
      expect((await step(box, '14:10', ['respond', '1'])).status).toBe('in_progress');
      expect(await step(box, '15:00', ['resolve', '1', '--solution', 'New monitor'])).toMatchObject({ status: 'resolved', resolve_met: true });
      const other = await dispatchedTicket();
      await step(other, '11:00', ['resolve', '1', '--solution', 'Cable']);
      await step(other, '14:00', ['reopen', '1', '--reason', 'Again']);
      expect(await step(other, '14:30', ['resolve', '1', '--solution', 'Swapped the cable for good'])).toMatchObject({ status: 'resolved', reopen_count: 1 });
      expect(await kinds(other)).toEqual(['create', 'resolve', 'reopen', 'resolve']);
    });
  });

  it('refuses a move the status machine does not allow, naming the status and the allowed moves', async () => {
    const box = commandSandbox();
    await box.desk(['create', ...REQUIRED]);
    const result = await box.desk(['resolve', '1', '--solution', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/SD-\d{6}-00001 is new: cannot move to resolved/);
    expect(result.stderr).toMatch(/allowed from new: dispatched \(desk dispatch\)/);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
    expect((await box.json(['show', '1'])).version).toBe(1);
  });

  it('closes an open ticket solved at first contact only with a solution', async () => {
    const box = commandSandbox();
    await box.desk(['create', ...REQUIRED]);
    const refused = await box.desk(['close', '1']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('closing it needs --solution');
    const closed = await box.json(['close', '1', '--solution', 'Explained how to clear the jam', '--satisfaction', '4']);
    expect([closed.status, closed.solution, closed.satisfaction]).toEqual(['closed', 'Explained how to clear the jam', 4]);
    expect(closed.resolved_at).toBe(closed.closed_at);
  });

  it('exits 3 for a ticket that does not exist and for a missing database', async () => {
    const box = commandSandbox();
    const noDb = await box.desk(['show', '1']);
    expect(noDb.code).toBe(3);
    expect(noDb.stderr).toMatch(/no (desk )?database at/);
    await box.desk(['create', ...REQUIRED]);
    for (const ref of ['999', 'SD-209901-00001']) {
      const result = await box.desk(['respond', ref]);
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/no ticket/);
    }
  });

  it('refuses a stale version with exit 4, naming who changed the ticket', async () => {
    const box = commandSandbox();
    await box.desk(['create', ...REQUIRED]);
    await box.desk(['note', '1', 'first look'], { env: { DESK_ACTOR: 'wang' } });
    const stale = await box.desk(['note', '1', 'my note', '--if-version', '1']);
    expect(stale.code).toBe(4);
    expect(stale.stderr).toMatch(/was changed by wang at .* \(version 2, you had 1\)/);
    expect(await box.json(['history', '1'])).toHaveLength(2);
    expect((await box.desk(['note', '1', 'my note', '--if-version', '2'])).code).toBe(0);
  });

  it('records escalation and call-back without changing the status', async () => {
    const box = commandSandbox();
    await box.desk(['create', ...REQUIRED, '--team', 'desktop']);
    expect((await box.json(['escalate', '1', '--reason', 'VIP'])).status).toBe('dispatched');
    const early = await box.desk(['callback', '1', '--note', 'x']);
    expect(early.code).toBe(2);
    await box.desk(['respond', '1']);
    await box.desk(['resolve', '1', '--solution', 'done']);
    const called = await box.json(['callback', '1', '--note', 'Happy', '--satisfaction', '4']);
    expect([called.status, called.callback_note, called.satisfaction]).toEqual(['resolved', 'Happy', 4]);
  });
});

describe('the actor', () => {
  it('comes from --actor, else DESK_ACTOR, and is recorded on every event', async () => {
    const box = commandSandbox();
    await box.desk(['create', ...REQUIRED, '--actor', 'li']);
    await box.desk(['note', '1', 'checked'], { env: { DESK_ACTOR: 'wang' } });
    await box.desk(['note', '1', 'checked again']);
    expect((await box.json(['history', '1'])).map((e: any) => e.actor)).toEqual(['li', 'wang', 'tester']);
    expect((await box.json(['show', '1'])).updated_by).toBe('tester');
  });
});
