// The database file: where it is made and how, what desk refuses to open, its backup, and failures
// that say what happened and name no contact.
import Database from 'better-sqlite3';
import { statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_NOW } from '../e2e/helpers.js';
import { commandSandbox } from './harness.js';

const REQUIRED = ['--title', 'Monitor flickers', '--requester', 'Wu', '--channel', 'onsite'];

function tableDump(path: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return {
      tickets: db.prepare('SELECT * FROM tickets ORDER BY id').all(),
      events: db.prepare('SELECT * FROM events ORDER BY id').all(),
      version: db.pragma('user_version', { simple: true }),
    };
  } finally {
    db.close();
  }
}

describe('the database file', () => {
  it('is created with mode 0600 in WAL mode, under XDG_DATA_HOME by default', async () => {
    const box = commandSandbox();
    const env = { DESK_DB: '' };
    expect((await box.desk(['create', ...REQUIRED], { env })).code).toBe(0);
    const path = join(box.dir, 'xdg-data', 'desk', 'desk.db');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) expect(statSync(path + suffix).mode & 0o777).toBe(0o600);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect((await box.desk(['show', '1', '--db', path])).code).toBe(0);
  });

  it('keeps the audit trail append-only', async () => {
    const box = commandSandbox();
    await box.desk(['create', ...REQUIRED]);
    const db = new Database(box.db);
    expect(() => db.prepare("UPDATE events SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    db.close();
  });

  it('refuses a database from a newer desk and a file that is not a database', async () => {
    const box = commandSandbox();
    await box.desk(['create', ...REQUIRED]);
    const db = new Database(box.db);
    db.pragma('user_version = 99');
    db.close();
    const newer = await box.desk(['show', '1']);
    expect(newer.code).toBe(2);
    expect(newer.stderr).toMatch(/has schema version 99, newer than this desk knows/);

    const junk = join(box.dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite at all, just words'.repeat(100));
    const result = await box.desk(['list', '--db', junk]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/junk.db is not a desk database/);
  });

  it('writes an online backup that restores to the same tickets and trail', async () => {
    const box = commandSandbox();
    await box.desk(['create', ...REQUIRED]);
    await box.desk(['note', '1', 'screen replaced']);
    const backup = join(box.dir, 'backup.db');
    const result = await box.desk(['backup', backup]);
    expect(result.code).toBe(0);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(tableDump(backup)).toEqual(tableDump(box.db));
    expect((await box.desk(['show', '1', '--db', backup])).code).toBe(0);

    const again = await box.desk(['backup', backup]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect((await box.desk(['backup', backup, '--force'])).code).toBe(0);
  });

  it('lists overdue and soon-due open tickets by their due times', async () => {
    const box = commandSandbox();
    for (let i = 0; i < 3; i++) await box.desk(['create', ...REQUIRED]);
    const now = Date.parse(TEST_NOW);
    const db = new Database(box.db);
    // Only the resolution deadline is left to watch: the response and dispatch ones are taken away.
    const due = db.prepare('UPDATE tickets SET resolve_due_at = ?, response_due_at = NULL, dispatch_due_at = NULL, update_due_at = NULL WHERE id = ?');
    due.run(now - 3_600_000, 1);
    due.run(now + 30 * 60_000, 2);
    due.run(now + 5 * 3_600_000, 3);
    db.close();
    expect((await box.json(['list', '--overdue'])).map((t: any) => t.id)).toEqual([1]);
    expect((await box.json(['list', '--due-within', '1h'])).map((t: any) => t.id)).toEqual([2]);
    expect((await box.desk(['show', '1'])).stdout).toMatch(/overdue 1 h/);
    await box.desk(['close', '1', '--solution', 'done']);
    expect(await box.json(['list', '--overdue'])).toEqual([]);
  });
});

describe('files that are not a desk database', () => {
  it('refuses an empty file and the database of another program, changing neither', async () => {
    const box = commandSandbox();
    const empty = join(box.dir, 'empty.db');
    writeFileSync(empty, '');
    const refused = await box.desk(['list', '--db', empty]);
    expect([refused.code, refused.stderr]).toEqual([2, `desk: ${empty} is an empty file, not a desk database\nhint: point --db / DESK_DB at your database, or remove the file and run \`desk init\`\n`]);
    expect(statSync(empty).size).toBe(0);

    const other = join(box.dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE songs (title TEXT)');
    db.close();
    const foreign = await box.desk(['create', ...REQUIRED, '--db', other]);
    expect([foreign.code, foreign.stderr]).toEqual([2, `desk: ${other} is an SQLite database of another program, not a desk database\nhint: point --db / DESK_DB at a desk database\n`]);
    const after = new Database(other, { readonly: true });
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'songs' }]);
    after.close();
  });
});

describe('failures', () => {
  it('names a path that cannot be a database file with exit 2', async () => {
    const box = commandSandbox();
    const result = await box.desk(['create', ...REQUIRED, '--db', box.dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot open ${box.dir} as a database file`);
  });

  it('reports an unexpected failure with exit 1 in one line, and the stack only with DESK_DEBUG=1', async () => {
    const box = commandSandbox();
    await box.desk(['create', ...REQUIRED, '--team', 'desktop']);
    await box.desk(['respond', '1']);
    const db = new Database(box.db);
    db.exec('ALTER TABLE tickets DROP COLUMN remaining');
    db.close();
    const resolve = ['resolve', '1', '--solution', 'new screen', '--remaining', 'none'];
    const plain = await box.desk(resolve);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/^desk: unexpected failure: .*\nhint: run again with DESK_DEBUG=1 for details\n$/);
    const debug = await box.desk(resolve, { env: { DESK_DEBUG: '1' } });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('names no contact in a failure, not even with DESK_DEBUG=1', async () => {
    const box = commandSandbox();
    expect((await box.desk(['create', ...REQUIRED, '--contact', '13812345678', '--team', 'desktop'])).code).toBe(0);
    expect((await box.desk(['respond', '1'])).code).toBe(0);
    const db = new Database(box.db);
    db.exec('ALTER TABLE tickets DROP COLUMN remaining');
    db.close();
    const steps = [
      ['create', ...REQUIRED, '--contact', 'li.lei@example.com'],
      ['resolve', '1', '--solution', 'new screen', '--remaining', 'none'],
    ];
    for (const step of steps) {
      const failed = await box.desk(step, { env: { DESK_DEBUG: '1' } });
      // The broken table is reached: an unexpected failure, not a refusal before it.
      expect([failed.code, /unexpected failure/.test(failed.stderr)], step.join(' ')).toEqual([1, true]);
      expect(failed.stderr).not.toMatch(/13812345678|li\.lei@example\.com/);
    }
  });
});
