// The PostgreSQL store beside the SQLite store and beside the server's own floors, in one run:
//   node bench/postgres.mjs [--scale 100k|1m] [--runs 5] [--server postgres://postgres@127.0.0.1:5432/postgres] [--socket /var/run/postgresql] [--only import]
// - import beside the desk's schema written by the server alone (bench/schema-floor-postgres.mjs);
// - import of the benchmark CSV with --classify --dispatch beside psql's \copy of the same file
//   into a bare table of text columns (the server's floor), and peak memory;
// - show, list --limit 20 --status open and list --overdue on PostgreSQL (TCP and Unix socket)
//   beside the same commands on the SQLite database of bench/run.mjs: the difference in ms;
// - the monthly report beside the same aggregates written by hand for psql (bench/report.sql in PostgreSQL's words, bench/report-floor.mjs);
// - search: median and p95 over the queries of bench/search.mjs, in the process, on both stores.
// The SQLite database and the CSV are bench/run.mjs's (made here when missing). Writes
// bench/results-postgres.json. Not a test: nothing fails on a number. Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SEARCH_QUERIES } from './search-queries.mjs';
import { loadStore } from './store.mjs';
import * as timing from './timing.mjs';
import { median, percentile } from './timing.mjs';
import { REPORT_MONTH, reportFloorSql } from './report-floor.mjs';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '100k' },
    runs: { type: 'string', default: '5' },
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    socket: { type: 'string', default: '/var/run/postgresql' },
    only: { type: 'string' },
  },
});
if (values.only !== undefined && values.only !== 'import') throw new Error('--only: import');
const SCALES = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 };
const count = SCALES[values.scale];
if (!count) throw new Error(`--scale: one of ${Object.keys(SCALES).join(', ')}`);
const runs = Number(values.runs);
const root = fileURLToPath(new URL('..', import.meta.url));
const cache = fileURLToPath(new URL('./.cache/', import.meta.url));
mkdirSync(cache, { recursive: true });
const DESK = `${root}bin/desk.js`;
const NOW = '2026-12-01T00:00:00+08:00';
const env = { ...process.env, DESK_CONFIG: `${root}config`, DESK_ACTOR: 'bench', DESK_NOW: NOW, NO_COLOR: '1', XDG_CACHE_HOME: `${cache}xdg` };
delete env.DESK_DEBUG;

const database = `desk_bench_${values.scale}`;
const overTcp = (() => {
  const url = new URL(values.server);
  url.pathname = `/${database}`;
  return url.toString();
})();
const user = new URL(values.server).username || 'postgres';
const overSocket = `postgres://${user}@/${database}?host=${encodeURIComponent(values.socket)}`;

async function admin(sql) {
  const client = new pg.Client({ connectionString: values.server });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

const timed = (command, args) => timing.timed(command, args, env);
const repeat = (command, args) => timing.repeat(command, args, { times: runs, env });

const rows = [];
const record = (name, measured, floorName, floor) => {
  const row = { name, median_s: +measured.median.toFixed(4), peak_mb: Math.round(measured.peakMb), floor: floorName, floor_median_s: +floor.median.toFixed(4), ratio: +(measured.median / floor.median).toFixed(2), difference_ms: Math.round((measured.median - floor.median) * 1000) };
  rows.push(row);
  console.log(`${name.padEnd(52)} ${row.median_s.toFixed(3).padStart(8)} s (${row.peak_mb} MB)  ${floorName.padEnd(34)} ${row.floor_median_s.toFixed(3)} s  ×${row.ratio}  ${row.difference_ms >= 0 ? '+' : ''}${row.difference_ms} ms`);
};

// 1. The data set and the SQLite database of bench/run.mjs.
const csv = `${cache}bench-${values.scale}.csv`;
if (!existsSync(csv)) {
  console.log(`generating ${count} tickets…`);
  const made = spawnSync(process.execPath, [`${root}bench/generate.mjs`, '--count', String(count), '--seed', '1', '--end', '2026-11', '--format', 'csv', '--out', csv], { stdio: 'inherit' });
  if (made.status !== 0) process.exit(1);
}
const sqliteDb = `${cache}bench-${values.scale}.db`;
if (!existsSync(sqliteDb) && values.only !== 'import') {
  console.log(`importing ${count} tickets into SQLite…`);
  const made = await timed(process.execPath, [DESK, 'import', csv, '--classify', '--dispatch', '--db', sqliteDb]);
  if (made.code !== 0) throw new Error(`desk import exited ${made.code}: ${made.stderr.slice(0, 400)}`);
}

// 2. Import into an empty database, beside \copy of the same file into a bare table.
await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await admin(`CREATE DATABASE ${database}`);
const imported = await timed(process.execPath, [DESK, 'import', csv, '--classify', '--dispatch', '--db', overTcp]);
if (imported.code !== 0) throw new Error(`desk import exited ${imported.code}: ${imported.stderr.slice(0, 400)}`);
const header = readFileSync(csv, 'utf8').slice(0, 4096).split('\n')[0].split(',');
const copies = [];
for (let i = 0; i < Math.min(runs, 3); i++) {
  const bare = `DROP TABLE IF EXISTS bare_import; CREATE UNLOGGED TABLE bare_import (${header.map((c) => `"${c}" text`).join(', ')});`;
  spawnSync('psql', [overTcp, '-qc', bare], { env });
  const copy = await timed('psql', [overTcp, '-qc', `\\copy bare_import FROM '${csv}' CSV HEADER`]);
  if (copy.code !== 0) throw new Error(`psql \\copy exited ${copy.code}: ${copy.stderr.slice(0, 400)}`);
  copies.push(copy.seconds);
}
spawnSync('psql', [overTcp, '-qc', 'DROP TABLE bare_import; VACUUM ANALYZE;'], { env });
record(`desk import ${values.scale} rows --classify --dispatch (PostgreSQL)`, { median: imported.seconds, peakMb: imported.peakMb }, 'psql \\copy into a bare table', { median: median(copies) });
// The same tickets, events, settlements and search rows written by the server alone, every index in place.
const floorDatabase = `${database}_floor`;
await admin(`DROP DATABASE IF EXISTS ${floorDatabase} WITH (FORCE)`);
await admin(`CREATE DATABASE ${floorDatabase}`);
const floorLocation = overTcp.replace(`/${database}`, `/${floorDatabase}`);
const floorRun = spawnSync(process.execPath, [`${root}bench/schema-floor-postgres.mjs`, '--from', overTcp, '--to', floorLocation], { env, encoding: 'utf8' });
if (floorRun.status !== 0) throw new Error(`bench/schema-floor-postgres.mjs exited ${floorRun.status}: ${floorRun.stderr.slice(0, 400)}`);
const schemaFloor = JSON.parse(floorRun.stdout);
await admin(`DROP DATABASE ${floorDatabase} WITH (FORCE)`);
record(`desk import ${values.scale} rows --classify --dispatch (PostgreSQL)`, { median: imported.seconds, peakMb: imported.peakMb }, "the desk's schema written by the server", { median: schemaFloor.seconds });
console.log(`  the server's floor by table: ${Object.entries(schemaFloor.tables).map(([table, seconds]) => `${table} ${seconds} s`).join(', ')}`);
if (values.only === 'import') {
  console.log(JSON.stringify({ scale: values.scale, tickets: count, commands: rows }, null, 2));
  process.exit(0);
}

// 3. Read commands: PostgreSQL over TCP and over the Unix socket beside SQLite.
const probe = new Database(sqliteDb, { readonly: true });
const someNumber = probe.prepare('SELECT number FROM tickets WHERE id = (SELECT MAX(id) / 2 FROM tickets)').pluck().get();
probe.close();
const reads = [
  [`show ${someNumber}`, ['show', someNumber]],
  ['list --limit 20 --status open', ['list', '--limit', '20', '--status', 'open']],
  ['list --overdue', ['list', '--overdue']],
];
for (const [name, args] of reads) {
  const onSqlite = await repeat(process.execPath, [DESK, '--db', sqliteDb, ...args]);
  record(`desk ${name} (PostgreSQL, TCP)`, await repeat(process.execPath, [DESK, '--db', overTcp, ...args]), `the same on SQLite`, onSqlite);
  record(`desk ${name} (PostgreSQL, Unix socket)`, await repeat(process.execPath, [DESK, '--db', overSocket, ...args]), `the same on SQLite`, onSqlite);
}

// 4. The monthly report beside the same aggregates in psql.
const { month } = REPORT_MONTH;
const sql = reportFloorSql(root, Date.parse(NOW), { postgres: true });
const sqlFile = `${cache}report-postgres-${values.scale}.sql`;
writeFileSync(sqlFile, sql);
record(
  `desk report monthly --month ${month} --format json (PostgreSQL)`,
  await repeat(process.execPath, [DESK, '--db', overSocket, 'report', 'monthly', '--month', month, '--format', 'json']),
  'psql hand-written SQL',
  await repeat('psql', [overSocket, '-qAtf', sqlFile]),
);

// 5. Search in the process, on both stores: the queries of bench/search.mjs.
const { openStore } = await loadStore('postgres-bench');
const search = {};
for (const [store, location] of [['sqlite', sqliteDb], ['postgres', overSocket]]) {
  const opened = await openStore(location, { create: false });
  const samples = [];
  for (const queries of Object.values(SEARCH_QUERIES)) {
    for (const text of queries) {
      await opened.searchTickets({ text, limit: 20 });
      for (let i = 0; i < runs; i++) {
        const started = process.hrtime.bigint();
        await opened.searchTickets({ text, limit: 20 });
        samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
  }
  await opened.close();
  search[store] = { queries: samples.length / runs, median_ms: +median(samples).toFixed(1), p95_ms: +percentile(samples, 95).toFixed(1) };
  console.log(`search on ${store.padEnd(8)} median ${search[store].median_ms} ms, p95 ${search[store].p95_ms} ms over ${search[store].queries} queries × ${runs}`);
}

const server = (await admin('SHOW server_version')).rows[0].server_version;
const results = {
  scale: values.scale,
  tickets: count,
  measured_at: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), postgresql: server },
  commands: rows,
  search,
};
writeFileSync(new URL('./results-postgres.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('written to bench/results-postgres.json');
rmSync(sqlFile, { force: true });
