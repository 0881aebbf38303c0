// The desk's own schema written by PostgreSQL alone: the tickets, audit events, settled deadlines
// and search rows of a database that `desk import` filled, copied out to CSV (not timed) and read
// back by psql's \copy into an empty database set up as a desk, every index in place, the search
// rows last with the GIN settings of the import's chunks (FILL_SETTINGS in
// src/store/postgres/search.ts). The floor under `desk import` on PostgreSQL once its ticket
// indexes, audit trail, foreign keys and the two GIN indexes of search are counted; what remains
// above it is the desk's own reading, checking and classifying. One COPY a table, so a little
// under the import's batches, and one after another, where the import writes search rows beside
// its batches. Not a test: prints JSON.
//   node bench/schema-floor-postgres.mjs --from postgres://…/imported --to postgres://…/empty
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadStore } from './store.mjs';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
if (!values.from || !values.to) throw new Error('usage: node bench/schema-floor-postgres.mjs --from postgres://…/imported --to postgres://…/empty');
const { openStore } = await loadStore('schema-floor-postgres');
await (await openStore(values.to, { create: true })).close();

const TABLES = ['tickets', 'events', 'settlements', 'ticket_search'];
const scratch = mkdtempSync(join(fileURLToPath(new URL('./.cache/', import.meta.url)), 'schema-floor-postgres-'));

function psql(location, command) {
  const run = spawnSync('psql', [location, '-X', '-v', 'ON_ERROR_STOP=1', '-qc', command], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`psql ${command}: ${run.stderr}`);
}

try {
  for (const table of TABLES) psql(values.from, `\\copy (SELECT * FROM ${table} ORDER BY 1) TO '${join(scratch, `${table}.csv`)}' CSV`);
  const seconds = {};
  for (const table of TABLES) {
    const settings = table === 'ticket_search' ? "SET work_mem = '64MB'; SET gin_pending_list_limit = '64MB';" : '';
    const started = process.hrtime.bigint();
    // One session a table: psql runs the SET and the \copy in it.
    const run = spawnSync('psql', [values.to, '-X', '-v', 'ON_ERROR_STOP=1', '-q'], { input: `${settings}\n\\copy ${table} FROM '${join(scratch, `${table}.csv`)}' CSV\n`, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`psql \\copy ${table}: ${run.stderr}`);
    seconds[table] = +(Number(process.hrtime.bigint() - started) / 1e9).toFixed(3);
  }
  const total = Object.values(seconds).reduce((a, b) => a + b, 0);
  console.log(JSON.stringify({ seconds: +total.toFixed(3), tables: seconds }));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
