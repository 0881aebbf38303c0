// A kill in the middle of a large import leaves whole batches and an intact database, and the
// same import run again completes exactly the rest (DESIGN.md "Reliability").
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { DESK, ROOT, sandbox } from './helpers.js';

// Large enough that the kill lands mid-way, small enough for CI on two cores (the full-text index
// makes every insert costly).
const ROWS = 100_000;
const BATCH = 5000;
// The generated tickets run to the end of November 2026.
const NOW = { DESK_NOW: '2026-12-01T00:00:00+08:00' };

function facts(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      tickets: db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number,
      events: db.prepare("SELECT COUNT(*) FROM events WHERE kind = 'import'").pluck().get() as number,
      orphans: db.prepare("SELECT COUNT(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind = 'import')").pluck().get() as number,
      indexed: db.prepare('SELECT COUNT(*) FROM ticket_search').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/** The search index's check in `desk doctor --json`. */
function searchCheck(stdout: string): { ok: boolean; detail: string } {
  const { ok, detail } = JSON.parse(stdout).checks.find((c: { check: string }) => c.check === 'search index');
  return { ok, detail };
}

function countSoFar(path: string): number {
  if (!existsSync(path)) return 0;
  try {
    const db = new Database(path, { readonly: true, timeout: 1000 });
    try {
      return db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
}

describe('desk import killed mid-way', () => {
  it('keeps every committed batch and no half ticket; running it again completes the rest', async () => {
    const box = sandbox();
    const csv = join(box.dir, 'tickets.csv');
    expect(spawnSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--count', String(ROWS), '--format', 'csv', '--out', csv]).status).toBe(0);

    const args = [DESK, 'import', csv, '--on-error', 'skip', '--batch-size', String(BATCH)];
    // The import's scratch file (external ids seen so far) goes to a temporary directory of its own.
    const tmp = join(box.dir, 'tmp');
    mkdirSync(tmp);
    const env = { ...box.env, ...NOW, TMPDIR: tmp };
    const child = spawn(process.execPath, args, { cwd: box.dir, env, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
    // Kill it once a few batches are in, without warning: no handler runs, nothing is flushed.
    for (let waited = 0; countSoFar(box.db) < 2 * BATCH; waited += 20) {
      if (waited > 60_000) throw new Error('the import committed nothing in a minute');
      await sleep(20);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const after = facts(box.db);
    expect(after.integrity).toBe('ok');
    expect(after.tickets).toBeGreaterThanOrEqual(2 * BATCH);
    expect(after.tickets).toBeLessThan(ROWS);
    expect(after.tickets % BATCH).toBe(0);
    expect([after.events, after.orphans, after.indexed]).toEqual([after.tickets, 0, 0]);
    // Killed before it indexed them: doctor reports every committed ticket as waiting for the search index.
    const doctor = spawnSync(process.execPath, [DESK, 'doctor', '--json'], { cwd: box.dir, env, encoding: 'utf8' });
    expect(doctor.status).toBe(1);
    expect(searchCheck(doctor.stdout)).toEqual({ ok: false, detail: `${after.tickets} imported ticket(s) not indexed yet (searches find them by a scan; similar does not offer them)` });
    const left = readdirSync(tmp);
    expect(left.filter((name) => name.startsWith(`desk-import-${child.pid}-`)).length, left.join(' ')).toBeGreaterThan(0);

    const again = spawnSync(process.execPath, [...args, '--json'], { cwd: box.dir, env, encoding: 'utf8', timeout: 170_000 });
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ read: ROWS, inserted: ROWS - after.tickets, skipped: after.tickets, rejected: 0 });
    expect(facts(box.db)).toEqual({ integrity: 'ok', tickets: ROWS, events: ROWS, orphans: 0, indexed: ROWS });
    const healthy = spawnSync(process.execPath, [DESK, 'doctor', '--json'], { cwd: box.dir, env, encoding: 'utf8' });
    expect(searchCheck(healthy.stdout)).toEqual({ ok: true, detail: 'every ticket indexed' });
    // The next import cleared what the killed one left; its own went with it.
    expect(readdirSync(tmp)).toEqual([]);
  }, 180_000);
});
