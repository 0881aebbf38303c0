// doctor and backup of a PostgreSQL desk with the built binary: the server's checks (ctype,
// extensions, the append-only triggers, amcheck) and what they say when something is off; a backup
// by pg_dump into a 0600 file, the password never on a command line, in output or in an error.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeWith, itWith, PG_DUMP, POSTGRES, postgresLocation } from '../system-programs.js';
import { sandbox, type Sandbox } from './helpers.js';
import { queryRows as query } from '../postgres-admin.js';

const made: string[] = [];
let count = 0;


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

describeWith(POSTGRES, 'doctor and backup of a PostgreSQL desk', () => {
  afterEach(async () => {
    for (const database of made.splice(0)) await query(postgresLocation(), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('checks the server, schema, ctype, extensions, append-only triggers, trail, numbering and indexes', async () => {
    const box = sandbox();
    const { url, withPassword } = await deskDatabase(box);
    const first = box.desk(['--db', withPassword, 'doctor']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.split('\n')[0]).toBe(url);
    expect(checkNames(first.stdout)).toEqual(['server', 'schema', 'ctype', 'extensions', 'append-only', 'audit trail', 'numbering', 'indexes', 'search index']);
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

  itWith(PG_DUMP, 'backs up with pg_dump into a file of mode 0600 that pg_restore reads, naming no password', async () => {
    const box = sandbox();
    const { withPassword } = await deskDatabase(box);
    const result = box.desk(['--db', withPassword, 'backup', 'desk.dump']);
    expect(result).toEqual({ code: 0, stdout: `${join(box.dir, 'desk.dump')}\n`, stderr: '' });
    expect(statSync(join(box.dir, 'desk.dump')).mode & 0o777).toBe(0o600);
    const listed = spawnSync('pg_restore', ['--list', join(box.dir, 'desk.dump')], { encoding: 'utf8' });
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/TABLE DATA public tickets /);
    const again = box.desk(['--db', withPassword, 'backup', 'desk.dump', '--json']);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('desk: desk.dump already exists\nhint: choose a new file, or pass --force to replace it\n');
  });

  it('hands pg_dump the password in its environment only, and a file already 0600 to write to', async () => {
    const box = sandbox();
    const { withPassword } = await deskDatabase(box);
    // A pg_dump that writes down what it was given, as ps and /proc would show it.
    const bin = join(box.dir, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'pg_dump'),
      `#!/bin/sh\nmode=$(stat -L -c %a /proc/$$/fd/1)\nprintf '%s\\n' "$0" "$@" > "${box.dir}/argv"\nprintf '%s %s %s %s' "$PGHOST" "$PGPORT" "$PGUSER" "$PGDATABASE" > "${box.dir}/target"\nprintf '%s' "$PGPASSWORD" > "${box.dir}/password"\nprintf '%s' "$mode" > "${box.dir}/mode"\nprintf 'PGDMP'\n`,
    );
    chmodSync(join(bin, 'pg_dump'), 0o755);
    const result = box.desk(['--db', withPassword, 'backup', 'desk.dump'], { env: { PATH: `${bin}:${process.env.PATH}` } });
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(box.dir, 'argv'), 'utf8')).toBe(`${join(bin, 'pg_dump')}\n--format=custom\n--no-password\n`);
    const url = new URL(withPassword);
    expect(readFileSync(join(box.dir, 'target'), 'utf8')).toBe(`${url.hostname} ${url.port} ${url.username} ${url.pathname.slice(1)}`);
    expect(readFileSync(join(box.dir, 'password'), 'utf8')).toBe('hunter2');
    expect(readFileSync(join(box.dir, 'mode'), 'utf8')).toBe('600');
    expect(readFileSync(join(box.dir, 'desk.dump'), 'utf8')).toBe('PGDMP');
  });

  it('says what to install when there is no pg_dump, and what pg_dump said when it fails, leaving no file', async () => {
    const box = sandbox();
    const { url, withPassword } = await deskDatabase(box);
    const bin = join(box.dir, 'bin');
    mkdirSync(bin);
    const missing = box.desk(['--db', withPassword, 'backup', 'desk.dump'], { env: { PATH: bin } });
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: "desk: pg_dump is not installed: a PostgreSQL desk is backed up with it\nhint: install the PostgreSQL client programs of the server's version or newer (Debian: apt-get install postgresql-client)\n",
    });
    expect(existsSync(join(box.dir, 'desk.dump'))).toBe(false);

    writeFileSync(join(bin, 'pg_dump'), "#!/bin/sh\necho 'pg_dump: error: aborting because of server version mismatch' >&2\nexit 1\n");
    chmodSync(join(bin, 'pg_dump'), 0o755);
    const failed = box.desk(['--db', withPassword, 'backup', 'desk.dump'], { env: { PATH: bin } });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toBe(
      `desk: pg_dump could not back up ${url}: aborting because of server version mismatch\n` +
        "hint: install the PostgreSQL client programs of the server's version or newer (Debian: apt-get install postgresql-client)\n",
    );
    expect(existsSync(join(box.dir, 'desk.dump'))).toBe(false);
  });
});
