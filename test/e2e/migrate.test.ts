// desk migrate with the built binary, SQLite → PostgreSQL → SQLite: a desk worked on by several
// commands comes back the same, export byte for byte and history line for line; a second run
// copies nothing; a migrate killed mid-way and run again completes.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { describeWith, POSTGRES, postgresLocation } from '../system-programs.js';
import { DESK, ROOT, sandbox, type Sandbox } from './helpers.js';
import { queryRows as query } from '../postgres-admin.js';

const made: string[] = [];
let count = 0;


/** A new, empty database on the test server: its URL. */
async function freshDatabase(): Promise<string> {
  const database = `desk_e2e_migrate_${process.pid}_${++count}`;
  made.push(database);
  await query(postgresLocation(), `CREATE DATABASE ${database}`);
  const url = new URL(postgresLocation());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs desk at a moment of November 2026 in Shanghai, "DD HH:MM". */
function deskAt(box: Sandbox, when: string, args: string[]) {
  const [day, time] = when.split(' ');
  const result = box.desk(args, { env: { DESK_NOW: `2026-11-${day}T${time}:00+08:00` } });
  if (result.code !== 0) throw new Error(`desk ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result;
}

/** A desk worked on as a desk is: tickets with trails, a visit, a handover, deadlines settled, a ticket reopened. */
function workOnDesk(box: Sandbox): void {
  deskAt(box, '20 09:00', ['create', '--title', '打印机卡纸', '--requester', '王芳', '--channel', 'phone', '--contact', '13800000000', '--auto']);
  deskAt(box, '20 09:05', ['create', '--title', 'VPN drops every hour', '--requester', 'Li Lei', '--channel', 'web', '--description', 'since the update', '--auto']);
  deskAt(box, '20 09:08', ['create', '--title', 'New monitor for reception', '--requester', 'Zhao', '--channel', 'email', '--type', 'request']);
  deskAt(box, '20 09:10', ['respond', '1', '--message', 'On our way']);
  deskAt(box, '20 09:20', ['note', '1', '换了硒鼓，还是卡纸']);
  deskAt(box, '20 10:00', ['visit', '1', '--staff', 'sun,zhou', '--hours', '1.5', '--parts', 'drum', '--materials-cost', '120.50', '--cause', 'worn drum']);
  deskAt(box, '20 11:00', ['resolve', '1', '--solution', 'Replaced the drum']);
  deskAt(box, '20 12:00', ['close', '1', '--satisfaction', '4']);
  deskAt(box, '21 09:00', ['reopen', '1', '--reason', 'jams again']);
  deskAt(box, '21 09:30', ['escalate', '2', '--reason', 'the whole floor']);
  deskAt(box, '21 10:00', ['pending', '2', '--reason', 'waiting for the vendor']);
  deskAt(box, '21 11:00', ['link', '2', '3', '--as', 'related']);
  deskAt(box, '21 18:00', ['handover', '--since', '8h']);
}

/** What desk shows of a database: the whole export and the trails of the tickets. */
function deskView(box: Sandbox, db: string) {
  const run = (args: string[]) => {
    const result = box.desk(['--db', db, ...args]);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  };
  return {
    export: run(['export', '--format', 'json', '--reveal']),
    csv: run(['export', '--reveal']),
    history: [1, 2, 3].map((id) => run(['history', String(id), '--reveal'])),
  };
}

function migrate(box: Sandbox, from: string, to: string, extra: string[] = []) {
  const result = box.desk(['--db', from, 'migrate', '--to', to, '--json', ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { verified: boolean; tables: { table: string; copied: number; source: { rows: number; checksum: string }; target: { rows: number; checksum: string } }[] };
}

describeWith(POSTGRES, 'desk migrate between SQLite and PostgreSQL', () => {
  afterEach(async () => {
    for (const database of made.splice(0)) await query(postgresLocation(), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('moves a desk to PostgreSQL and back to a new file: the same export byte for byte, the same history', async () => {
    const box = sandbox();
    workOnDesk(box);
    const server = await freshDatabase();
    const there = migrate(box, box.db, server);
    expect(there.verified).toBe(true);
    expect(there.tables.map((t) => [t.table, t.copied])).toEqual([
      ['tickets', 3], ['events', expect.any(Number)], ['visits', 1], ['settlements', expect.any(Number)],
      ['closed_cycles', 1], ['links', 1], ['handovers', 1], ['sequences', 1], ['rotations', expect.any(Number)],
    ]);
    for (const t of there.tables) expect(t.target, t.table).toEqual(t.source);
    expect(there.tables.find((t) => t.table === 'settlements')!.copied).toBeGreaterThan(0);
    // The server wrote the search rows of the copied tickets, their notes too, and has none left to write.
    expect(box.desk(['--db', server, 'search', '硒鼓']).stdout).toContain('SD-202611-00001');
    expect(box.desk(['--db', server, 'search', 'drops']).stdout).toContain('SD-202611-00002');
    expect(await query(server, 'SELECT (SELECT count(*) FROM ticket_search)::int AS indexed, (SELECT count(*) FROM search_backlog)::int AS backlog')).toEqual([{ indexed: 3, backlog: 0 }]);

    const back = join(box.dir, 'back.db');
    const home = migrate(box, server, back);
    expect(home.verified).toBe(true);
    // The same content on each leg: the checksums are the store's content, whichever store holds it.
    expect(home.tables.map((t) => t.target.checksum)).toEqual(there.tables.map((t) => t.source.checksum));

    const original = deskView(box, box.db);
    expect(deskView(box, back)).toEqual(original);
    expect(box.desk(['--db', server, 'history', '1', '--reveal']).stdout).toBe(original.history[0]);
    // The search index of the new file was built from the copied text, notes too.
    expect(box.desk(['--db', back, 'search', '硒鼓']).stdout).toContain('SD-202611-00001');
  });

  it('copies nothing when run again, and new tickets on the server take the next id and number', async () => {
    const box = sandbox();
    workOnDesk(box);
    const server = await freshDatabase();
    const first = migrate(box, box.db, server);
    const again = migrate(box, box.db, server);
    expect(again.verified).toBe(true);
    expect(again.tables.map((t) => t.copied)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(again.tables.map((t) => t.target)).toEqual(first.tables.map((t) => t.target));
    const created = deskAt(box, '22 09:00', ['--db', server, 'create', '--title', 'Keyboard missing keys', '--requester', 'Wu', '--channel', 'web', '--no-auto', '--json']);
    expect(JSON.parse(created.stdout)).toMatchObject({ id: 4, number: 'SD-202611-00004' });
    expect(JSON.parse(deskAt(box, '22 09:05', ['--db', server, 'note', '4', 'Ordered one', '--json']).stdout)).toMatchObject({ id: 4, version: 2 });
  });

  it('completes a migrate that was killed mid-way when run again', async () => {
    const box = sandbox();
    const rows = 20_000;
    const batch = 500;
    const csv = join(box.dir, 'tickets.csv');
    expect(spawnSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--count', String(rows), '--format', 'csv', '--out', csv]).status).toBe(0);
    // The generated tickets run to the end of November 2026.
    const env = { ...box.env, DESK_NOW: '2026-12-01T00:00:00+08:00' };
    const imported = spawnSync(process.execPath, [DESK, 'import', csv, '--on-error', 'skip'], { cwd: box.dir, env, encoding: 'utf8', timeout: 120_000 });
    expect(imported.status, imported.stderr).toBe(0);
    const server = await freshDatabase();
    // Nothing before the migrate has made the schema.
    const tickets = () => query<{ n: string }>(server, 'SELECT count(*) AS n FROM tickets').then(([row]) => Number(row!.n), () => 0);

    const child = spawn(process.execPath, [DESK, 'migrate', '--to', server, '--batch-size', String(batch)], { cwd: box.dir, env, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
    // Killed once a few batches are in, without warning: the open transaction dies with the connection.
    for (let waited = 0; (await tickets()) < 2 * batch; waited += 20) {
      if (waited > 60_000) throw new Error('the migrate copied nothing in a minute');
      await sleep(20);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const [left] = await query<{ tickets: string; events: string }>(server, 'SELECT (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM events) AS events');
    expect(Number(left!.tickets) % batch).toBe(0);
    expect(Number(left!.events)).toBeLessThan(rows);

    const again = spawnSync(process.execPath, [DESK, 'migrate', '--to', server, '--json'], { cwd: box.dir, env, encoding: 'utf8', timeout: 170_000 });
    expect(again.status, again.stderr).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report.verified).toBe(true);
    const copied = Object.fromEntries(report.tables.map((t: any) => [t.table, t.copied]));
    expect([copied.tickets, copied.events]).toEqual([rows - Number(left!.tickets), rows - Number(left!.events)]);
    expect(report.tables.find((t: any) => t.table === 'tickets').target.rows).toBe(rows);
  }, 240_000);
});
