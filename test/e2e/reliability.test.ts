import Database from 'better-sqlite3';
import fc from 'fast-check';
import { chmodSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStress, stressHeld } from '../../bench/stress.mjs';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { describeOnSqliteFile, rowCounts } from '../store-under-test.js';
import { EXAMPLE_CONFIG, sandbox } from './helpers.js';

describe('several operators, some of them killed mid-command', () => {
  it('keeps every ticket whole, every imported row once, every number unique, the trail complete and the file intact', async () => {
    // 4 workers × (2 tickets of 7 steps + the shared file, an own file and that file again).
    // On the store under test: a file of the sandbox, or its PostgreSQL database.
    const result = await runStress({ workers: 4, tickets: 2, imports: 1, kill: 0.25, seed: 7, db: sandbox().db });
    expect(result.failures).toEqual([]);
    // The kills this test is about happened, imports among them.
    expect(result.killed).toBeGreaterThan(0);
    expect(result.imports_killed).toBeGreaterThan(0);
    expect(result.locked_errors).toBe(0);
    expect([result.tickets, result.expected_tickets]).toEqual([8, 8]);
    expect(result.incomplete).toEqual([]);
    expect(result.import_files).toBe(5);
    expect(result.expected_imported).toBeGreaterThanOrEqual(5 * 5);
    expect(result.imported).toBe(result.expected_imported);
    expect([result.import_missing, result.import_broken, result.import_problems]).toEqual([[], [], []]);
    expect([result.strays, result.rows_lost]).toEqual([0, 0]);
    expect(result.total_tickets).toBe(8 + result.expected_imported);
    expect(result.unique_numbers).toBe(result.total_tickets);
    expect(result.integrity).toBe('ok');
    expect(stressHeld(result)).toBe(true);
  }, 120_000);
});

describeOnSqliteFile('desk doctor', () => {
  it('passes a healthy database and names what is wrong with a damaged one, with exit 1', () => {
    const box = sandbox();
    box.desk(['create', '--title', 'x', '--requester', 'y', '--channel', 'web']);
    const healthy = box.desk(['doctor']);
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toMatch(/^ok +integrity +ok$/m);
    expect(healthy.stdout).toMatch(new RegExp(`^ok +schema +version ${SCHEMA_VERSION} of ${SCHEMA_VERSION}$`, 'm'));

    chmodSync(box.db, 0o644);
    const db = new Database(box.db);
    db.exec("DROP TRIGGER events_no_delete; DELETE FROM events; UPDATE sequences SET value = 0;");
    db.close();
    const sick = box.desk(['doctor', '--json']);
    expect(sick.code).toBe(1);
    const report = JSON.parse(sick.stdout);
    expect(report.healthy).toBe(false);
    expect(report.checks.filter((c: any) => !c.ok).map((c: any) => c.check)).toEqual(['audit trail', 'numbering', 'file mode']);
    expect(report.checks.find((c: any) => c.check === 'file mode').advice).toContain('chmod 600');
  });
});

describeOnSqliteFile('migrations', () => {
  it('upgrade a database made by the first schema version with its data intact', () => {
    const box = sandbox();
    const db = new Database(box.db);
    MIGRATIONS[0]!.up(db);
    db.pragma('user_version = 1');
    const at = Date.UTC(2026, 9, 9, 2, 0);
    db.prepare(
      `INSERT INTO tickets (number, created_at, channel, requester, title, type, urgency, status, classified_by, team, assignee, version, updated_at, updated_by)
       VALUES ('SD-202610-00001', ?, 'phone', '王芳', '打印机卡纸', 'fault', 'urgent', 'dispatched', 'manual', 'desktop', 'sun', 2, ?, 'li')`,
    ).run(at, at);
    db.prepare("INSERT INTO events (ticket_id, at, actor, kind, data) VALUES (1, ?, 'li', 'create', '{}')").run(at);
    db.prepare("INSERT INTO sequences VALUES ('SD-202610', 1)").run();
    db.close();

    const ticket = box.json(['show', 'SD-202610-00001']);
    expect(ticket).toMatchObject({ number: 'SD-202610-00001', requester: '王芳', title: '打印机卡纸', type: 'fault', urgency: 'urgent', status: 'dispatched', team: 'desktop', assignee: 'sun', version: 2, created_at: '2026-10-09T10:00:00+08:00' });
    const upgraded = new Database(box.db, { readonly: true });
    expect(upgraded.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(upgraded.prepare('SELECT manual_fields FROM tickets').get()).toEqual({ manual_fields: '["type","urgency"]' });
    upgraded.close();
    // The rules leave the fields typed by hand alone after the upgrade.
    expect(box.json(['classify', '1'])[0].ticket).toMatchObject({ type: 'fault', urgency: 'urgent', category: 'hardware/printer' });
    // The file was made outside desk with the default mode: the only thing doctor objects to.
    const doctor = JSON.parse(box.desk(['doctor', '--json']).stdout);
    expect(doctor.checks.filter((c: any) => !c.ok).map((c: any) => c.check)).toEqual(['file mode']);
  });

  it('upgrade a database of the schema before settlements: met flags become settlements, a reopen frees its stale flag', () => {
    const box = sandbox();
    const db = new Database(box.db);
    const before = MIGRATIONS.findIndex((m) => m.name === 'settled deadlines and closed resolution cycles');
    for (const migration of MIGRATIONS.slice(0, before)) migration.up(db);
    db.pragma(`user_version = ${before}`);
    const t = (hhmm: string) => Date.parse(`2026-10-09T${hhmm}:00+08:00`);
    const insert = db.prepare(
      `INSERT INTO tickets (number, created_at, title, status, team, assignee, first_response_at, resolved_at, response_due_at, resolve_due_at, response_met, resolve_met, reopen_count, satisfaction, closed_at, version, updated_at, updated_by)
       VALUES (?, ?, ?, ?, 'desktop', 'sun', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 'li')`,
    );
    // #1 answered late, resolved on time and closed with a rating; #2 reopened with the flag of its first cycle.
    insert.run('SD-202610-00001', t('09:00'), 'late answer', 'closed', t('09:30'), t('11:00'), t('09:10'), t('17:00'), 0, 1, 0, 4, t('12:00'), t('12:00'));
    insert.run('SD-202610-00002', t('09:00'), 'reopened', 'reopened', t('09:05'), null, t('09:10'), t('17:00'), 1, 1, 1, null, null, t('15:00'));
    db.prepare("INSERT INTO events (ticket_id, at, actor, kind, data) VALUES (2, ?, 'sun', 'resolve', '{}'), (2, ?, 'li', 'reopen', '{}')").run(t('10:00'), t('14:00'));
    db.close();

    expect(box.json(['show', '2'])).toMatchObject({ resolve_met: null, reopened_at: '2026-10-09T14:00:00+08:00' });
    const upgraded = new Database(box.db, { readonly: true });
    const settlements = upgraded.prepare('SELECT ticket_id, kind, cycle, settled_at, met, agent FROM settlements ORDER BY ticket_id, kind').all();
    expect(settlements).toEqual([
      { ticket_id: 1, kind: 'resolve', cycle: 0, settled_at: t('11:00'), met: 1, agent: 'sun' },
      { ticket_id: 1, kind: 'response', cycle: 0, settled_at: t('09:10'), met: 0, agent: 'sun' },
      { ticket_id: 2, kind: 'resolve', cycle: 0, settled_at: t('10:00'), met: 1, agent: 'sun' },
      { ticket_id: 2, kind: 'response', cycle: 0, settled_at: t('09:05'), met: 1, agent: 'sun' },
    ]);
    expect(upgraded.prepare('SELECT rated_at FROM tickets WHERE id = 1').get()).toEqual({ rated_at: t('12:00') });
    upgraded.close();
  });
});

describe('hostile rules', () => {
  it('refuses a regular expression that could take exponential time', () => {
    const box = sandbox();
    const dir = join(box.dir, 'config');
    cpSync(EXAMPLE_CONFIG, dir, { recursive: true });
    box.env.DESK_CONFIG = dir;
    const path = join(dir, 'routing.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('regex: "(全部', 'regex: "(a+)+$|(全部'));
    const check = box.desk(['rules', 'check']);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/^config\/routing\.yaml:8:20: classify\.1\.when\.regex: regular expression may take exponential time/m);
  });

  it('refuses an alias bomb and a deeply nested document with a one-line error', () => {
    const box = sandbox();
    const dir = join(box.dir, 'config');
    cpSync(EXAMPLE_CONFIG, dir, { recursive: true });
    box.env.DESK_CONFIG = dir;
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    for (const text of [bomb, `classify: ${'['.repeat(5000)}${']'.repeat(5000)}`]) {
      writeFileSync(join(dir, 'routing.yaml'), text);
      const check = box.desk(['rules', 'check']);
      expect(check.code).toBe(2);
      expect(check.stderr).toMatch(/^config\/routing\.yaml:\d+:\d+: /m);
      expect(check.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('arbitrary input on the command line', () => {
  it('ends in a stored ticket or a clear exit 2, never a crash or a damaged database', () => {
    const box = sandbox();
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('', ' ', '--', "'; DROP TABLE tickets; --", '=1+1', '2026-02-30', '\u0000x'));
    let stored = 0;
    fc.assert(
      fc.property(text, text, text, fc.constantFrom('phone', 'web', 'fax', ''), fc.option(text), (title, requester, department, channel, createdAt) => {
        const args = ['create', '--title', title, '--requester', requester, '--department', department, '--channel', channel, ...(createdAt === null ? [] : ['--created-at', createdAt])];
        if (args.some((a) => a.includes('\u0000'))) return; // argv cannot carry NUL bytes
        const result = box.desk(args);
        expect([0, 2]).toContain(result.code);
        expect(result.stderr).not.toMatch(/\n\s+at /);
        if (result.code === 0) {
          stored++;
          expect(box.json(['show', result.stdout.trim()]).title).toBe(title.trim());
        }
      }),
      { numRuns: 20, seed: 42 },
    );
    expect(box.json(['doctor']).healthy).toBe(true);
    expect(rowCounts(box.db, ['tickets']).tickets).toBe(stored);
  }, 120_000);
});
