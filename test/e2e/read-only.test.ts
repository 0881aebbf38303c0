// A database the user may read but not write: the file, or its directory, without write
// permission. Root ignores file modes, so as root desk runs as nobody (helpers.ts).
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { IS_ROOT, ROOT, sandbox, type Sandbox } from './helpers.js';

const CANNOT_WRITE_HINT = 'hint: ask for write access to the file, its directory and any -wal and -shm files beside it, or run desk as their owner\n';
const cannotWrite = (db: string) => `desk: cannot write ${db}: permission denied\n${CANNOT_WRITE_HINT}`;

const READS = [
  ['list'],
  ['show', '1'],
  ['history', '1'],
  ['report', 'monthly', '--month', '2026-11'],
  ['export', '--format', 'ndjson'],
  ['search', 'printer'],
  ['similar', '2'],
  ['queue'],
  ['sla', 'check'],
];

const WRITES = [
  ['create', '--title', 'Scanner broken', '--requester', 'Zhou', '--channel', 'phone'],
  ['resolve', '2', '--solution', 'replaced the toner'],
  ['import', 'tickets.csv'],
];

/** The user nobody, as whom desk runs when the tests run as root. */
function nobody(): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

// Modes given in a test, put back before the sandbox is removed (a directory without write
// permission cannot be emptied by its non-root owner).
const restore: (() => void)[] = [];
afterEach(() => {
  while (restore.length) restore.pop()!();
});

function setMode(path: string, mode: number): void {
  const before = statSync(path).mode & 0o7777;
  chmodSync(path, mode);
  restore.push(() => chmodSync(path, before));
}

function giveToNobody(path: string): void {
  const { uid, gid } = nobody();
  chownSync(path, uid, gid);
}

/** Tickets to read: a resolved printer ticket with a note, an open one like it, a third. */
function seed(box: Sandbox): void {
  const run = (args: string[]) => {
    const r = box.desk(args);
    if (r.code !== 0) throw new Error(`desk ${args.join(' ')}: ${r.stderr}`);
  };
  run(['create', '--title', 'Printer jams on every page', '--requester', 'Wu', '--channel', 'phone', '--team', 'desktop', '--assignee', 'zhou']);
  run(['note', '1', 'paper tray worn']);
  run(['respond', '1']);
  run(['resolve', '1', '--solution', 'replaced the pick-up roller']);
  run(['create', '--title', 'Printer jams again', '--requester', 'Li', '--channel', 'web']);
  run(['create', '--title', 'VPN down', '--requester', 'Qian', '--channel', 'email', '--urgency', 'urgent']);
  writeFileSync(join(box.dir, 'tickets.csv'), 'title,requester,channel,external_id\nMouse lost,He,phone,X-1\n');
}

/** Every byte of the database and the names beside it: a refused write must change neither. */
function fingerprint(box: Sandbox): { sha: string; files: string[] } {
  return { sha: createHash('sha256').update(readFileSync(box.db)).digest('hex'), files: readdirSync(box.dir).sort() };
}

/** Read from a copy in memory: a connection of root's to the file would leave its -wal and -shm beside it. */
function counts(path: string): { tickets: number; events: number } {
  const image = readFileSync(path);
  // The header's WAL mark as the rollback mark: a database in memory has no WAL.
  image[18] = image[19] = 1;
  const db = new Database(image, { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { tickets: count('tickets'), events: count('events') };
  } finally {
    db.close();
  }
}

function expectReadsAsTheOwner(box: Sandbox, owner: Map<string, { code: number | null; stdout: string }>): void {
  for (const args of READS) {
    const read = box.desk(args, { unprivileged: true });
    expect({ args, code: read.code, stdout: read.stdout, stderr: read.stderr }).toEqual({ args, ...owner.get(args.join(' '))!, stderr: '' });
  }
}

function ownerReads(box: Sandbox): Map<string, { code: number | null; stdout: string }> {
  return new Map(READS.map((args) => {
    const { code, stdout } = box.desk(args);
    return [args.join(' '), { code, stdout }];
  }));
}

function expectWritesRefused(box: Sandbox): void {
  const before = fingerprint(box);
  const rows = counts(box.db);
  for (const args of WRITES) {
    const write = box.desk(args, { unprivileged: true });
    expect({ args, code: write.code, stdout: write.stdout, stderr: write.stderr }).toEqual({ args, code: 2, stdout: '', stderr: cannotWrite(box.db) });
  }
  expect(fingerprint(box)).toEqual(before);
  expect(counts(box.db)).toEqual(rows);
}

describe('a database the user may read but not write', () => {
  it('reads as its owner does and refuses every write, leaving the file as it was', () => {
    const box = sandbox();
    seed(box);
    const owner = ownerReads(box);
    // Root-owned 0644 in a root-owned 0755 directory: nobody may read both, write neither.
    if (IS_ROOT) {
      setMode(box.db, 0o644);
      setMode(box.dir, 0o755);
    } else {
      setMode(box.db, 0o444);
      setMode(box.dir, 0o555);
    }
    const before = fingerprint(box);
    expectReadsAsTheOwner(box, owner);
    const dryRun = box.desk(['import', 'tickets.csv', '--dry-run'], { unprivileged: true });
    expect([dryRun.code, dryRun.stderr]).toEqual([0, '']);
    expect(dryRun.stdout).toMatch(/^tickets\.csv: read 1, would insert 1, would update 0, would skip 0, rejected 0 in .*\(dry run: nothing written\)\n$/);
    const doctor = JSON.parse(box.desk(['doctor', '--json'], { unprivileged: true }).stdout);
    expect(doctor.checks.filter((c: any) => c.check !== 'file mode')).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'journal', ok: true, detail: 'journal_mode wal' })]));
    expect(doctor.checks.filter((c: any) => !c.ok).map((c: any) => c.check)).toEqual(['file mode']);
    expect(fingerprint(box)).toEqual(before);
    expectWritesRefused(box);
  });

  it('reads and refuses writes when the file is writable but its directory is not', () => {
    const box = sandbox();
    seed(box);
    const owner = ownerReads(box);
    // SQLite must create the -wal and -shm files in the directory to write.
    if (IS_ROOT) {
      giveToNobody(box.db);
      setMode(box.dir, 0o755);
    } else setMode(box.dir, 0o555);
    expectReadsAsTheOwner(box, owner);
    expectWritesRefused(box);
  });

  it('creates nothing beside a file it may not write in a directory it may, so the owner keeps writing', () => {
    const box = sandbox();
    seed(box);
    const owner = ownerReads(box);
    if (IS_ROOT) {
      setMode(box.db, 0o644);
      giveToNobody(box.dir);
    } else setMode(box.db, 0o444);
    const before = fingerprint(box);
    expectReadsAsTheOwner(box, owner);
    // A -wal or -shm file of this user's would keep another owner's desk from writing.
    expect(fingerprint(box)).toEqual(before);
    expectWritesRefused(box);
    // A copy of one's own is a way to work with it.
    const backup = box.desk(['backup', 'copy.db'], { unprivileged: true });
    expect([backup.code, backup.stderr]).toEqual([0, '']);
    expect(counts(join(box.dir, 'copy.db'))).toEqual(counts(box.db));
    chmodSync(box.db, 0o600);
    expect(box.desk(WRITES[0]!).code).toBe(0);
  });

  it('reads what an open desk has in its -wal file', async () => {
    const box = sandbox();
    seed(box);
    // The -wal and -shm files take the database's mode when they are made.
    setMode(box.db, 0o644);
    if (IS_ROOT) setMode(box.dir, 0o755);
    const holder = spawn(
      process.execPath,
      ['-e', `const db = new (require('better-sqlite3'))(process.argv[1]); db.pragma('wal_autocheckpoint = 0');
       db.prepare("UPDATE tickets SET title = 'Changed, not yet checkpointed' WHERE id = 3").run();
       console.log('held'); process.stdin.on('end', () => db.close()).resume();`, box.db],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    try {
      if (!IS_ROOT) {
        setMode(box.db, 0o444);
        setMode(box.dir, 0o555);
      }
      const shown = box.desk(['show', '3', '--json'], { unprivileged: true });
      expect([shown.code, shown.stderr]).toEqual([0, '']);
      expect(JSON.parse(shown.stdout).title).toBe('Changed, not yet checkpointed');
      const write = box.desk(['note', '3', 'seen'], { unprivileged: true });
      expect([write.code, write.stderr]).toEqual([2, cannotWrite(box.db)]);
    } finally {
      holder.stdin.end();
      await new Promise((resolve) => holder.once('close', resolve));
    }
  });

  it('refuses a database that needs a migration, naming the fix', () => {
    const box = sandbox();
    const db = new Database(box.db);
    MIGRATIONS[0]!.up(db);
    db.pragma('user_version = 1');
    db.close();
    setMode(box.db, IS_ROOT ? 0o644 : 0o444);
    if (IS_ROOT) setMode(box.dir, 0o755);
    const before = fingerprint(box);
    const list = box.desk(['list'], { unprivileged: true });
    expect([list.code, list.stdout]).toEqual([2, '']);
    expect(list.stderr).toBe(
      `desk: ${box.db} has schema version 1; this desk needs version ${SCHEMA_VERSION} and may not write the file to upgrade it\n` +
        "hint: run any desk command once as the database's owner (or with write access to the file and its directory) to upgrade it\n",
    );
    expect(fingerprint(box)).toEqual(before);
  });

  it('says so when the user may not even read it', () => {
    const box = sandbox();
    seed(box);
    // Created 0600: readable by its owner only.
    if (!IS_ROOT) setMode(box.db, 0o000);
    setMode(box.dir, 0o755);
    const list = box.desk(['list'], { unprivileged: true });
    expect([list.code, list.stdout, list.stderr]).toEqual([2, '', `desk: cannot read ${box.db}: permission denied\nhint: ask for read access to the file (and write access to change it), or run desk as its owner\n`]);
  });
});

describe('a new database in a directory the user may not write', () => {
  it('is not created, with a message naming the path', () => {
    const box = sandbox();
    setMode(box.dir, IS_ROOT ? 0o755 : 0o555);
    for (const path of [join(box.dir, 'desk.db'), join(box.dir, 'sub', 'desk.db')]) {
      const created = box.desk(['create', '--title', 'x', '--requester', 'y', '--channel', 'web'], { unprivileged: true, env: { DESK_DB: path } });
      expect([created.code, created.stdout, created.stderr]).toEqual([2, '', `desk: cannot create ${path}: permission denied\nhint: point --db / DESK_DB at a file in a writable directory\n`]);
    }
    expect(readdirSync(box.dir)).toEqual([]);
  });
});
