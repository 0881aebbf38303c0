// The built binary on a PostgreSQL database: a ticket logged, listed, shown, traced and found with
// --db postgres://…, as an operator at another workstation would; the password never printed.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, POSTGRES, postgresLocation } from '../system-programs.js';
import { sandbox } from './helpers.js';

const database = `desk_e2e_${process.pid}`;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresLocation() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describeWith(POSTGRES, 'desk on PostgreSQL', () => {
  const url = new URL(postgresLocation());
  url.pathname = `/${database}`;
  beforeAll(() => admin(`CREATE DATABASE ${database}`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

  it('logs a ticket, then lists, shows, traces and finds it', () => {
    const box = sandbox();
    const db = url.toString();
    const created = box.desk(['--db', db, 'create', '--title', 'Printer jams', '--requester', 'Li Lei', '--channel', 'phone', '--no-auto']);
    expect(created).toMatchObject({ code: 0, stdout: 'SD-202611-00001\n' });
    const listed = box.json<{ number: string; title: string }[]>(['--db', db, 'list', '--json']);
    expect(listed.map((t) => [t.number, t.title])).toEqual([['SD-202611-00001', 'Printer jams']]);
    const shown = box.desk(['--db', db, 'show', 'SD-202611-00001']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Printer jams');
    const history = box.desk(['--db', db, 'history', '1']);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/tester\s+create: .*requester Li Lei/);
    const found = box.json<{ ticket: { number: string } }[]>(['--db', db, 'search', 'JAMS', '--json']);
    expect(found.map((hit) => hit.ticket.number)).toEqual(['SD-202611-00001']);
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

  it('says which commands are not available on PostgreSQL yet', () => {
    const box = sandbox();
    const result = box.desk(['--db', url.toString(), 'export']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('export is not available on PostgreSQL yet');
  });
});
