// The built binary's import and export on PostgreSQL: the same file imported with the rules gives
// the same export as on SQLite, byte for byte; a desk's own export read back gives itself; and a
// kill in the middle of a large import leaves whole batches, their tickets waiting for their search
// rows (found by search meanwhile, reported by doctor, written by --repair), and running it again
// completes exactly (DESIGN.md "Reliability", as import-kill.test.ts shows it on SQLite).
import pg from 'pg';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { FIELDS, generateTickets } from '../../bench/generate.mjs';
import { describeWith, POSTGRES, postgresLocation } from '../system-programs.js';
import { DESK, ROOT, sandbox, writeTicketsCsv } from './helpers.js';

// The generated tickets run to the end of November 2026.
const NOW = { DESK_NOW: '2026-12-01T00:00:00+08:00' };

const prefix = `desk_e2e_import_${process.pid}`;
let created = 0;
const databases: string[] = [];

async function admin<T>(work: (client: pg.Client) => Promise<T>, location = postgresLocation()): Promise<T> {
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database's location, dropped after the test. */
async function newDatabase(): Promise<string> {
  const database = `${prefix}_${++created}`;
  databases.push(database);
  await admin((client) => client.query(`CREATE DATABASE ${database}`));
  const url = new URL(postgresLocation());
  url.pathname = `/${database}`;
  return url.toString();
}

afterEach(async () => {
  if (!databases.length) return;
  await admin(async (client) => {
    for (const database of databases.splice(0)) await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });
});

/** The search index's check in `desk doctor --json`. */
function searchCheck(stdout: string): { ok: boolean; detail: string } {
  const { ok, detail } = JSON.parse(stdout).checks.find((c: { check: string }) => c.check === 'search index');
  return { ok, detail };
}

/**
 * 1,200 generated tickets, every third without type, category and urgency (the rules classify
 * it), every fourth new and with nobody on it yet (the rules dispatch it).
 */
function ticketsForTheRules(): Record<string, unknown>[] {
  return [...generateTickets({ count: 1200 })].map((ticket, i) => {
    const row: Record<string, unknown> = { ...ticket };
    if (i % 3 === 0) Object.assign(row, { type: null, category: null, urgency: null });
    if (i % 4 === 1) {
      Object.assign(row, {
        status: 'new', team: null, assignee: null, collaborators: null, first_response_at: null, dispatched_at: null, resolved_at: null,
        closed_at: null, escalated: false, escalation_reason: null, solution: null, satisfaction: null, callback_at: null, reopen_count: 0,
      });
    }
    return row;
  });
}

describeWith(POSTGRES, 'desk import and export on PostgreSQL', () => {
  it('imports a file with --classify --dispatch and exports it byte for byte as SQLite does', async () => {
    const box = sandbox();
    const csv = join(box.dir, 'tickets.csv');
    writeTicketsCsv(csv, FIELDS, ticketsForTheRules());
    const db = await newDatabase();
    const run = (store: string, args: string[]) => box.desk(['--db', store, ...args], { env: NOW });

    const imports = [box.db, db].map((store) => run(store, ['import', csv, '--classify', '--dispatch', '--batch-size', '100', '--json']));
    for (const result of imports) {
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ read: 1200, inserted: 1200, updated: 0, skipped: 0, rejected: 0 });
    }
    const onSqlite = run(box.db, ['export', '--reveal']);
    const onPostgres = run(db, ['export', '--reveal']);
    expect(onPostgres.code, onPostgres.stderr).toBe(0);
    expect(onPostgres.stdout.split('\r\n')).toHaveLength(1202);
    expect(onPostgres.stdout).toBe(onSqlite.stdout);

    // The rules ran: the second ticket was new, and is dispatched with its trail in order.
    const trails = [box.db, db].map((store) => JSON.parse(run(store, ['history', '2', '--json']).stdout) as { kind: string }[]);
    expect(trails[1]!.map((e) => e.kind)).toEqual(['import', 'dispatch']);
    expect(trails[1]).toEqual(trails[0]);

    // A dry run of the same file reads the database it names: everything is there already.
    const dry = run(db, ['import', csv, '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dry_run: true, read: 1200, inserted: 0, skipped: 1200 });
  }, 120_000);

  it('reads its own export back into an empty database, ids and numbers kept: the same export again', async () => {
    const box = sandbox();
    const csv = join(box.dir, 'tickets.csv');
    writeTicketsCsv(csv, FIELDS, ticketsForTheRules().slice(0, 300));
    const [first, second] = [await newDatabase(), await newDatabase()];
    const run = (store: string, args: string[]) => box.desk(['--db', store, ...args], { env: NOW });
    expect(run(first, ['import', csv, '--classify', '--dispatch']).code).toBe(0);
    const exported = join(box.dir, 'exported.csv');
    expect(run(first, ['export', '--reveal', '--out', exported]).code).toBe(0);

    const again = run(second, ['import', exported, '--batch-size', '70', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ read: 300, inserted: 300, rejected: 0 });
    expect(run(second, ['export', '--reveal']).stdout).toBe(run(first, ['export', '--reveal']).stdout);
    // Tickets logged afterwards take the next id and the next number of their month.
    const created = run(second, ['create', '--title', 'After the copy', '--requester', 'Li Lei', '--channel', 'phone', '--no-auto', '--json']);
    expect(JSON.parse(created.stdout)).toMatchObject({ id: 301 });
  }, 120_000);

  // A few tens of thousands of rows: the kill lands mid-way on two shared cores.
  const ROWS = 30_000;
  const BATCH = 2000;

  /** What a killed import may leave: counted over another connection. */
  async function facts(db: string) {
    return admin(async (client) => {
      const { rows } = await client.query(`SELECT
        (SELECT count(*) FROM tickets)::int AS tickets,
        (SELECT count(*) FROM events WHERE kind = 'import')::int AS events,
        (SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind = 'import'))::int AS orphans,
        (SELECT count(*) FROM sequences s WHERE s.value <> (SELECT count(*) FROM tickets t WHERE starts_with(t.number, s.name || '-')))::int AS sequences_off,
        (SELECT count(*) FROM ticket_search)::int AS indexed,
        (SELECT count(*) FROM search_backlog)::int AS backlog`);
      return rows[0] as { tickets: number; events: number; orphans: number; sequences_off: number; indexed: number; backlog: number };
    }, db);
  }

  it('killed mid-way keeps every committed batch and no half ticket; running it again completes the rest', async () => {
    const box = sandbox();
    const csv = join(box.dir, 'tickets.csv');
    expect(spawnSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--count', String(ROWS), '--format', 'csv', '--out', csv]).status).toBe(0);
    const db = await newDatabase();
    const args = [DESK, '--db', db, 'import', csv, '--on-error', 'skip', '--batch-size', String(BATCH)];
    const env = { ...box.env, ...NOW };
    // Set up first, so that counting never races the schema.
    expect(box.desk(['--db', db, 'init'], { env: NOW }).code).toBe(0);

    const child = spawn(process.execPath, args, { cwd: box.dir, env, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
    // Kill it once a few batches are in, without warning: no handler runs, nothing is flushed.
    for (let waited = 0; (await facts(db)).tickets < 2 * BATCH; waited += 20) {
      if (waited > 60_000) throw new Error('the import committed nothing in a minute');
      await sleep(20);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const after = await facts(db);
    expect(after.tickets).toBeGreaterThanOrEqual(2 * BATCH);
    expect(after.tickets).toBeLessThan(ROWS);
    expect(after.tickets % BATCH).toBe(0);
    // Killed before it wrote their search rows (an import this small writes them after the load).
    expect(after).toEqual({ tickets: after.tickets, events: after.tickets, orphans: 0, sequences_off: 0, indexed: 0, backlog: after.tickets });
    const run = (more: string[]) => spawnSync(process.execPath, [DESK, '--db', db, ...more], { cwd: box.dir, env, encoding: 'utf8', timeout: 170_000 });
    // Searches read them in the backlog meanwhile: the last ticket in is found by its title.
    const [last] = await admin(async (client) => (await client.query('SELECT id, title FROM tickets ORDER BY id DESC LIMIT 1')).rows, db);
    const hits = JSON.parse(run(['search', `"${last.title}"`, '--limit', '1000', '--json']).stdout) as { ticket: { id: number } }[];
    expect(hits.map((h) => h.ticket.id)).toContain(Number(last.id));
    const doctor = run(['doctor', '--json']);
    expect(doctor.status).toBe(1);
    expect(searchCheck(doctor.stdout)).toEqual({ ok: false, detail: `${after.tickets} imported ticket(s) not indexed yet (searches find them by a scan; similar does not offer them)` });
    const repaired = run(['doctor', '--repair', '--json']);
    expect(JSON.parse(repaired.stdout).repaired).toEqual([{ check: 'search index', detail: `indexed ${after.tickets} ticket(s) an import had left unindexed` }]);
    expect(searchCheck(repaired.stdout)).toEqual({ ok: true, detail: 'every ticket indexed' });
    expect(await facts(db)).toEqual({ ...after, indexed: after.tickets, backlog: 0 });

    const again = run(['import', csv, '--on-error', 'skip', '--batch-size', String(BATCH), '--json']);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ read: ROWS, inserted: ROWS - after.tickets, skipped: after.tickets, rejected: 0 });
    expect(await facts(db)).toEqual({ tickets: ROWS, events: ROWS, orphans: 0, sequences_off: 0, indexed: ROWS, backlog: 0 });
    expect(searchCheck(run(['doctor', '--json']).stdout)).toEqual({ ok: true, detail: 'every ticket indexed' });
  }, 180_000);
});
