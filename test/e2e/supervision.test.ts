// Supervision and complaint verification through the built binary: exit codes, one-line refusals,
// sla check's exit 5 for cron, and the completion of their flags.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWith, POSTGRES, postgresLocation } from '../system-programs.js';
import { sandbox } from './helpers.js';

const at = (time: string, actor = 'tester') => ({ env: { DESK_NOW: `2026-11-27T${time}:00+08:00`, DESK_ACTOR: actor } });

describe('desk supervise, urge and complaint', () => {
  it('work a complaint from the order to the verification, with the codes cron and scripts read', () => {
    const box = sandbox();
    const created = box.desk(['create', '--title', 'Pothole', '--requester', 'Li Lei', '--channel', 'phone', '--type', 'complaint', '--team', 'facilities', '--json'], at('09:00'));
    const number = JSON.parse(created.stdout).number as string;
    expect(box.desk(['respond', number, '--message', 'logged'], at('09:00')).code).toBe(0);

    expect(box.desk(['supervise', number, '--reply-by', '1h', '--note', 'report'], at('10:00', 'yang'))).toEqual({
      code: 2, stdout: '', stderr: 'desk: only a team supervisor may issue a supervision order; yang is not one\nhint: supervisors in teams.yaml: chen, zhao, qian, feng, han; act as one with --actor\n',
    });
    const ordered = box.desk(['supervise', number, '--reply-by', '1h', '--note', 'report the date', '--level', '3'], at('10:00', 'han'));
    expect([ordered.code, ordered.stdout, ordered.stderr]).toEqual([0, `${number} supervise: supervision reply due 2026-11-27 11:00\n`, '']);
    expect(box.desk(['urge', number, '--note', 'rang again'], at('10:30')).stdout).toBe(`${number} reminder: reminders 0 → 1\n`);

    // From cron: silent and 0 before the reply time, exit 5 with the order after it.
    expect(box.desk(['sla', 'check'], at('10:45'))).toEqual({ code: 0, stdout: '', stderr: '' });
    const late = box.desk(['sla', 'check'], at('11:30'));
    expect([late.code, late.stdout.split('\n')[0]]).toEqual([5, 'Supervision orders past their reply time: 1']);
    expect(box.desk(['supervise', number, '--reply', 'booked for Monday'], at('11:40', 'zhu')).code).toBe(0);
    expect(box.desk(['sla', 'check'], at('11:45')).code).toBe(0);

    expect(box.desk(['complaint', number, '--against', 'agent:yang', '--verified', 'yes', '--cause', 'late', '--action', 'coaching', '--feedback', 'told the caller'], at('12:00')).code).toBe(0);
    const shown = box.json(['show', number]);
    expect([shown.complaint_verified, shown.complaint_feedback_at, shown.urge_count, shown.supervisions[0].on_time]).toEqual(['yes', '2026-11-27T12:00:00+08:00', 1, false]);
    const missing = box.desk(['complaint', 'SD-202611-00099', '--feedback', 'x'], at('12:00'));
    expect([missing.code, missing.stdout]).toEqual([3, '']);
  });

  it('completes the levels and verdicts', () => {
    const script = sandbox().desk(['completion', 'bash']).stdout;
    expect(script).toContain("'supervise:--level') echo 'words:1 2 3' ;;");
    expect(script).toContain("'complaint:--verified') echo 'words:yes partly no' ;;");
  });
});

describeWith(POSTGRES, 'desk supervise on PostgreSQL', () => {
  const database = `desk_e2e_supervise_${process.pid}`;
  const [operator, supervisor] = ['operator', 'supervisor'].map((group) => `${database}_${group}`);
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresLocation() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  beforeAll(() => admin(`CREATE DATABASE ${database}`));
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    for (const role of [operator, supervisor]) await admin(`DROP ROLE IF EXISTS ${role}`);
  });

  it('lets the server\'s supervisor group issue orders, and refuses an operator', () => {
    const box = sandbox();
    const as = (role?: string) => {
      const login = new URL(postgresLocation());
      login.pathname = `/${database}`;
      if (role) login.username = role;
      return login.toString();
    };
    expect(box.desk(['--db', as(), 'init']).code).toBe(0);
    expect(box.desk(['--db', as(), 'roles', 'add', operator!, '--as', 'operator']).code).toBe(0);
    expect(box.desk(['--db', as(), 'roles', 'add', supervisor!, '--as', 'supervisor']).code).toBe(0);
    const itself = (time: string) => ({ env: { DESK_ACTOR: '', DESK_NOW: `2026-11-27T${time}:00+08:00` } });
    expect(box.desk(['--db', as(operator), 'create', '--title', 'Pothole', '--requester', 'Li Lei', '--channel', 'phone', '--team', 'facilities', '--no-auto'], itself('09:00')).code).toBe(0);
    expect(box.desk(['--db', as(operator), 'supervise', '1', '--reply-by', '2h', '--note', 'report'], itself('10:00'))).toEqual({
      code: 2,
      stdout: '',
      stderr: `desk: only a supervisor may issue a supervision order; role ${operator} is an operator\nhint: log in as a supervisor's role; the desk's owner adds one with \`desk roles add NAME --as supervisor\`\n`,
    });
    // teams.yaml does not name this supervisor: the server's group decides.
    const ordered = box.desk(['--db', as(supervisor), 'supervise', '1', '--reply-by', '2h', '--note', 'report', '--json'], itself('10:00'));
    expect(ordered.code).toBe(0);
    expect(JSON.parse(ordered.stdout).supervisions[0]).toMatchObject({ issued_by: supervisor, team: 'facilities', reply_by: '2026-11-27T12:00:00+08:00' });
    expect(box.desk(['--db', as(operator), 'urge', '1', '--note', 'rang again'], itself('10:30')).code).toBe(0);
  });
});
