// Import and export throughput: `desk import` of N generated tickets (CSV) with and without the
// routing rules, beside `sqlite3 :memory: .import` of the same file and papaparse reading it alone,
// all in the same run; then `desk export` of the imported database. Peak memory of each desk run.
// Not a test: prints a table and JSON.
//   node bench/import.mjs [--count 1000000] [--skip-rules] [--keep]
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000000' }, 'skip-rules': { type: 'boolean' }, keep: { type: 'boolean' } } });
const count = Number(values.count);
const root = fileURLToPath(new URL('..', import.meta.url));
const cache = fileURLToPath(new URL('./.cache/', import.meta.url));
mkdirSync(cache, { recursive: true });
const csv = `${cache}tickets-${count}.csv`;
if (!existsSync(csv)) {
  const made = spawnSync(process.execPath, [`${root}bench/generate.mjs`, '--count', String(count), '--format', 'csv', '--out', csv], { stdio: 'inherit' });
  if (made.status !== 0) process.exit(1);
}
const size = statSync(csv).size;

// Every generated ticket is in the past of this moment (the generator ends in November 2026).
const env = { ...process.env, DESK_CONFIG: `${root}config`, DESK_ACTOR: 'bench', DESK_NOW: '2026-12-01T00:00:00+08:00', TZ: 'UTC' };
delete env.DESK_DEBUG;
// Peak RSS of a child, reported by the child itself when it exits.
const PEAK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\npeak-rss '+process.resourceUsage().maxRSS+'\\n'))`;

function run(command, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const peak = /peak-rss (\d+)/.exec(stderr);
      resolve({ code, seconds, stdout, stderr, peakMb: peak ? Math.round(Number(peak[1]) / 1024) : null });
    });
  });
}

function desk(args, extraEnv) {
  return run(process.execPath, ['--import', PEAK, `${root}bin/desk.js`, ...args], extraEnv);
}

function check(result, what) {
  if (result.code !== 0) {
    console.error(`${what} failed (exit ${result.code}):\n${result.stderr.slice(-2000)}`);
    process.exit(1);
  }
  return result;
}

async function parseOnly() {
  const started = process.hrtime.bigint();
  const parser = new Papa.Parser({ delimiter: ',', newline: '\r\n' });
  let carry = '';
  let rows = 0;
  for await (const chunk of createReadStream(csv, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = carry + chunk;
    const result = parser.parse(text, 0, true);
    rows += result.data.length;
    carry = text.slice(result.meta.cursor);
  }
  if (carry) rows += parser.parse(carry, 0, false).data.length;
  return { rows: rows - 1, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

const rate = (rows, seconds) => Math.round(rows / seconds);
const results = { tickets: count, file_mb: Math.round(size / 1024 / 1024) };
const table = {};

// Floors, measured in this run.
const sqlite = check(await run('sqlite3', [':memory:', '-cmd', '.mode csv', `.import ${csv} t`, 'SELECT count(*) FROM t;']), 'sqlite3 .import');
results.sqlite3_import = { seconds: +sqlite.seconds.toFixed(2), rows_per_second: rate(count, sqlite.seconds) };
table['sqlite3 :memory: .import (floor)'] = { seconds: +sqlite.seconds.toFixed(2), 'rows/s': results.sqlite3_import.rows_per_second, 'peak MB': '', 'ratio to sqlite3': 1 };
const parsed = await parseOnly();
results.papaparse_alone = { seconds: +parsed.seconds.toFixed(2), rows_per_second: rate(parsed.rows, parsed.seconds) };
table['papaparse alone, in-process'] = { seconds: +parsed.seconds.toFixed(2), 'rows/s': results.papaparse_alone.rows_per_second, 'peak MB': '', 'ratio to sqlite3': +(parsed.seconds / sqlite.seconds).toFixed(2) };

const db = `${cache}import-bench.db`;
const fresh = () => ['', '-wal', '-shm'].forEach((s) => rmSync(db + s, { force: true }));
const variants = [
  ['import (default: check pass, then write)', []],
  ['import --on-error skip (one pass)', ['--on-error', 'skip']],
  ...(values['skip-rules'] ? [] : [['import --classify --dispatch', ['--classify', '--dispatch']]]),
];
for (const [label, flags] of variants) {
  fresh();
  const result = check(await desk(['import', csv, '--db', db, '--json', ...flags]), label);
  const summary = JSON.parse(result.stdout);
  if (summary.inserted !== count) {
    console.error(`${label}: inserted ${summary.inserted} of ${count}`);
    process.exit(1);
  }
  const key = label.replace(/[^a-z]+/gi, '_').replace(/^_|_$/g, '').toLowerCase();
  results[key] = { seconds: +result.seconds.toFixed(2), rows_per_second: rate(count, result.seconds), peak_rss_mb: result.peakMb, ratio_to_sqlite3: +(result.seconds / sqlite.seconds).toFixed(2) };
  table[`desk ${label}`] = { seconds: +result.seconds.toFixed(2), 'rows/s': results[key].rows_per_second, 'peak MB': result.peakMb, 'ratio to sqlite3': results[key].ratio_to_sqlite3 };
}

// The floor under any import into this schema: the rows the import wrote, copied by plain
// INSERTs (ticket and import event, 5000 a transaction) into an empty database of the same schema.
{
  const { default: Database } = await import('better-sqlite3');
  const copy = `${cache}import-floor.db`;
  ['', '-wal', '-shm'].forEach((s) => rmSync(copy + s, { force: true }));
  const source = new Database(db, { readonly: true });
  const target = new Database(copy);
  target.pragma('journal_mode = WAL');
  target.pragma('synchronous = FULL');
  // The schema as the import left it; the shadow tables of a virtual table (full-text search)
  // come with the virtual table itself.
  const schema = source.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid").all();
  const virtual = schema.filter((o) => /^CREATE VIRTUAL TABLE/i.test(o.sql)).map((o) => `${o.name}_`);
  for (const { type, name, sql } of schema) if (!(type === 'table' && !/^CREATE VIRTUAL/i.test(sql) && virtual.some((prefix) => name.startsWith(prefix)))) target.exec(sql);
  const columns = source.prepare('SELECT * FROM tickets LIMIT 1').columns().map((c) => c.name);
  const page = source.prepare('SELECT * FROM tickets WHERE id > ? ORDER BY id LIMIT 5000').raw(true);
  const insert = target.prepare(`INSERT INTO tickets (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const event = target.prepare('INSERT INTO events (ticket_id, at, actor, kind, data) VALUES (?, ?, ?, ?, ?)');
  let seconds = 0;
  for (let last = 0, rows = page.all(last); rows.length; last = rows.at(-1)[0], rows = page.all(last)) {
    const started = process.hrtime.bigint();
    target.transaction(() => {
      for (const row of rows) event.run(insert.run(row).lastInsertRowid, 0, 'bench', 'import', `{"source":"x.csv","line":${row[0]}}`);
    }).immediate();
    seconds += Number(process.hrtime.bigint() - started) / 1e9;
  }
  source.close();
  target.close();
  ['', '-wal', '-shm'].forEach((s) => rmSync(copy + s, { force: true }));
  results.insert_floor = { seconds: +seconds.toFixed(2), rows_per_second: rate(count, seconds), ratio_to_sqlite3: +(seconds / sqlite.seconds).toFixed(2) };
  table['plain INSERTs of the same tickets into the desk schema (floor)'] = { seconds: +seconds.toFixed(2), 'rows/s': results.insert_floor.rows_per_second, 'peak MB': '', 'ratio to sqlite3': results.insert_floor.ratio_to_sqlite3 };
}

// Re-running the same file adds nothing: the idempotency check over the whole file.
const again = check(await desk(['import', csv, '--db', db, '--json', '--on-error', 'skip']), 'import again');
const second = JSON.parse(again.stdout);
results.import_again = { seconds: +again.seconds.toFixed(2), rows_per_second: rate(count, again.seconds), skipped: second.skipped, inserted: second.inserted };
table['desk import of the same file again (all skipped)'] = { seconds: +again.seconds.toFixed(2), 'rows/s': results.import_again.rows_per_second, 'peak MB': again.peakMb, 'ratio to sqlite3': +(again.seconds / sqlite.seconds).toFixed(2) };

for (const format of ['csv', 'ndjson']) {
  const out = `${cache}export-bench.${format}`;
  const result = check(await desk(['export', '--db', db, '--format', format, '--out', out, '--reveal']), `export ${format}`);
  results[`export_${format}`] = { seconds: +result.seconds.toFixed(2), rows_per_second: rate(count, result.seconds), peak_rss_mb: result.peakMb, file_mb: Math.round(statSync(out).size / 1024 / 1024) };
  table[`desk export --format ${format}`] = { seconds: +result.seconds.toFixed(2), 'rows/s': results[`export_${format}`].rows_per_second, 'peak MB': result.peakMb, 'ratio to sqlite3': '' };
  if (!values.keep) rmSync(out, { force: true });
}
if (!values.keep) fresh();

console.table(table);
console.log(JSON.stringify(results, null, 2));
