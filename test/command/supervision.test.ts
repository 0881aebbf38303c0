// Supervision orders (督办), their replies and reminders (催办), and complaint verification, as a
// hotline supervisor works them, on every store.
import { describe, expect, it } from 'vitest';
import { commandSandbox, type CommandSandbox } from './harness.js';

// 27 November 2026, a Friday, in Shanghai (the example desk's zone).
const at = (time: string, day = '27') => ({ env: { DESK_NOW: `2026-11-${day}T${time}:00+08:00` } });
const as = (actor: string, time: string, day = '27') => ({ env: { DESK_NOW: `2026-11-${day}T${time}:00+08:00`, DESK_ACTOR: actor } });

/** A pothole complaint of facilities (supervisor han; members yang, zhu), answered at 09:00. */
async function dispatchedCase(box: CommandSandbox, type = 'complaint'): Promise<string> {
  const created = await box.json(['create', '--title', 'Pothole on Renmin Road', '--requester', 'Li Lei', '--channel', 'phone', '--team', 'facilities', '--type', type], at('09:00'));
  await box.json(['respond', created.number, '--message', 'logged'], at('09:00'));
  return created.number;
}

describe('desk supervise', () => {
  it('is refused to anyone but a supervisor, writing nothing', async () => {
    const box = commandSandbox();
    const number = await dispatchedCase(box);
    const refused = await box.desk(['supervise', number, '--reply-by', '2h', '--note', 'report the date'], as('yang', '10:00'));
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr: 'desk: only a team supervisor may issue a supervision order; yang is not one\nhint: supervisors in teams.yaml: chen, zhao, qian, feng, han; act as one with --actor\n',
    });
    const ticket = await box.json(['show', number]);
    expect([ticket.version, ticket.supervisions]).toEqual([2, []]);
  });

  it('records an order against the team, lists it past its reply time, and takes the team\'s reply', async () => {
    const box = commandSandbox();
    const number = await dispatchedCase(box);
    const ordered = await box.json(['supervise', number, '--reply-by', '2h', '--note', 'report the repair date', '--level', '2'], as('han', '10:00'));
    expect(ordered.supervisions).toEqual([{
      level: 2, team: 'facilities', note: 'report the repair date', reply_by: '2026-11-27T12:00:00+08:00', issued_at: '2026-11-27T10:00:00+08:00',
      issued_by: 'han', reply: null, replied_at: null, replied_by: null, on_time: null,
    }]);
    expect(ordered.supervision_due_at).toBe('2026-11-27T12:00:00+08:00');
    const second = await box.json(['supervise', number, '--reply-by', '2026/11/27 18:00', '--note', 'and the cost'], as('chen', '10:30'));
    expect([second.supervisions.length, second.supervision_due_at]).toEqual([2, '2026-11-27T12:00:00+08:00']);

    // Before 12:00 nothing is late; at 13:00 the first order is, and sla check says so with exit 5.
    expect((await box.desk(['sla', 'check', '--json'], at('11:00'))).code).toBe(0);
    const late = await box.desk(['sla', 'check', '--json'], at('13:00'));
    expect(late.code).toBe(5);
    const check = JSON.parse(late.stdout);
    expect([check.breached, check.near]).toEqual([[], []]);
    expect(check.supervision).toEqual([{
      number, title: 'Pothole on Renmin Road', level: 2, team: 'facilities', note: 'report the repair date', issued_at: '2026-11-27T10:00:00+08:00',
      issued_by: 'han', reply_by: '2026-11-27T12:00:00+08:00', minutes: 60, status: 'in_progress',
    }]);
    const piped = await box.desk(['sla', 'check'], at('13:00'));
    expect(piped.stdout).toBe(
      'Supervision orders past their reply time: 1\n' +
      'Number\tTitle\tSupervision\tTeam\tIssued\tReply by\tWhen\n' +
      `${number}\tPothole on Renmin Road\tkey\tfacilities\t2026-11-27 10:00\t2026-11-27 12:00\toverdue 1 h\n`,
    );
    const queue = await box.json(['queue'], as('yang', '13:00'));
    expect([queue.supervision.total, queue.supervision.tickets.map((t: any) => t.number)]).toEqual([1, [number]]);
    expect((await box.json(['queue'], as('sun', '13:00'))).supervision.total).toBe(0);

    // The reply is the team's; it answers the oldest order, late.
    const outsider = await box.desk(['supervise', number, '--reply', 'booked'], as('sun', '13:10'));
    expect([outsider.code, outsider.stderr.split('\n')[0]]).toEqual([2, "desk: the reply to a supervision order is facilities's; sun is not in that team"]);
    const replied = await box.json(['supervise', number, '--reply', 'repair booked for 30 November'], as('yang', '13:10'));
    expect(replied.supervisions.map((o: any) => [o.reply, o.replied_by, o.on_time])).toEqual([['repair booked for 30 November', 'yang', false], [null, null, null]]);
    expect(replied.supervision_due_at).toBe('2026-11-27T18:00:00+08:00');
    expect((await box.desk(['sla', 'check', '--json'], at('13:20'))).code).toBe(0);
    const last = await box.json(['supervise', number, '--reply', 'about 800 yuan'], as('han', '14:00'));
    expect([last.supervisions[1].on_time, last.supervision_due_at]).toEqual([true, null]);
    const none = await box.desk(['supervise', number, '--reply', 'again'], as('han', '14:10'));
    expect([none.code, none.stderr.split('\n')[0]]).toEqual([2, `desk: ${number} has no supervision order waiting for a reply`]);

    const history = await box.json(['history', number]);
    expect(history.slice(2).map((e: any) => [e.kind, e.actor, e.text, e.supervision])).toEqual([
      ['supervise', 'han', 'report the repair date', { level: 2, team: 'facilities', reply_by: '2026-11-27T12:00:00+08:00' }],
      ['supervise', 'chen', 'and the cost', { level: 1, team: 'facilities', reply_by: '2026-11-27T18:00:00+08:00' }],
      ['supervision_reply', 'yang', 'repair booked for 30 November', { level: 2, team: 'facilities', reply_by: '2026-11-27T12:00:00+08:00', issued_at: '2026-11-27T10:00:00+08:00', on_time: false }],
      ['supervision_reply', 'han', 'about 800 yuan', { level: 1, team: 'facilities', reply_by: '2026-11-27T18:00:00+08:00', issued_at: '2026-11-27T10:30:00+08:00', on_time: true }],
    ]);
    expect(history[2].changes).toEqual({ supervision_due_at: [null, '2026-11-27T12:00:00+08:00'] });
    const zh = await box.desk(['history', number, '--lang', 'zh'], { ...at('14:20'), columns: 200 });
    expect(zh.stdout).toContain('督办：督办回复时限 2026-11-27 12:00 — 重点督办，承办 后勤，2026-11-27 12:00 前回复 — report the repair date');
    expect(zh.stdout).toContain('督办回复：督办回复时限 2026-11-27 12:00 → 2026-11-27 18:00 — 超时回复 — repair booked for 30 November');
  });

  it.each([
    { args: ['--note', 'x'], message: 'desk: supervise needs --reply-by (or --reply to answer an order)' },
    { args: ['--reply-by', 'soon', '--note', 'x'], message: 'desk: --reply-by: cannot read "soon" as a time' },
    { args: ['--reply-by', '2026-11-27 09:30', '--note', 'x'], message: 'desk: --reply-by: that time has already passed' },
    { args: ['--reply-by', '2h', '--note', 'x', '--level', '4'], message: 'desk: --level: "4" is not a supervision level' },
    { args: ['--reply-by', '2h', '--note', ' '], message: 'desk: --note is required and must not be empty' },
    { args: ['--reply', 'x', '--level', '2'], message: 'desk: --reply answers an order: it takes no --level' },
  ])('refuses $args with one line and exit 2, writing nothing', async ({ args, message }) => {
    const box = commandSandbox();
    const number = await dispatchedCase(box);
    const result = await box.desk(['supervise', number, ...args], as('han', '10:00'));
    expect([result.code, result.stdout, result.stderr.split('\n')[0]]).toEqual([2, '', message]);
    expect((await box.json(['show', number])).version).toBe(2);
  });

  it('is refused on a closed ticket and on one with no team, and names a missing ticket with exit 3', async () => {
    const box = commandSandbox();
    const number = await dispatchedCase(box);
    await box.json(['close', number, '--solution', 'filled'], at('09:30'));
    const closed = await box.desk(['supervise', number, '--reply-by', '2h', '--note', 'x'], as('han', '10:00'));
    expect([closed.code, closed.stderr.split('\n')[0]]).toEqual([2, `desk: ${number} is closed: cannot supervise a closed ticket`]);
    const loose = await box.json(['create', '--title', 'Noise', '--requester', 'Wu', '--channel', 'web'], at('09:00'));
    const undispatched = await box.desk(['urge', loose.number, '--note', 'again'], at('10:00'));
    expect([undispatched.code, undispatched.stderr.split('\n')[0]]).toEqual([2, `desk: ${loose.number} has no responsible team yet: a reminder goes to the team`]);
    expect((await box.desk(['supervise', 'SD-202611-00099', '--reply-by', '2h', '--note', 'x'], as('han', '10:00'))).code).toBe(3);
  });
});

describe('desk urge', () => {
  it('counts the reminders, each an event naming the team', async () => {
    const box = commandSandbox();
    const number = await dispatchedCase(box, 'fault');
    await box.json(['urge', number, '--note', 'caller rang again'], at('10:00'));
    const second = await box.json(['urge', number, '--note', 'and again'], at('11:00'));
    expect(second.urge_count).toBe(2);
    const events = (await box.json(['history', number])).filter((e: any) => e.kind === 'urge');
    expect(events.map((e: any) => [e.text, e.supervision, e.changes])).toEqual([
      ['caller rang again', { team: 'facilities' }, { urge_count: [0, 1] }],
      ['and again', { team: 'facilities' }, { urge_count: [1, 2] }],
    ]);
    expect((await box.desk(['urge', number], at('11:00'))).stderr.split('\n')[0]).toBe('desk: --note is required and must not be empty');
  });
});

describe('desk list --supervised', () => {
  it('lists the tickets with a supervision order, answered or not', async () => {
    const box = commandSandbox();
    const first = await dispatchedCase(box);
    const second = await dispatchedCase(box, 'fault');
    await dispatchedCase(box, 'request');
    await box.json(['supervise', first, '--reply-by', '1d', '--note', 'x'], as('han', '10:00'));
    await box.json(['supervise', second, '--reply-by', '1d', '--note', 'y'], as('han', '10:00'));
    await box.json(['supervise', second, '--reply', 'done'], as('zhu', '10:30'));
    expect((await box.json(['list', '--supervised', '--sort', 'number'])).map((t: any) => t.number)).toEqual([first, second]);
    expect((await box.json(['list', '--supervised', '--type', 'fault'])).map((t: any) => t.number)).toEqual([second]);
  });
});

describe('desk complaint', () => {
  it('records the verification and the feedback on a complaint, each with its time', async () => {
    const box = commandSandbox();
    const number = await dispatchedCase(box);
    const verified = await box.json(['complaint', number, '--against', 'agent:yang', '--verified', '部分属实', '--cause', 'no call-back as promised', '--action', 'call-back checklist', '--penalty', '1 quality point'], at('11:00'));
    expect([verified.complaint_against, verified.complaint_verified, verified.complaint_cause, verified.complaint_action, verified.complaint_penalty, verified.complaint_verified_at, verified.complaint_feedback_at]).toEqual([
      'agent:yang', 'partly', 'no call-back as promised', 'call-back checklist', '1 quality point', '2026-11-27T11:00:00+08:00', null,
    ]);
    const told = await box.json(['complaint', number, '--feedback', 'told the caller; accepted'], at('15:00'));
    expect([told.complaint_feedback, told.complaint_feedback_at, told.complaint_verified_at]).toEqual(['told the caller; accepted', '2026-11-27T15:00:00+08:00', '2026-11-27T11:00:00+08:00']);
    const history = (await box.json(['history', number])).filter((e: any) => e.kind === 'complaint');
    expect(history.map((e: any) => Object.keys(e.changes))).toEqual([
      ['complaint_against', 'complaint_verified', 'complaint_cause', 'complaint_action', 'complaint_penalty', 'complaint_verified_at'],
      ['complaint_feedback', 'complaint_feedback_at'],
    ]);
    const show = await box.desk(['show', number, '--lang', 'zh'], at('15:00'));
    expect(show.stdout).toContain('核查结论');
    expect(show.stdout).toContain('部分属实 (2026-11-27 11:00)');
  });

  it.each([
    { type: 'fault', args: ['--against', 'agent:yang', '--verified', 'yes', '--cause', 'c', '--action', 'a'], code: 2, message: 'is a fault ticket, not a complaint' },
    { type: 'complaint', args: ['--feedback', 'told'], code: 2, message: "'s complaint is not verified yet: the feedback tells the complainant the outcome" },
    { type: 'complaint', args: ['--against', 'agent:yang', '--verified', 'yes'], code: 2, message: 'desk: the verification needs --cause, --action too' },
    { type: 'complaint', args: ['--against', 'agent:nobody', '--verified', 'yes', '--cause', 'c', '--action', 'a'], code: 2, message: 'desk: --against: unknown agent "nobody"' },
    { type: 'complaint', args: ['--against', 'agent:yang', '--verified', 'maybe', '--cause', 'c', '--action', 'a'], code: 2, message: 'desk: --verified: unknown value "maybe"' },
    { type: 'complaint', args: [], code: 2, message: 'desk: complaint needs the verification (--against, --verified, --cause, --action) or --feedback' },
  ])('refuses $args on a $type ticket, writing nothing', async ({ type, args, code, message }) => {
    const box = commandSandbox();
    const number = await dispatchedCase(box, type);
    const result = await box.desk(['complaint', number, ...args], at('11:00'));
    expect([result.code, result.stdout]).toEqual([code, '']);
    expect(result.stderr.split('\n')[0]).toContain(message);
    expect((await box.json(['show', number])).version).toBe(2);
  });
});

describe('export and import', () => {
  it.each(['ndjson', 'csv'])('carry the orders, reminders and verification through %s into another desk', async (format) => {
    const box = commandSandbox();
    const number = await dispatchedCase(box);
    await box.json(['supervise', number, '--reply-by', '2h', '--note', 'report, "quoted"', '--level', '2'], as('han', '10:00'));
    await box.json(['supervise', number, '--reply', 'booked'], as('yang', '11:00'));
    await box.json(['supervise', number, '--reply-by', '1d', '--note', '=SUM(A1)'], as('chen', '11:30'));
    await box.json(['urge', number, '--note', 'again'], at('11:40'));
    await box.json(['complaint', number, '--against', 'department:城管局', '--verified', 'no', '--cause', 'policy', '--action', 'explain', '--feedback', 'told'], at('12:00'));
    const file = `${box.dir}/out.${format}`;
    expect((await box.desk(['export', '--format', format, '--out', file, '--reveal'], at('12:30'))).code).toBe(0);
    const other = commandSandbox();
    const imported = await other.desk(['import', file], at('12:40'));
    expect([imported.code, imported.stderr]).toEqual([0, expect.any(String)]);
    const fields = (t: any) => [t.supervisions, t.supervision_due_at, t.urge_count, t.complaint_against, t.complaint_verified, t.complaint_cause, t.complaint_action, t.complaint_verified_at, t.complaint_feedback, t.complaint_feedback_at];
    const before = await box.json(['show', number]);
    expect(fields(await other.json(['show', number]))).toEqual(fields(before));
    expect(before.supervisions.map((o: any) => o.on_time)).toEqual([true, null]);
  });
});

describe('the orders\' texts', () => {
  it('reach a terminal escaped, and a redaction removes the caller from them', async () => {
    const box = commandSandbox();
    const number = await dispatchedCase(box);
    await box.json(['supervise', number, '--reply-by', '2h', '--note', 'Li Lei rang \u001b[2J thrice'], as('han', '10:00'));
    await box.json(['supervise', number, '--reply', 'called Li Lei back'], as('yang', '10:30'));
    await box.json(['supervise', number, '--reply-by', '1h', '--note', 'bidi \u202e fmt'], as('han', '11:00'));
    const shown = await box.desk(['show', number], at('12:30'));
    expect(shown.stdout).toContain('Li Lei rang \\e[2J thrice');
    expect(shown.stdout).not.toMatch(/[\u001b\u202e]/);
    const check = await box.desk(['sla', 'check'], at('12:30'));
    expect(check.code).toBe(5);
    const history = await box.desk(['history', number], at('12:30'));
    expect(history.stdout).not.toMatch(/[\u001b\u202e]/);

    expect((await box.desk(['redact', number, '--reason', 'privacy request'], as('chen', '13:00'))).code).toBe(0);
    const redacted = await box.json(['show', number]);
    expect(redacted.supervisions.map((o: any) => [o.note, o.reply])).toEqual([['[redacted] rang \u001b[2J thrice', 'called [redacted] back'], ['bidi \u202e fmt', null]]);
    expect(JSON.stringify(await box.json(['history', number]))).not.toContain('Li Lei');
  });
});
