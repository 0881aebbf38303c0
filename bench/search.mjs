// Full-text search and `similar` on a database of N generated tickets (default 1,000,000):
// search latency (median and p95 over a set of queries) beside a plain LIKE '%…%' scan of the
// same data, the cost of keeping the index while inserting, and how often `similar` puts a
// ticket's near-duplicate twin (bench/generate.mjs) in its top five. Not a test: prints a table
// and JSON.
//   node bench/search.mjs [--count 1000000] [--repeat 5] [--twins 500] [--rebuild]
// The database is built once in bench/.cache/ by direct inserts (the triggers of the schema keep
// the index, as for any other writer). Run `npm run build` first.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SEARCH_QUERIES } from './search-queries.mjs';
import { loadStore } from './store.mjs';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    repeat: { type: 'string', default: '5' },
    twins: { type: 'string', default: '500' },
    rebuild: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const repeat = Number(values.repeat);
const twinSample = Number(values.twins);
const root = new URL('../', import.meta.url);
const cache = new URL('./.cache/', import.meta.url);
mkdirSync(cache, { recursive: true });

const { openSqliteStore, deferSearchIndex, endSearchDeferral, indexSearchBacklog } = await loadStore('search');

// The generator, each twin saying which earlier ticket it copies (bench/twins.mjs).
const { generateWithTwins: generateTickets } = await import('./twins.mjs');

const NOTES = ['用户回电确认问题依旧', '已远程协助，等待用户反馈', 'Called the user, no answer', 'Vendor engineer booked for tomorrow', '备件已下单，预计明天到货', 'User confirmed it works after restart'];
const dbPath = fileURLToPath(new URL(`search-${count}.db`, cache));
const twinsPath = fileURLToPath(new URL(`search-${count}-twins.json`, cache));
const ms = (iso) => (iso === null ? null : Date.parse(iso));

function buildDatabase() {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  openSqliteStore(dbPath, { create: true }).close();
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const columns = ['number', 'external_id', 'created_at', 'channel', 'requester', 'department', 'contact', 'title', 'description', 'impact', 'type', 'category',
    'urgency', 'status', 'team', 'assignee', 'collaborators', 'first_response_at', 'dispatched_at', 'resolved_at', 'closed_at', 'escalated',
    'escalation_reason', 'solution', 'satisfaction', 'callback_at', 'reopen_count', 'updated_at', 'updated_by'];
  const insert = db.prepare(`INSERT INTO tickets (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const note = db.prepare("INSERT INTO events (ticket_id, at, actor, kind, data) VALUES (?, ?, 'bench', 'note', ?)");
  const twins = [];
  const started = process.hrtime.bigint();
  let n = 0;
  // As a bulk writer would: the index is written once per batch (deferSearchIndex).
  db.exec('BEGIN');
  deferSearchIndex(db);
  for (const t of generateTickets({ seed: 1, count })) {
    n++;
    const created = ms(t.created_at);
    insert.run(`B-${n}`, t.external_id, created, t.channel, t.requester, t.department, t.contact, t.title, t.description, t.impact, t.type, t.category,
      t.urgency, t.status, t.team, t.assignee, JSON.stringify(t.collaborators), ms(t.first_response_at), ms(t.dispatched_at), ms(t.resolved_at),
      ms(t.closed_at), t.escalated ? 1 : 0, t.escalation_reason, t.solution, t.satisfaction, ms(t.callback_at), t.reopen_count, created, 'bench');
    if (n % 20 === 0) note.run(n, created + 3_600_000, JSON.stringify({ text: NOTES[(n / 20) % NOTES.length] }));
    if (t.twin_of) twins.push([n, t.twin_of]);
    if (n % 50_000 === 0) {
      indexSearchBacklog(db, 50_000);
      endSearchDeferral(db);
      db.exec('COMMIT; BEGIN');
      deferSearchIndex(db);
      process.stderr.write(`\rbuilding ${dbPath}: ${n} tickets`);
    }
  }
  indexSearchBacklog(db, 50_000);
  endSearchDeferral(db);
  db.exec('COMMIT');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  process.stderr.write('\n');
  const info = { tickets: n, seconds, twins };
  writeFileSync(twinsPath, JSON.stringify(info));
  return info;
}

/**
 * Insert cost of the index: the same 100,000 tickets in one transaction without the index, indexed
 * row by row by the triggers, and deferred to one statement at the end (deferSearchIndex).
 */
function indexCost(sample = 100_000) {
  const rows = [...generateTickets({ seed: 2, count: sample })];
  const run = (mode) => {
    const path = fileURLToPath(new URL(`search-cost-${mode}.db`, cache));
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    openSqliteStore(path, { create: true }).close();
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    if (mode === 'none') for (const name of ['ticket_search_insert', 'ticket_search_insert_later']) db.exec(`DROP TRIGGER ${name}`);
    const insert = db.prepare('INSERT INTO tickets (number, created_at, title, description, solution, status, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const started = process.hrtime.bigint();
    db.transaction(() => {
      if (mode === 'deferred') deferSearchIndex(db);
      rows.forEach((t, i) => insert.run(`C-${i}`, ms(t.created_at), t.title, t.description, t.solution, t.status, 0, 'bench'));
      if (mode === 'deferred') {
        indexSearchBacklog(db, sample);
        endSearchDeferral(db);
      }
    }).immediate();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    return { seconds: +seconds.toFixed(2), rows_per_second: Math.round(sample / seconds) };
  };
  return { tickets: sample, without_index: run('none'), triggers_row_by_row: run('triggers'), deferred_to_commit: run('deferred') };
}

let built;
if (values.rebuild || !existsSync(dbPath) || !existsSync(twinsPath)) built = buildDatabase();
const { twins, seconds: buildSeconds } = JSON.parse(readFileSync(twinsPath, 'utf8'));
const store = openSqliteStore(dbPath, { create: false });
const db = new Database(dbPath, { readonly: true });

const QUERIES = SEARCH_QUERIES;
const FILTERED = [['打印机', { statuses: ['new', 'dispatched', 'in_progress', 'pending', 'reopened'] }], ['vpn', { team: 'network' }], ['卡纸', { createdFrom: Date.parse('2026-06-01T00:00:00+08:00') }]];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median_ms: +percentile(sorted, 50).toFixed(1), p95_ms: +percentile(sorted, 95).toFixed(1), max_ms: +sorted.at(-1).toFixed(1) };
}
async function timed(fn) {
  const started = process.hrtime.bigint();
  const result = await fn();
  return [Number(process.hrtime.bigint() - started) / 1e6, result];
}

// The plain scan: every term LIKE '%term%' in title, description or solution, newest first.
const terms = (query) => [...query.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2]).toLowerCase());
function likeStatement(query, all) {
  const where = terms(query).map(() => "(title LIKE ? OR description LIKE ? OR solution LIKE ?)").join(' AND ');
  return db.prepare(all ? `SELECT count(*) FROM tickets WHERE ${where}` : `SELECT id FROM tickets WHERE ${where} ORDER BY created_at DESC LIMIT 20`);
}
const likeParams = (query) => terms(query).flatMap((t) => [`%${t}%`, `%${t}%`, `%${t}%`]);

const rows = {};
const all = { search: [], like_newest: [], like_scan: [] };
for (const [group, queries] of Object.entries(QUERIES)) {
  const search = [];
  const likeNewest = [];
  const likeScan = [];
  let hits = 0;
  for (const query of queries) {
    await store.searchTickets({ text: query, limit: 20 }); // warm the page cache for this query
    for (let i = 0; i < repeat; i++) {
      const [t, result] = await timed(() => store.searchTickets({ text: query, limit: 20 }));
      search.push(t);
      if (i === 0) hits += result.length;
      likeNewest.push((await timed(() => likeStatement(query, false).all(...likeParams(query))))[0]);
    }
    likeScan.push((await timed(() => likeStatement(query, true).get(...likeParams(query))))[0]);
  }
  all.search.push(...search);
  all.like_newest.push(...likeNewest);
  all.like_scan.push(...likeScan);
  rows[group] = { queries: queries.length, hits_shown: hits, search: summary(search), like_newest_20: summary(likeNewest), like_full_scan: summary(likeScan) };
}
const filtered = [];
for (const [query, filters] of FILTERED) for (let i = 0; i < repeat; i++) filtered.push((await timed(() => store.searchTickets({ ...filters, text: query, limit: 20 })))[0]);
rows['with list filters'] = { queries: FILTERED.length, search: summary(filtered) };

// similar: for twins whose original is solved, is the original among the five most similar?
const solved = db.prepare("SELECT 1 FROM tickets WHERE id = ? AND status IN ('resolved', 'closed') AND solution IS NOT NULL").pluck();
let seed = 7;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const sample = [];
for (let guard = 0; sample.length < twinSample && guard < twinSample * 50; guard++) {
  const pair = twins[Math.floor(random() * twins.length)];
  if (solved.get(pair[1])) sample.push(pair);
}
const ranks = [];
const similarTimes = [];
for (const [twin, original] of sample) {
  const [t, hits] = await timed(() => store.similarTickets({ id: twin }, 5));
  similarTimes.push(t);
  ranks.push(hits.findIndex((h) => h.ticket.id === original));
}
const rate = (k) => +(ranks.filter((r) => r >= 0 && r < k).length / Math.max(ranks.length, 1)).toFixed(3);

// The whole command, as an operator runs it, beside Node's own start-up.
function processTime(args) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const started = process.hrtime.bigint();
    execFileSync(process.execPath, args, { env: { ...process.env, DESK_DB: dbPath, DESK_CONFIG: fileURLToPath(new URL('config', root)) }, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return summary(times).median_ms;
}
const desk = fileURLToPath(new URL('bin/desk.js', root));
const cli = { node_e_0_ms: processTime(['-e', '0']), desk_search_ms: processTime([desk, 'search', '打印机', '卡纸', '--limit', '20']), desk_search_2chars_ms: processTime([desk, 'search', '打印', '--limit', '20']) };

const result = {
  tickets: count,
  database_mb: Math.round(statSync(dbPath).size / 1e6),
  build_seconds: +(built?.seconds ?? buildSeconds).toFixed(1),
  search: { ...summary(all.search), samples: all.search.length },
  like_newest_20: summary(all.like_newest),
  like_full_scan: summary(all.like_scan),
  by_group: rows,
  similar: { twins_tested: sample.length, twin_in_top_1: rate(1), twin_in_top_3: rate(3), twin_in_top_5: rate(5), ...summary(similarTimes) },
  cli,
  index_cost: indexCost(),
};
console.table(Object.fromEntries(Object.entries(rows).map(([group, r]) => [group, {
  'search median ms': r.search.median_ms,
  'search p95 ms': r.search.p95_ms,
  'LIKE newest-20 median': r.like_newest_20?.median_ms ?? '',
  'LIKE newest-20 p95': r.like_newest_20?.p95_ms ?? '',
  'LIKE scan median': r.like_full_scan?.median_ms ?? '',
}])));
console.log(JSON.stringify(result, null, 2));
store.close();
db.close();
