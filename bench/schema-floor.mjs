// The desk's own schema written by SQLite alone: the tickets, audit events and settled deadlines of a database that
// `desk import` filled, copied into a fresh database in the import's transactions (5,000 tickets
// each, noted in the search backlog), then the search index filled from the backlog in the
// import's chunks (SEARCH_INDEX_CHUNK tickets a transaction), as the import does, with the
// store's pragmas and no JavaScript per row. This is the floor under `desk import` once its 13
// ticket indexes, audit events and trigram search index are counted; what remains above it is
// the desk's own reading, checking and classifying. Not a test: prints JSON.
//   node bench/schema-floor.mjs --from imported.db --to copy.db [--chunk N]   (tickets indexed a transaction; default the import's)
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadStore } from './store.mjs';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, batch: { type: 'string', default: '5000' }, chunk: { type: 'string' } } });
if (!values.from || !values.to) throw new Error('usage: node bench/schema-floor.mjs --from imported.db --to copy.db');
const batch = Number(values.batch);
// The store's migrations and its search-index deferral, as the desk runs them.
const { openSqliteStore, deferSearchIndex, endSearchDeferral, indexSearchBacklog, SEARCH_INDEX_CHUNK, CONNECTION_PRAGMAS, BULK_AUTOCHECKPOINT_PAGES } = await loadStore('schema-floor');

const chunk = Number(values.chunk ?? SEARCH_INDEX_CHUNK);

for (const suffix of ['', '-wal', '-shm']) rmSync(values.to + suffix, { force: true });
openSqliteStore(values.to, { create: true }).close();
const db = new Database(values.to);
// As the store opens a database, and as an import session sets it up.
for (const pragma of CONNECTION_PRAGMAS) db.pragma(pragma);
db.pragma('temp_store = MEMORY');
db.pragma(`wal_autocheckpoint = ${BULK_AUTOCHECKPOINT_PAGES}`);
db.prepare('ATTACH DATABASE ? AS source').run(values.from);
const [low, high] = db.prepare('SELECT min(id), max(id) FROM source.tickets').raw().get();
const copyTickets = db.prepare('INSERT INTO main.tickets SELECT * FROM source.tickets WHERE id BETWEEN ? AND ?');
const copyEvents = db.prepare('INSERT INTO main.events (id, ticket_id, at, actor, kind, data) SELECT id, ticket_id, at, actor, kind, data FROM source.events WHERE ticket_id BETWEEN ? AND ? ORDER BY id');
const copySettlements = db.prepare('INSERT INTO main.settlements SELECT * FROM source.settlements WHERE ticket_id BETWEEN ? AND ? ORDER BY id');

const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
let tickets = 0;
let events = 0;
let settlements = 0;
for (let first = low; first <= high; first += batch) {
  const last = first + batch - 1;
  db.prepare('BEGIN IMMEDIATE').run();
  deferSearchIndex(db);
  tickets += copyTickets.run(first, last).changes;
  events += copyEvents.run(first, last).changes;
  settlements += copySettlements.run(first, last).changes;
  endSearchDeferral(db);
  db.prepare('COMMIT').run();
}
const loaded = Number(process.hrtime.bigint() - started) / 1e9;
const index = db.transaction(() => indexSearchBacklog(db, chunk));
while (index.immediate() === chunk);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
db.close();
for (const suffix of ['', '-wal', '-shm']) rmSync(values.to + suffix, { force: true });
console.log(JSON.stringify({ tickets, events, settlements, seconds: +seconds.toFixed(3), load_seconds: +loaded.toFixed(3), index_seconds: +(seconds - loaded).toFixed(3), cpu_seconds: +((cpu.user + cpu.system) / 1e6).toFixed(3), chunk, tickets_per_second: Math.round(tickets / seconds) }));
