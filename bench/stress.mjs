// Several real desk processes working one database at once, then the invariants that must hold.
//   npm run stress -- [--workers 8] [--tickets 25] [--imports 5] [--kill 0.05] [--db postgres://…]
// --db names the database to work (an empty one: a new SQLite file by default, or an empty
// PostgreSQL database).
// Each worker walks its tickets through create → classify → dispatch → note → respond → resolve →
// close, one desk process per step, and in between imports small CSV and JSON files (5–20 rows):
// one of its own per round, imported twice (the second time adds nothing), and the round's shared
// file, which every worker imports at about the same time. With --kill, some steps are SIGKILLed
// at a random moment and then run again, as an operator would after a crash. Stops by itself;
// prints a summary and JSON.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';

const DESK = fileURLToPath(new URL('../bin/desk.js', import.meta.url));
const CONFIG = fileURLToPath(new URL('../config', import.meta.url));

// A kill lands within this many ms of the start: a step is mostly Node's start-up, an import
// lives longer (two passes over the file, a commit per batch).
const KILL_WINDOW_MS = 150;
const IMPORT_KILL_WINDOW_MS = 600;
// Half the imports chosen for a kill are killed the moment the first rows of their file are
// committed: the write phase of a small file lasts a few milliseconds, a random moment rarely hits it.
const POLL_MS = 3;
const CHANNELS = ['phone', 'email', 'web', 'onsite'];
const CSV_COLUMNS = ['external_id', 'title', 'description', 'requester', 'channel', 'created_at', 'status', 'type', 'team', 'assignee', 'resolved_at', 'closed_at', 'solution', 'satisfaction'];
const AGENTS_OF_DESKTOP = ['sun', 'zhou']; // config/teams.yaml
const LIFECYCLE = ['create', 'classify', 'dispatch', 'note', 'respond', 'resolve', 'close'];

/** Runs desk; SIGKILLs it after `kill` ms, or as soon as `kill()` (polled) says so. */
function desk(args, env, kill) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DESK, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer =
      kill === undefined
        ? undefined
        : typeof kill === 'number'
          ? setTimeout(() => child.kill('SIGKILL'), kill)
          : pollKill(kill, () => child.kill('SIGKILL'));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Asks `test` (which may answer asynchronously) every POLL_MS, one question at a time, and calls `kill` once it says yes. */
function pollKill(test, kill) {
  let asking = false;
  return setInterval(async () => {
    if (asking) return;
    asking = true;
    try {
      if (await test()) kill();
    } finally {
      asking = false;
    }
  }, POLL_MS);
}

/**
 * Reads the desk's database beside the workers: an SQLite file (opened for each question, read
 * only) or a PostgreSQL database (one small pool). `rows` answers undefined while there is no desk
 * there yet. SQL is written with ? placeholders.
 */
export function openDeskReader(database) {
  if (/^postgres(ql)?:\/\//i.test(database)) {
    const pool = new pg.Pool({ connectionString: database, max: 2, types: { getTypeParser: (oid, format) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) } });
    pool.on('error', () => {});
    return {
      async rows(sql, params = []) {
        let n = 0;
        try {
          return (await pool.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
        } catch (error) {
          if (error.code === '42P01') return undefined;
          throw error;
        }
      },
      // The server checks its pages as it writes them; amcheck is doctor's.
      integrity: async () => 'ok',
      close: () => pool.end(),
    };
  }
  const withFile = (fn) => {
    if (!existsSync(database)) return undefined;
    const conn = new Database(database, { readonly: true, fileMustExist: true });
    try {
      return fn(conn);
    } catch (error) {
      if (/no such table/.test(error.message)) return undefined;
      throw error;
    } finally {
      conn.close();
    }
  };
  return {
    rows: async (sql, params = []) => withFile((conn) => conn.prepare(sql).all(...params)),
    integrity: async () => withFile((conn) => conn.pragma('integrity_check', { simple: true })),
    close: async () => {},
  };
}

/**
 * The rows of one import file: every third an open printer ticket (which --classify --dispatch
 * classify and dispatch), the rest closed history with its own times and outcome. Some titles
 * need quoting in CSV, some descriptions run over two lines.
 */
function importRows(key, count, month) {
  return Array.from({ length: count }, (_, r) => {
    const day = String(1 + (r % 28)).padStart(2, '0');
    const hour = 9 + (r % 8);
    const at = (h) => `2025-${month}-${day}T${String(h).padStart(2, '0')}:${String((r * 7) % 60).padStart(2, '0')}:00+08:00`;
    const row = {
      external_id: `${key}-${r}`,
      title: r % 3 === 0 ? `打印机卡纸 printer jam ${key}/${r}` : `报表 "ERP", 导出失败 ${key}/${r}`,
      description: r % 4 === 1 ? '第一行 first line\nsecond line, "quoted"' : null,
      requester: `导入 ${key}`,
      channel: CHANNELS[r % CHANNELS.length],
      created_at: at(hour),
    };
    if (r % 3 !== 0) Object.assign(row, { status: 'closed', type: 'fault', team: 'desktop', assignee: 'sun', resolved_at: at(hour + 2), closed_at: at(hour + 3), solution: 'cleared', satisfaction: 1 + (r % 5) });
    return row;
  });
}

/** Writes the rows as CSV or as a JSON array; returns the line each row starts on. */
function writeImportFile(path, rows, format) {
  const lines = [];
  let text;
  let line = 2;
  if (format === 'csv') {
    const cell = (v) => {
      const t = v === null || v === undefined ? '' : String(v);
      return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
    };
    text = `${CSV_COLUMNS.join(',')}\n`;
    for (const row of rows) {
      const record = CSV_COLUMNS.map((c) => cell(row[c])).join(',');
      lines.push(line);
      line += record.split('\n').length;
      text += `${record}\n`;
    }
  } else {
    text = `[\n${rows.map((row) => (lines.push(line++), JSON.stringify(row))).join(',\n')}\n]\n`;
  }
  writeFileSync(path, text);
  return lines;
}

/**
 * An import file of round `f` and the command that imports it: the batch size, error mode and
 * rules vary with `variant`, so that even a short run tries each.
 */
function importPlan(dir, key, f, variant, count, csv) {
  const format = csv ? 'csv' : 'json';
  const path = join(dir, `${key}.${format}`);
  const rows = importRows(key, count, String(1 + (f % 12)).padStart(2, '0'));
  const lines = writeImportFile(path, rows, format);
  const batch = [5000, 4, 1][variant % 3];
  const rules = variant % 2 === 1;
  const args = ['import', path, '--json', '--batch-size', String(batch), ...(variant % 3 === 2 ? ['--on-error', 'skip'] : []), ...(rules ? ['--classify', '--dispatch'] : [])];
  return { key, path, rows, lines, batch, rules, args };
}

/** How an imported row must look in the database: its own values, plus what the rules add to an open row. */
function checkImported(ticket, events, row, file, line) {
  const ruled = file.rules && !row.status;
  const expected = {
    title: row.title,
    description: row.description,
    requester: row.requester,
    channel: row.channel,
    created_at: Date.parse(row.created_at),
    status: row.status ?? (ruled ? 'dispatched' : 'new'),
    type: row.type ?? (ruled ? 'fault' : null),
    category: ruled ? 'hardware/printer' : null,
    team: row.team ?? (ruled ? 'desktop' : null),
    resolved_at: row.resolved_at ? Date.parse(row.resolved_at) : null,
    closed_at: row.closed_at ? Date.parse(row.closed_at) : null,
    solution: row.solution ?? null,
    satisfaction: row.satisfaction ?? null,
  };
  const wrong = Object.keys(expected).filter((k) => ticket[k] !== expected[k]);
  if (row.assignee ? ticket.assignee !== row.assignee : ruled ? !AGENTS_OF_DESKTOP.includes(ticket.assignee) : ticket.assignee !== null) wrong.push('assignee');
  if (!ticket.number.startsWith(`SD-${row.created_at.slice(0, 4)}${row.created_at.slice(5, 7)}-`)) wrong.push('number');
  if (ticket.response_due_at === null || ticket.resolve_due_at === null) wrong.push('due times');
  const kinds = events.map((e) => e.kind);
  if (JSON.stringify(kinds) !== JSON.stringify(['import', ...(ruled ? ['classify', 'dispatch'] : [])])) wrong.push(`events ${kinds.join(',')}`);
  const data = events[0]?.kind === 'import' ? JSON.parse(events[0].data) : {};
  if (data.source !== file.path || data.line !== line) wrong.push(`import event ${events[0]?.data}`);
  return wrong;
}

export async function runStress({ workers = 8, tickets = 25, imports = 5, kill = 0, db, seed = 1 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'desk-stress-'));
  const database = db ?? join(dir, 'desk.db');
  const env = { ...process.env, DESK_DB: database, DESK_CONFIG: CONFIG, NO_COLOR: '1' };
  let random = seed;
  const next = () => ((random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const failures = [];
  const importProblems = [];
  const results = [];
  let operations = 0;
  let killed = 0;
  let importsKilled = 0;
  let partialAfterKill = 0;

  // A look at the database while the workers run; undefined until it exists and has its tables.
  const reader = openDeskReader(database);
  const first = async (sql, params) => (await reader.rows(sql, params))?.[0];

  // One step, run again after a kill until it has taken effect; `done` says whether it has.
  // Returns the last run and how many runs before it were killed.
  async function step(args, workerEnv, done, window = KILL_WINDOW_MS, started = undefined) {
    for (let kills = 0; ; ) {
      const killAt = kill && next() < kill ? (started && next() < 0.5 ? started : Math.floor(next() * window)) : undefined;
      const result = await desk(args, workerEnv, killAt);
      operations++;
      if (result.signal === 'SIGKILL') {
        killed++;
        kills++;
        if (await done()) return { ...result, kills };
        continue;
      }
      results.push(result);
      if (result.code !== 0) failures.push({ args, code: result.code, stderr: result.stderr.trim() });
      return { ...result, kills };
    }
  }

  // Every file to import, by key; the shared files of each round are written before the workers start.
  const files = new Map();
  const rowCount = (w, f) => 5 + ((w * 7 + f * 13 + seed) % 16);
  const shared = Array.from({ length: imports }, (_, f) => importPlan(dir, `shared-${f}`, f, f, rowCount(workers, f), f % 2 === 1));
  for (const file of shared) files.set(file.key, file);
  const sharedInserted = new Map();

  /**
   * Which rows of the file are in the database. Batches commit in file order, so after a kill
   * they are always the first k rows, k a whole number of batches (or all of them).
   */
  async function presentAfterKill(file) {
    const found = await reader.rows('SELECT external_id FROM tickets WHERE external_id >= ? AND external_id < ?', [`${file.key}-`, `${file.key}.`]);
    const present = new Set((found ?? []).map((row) => row.external_id));
    const k = file.rows.findIndex((row) => !present.has(row.external_id));
    const count = k === -1 ? file.rows.length : k;
    if (present.size !== count || (count % file.batch !== 0 && count !== file.rows.length)) {
      importProblems.push(`${file.key}: after a kill ${present.size} rows present, not a whole number of batches of ${file.batch} from the start of the file`);
    }
    if (count > 0 && count < file.rows.length) partialAfterKill++;
    return count;
  }

  async function importStep(file, workerEnv, expect) {
    const someIn = async () => (await first('SELECT 1 AS found FROM tickets WHERE external_id = ?', [file.rows[0].external_id])) !== undefined;
    const result = await step(file.args, workerEnv, async () => (importsKilled++, (await presentAfterKill(file)) === file.rows.length), IMPORT_KILL_WINDOW_MS, someIn);
    if (result.code !== 0) return;
    const n = file.rows.length;
    let summary;
    try {
      summary = JSON.parse(result.stdout);
    } catch {
      importProblems.push(`${file.key}: summary is not JSON: ${result.stdout.slice(0, 200)}`);
      return;
    }
    const { read: rows, inserted, skipped, updated, rejected } = summary;
    if (rows !== n || rejected !== 0 || updated !== 0 || inserted + skipped !== n) importProblems.push(`${file.key}: read ${rows}, inserted ${inserted}, skipped ${skipped}, updated ${updated}, rejected ${rejected} of ${n} rows`);
    else if (result.kills === 0 && expect === 'all' && inserted !== n) importProblems.push(`${file.key}: first import inserted ${inserted} of ${n}`);
    else if (result.kills === 0 && expect === 'none' && inserted !== 0) importProblems.push(`${file.key}: imported again, inserted ${inserted} (expected 0)`);
    if (expect === 'some') sharedInserted.set(file.key, (sharedInserted.get(file.key) ?? 0) + inserted);
  }

  async function worker(w) {
    const workerEnv = { ...env, DESK_ACTOR: `agent${w}` };
    let round = 0;
    for (let i = 0; i < tickets; i++) {
      const externalId = `stress-${w}-${i}`;
      const ticket = () => first('SELECT id, status, version FROM tickets WHERE external_id = ?', [externalId]);
      await step(['create', '--title', `打印机卡纸 printer jam ${w}/${i}`, '--requester', `r${w}`, '--channel', 'phone', '--external-id', externalId], workerEnv, async () => Boolean(await ticket()));
      const id = (await ticket())?.id;
      if (id) {
        const version = async () => (await ticket()).version;
        for (const args of [['classify', String(id)], ['dispatch', String(id)], ['note', String(id), `note ${w}/${i}`], ['respond', String(id)], ['resolve', String(id), '--solution', 'cleared'], ['close', String(id), '--satisfaction', '5']]) {
          const before = await version();
          await step(args, workerEnv, async () => (await version()) > before);
        }
      }
      // The import rounds, spread over the tickets.
      for (; round < imports && Math.floor((round * tickets) / imports) <= i; round++) {
        await importStep(shared[round], workerEnv, 'some');
        const own = importPlan(dir, `own-${w}-${round}`, round, w + round, rowCount(w, round), (w + round) % 2 === 0);
        files.set(own.key, own);
        await importStep(own, workerEnv, 'all');
        await importStep(own, workerEnv, 'none');
      }
    }
  }

  const started = Date.now();
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  const seconds = (Date.now() - started) / 1000;

  const integrity = await reader.integrity();
  const rows = (await reader.rows('SELECT * FROM tickets')) ?? [];
  const events = new Map();
  // As text, which is how SQLite keeps it and how checkImported reads it.
  for (const e of (await reader.rows('SELECT ticket_id, kind, CAST(data AS text) AS data FROM events ORDER BY id')) ?? []) events.set(e.ticket_id, [...(events.get(e.ticket_id) ?? []), e]);
  await reader.close();

  const created = rows.filter((t) => t.external_id?.startsWith('stress-'));
  const kindsOf = (t) => (events.get(t.id) ?? []).map((e) => e.kind);
  const incomplete = created.filter((t) => t.status !== 'closed' || JSON.stringify(kindsOf(t)) !== JSON.stringify(LIFECYCLE));

  // Every row of every file imported exactly once, whole, with its one import event.
  const byExternalId = new Map(rows.map((t) => [t.external_id, t]));
  const expectedImported = [...files.values()].reduce((n, f) => n + f.rows.length, 0);
  const missing = [];
  const broken = [];
  for (const file of files.values()) {
    file.rows.forEach((row, r) => {
      const ticket = byExternalId.get(row.external_id);
      if (!ticket) return missing.push(row.external_id);
      const wrong = checkImported(ticket, events.get(ticket.id) ?? [], row, file, file.lines[r]);
      if (wrong.length) broken.push({ external_id: row.external_id, number: ticket.number, wrong });
    });
  }
  for (const file of shared) {
    const inserted = sharedInserted.get(file.key) ?? 0;
    // Without kills, the workers' summaries of a shared file add up to its rows; a killed run may have inserted some unreported.
    if (kill ? inserted > file.rows.length : inserted !== file.rows.length) importProblems.push(`${file.key}: the imports of ${workers} workers inserted ${inserted} of ${file.rows.length} rows`);
  }
  const imported = rows.filter((t) => files.has(t.external_id?.replace(/-\d+$/, ''))).length;
  const strays = rows.length - created.length - imported;

  return {
    database,
    workers,
    tickets: created.length,
    expected_tickets: workers * tickets,
    imported,
    expected_imported: expectedImported,
    import_files: files.size,
    strays,
    total_tickets: rows.length,
    unique_numbers: new Set(rows.map((t) => t.number)).size,
    rows_lost: workers * tickets - created.length + missing.length,
    incomplete: incomplete.map((t) => ({ number: t.number, status: t.status, events: kindsOf(t) })),
    import_missing: missing,
    import_broken: broken,
    import_problems: importProblems,
    failures,
    locked_errors: results.filter((r) => /database is locked|SQLITE_BUSY/i.test(r.stderr)).length,
    integrity,
    operations,
    killed,
    imports_killed: importsKilled,
    partial_imports_after_kill: partialAfterKill,
    seconds,
    operations_per_second: Math.round((operations / seconds) * 10) / 10,
  };
}

/** Whether every invariant held. */
export function stressHeld(result) {
  return (
    result.integrity === 'ok' &&
    result.tickets === result.expected_tickets &&
    result.imported === result.expected_imported &&
    result.strays === 0 &&
    result.unique_numbers === result.total_tickets &&
    result.rows_lost === 0 &&
    !result.incomplete.length &&
    !result.import_missing.length &&
    !result.import_broken.length &&
    !result.import_problems.length &&
    !result.failures.length &&
    result.locked_errors === 0
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { workers: { type: 'string', default: '8' }, tickets: { type: 'string', default: '25' }, imports: { type: 'string', default: '5' }, kill: { type: 'string', default: '0' }, db: { type: 'string' } } });
  const result = await runStress({ workers: Number(values.workers), tickets: Number(values.tickets), imports: Number(values.imports), kill: Number(values.kill), db: values.db });
  console.log(`${result.workers} processes, ${result.operations} operations in ${result.seconds.toFixed(1)} s (${result.operations_per_second}/s), ${result.killed} killed and re-run (${result.imports_killed} imports, ${result.partial_imports_after_kill} of them with part of the file in)`);
  console.log(`tickets ${result.tickets}/${result.expected_tickets}, imported rows ${result.imported}/${result.expected_imported} from ${result.import_files} files, strays ${result.strays}, unique numbers ${result.unique_numbers}/${result.total_tickets}, rows lost ${result.rows_lost}`);
  console.log(`incomplete ${result.incomplete.length}, imported rows not whole ${result.import_broken.length}, import problems ${result.import_problems.length}, failures ${result.failures.length}, "database is locked" ${result.locked_errors}, integrity ${result.integrity}`);
  const head = (list) => list.slice(0, 5);
  console.log(JSON.stringify({ ...result, incomplete: head(result.incomplete), import_missing: head(result.import_missing), import_broken: head(result.import_broken), import_problems: head(result.import_problems), failures: head(result.failures) }, null, 2));
  process.exitCode = stressHeld(result) ? 0 : 1;
}
