// Several real desk processes working one database at once, then the invariants that must hold.
//   npm run stress -- [--workers 8] [--tickets 25] [--kill 0.05]
// Each worker walks its tickets through create → classify → dispatch → note → respond → resolve →
// close, one desk process per step. With --kill, some steps are SIGKILLed at a random moment and
// then run again, as an operator would after a crash. Stops by itself; prints a summary and JSON.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const DESK = fileURLToPath(new URL('../bin/desk.js', import.meta.url));
const CONFIG = fileURLToPath(new URL('../config', import.meta.url));

function desk(args, env, killAfterMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DESK, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export async function runStress({ workers = 8, tickets = 25, kill = 0, db, seed = 1 } = {}) {
  const dir = db ? undefined : mkdtempSync(join(tmpdir(), 'desk-stress-'));
  const database = db ?? join(dir, 'desk.db');
  const env = { ...process.env, DESK_DB: database, DESK_CONFIG: CONFIG, NO_COLOR: '1' };
  let random = seed;
  const next = () => ((random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const failures = [];
  let operations = 0;
  let killed = 0;

  // One step, run again after a kill until it has taken effect; `done` says whether it has.
  async function step(args, workerEnv, done) {
    for (;;) {
      const killAt = kill && next() < kill ? Math.floor(next() * 150) : undefined;
      const result = await desk(args, workerEnv, killAt);
      operations++;
      if (result.signal === 'SIGKILL') {
        killed++;
        if (await done()) return result;
        continue;
      }
      if (result.code !== 0) failures.push({ args, code: result.code, stderr: result.stderr.trim() });
      return result;
    }
  }

  async function worker(w) {
    const workerEnv = { ...env, DESK_ACTOR: `agent${w}` };
    for (let i = 0; i < tickets; i++) {
      const externalId = `stress-${w}-${i}`;
      const ticket = () => {
        if (!existsSync(database)) return undefined;
        const conn = new Database(database, { readonly: true, fileMustExist: true });
        try {
          return conn.prepare('SELECT id, status, version FROM tickets WHERE external_id = ?').get(externalId);
        } finally {
          conn.close();
        }
      };
      await step(['create', '--title', `打印机卡纸 printer jam ${w}/${i}`, '--requester', `r${w}`, '--channel', 'phone', '--external-id', externalId], workerEnv, async () => Boolean(ticket()));
      const id = ticket()?.id;
      if (!id) continue;
      const version = () => ticket().version;
      for (const args of [['classify', String(id)], ['dispatch', String(id)], ['note', String(id), `note ${w}/${i}`], ['respond', String(id)], ['resolve', String(id), '--solution', 'cleared'], ['close', String(id), '--satisfaction', '5']]) {
        const before = version();
        await step(args, workerEnv, async () => version() > before);
      }
    }
  }

  const started = Date.now();
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  const seconds = (Date.now() - started) / 1000;

  const conn = new Database(database, { readonly: true });
  const integrity = conn.pragma('integrity_check', { simple: true });
  const rows = conn.prepare('SELECT id, number, status FROM tickets').all();
  const kinds = new Map();
  for (const e of conn.prepare('SELECT ticket_id, kind FROM events ORDER BY id').all()) kinds.set(e.ticket_id, [...(kinds.get(e.ticket_id) ?? []), e.kind]);
  conn.close();
  const expected = ['create', 'classify', 'dispatch', 'note', 'respond', 'resolve', 'close'];
  const incomplete = rows.filter((t) => t.status !== 'closed' || JSON.stringify(kinds.get(t.id)) !== JSON.stringify(expected));
  return {
    database,
    workers,
    tickets: rows.length,
    expected_tickets: workers * tickets,
    unique_numbers: new Set(rows.map((t) => t.number)).size,
    incomplete: incomplete.map((t) => ({ number: t.number, status: t.status, events: kinds.get(t.id) })),
    failures,
    locked_errors: failures.filter((f) => /database is locked|SQLITE_BUSY/i.test(f.stderr)).length,
    integrity,
    operations,
    killed,
    seconds,
    operations_per_second: Math.round((operations / seconds) * 10) / 10,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { workers: { type: 'string', default: '8' }, tickets: { type: 'string', default: '25' }, kill: { type: 'string', default: '0' } } });
  const result = await runStress({ workers: Number(values.workers), tickets: Number(values.tickets), kill: Number(values.kill) });
  const ok = result.integrity === 'ok' && result.tickets === result.expected_tickets && result.unique_numbers === result.tickets && !result.incomplete.length && !result.failures.length;
  console.log(`${result.workers} processes, ${result.operations} operations in ${result.seconds.toFixed(1)} s (${result.operations_per_second}/s), ${result.killed} killed and re-run`);
  console.log(`tickets ${result.tickets}/${result.expected_tickets}, unique numbers ${result.unique_numbers}, incomplete ${result.incomplete.length}, failures ${result.failures.length}, "database is locked" ${result.locked_errors}, integrity ${result.integrity}`);
  console.log(JSON.stringify({ ...result, incomplete: result.incomplete.slice(0, 5), failures: result.failures.slice(0, 5) }, null, 2));
  process.exitCode = ok ? 0 : 1;
}
