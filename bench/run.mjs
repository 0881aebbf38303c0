// The benchmark suite: each figure beside its floor, measured in the same run, as a ratio.
//   npm run bench                      (100k tickets)
//   node bench/run.mjs --scale 1m      (1,000,000 tickets; the data set is generated and imported once, cached)
//   node bench/run.mjs --scale 200k --only import   (the import beside its floors, nothing else, nothing written)
// Writes bench/results.json with the machine facts. Not a test: nothing fails on a number.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import * as timing from './timing.mjs';
import { REPORT_MONTH, reportFloorSql } from './report-floor.mjs';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '100k' }, runs: { type: 'string', default: '7' }, only: { type: 'string' } } });
const SCALES = { '10k': 10_000, '100k': 100_000, '200k': 200_000, '1m': 1_000_000 };
if (values.only !== undefined && values.only !== 'import') throw new Error('--only: import');
const count = SCALES[values.scale];
if (!count) throw new Error(`--scale: one of ${Object.keys(SCALES).join(', ')}`);
const runs = Number(values.runs);
const root = fileURLToPath(new URL('..', import.meta.url));
const cache = fileURLToPath(new URL('./.cache/', import.meta.url));
mkdirSync(cache, { recursive: true });
const DESK = `${root}bin/desk.js`;
// Every generated ticket lies before this moment; all desk runs act at it.
const NOW = '2026-12-01T00:00:00+08:00';
const env = { ...process.env, DESK_CONFIG: `${root}config`, DESK_ACTOR: 'bench', DESK_NOW: NOW, NO_COLOR: '1', XDG_CACHE_HOME: `${cache}xdg` };
delete env.DESK_DEBUG;

const timed = (command, args, extraEnv = {}) => timing.timed(command, args, { ...env, ...extraEnv });
const repeat = (command, args, times = runs, extraEnv = {}) => timing.repeat(command, args, { times, env: { ...env, ...extraEnv } });

const rows = [];
const record = (name, measured, floorName, floor) => {
  const row = { name, median_s: +measured.median.toFixed(4), min_s: +measured.min.toFixed(4), max_s: +measured.max.toFixed(4), peak_mb: Math.round(measured.peakMb), floor: floorName, floor_median_s: +floor.median.toFixed(4), ratio: +(measured.median / floor.median).toFixed(2) };
  rows.push(row);
  console.log(`${name.padEnd(44)} ${row.median_s.toFixed(3).padStart(8)} s  (${row.min_s.toFixed(3)}–${row.max_s.toFixed(3)}, ${row.peak_mb} MB)  ${floorName} ${row.floor_median_s.toFixed(3)} s  ×${row.ratio}`);
};

// 1. The data set: a CSV made once by the seeded generator.
const csv = `${cache}bench-${values.scale}.csv`;
if (!existsSync(csv)) {
  console.log(`generating ${count} tickets…`);
  const made = spawnSync(process.execPath, [`${root}bench/generate.mjs`, '--count', String(count), '--seed', '1', '--end', '2026-11', '--format', 'csv', '--out', csv], { stdio: 'inherit' });
  if (made.status !== 0) process.exit(1);
}

// 2. Import with the rules applied, beside sqlite3 .import of the same file (floor).
const db = `${cache}bench-${values.scale}.db`;
const importDb = `${cache}import-${values.scale}.db`;
const importRuns = count >= 1_000_000 ? 1 : 3;
const importOnce = async () => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(importDb + suffix, { force: true });
  // Each run starts with the last one's dirty pages written back.
  spawnSync('sync');
  return timed(process.execPath, [DESK, 'import', csv, '--classify', '--dispatch', '--db', importDb]);
};
const imports = [];
for (let i = 0; i < importRuns; i++) {
  const r = await importOnce();
  if (r.code !== 0) throw new Error(`desk import exited ${r.code}: ${r.stderr.slice(0, 400)}`);
  imports.push(r);
}
const floorImports = [];
for (let i = 0; i < importRuns; i++) floorImports.push(await timed('sqlite3', [':memory:', '.mode csv', `.import ${csv} tickets`, 'SELECT COUNT(*) FROM tickets;']));
const summarise = (list) => {
  const s = list.map((r) => r.seconds).sort((a, b) => a - b);
  const cpu = list.map((r) => r.cpuSeconds).sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s.at(-1), cpuMedian: cpu[Math.floor(cpu.length / 2)], peakMb: Math.max(...list.map((r) => r.peakMb)) };
};
const importTimes = summarise(imports);
const floorImportTimes = summarise(floorImports);
record(`desk import ${values.scale} rows --classify --dispatch`, importTimes, 'sqlite3 .import', floorImportTimes);
// The same tickets and events written into the desk's schema by SQLite alone (bench/schema-floor.mjs):
// the part of the import that its indexes, audit trail and search index cost whatever the code.
const schemaFloors = [];
for (let i = 0; i < importRuns; i++) {
  spawnSync('sync');
  const copied = await timed(process.execPath, [`${root}bench/schema-floor.mjs`, '--from', importDb, '--to', `${cache}schema-floor-${values.scale}.db`]);
  if (copied.code !== 0) throw new Error(`bench/schema-floor.mjs exited ${copied.code}: ${copied.stderr.slice(0, 400)}`);
  // Its own timing: the copy alone, without bundling the store and opening the databases.
  const copy = JSON.parse(copied.stdout);
  schemaFloors.push({ seconds: copy.seconds, cpuSeconds: copy.cpu_seconds, peakMb: copied.peakMb });
}
const schemaFloorTimes = summarise(schemaFloors);
record(`the desk's schema written by SQLite alone`, schemaFloorTimes, 'sqlite3 .import', floorImportTimes);
const importOverSchema = +(importTimes.median / schemaFloorTimes.median).toFixed(2);
// On a shared machine the wall times wait for the CPU too; the CPU times are steadier.
const importOverSchemaCpu = +(importTimes.cpuMedian / schemaFloorTimes.cpuMedian).toFixed(2);
console.log(`desk import is ×${importOverSchema} the desk's schema written by SQLite alone (CPU time ${importTimes.cpuMedian.toFixed(2)} s over ${schemaFloorTimes.cpuMedian.toFixed(2)} s: ×${importOverSchemaCpu})`);
if (values.only === 'import') {
  for (const suffix of ['', '-wal', '-shm']) rmSync(importDb + suffix, { force: true });
  const cpu = { import_cpu_s: +importTimes.cpuMedian.toFixed(2), schema_floor_cpu_s: +schemaFloorTimes.cpuMedian.toFixed(2), import_over_schema_floor_cpu: importOverSchemaCpu };
  console.log(JSON.stringify({ scale: values.scale, tickets: count, commands: rows, import_over_schema_floor: importOverSchema, ...cpu }, null, 2));
  process.exit(0);
}
if (!existsSync(db) || statSync(db).mtimeMs < statSync(csv).mtimeMs) {
  const imported = new Database(importDb);
  imported.pragma('wal_checkpoint(TRUNCATE)');
  imported.close();
  copyFileSync(importDb, db);
}
for (const suffix of ['', '-wal', '-shm']) rmSync(importDb + suffix, { force: true });
// The import and the copy leave a gigabyte of dirty pages: written back now, not during the
// timings that follow.
spawnSync('sync');

// 3. Read commands beside a bare Node start.
const node = await repeat(process.execPath, ['-e', '0']);
const probe = new Database(db, { readonly: true });
const someNumber = probe.prepare('SELECT number FROM tickets WHERE id = (SELECT MAX(id) / 2 FROM tickets)').pluck().get();
probe.close();
record('desk --version', await repeat(process.execPath, [DESK, '--version']), 'node -e 0', node);
record(`desk show ${someNumber}`, await repeat(process.execPath, [DESK, '--db', db, 'show', someNumber]), 'node -e 0', node);
record('desk list --limit 20 --status open', await repeat(process.execPath, [DESK, '--db', db, 'list', '--limit', '20', '--status', 'open']), 'node -e 0', node);
record('desk list --overdue', await repeat(process.execPath, [DESK, '--db', db, 'list', '--overdue']), 'node -e 0', node);

// 4. The monthly report beside the same aggregates in the sqlite3 shell.
const { month } = REPORT_MONTH;
const sql = reportFloorSql(root, Date.parse(NOW));
const sqlFile = `${cache}report-${values.scale}.sql`;
writeFileSync(sqlFile, sql);
// The sqlite3 shell of the distribution may be older than the SQLite inside better-sqlite3 and
// not read the full-text index's schema; the floor runs on a copy without it (same tickets).
const floorDb = `${cache}floor-${values.scale}.db`;
if (!existsSync(floorDb) || statSync(floorDb).mtimeMs < statSync(db).mtimeMs) {
  rmSync(floorDb, { force: true });
  const source = new Database(db, { readonly: true });
  source.exec(`VACUUM INTO '${floorDb}'`);
  source.close();
  const copy = new Database(floorDb);
  // Triggers first, then the virtual tables (their shadow tables go with them), vocabularies first.
  const search = copy
    .prepare("SELECT type, name FROM sqlite_master WHERE (type = 'trigger' AND sql LIKE '%ticket_search%') OR (type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%') ORDER BY type = 'table', sql LIKE '%fts5vocab%' DESC")
    .all();
  for (const { type, name } of search) copy.exec(`DROP ${type === 'trigger' ? 'TRIGGER' : 'TABLE'} IF EXISTS "${name}"`);
  copy.close();
}
const monthly = await repeat(process.execPath, [DESK, '--db', db, 'report', 'monthly', '--month', month, '--format', 'json']);
record(`desk report monthly --month ${month} --format json`, monthly, 'sqlite3 hand-written SQL', await repeat('sqlite3', [floorDb, `.read ${sqlFile}`]));
// The appraisal counts the monthly report's per-agent facts and a few of its own: its floor is that report.
record(`desk report appraisal --month ${month} --format json`, await repeat(process.execPath, [DESK, '--db', db, 'report', 'appraisal', '--month', month, '--format', 'json']), 'desk report monthly', monthly);

// 5. Throughput of the pure core: rule classification and due times.
const core = (script) => JSON.parse(spawnSync(process.execPath, [`${root}bench/${script}`, '--count', String(Math.min(count, 200_000))], { encoding: 'utf8', env }).stdout.replace(/^[^{]*/s, ''));
const rules = core('rules.mjs');
const sla = core('sla.mjs');

const results = {
  scale: values.scale,
  tickets: count,
  measured_at: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), sqlite3: spawnSync('sqlite3', ['--version'], { encoding: 'utf8' }).stdout.split(' ')[0] },
  commands: rows,
  import_over_schema_floor: importOverSchema,
  rules: { tickets: rules.tickets, rules: rules.rules, classify_tickets_per_second: rules.classify_alone_tickets_per_second, ratio_to_reading: rules.ratio_to_reading },
  sla: { tickets: sla.tickets, due_times_per_second: sla.due_times.tickets_per_second },
};
console.log(`rules: ${rules.classify_alone_tickets_per_second} tickets/s against ${rules.rules} keyword rules (×${rules.ratio_to_reading} of reading the rows)`);
console.log(`sla: ${sla.due_times.tickets_per_second} tickets/s get their three due times`);
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('written to bench/results.json');
