// Extensions on PostgreSQL, the built binary: the server's roles say who is a supervisor, whatever
// teams.yaml names, and the actor of every step is the role logged in as.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, POSTGRES, postgresLocation } from '../system-programs.js';
import { EXAMPLE_CONFIG, sandbox } from './helpers.js';

const database = `desk_e2e_cases_${process.pid}`;
const [operator, supervisor] = ['operator', 'supervisor'].map((group) => `${database}_${group}`);

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresLocation() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describeWith(POSTGRES, 'extensions on PostgreSQL', () => {
  beforeAll(() => admin(`CREATE DATABASE ${database}`));
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    for (const role of [operator, supervisor]) await admin(`DROP ROLE IF EXISTS ${role}`);
  });

  it('refuses a decision by an operator role that teams.yaml calls the team supervisor, and takes one by a supervisor role it does not name', () => {
    // teams.yaml makes the operator desktop's only member and its supervisor.
    const config = mkdtempSync(join(tmpdir(), 'desk-config-'));
    cpSync(EXAMPLE_CONFIG, config, { recursive: true });
    const teams = readFileSync(join(config, 'teams.yaml'), 'utf8').replace('supervisor: zhao, members: [sun, zhou]', `supervisor: ${operator}, members: [${operator}]`);
    writeFileSync(join(config, 'teams.yaml'), teams);
    const box = sandbox({ config });
    const as = (role?: string) => {
      const login = new URL(postgresLocation());
      login.pathname = `/${database}`;
      if (role) login.username = role;
      return login.toString();
    };
    expect(box.desk(['--db', as(), 'init']).code).toBe(0);
    expect(box.desk(['--db', as(), 'roles', 'add', operator!, '--as', 'operator']).code).toBe(0);
    expect(box.desk(['--db', as(), 'roles', 'add', supervisor!, '--as', 'supervisor']).code).toBe(0);
    // Each step acts as the role it logs in as, at the time given.
    box.env.DESK_ACTOR = '';
    const itself = (time: string) => {
      box.env.DESK_NOW = `2026-11-25T${time}:00+08:00`;
      return {};
    };

    const create = ['create', '--title', 'Voucher export fails', '--requester', 'Li Lei', '--channel', 'phone', '--urgency', 'urgent', '--team', 'desktop', '--assignee', operator!, '--no-auto'];
    expect(box.desk(['--db', as(operator), ...create], itself('10:00'))).toMatchObject({ code: 0, stdout: 'SD-202611-00001\n' });
    expect(box.desk(['--db', as(operator), 'extend', '1', '--until', '2026-11-26 18:00', '--reason', 'Vendor part'], itself('11:00')).code).toBe(0);

    const refused = box.desk(['--db', as(operator), 'extend', '1', '--approve'], itself('11:10'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`desk: only a supervisor may decide an extension; the server does not count role ${operator} one`);
    expect(box.json<{ resolve_due_at: string; extension_until: string }>(['--db', as(operator), 'show', '1', '--json'])).toMatchObject({
      resolve_due_at: '2026-11-25T15:30:00+08:00',
      extension_until: '2026-11-26T18:00:00+08:00',
    });

    itself('11:20');
    const approved = box.json<{ resolve_due_at: string; original_resolve_due_at: string }>(['--db', as(supervisor), 'extend', '1', '--approve', '--json']);
    expect([approved.resolve_due_at, approved.original_resolve_due_at]).toEqual(['2026-11-26T18:00:00+08:00', '2026-11-25T15:30:00+08:00']);
    const trail = box.json<{ actor: string; kind: string }[]>(['--db', as(supervisor), 'history', '1', '--json']);
    expect(trail.map((e) => [e.actor, e.kind])).toEqual([[operator, 'create'], [operator, 'extend'], [supervisor, 'extend_approve']]);
  });
});
