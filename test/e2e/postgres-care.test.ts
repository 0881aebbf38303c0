// doctor of a PostgreSQL desk with the built binary: the server's checks (ctype, extensions, the
// append-only triggers, amcheck) and what they say when something is off.
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { describeWith, POSTGRES, postgresLocation } from '../system-programs.js';
import { sandbox, type Sandbox } from './helpers.js';

const made: string[] = [];
let count = 0;

async function query(location: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new desk database with one ticket, made with `options` of CREATE DATABASE: its URL, and the URL with a password (the test server trusts its users and takes any). */
async function deskDatabase(box: Sandbox, options = ''): Promise<{ url: string; withPassword: string }> {
  const database = `desk_e2e_care_${process.pid}_${++count}`;
  made.push(database);
  await query(postgresLocation(), `CREATE DATABASE ${database} ${options}`);
  const url = new URL(postgresLocation());
  url.pathname = `/${database}`;
  const created = box.desk(['--db', url.toString(), 'create', '--title', 'Printer jams', '--requester', 'Li Lei', '--channel', 'phone', '--no-auto']);
  expect(created.code, created.stderr).toBe(0);
  const secret = new URL(url);
  secret.password = 'hunter2';
  return { url: url.toString(), withPassword: secret.toString() };
}

/** The names of the checks doctor printed, in order. */
const checkNames = (stdout: string) => stdout.split('\n').filter((l) => /^(ok|warn|FAIL) /.test(l)).map((l) => l.slice(6, 18).trim());

describeWith(POSTGRES, 'doctor of a PostgreSQL desk', () => {
  afterEach(async () => {
    for (const database of made.splice(0)) await query(postgresLocation(), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('checks the server, schema, ctype, extensions, append-only triggers, trail, numbering and indexes', async () => {
    const box = sandbox();
    const { url, withPassword } = await deskDatabase(box);
    const first = box.desk(['--db', withPassword, 'doctor']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.split('\n')[0]).toBe(url);
    expect(checkNames(first.stdout)).toEqual(['server', 'schema', 'ctype', 'extensions', 'append-only', 'audit trail', 'numbering', 'indexes']);
    expect(first.stdout).toMatch(/^ok {4}server {7}PostgreSQL \d+\.\d+$/m);
    expect(first.stdout).toContain('ok    ctype        LC_CTYPE C.UTF-8, encoding UTF8\n');
    expect(first.stdout).toContain('ok    append-only  4 triggers enabled on events and handovers\n');
    expect(first.stdout).toContain(
      'warn  indexes      not checked: amcheck is not installed\n      → CREATE EXTENSION amcheck; as a superuser, and doctor checks every index of the desk\n',
    );
    expect(first.stdout + first.stderr).not.toContain('hunter2');

    await query(url, 'CREATE EXTENSION amcheck');
    const checked = box.desk(['--db', url, 'doctor']);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/^ok {4}indexes {6}\d+ B-tree indexes sound \(amcheck\)$/m);
  });

  it('fails the append-only check, with exit 1, when a trigger of the audit trail is disabled', async () => {
    const box = sandbox();
    const { url } = await deskDatabase(box);
    await query(url, 'ALTER TABLE events DISABLE TRIGGER events_no_change');
    const sick = box.desk(['--db', url, 'doctor']);
    expect(sick.code).toBe(1);
    expect(sick.stdout).toContain(
      'FAIL  append-only  events_no_change on events disabled\n' +
        "      → ALTER TABLE events ENABLE TRIGGER events_no_change as the tables' owner, then compare the trail with a backup: while a trigger is off, rows can be changed\n",
    );
    const report = JSON.parse(box.desk(['--db', url, 'doctor', '--json']).stdout);
    expect(report.healthy).toBe(false);
    expect(report.checks.filter((c: any) => !c.ok).map((c: any) => c.check)).toEqual(['append-only']);
  });

  it('warns of a database whose ctype is C, naming the fix', async () => {
    const box = sandbox();
    const { url } = await deskDatabase(box, "TEMPLATE template0 ENCODING 'UTF8' LC_CTYPE 'C' LC_COLLATE 'C'");
    const result = box.desk(['--db', url, 'doctor']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'warn  ctype        LC_CTYPE C, encoding UTF8: trigram indexes see no Chinese characters, so searches read every ticket\n' +
        '      → create a database with a UTF-8 ctype (createdb --template=template0 --encoding=UTF8 --locale=C.UTF-8 NAME) and move the desk into it with desk migrate --to\n',
    );
    const ctype = JSON.parse(box.desk(['--db', url, 'doctor', '--json']).stdout).checks.find((c: any) => c.check === 'ctype');
    expect(ctype).toMatchObject({ ok: true, warning: true, advice: expect.stringContaining('desk migrate --to') });
  });

});
