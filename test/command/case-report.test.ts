// The report's supervision and complaint-verification figures over a scripted November in
// Shanghai, every figure worked out by hand from the script.
import { beforeAll, describe, expect, it } from 'vitest';
import { commandSandbox, type CommandSandbox } from './harness.js';

const when = (stamp: string, actor = 'tester') => ({ env: { DESK_NOW: `2026-${stamp}:00+08:00`, DESK_ACTOR: actor } });

let box: CommandSandbox;

async function create(stamp: string, type: string, team: string): Promise<string> {
  return (await box.json(['create', '--title', `${type} ${stamp}`, '--requester', 'Caller', '--channel', 'phone', '--type', type, '--team', team], when(stamp))).number;
}

async function run(args: string[], stamp: string, actor?: string): Promise<void> {
  const result = await box.desk(args, when(stamp, actor));
  if (result.code !== 0) throw new Error(`desk ${args.join(' ')}: ${result.stderr}`);
}

beforeAll(async () => {
  box = commandSandbox();
  const e = await create('10-30T09:00', 'complaint', 'service-desk'); // logged in October, verified in November
  const a = await create('11-02T09:00', 'complaint', 'facilities');
  const b = await create('11-03T09:00', 'complaint', 'service-desk');
  const c = await create('11-04T09:00', 'complaint', 'facilities');
  const d = await create('11-05T08:00', 'fault', 'network');
  const f = await create('11-06T09:00', 'complaint', 'facilities'); // verified in December

  const verify = (n: string, against: string, verdict: string, cause: string) => ['complaint', n, '--against', against, '--verified', verdict, '--cause', cause, '--action', 'coaching'];
  await run(verify(a, 'agent:yang', 'yes', 'late'), '11-10T10:00');
  await run(verify(b, 'agent:wang', '部分属实', 'rude'), '11-11T10:00');
  await run(verify(c, 'department:城管局', 'no', 'late'), '11-12T10:00');
  await run(verify(e, 'agent:yang', 'no', 'policy'), '11-13T10:00');
  await run(verify(f, 'agent:zhu', 'yes', 'late'), '12-02T10:00');
  await run(['complaint', a, '--feedback', 'told the caller'], '11-14T10:00');

  // facilities: two orders, one answered on time, one late; two reminders.
  await run(['supervise', a, '--reply-by', '1d', '--note', 'report the date'], '11-02T10:00', 'han');
  await run(['supervise', a, '--reply', 'booked'], '11-02T15:00', 'yang');
  await run(['supervise', a, '--reply-by', '4h', '--note', 'and the cost', '--level', '2'], '11-05T09:00', 'chen');
  await run(['supervise', a, '--reply', '800 yuan'], '11-05T14:00', 'zhu');
  await run(['urge', a, '--note', 'rang again'], '11-03T09:00');
  await run(['urge', a, '--note', 'and again'], '11-04T09:00');
  // network: an order answered only in December, and a reminder.
  await run(['supervise', d, '--reply-by', '2d', '--note', 'when is it fixed'], '11-06T09:00', 'qian');
  await run(['urge', d, '--note', 'still down'], '11-07T09:00');
  await run(['supervise', d, '--reply', 'fixed'], '12-01T09:00', 'wu');
  // service-desk: one reminder in the month's last half hour; the next, ten minutes into December in Shanghai (still 30 November in UTC), is December's.
  await run(['urge', b, '--note', 'late call'], '11-30T23:30');
  await run(['urge', b, '--note', 'later call'], '12-01T00:10');
});

describe('the monthly report of case handling', () => {
  it('counts the complaints verified in the month by verdict, cause, target and agent', async () => {
    const report = await box.json(['report', 'monthly', '--month', '2026-11'], when('12-10T09:00'));
    expect(report.complaints.verification).toEqual({
      verified: 4, yes: 1, partly: 1, no: 2, verified_rate: 0.5,
      by_cause: { late: 2, policy: 1, rude: 1 },
      by_target: { 'agent:yang': { complaints: 2, upheld: 1 }, 'agent:wang': { complaints: 1, upheld: 1 }, 'department:城管局': { complaints: 1, upheld: 0 } },
      agents: { yang: { complaints: 2, upheld: 1 }, wang: { complaints: 1, upheld: 1 } },
    });
  });

  it('counts the supervision orders, replies on time and reminders of each team in the month', async () => {
    const report = await box.json(['report', 'monthly', '--month', '2026-11'], when('12-10T09:00'));
    expect(report.supervision).toEqual({
      by_team: {
        facilities: { orders: 2, answered: 2, on_time: 1, reminders: 2, on_time_rate: 0.5 },
        network: { orders: 1, answered: 0, on_time: 0, reminders: 1, on_time_rate: null },
        'service-desk': { orders: 0, answered: 0, on_time: 0, reminders: 1, on_time_rate: null },
      },
    });
    const december = await box.json(['report', 'monthly', '--month', '2026-12'], when('12-10T09:00'));
    expect(december.supervision.by_team).toEqual({
      network: { orders: 0, answered: 1, on_time: 0, reminders: 0, on_time_rate: 0 },
      'service-desk': { orders: 0, answered: 0, on_time: 0, reminders: 1, on_time_rate: null },
    });
    expect([december.complaints.verification.verified, december.complaints.verification.agents]).toEqual([1, { zhu: { complaints: 1, upheld: 1 } }]);
  });

  it('keeps to the team with --team', async () => {
    const report = await box.json(['report', 'monthly', '--month', '2026-11', '--team', 'facilities'], when('12-10T09:00'));
    expect(Object.keys(report.supervision.by_team)).toEqual(['facilities']);
    expect([report.complaints.verification.verified, report.complaints.verification.yes, report.complaints.verification.no, report.complaints.verification.by_cause]).toEqual([2, 1, 1, { late: 2 }]);
  });

  it('shows the sections in every format and both languages', async () => {
    const csv = await box.desk(['report', 'monthly', '--month', '2026-11', '--format', 'csv'], when('12-10T09:00'));
    expect(csv.stdout).toContain('Complaint verification,Verified rate,50.0%');
    expect(csv.stdout).toContain('Supervision by team,facilities · On-time rate,50.0%');
    expect(csv.stdout).toContain('Complaints against agents,yang · Upheld,1');
    const md = await box.desk(['report', 'monthly', '--month', '2026-11', '--format', 'md', '--lang', 'zh'], when('12-10T09:00'));
    expect(md.stdout).toContain('| 查实率 | 50.0% |');
    expect(md.stdout).toContain('| facilities | 2 | 2 | 1 | 50.0% | 2 |');
    const html = await box.desk(['report', 'monthly', '--month', '2026-11', '--format', 'html'], when('12-10T09:00'));
    expect(html.stdout).toContain('<h2>Supervision by team</h2>');
    expect(html.stdout).toContain('<h3>Complaints against agents</h3>');
    const table = await box.desk(['report', 'monthly', '--month', '2026-11', '--lang', 'zh'], when('12-10T09:00'));
    expect(table.stdout).toContain('督办（按承办组）');
    expect(table.stdout).toContain('坐席被投诉');
  });
});
