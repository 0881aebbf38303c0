// The built binary on a PostgreSQL database: a ticket logged, listed, shown, traced and found with
// --db postgres://…, as an operator at another workstation would; the password never printed;
// the roles set up by init and roles add, and enforced by the server.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, POSTGRES, postgresLocation } from '../system-programs.js';
import { sandbox } from './helpers.js';

const database = `desk_e2e_${process.pid}`;

async function adminRows(sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: postgresLocation() });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function admin(sql: string): Promise<void> {
  await adminRows(sql);
}

describeWith(POSTGRES, 'desk on PostgreSQL', () => {
  const url = new URL(postgresLocation());
  url.pathname = `/${database}`;
  beforeAll(() => admin(`CREATE DATABASE ${database}`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

  it('logs a ticket, then lists, shows, traces and finds it', () => {
    const box = sandbox();
    const db = url.toString();
    // The actor is the role desk logs in as, which DESK_ACTOR may name.
    box.env.DESK_ACTOR = url.username;
    const created = box.desk(['--db', db, 'create', '--title', 'Printer jams', '--requester', 'Li Lei', '--channel', 'phone', '--no-auto']);
    expect(created).toMatchObject({ code: 0, stdout: 'SD-202611-00001\n' });
    const listed = box.json<{ number: string; title: string }[]>(['--db', db, 'list', '--json']);
    expect(listed.map((t) => [t.number, t.title])).toEqual([['SD-202611-00001', 'Printer jams']]);
    const shown = box.desk(['--db', db, 'show', 'SD-202611-00001']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Printer jams');
    const history = box.desk(['--db', db, 'history', '1']);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(new RegExp(`${url.username}\\s+create: .*requester Li Lei`));
    const found = box.json<{ ticket: { number: string } }[]>(['--db', db, 'search', 'JAMS', '--json']);
    expect(found.map((hit) => hit.ticket.number)).toEqual(['SD-202611-00001']);
  });

  it('gives up on a lock another session keeps, with exit 4, and changes nothing', async () => {
    const box = sandbox();
    box.env.DESK_ACTOR = url.username;
    const desk = `${database}_locked`;
    await admin(`CREATE DATABASE ${desk}`);
    const locked = new URL(url);
    locked.pathname = `/${desk}`;
    const holder = new pg.Client({ connectionString: locked.toString() });
    try {
      expect(box.desk(['--db', locked.toString(), 'create', '--title', 'Printer jams', '--requester', 'Li Lei', '--channel', 'phone', '--no-auto']).code).toBe(0);
      await holder.connect();
      // A psql session left in its transaction, holding the ticket's row.
      await holder.query('BEGIN');
      await holder.query('SELECT * FROM tickets WHERE id = 1 FOR UPDATE');
      const waiting = new URL(locked);
      waiting.searchParams.set('lock_timeout', '300');
      const noted = box.desk(['--db', waiting.toString(), 'note', '1', 'called back']);
      expect(noted.code).toBe(4);
      expect(noted.stderr).toContain(`desk: gave up waiting for a lock that another session of ${waiting.toString()} holds (lock_timeout); nothing was changed`);
      expect(noted.stderr).toContain('idle in transaction');
      await holder.query('ROLLBACK');
      const trail = box.json<{ kind: string }[]>(['--db', locked.toString(), 'history', '1', '--json']);
      expect(trail.map((e) => e.kind)).toEqual(['create']);
    } finally {
      await holder.end().catch(() => {});
      await admin(`DROP DATABASE IF EXISTS ${desk} WITH (FORCE)`);
    }
  });

  it('names the database without its password when it cannot open it', () => {
    const box = sandbox();
    const missing = new URL(url);
    missing.pathname = `/${database}_missing`;
    missing.password = 'hunter2';
    const result = box.desk(['--db', missing.toString(), 'list']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`no database at postgres://${url.username}@${url.host}/${database}_missing`);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('checks the database with doctor, naming it without its password', () => {
    const box = sandbox();
    const withPassword = new URL(url);
    // The server of the tests trusts its users: any password is taken.
    withPassword.password = 'hunter2';
    const result = box.desk(['--db', withPassword.toString(), 'doctor']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(url.toString());
    expect(result.stdout + result.stderr).not.toContain('hunter2');
  });

  it('sets the roles up with init, adds logins with roles add, and lets the server decide who may do what', async () => {
    const desk = `${database}_roles`;
    const [operator, supervisor, auditor] = ['operator', 'supervisor', 'auditor'].map((group) => `${database}_${group}`);
    await admin(`CREATE DATABASE ${desk}`);
    try {
      const box = sandbox();
      const as = (role?: string) => {
        const login = new URL(url);
        login.pathname = `/${desk}`;
        if (role) login.username = role;
        return login.toString();
      };
      const init = box.desk(['--db', as(), '--config', join(box.dir, 'config'), 'init']);
      expect(init.code).toBe(0);
      expect(init.stdout).toMatch(/^(created|kept  )role desk_operator/m);
      expect(init.stdout).toContain('granted desk_operator, desk_supervisor, desk_auditor their rights');

      expect(box.desk(['--db', as(), 'roles', 'add', operator!, '--as', 'operator'])).toEqual({
        code: 0, stdout: `added role ${operator} to desk_operator, logging in without a password (for peer, trust or certificate logins)\n`, stderr: '',
      });
      const withPassword = box.desk(['--db', as(), 'roles', 'add', supervisor!, '--as', 'supervisor', '--password-stdin'], { input: 'Correct-Horse-7\n' });
      expect(withPassword).toEqual({ code: 0, stdout: `added role ${supervisor} to desk_supervisor, logging in with the password given\n`, stderr: '' });
      expect(box.json(['--db', as(), 'roles', 'add', auditor!, '--as', 'auditor', '--json'])).toEqual({ role: auditor, group: 'desk_auditor', password: false });
      expect(box.desk(['--db', as(), 'roles', 'add', auditor!, '--as', 'auditor'])).toMatchObject({ code: 2, stderr: expect.stringContaining(`desk: role ${auditor} already exists on this server`) });

      // The operator's DESK_ACTOR (tester, the sandbox's) names somebody else.
      const impostor = box.desk(['--db', as(operator), 'create', '--title', 'Printer jams', '--requester', 'Li Lei', '--contact', '13812345678', '--channel', 'phone', '--no-auto']);
      expect(impostor.code).toBe(2);
      expect(impostor.stderr).toBe(
        `desk: DESK_ACTOR=tester: on PostgreSQL the actor is the role desk logs in as, here ${operator}\n` +
          `hint: unset DESK_ACTOR, or log in as tester: --db ${as('tester')}\n`,
      );
      const itself = { env: { DESK_ACTOR: '' } };
      expect(box.desk(['--db', as(operator), 'create', '--title', 'Printer jams', '--requester', 'Li Lei', '--contact', '13812345678', '--channel', 'phone', '--no-auto'], itself)).toMatchObject({ code: 0, stdout: 'SD-202611-00001\n' });
      expect(box.desk(['--db', as(operator), '--actor', 'chen', 'note', '1', 'Called back'], itself)).toMatchObject({ code: 2, stderr: expect.stringContaining('desk: --actor chen: on PostgreSQL the actor is the role desk logs in as') });
      const refused = box.desk(['--db', as(operator), 'redact', '1', '--reason', 'privacy request'], itself);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`desk: only a supervisor may redact: the server refused role ${operator} (permission denied for table redacting)`);

      // An auditor reads, and what it sees unmasked is recorded; it writes nothing else.
      expect(box.desk(['--db', as(auditor), 'show', '1', '--reveal'], itself).stdout).toContain('13812345678');
      expect(box.desk(['--db', as(auditor), 'note', '1', 'Seen'], itself)).toMatchObject({ code: 2, stderr: expect.stringContaining(`desk: role ${auditor} is an auditor of`) });

      // teams.yaml does not name this supervisor: on PostgreSQL the server's role decides.
      expect(box.desk(['--db', as(supervisor), 'redact', '1', '--reason', 'privacy request'], itself)).toMatchObject({ code: 0 });
      const trail = box.json<{ actor: string; kind: string; text: string | null }[]>(['--db', as(supervisor), 'history', '1', '--json']);
      expect(trail.map((e) => [e.actor, e.kind, e.text])).toEqual([
        [operator, 'create', null],
        [auditor, 'reveal', 'desk show --reveal'],
        [supervisor, 'redact', null],
      ]);

      const stored = await adminRows(`SELECT rolpassword FROM pg_authid WHERE rolname = '${supervisor}'`);
      expect(stored[0]!.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
      expect(JSON.stringify([init, withPassword, stored])).not.toContain('Correct-Horse-7');
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${desk} WITH (FORCE)`);
      for (const role of [operator, supervisor, auditor]) await admin(`DROP ROLE IF EXISTS ${role}`);
    }
  });

  it('refuses roles on an SQLite desk, without making a database', () => {
    const box = sandbox();
    const result = box.desk(['roles', 'add', 'wang.fang', '--as', 'operator']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `desk: ${box.db} is an SQLite desk, which has no roles: its actor is --actor or DESK_ACTOR, its supervisors those of teams.yaml\n` +
        "hint: roles are a PostgreSQL desk's: point --db / DESK_DB at a postgres:// desk\n",
    });
    expect(existsSync(box.db)).toBe(false);
  });
});
