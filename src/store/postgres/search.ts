// Full-text search and similar tickets on PostgreSQL (desk search, desk similar): the answers of
// src/store/sqlite-search.ts over the `ticket_search` table (schema step "full-text search…").
//
// One row per ticket: its title, description, solution and notes (one per line), and the
// character bigrams of all of them. Notes are events, one row each, so an index on events could
// not answer "this word in the title and that one in a note" without a join per term; a row of
// the ticket's whole text can, with one index condition per term. The store writes every ticket
// and event itself, so its write path rewrites the row in the same transaction (reindexSearch),
// and redaction writes it the same way: everything in it is recomputed from the ticket and its
// notes. An import instead notes its tickets in `search_backlog` and writes their rows once they
// are all in, in large chunks (fillSearchBacklog); until then a search reads the text of the
// tickets in the backlog from the tickets themselves, so it finds the same tickets either way.
//
// Terms of three or more characters are ILIKE patterns, answered by pg_trgm's GIN index on the
// four texts (pg_trgm indexes Chinese only under a UTF-8 LC_CTYPE; with C the same query scans).
// A two-character term (打印) has no trigram, so pg_trgm would read its whole index: it is looked
// up in the GIN index of the bigrams instead, which TypeScript computes, as it lower-cases the
// query's terms. One-character terms are matched by a scan.
import type pg from 'pg';
import type { Ticket } from '../../domain/ticket.js';
import { parseSearchText } from '../../search/query.js';
import { type Comparable, isRareCandidate, problemGrams, probeFor, queryGrams, similarityScore, SIMILARITY } from '../../search/similarity.js';
import { escapeLike } from '../ticket-filters.js';
import type { SearchHit, SearchQuery, SimilarHit } from '../store.js';
import { ticketFilterSql, ticketSortSql } from './filters.js';
import { numbered, toTicket, type Row } from './rows.js';

/** What a ticket's search row is computed from. */
export interface SearchSource {
  id: number;
  title: string;
  description: string | null;
  solution: string | null;
  /** The texts of the ticket's notes, oldest first. */
  notes: readonly string[];
}

/** A ticket's search row; `bigrams` space-separated (a bigram never holds white space), for unnest. */
export interface SearchColumns {
  title: string;
  description: string;
  solution: string;
  notes: string;
  bigrams: string;
}

/** The texts of a row as the index has them (the expression of the index ticket_search_text); a term never spans lines. */
const SEARCH_TEXT = "(s.title || E'\\n' || s.description || E'\\n' || s.solution || E'\\n' || s.notes)";
/** The search row's columns with FTS5's weights in SQLite's bm25: a match in the title counts three times. */
const WEIGHTED_COLUMNS = [['title', 3], ['description', 1], ['solution', 1], ['notes', 1]] as const;
/** bm25's constants, as FTS5 has them. */
const K1 = 1.2;
const B = 0.75;

const WHITE_SPACE = /\s/u;

/**
 * The distinct bigrams of `texts`, lower-cased, each within one text and without white space, in
 * the order first met (sorted, they took twice as long: an import computes a million of them).
 */
export function bigramsOf(texts: readonly string[]): string[] {
  const grams = new Set<string>();
  for (const text of texts) {
    let previous: string | null = null;
    for (const char of text.toLowerCase()) {
      if (WHITE_SPACE.test(char)) previous = null;
      else {
        if (previous !== null) grams.add(previous + char);
        previous = char;
      }
    }
  }
  return [...grams];
}

/** The search columns of a ticket, for a writer of many rows at once (import). */
export function searchColumns(source: Omit<SearchSource, 'id'>): SearchColumns {
  const description = source.description ?? '';
  const solution = source.solution ?? '';
  return {
    title: source.title,
    description,
    solution,
    notes: source.notes.join('\n'),
    bigrams: bigramsOf([source.title, description, solution, ...source.notes]).join(' '),
  };
}

/** What the search rows are written through: the store's connection, or an import's batch. */
export interface SearchWriter {
  query(sql: string, params?: readonly unknown[]): Promise<pg.QueryResult>;
}

/**
 * Writes the search rows of `sources` in one statement: as they are now (a change: `replace`), or
 * only where a ticket has none (the backlog's writer: a row there was written by a change since,
 * from the ticket as it stood then, and stays).
 */
export async function writeSearchRows(client: SearchWriter, sources: readonly SearchSource[], existing: 'replace' | 'keep' = 'replace'): Promise<void> {
  if (!sources.length) return;
  const columns = sources.map(searchColumns);
  await client.query(
    `INSERT INTO ticket_search (ticket_id, title, description, solution, notes, bigrams)
     SELECT id, title, description, solution, notes, string_to_array(bigrams, ' ')
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS r(id, title, description, solution, notes, bigrams)
     ON CONFLICT (ticket_id) ${
       existing === 'keep'
         ? 'DO NOTHING'
         : `DO UPDATE SET title = excluded.title, description = excluded.description, solution = excluded.solution,
       notes = excluded.notes, bigrams = excluded.bigrams`
     }`,
    [
      sources.map((s) => s.id),
      ...(['title', 'description', 'solution', 'notes', 'bigrams'] as const).map((field) => columns.map((c) => c[field])),
    ],
  );
}

/** A ticket's notes, oldest first, as a correlated subquery of tickets t. */
const NOTES_OF_T = "array(SELECT e.data->>'text' FROM events e WHERE e.ticket_id = t.id AND e.kind = 'note' AND e.data->>'text' IS NOT NULL ORDER BY e.id)";

/**
 * Rewrites the search rows of these tickets from the tickets and their notes as they now stand,
 * and takes them out of the backlog: first, so that a writer of the backlog (fillSearchBacklog),
 * which skips the rows another holds, never waits for this one while it waits for that one.
 */
export async function reindexSearch(client: SearchWriter, ticketIds: readonly number[]): Promise<void> {
  const { rows } = await client.query(
    `WITH unqueued AS (DELETE FROM search_backlog WHERE ticket_id = ANY($1::bigint[]))
     SELECT t.id, t.title, t.description, t.solution, ${NOTES_OF_T} AS notes FROM tickets t WHERE t.id = ANY($1::bigint[])`,
    [ticketIds],
  );
  await writeSearchRows(client, rows as SearchSource[]);
}

/** Notes these tickets (new ones, without a search row) in the backlog: their rows are written later. */
export async function queueSearchRows(client: SearchWriter, ticketIds: readonly number[]): Promise<void> {
  if (ticketIds.length) await client.query('INSERT INTO search_backlog (ticket_id) SELECT * FROM unnest($1::bigint[]) ON CONFLICT DO NOTHING', [ticketIds]);
}

/**
 * Tickets of the backlog whose search rows are written in one transaction. The two GIN indexes
 * cost about the same however their rows come: 200,000 rows took 13.5 s of the server as a CREATE
 * INDEX after the load, 16–18 s in chunks of 50,000 with FILL_SETTINGS, ~20 s in chunks or in an
 * import's batches of 5,000 with the defaults, ~190 s with fastupdate off. The size is the desk's
 * memory: chunks of 20,000 took an import's peak from ~215 MB to 240–290 MB, 10,000 left it.
 */
export const SEARCH_FILL_CHUNK = 10_000;

/**
 * For the transaction of a chunk: GIN gathers new entries in a pending list and merges them into
 * the index when the list outgrows gin_pending_list_limit, sorting them in work_mem (both 4 MB by
 * default). Larger, the merges are fewer and longer, closer to a CREATE INDEX; and the indexes stay
 * there for the searches of others, which dropping them for a CREATE INDEX after the load would
 * take away, besides locking out their writes while it runs (and only the tables' owner may).
 */
const FILL_SETTINGS = { work_mem: '64MB', gin_pending_list_limit: '64MB' };

/**
 * Writes the search rows of up to `limit` tickets of the backlog after id `after`, lowest first,
 * and takes them out of it, in the caller's transaction. A ticket another transaction is taking
 * out (a change to it, which writes its row itself) is skipped. The last chunk leaves
 * gin_pending_list_limit as it is, so that its insert merges the pending list into the index
 * rather than leave searches to read through it; `behind` a load, more tickets are coming.
 * Returns how many it took, and the last id.
 */
export async function fillSearchBacklog(client: SearchWriter, after: number, limit: number, behind = false): Promise<{ taken: number; last: number }> {
  await client.query(`SET LOCAL work_mem = '${FILL_SETTINGS.work_mem}'`);
  const { rows: taken } = await client.query(
    `DELETE FROM search_backlog WHERE ticket_id = ANY(array(SELECT ticket_id FROM search_backlog WHERE ticket_id > $1 ORDER BY ticket_id LIMIT $2 FOR UPDATE SKIP LOCKED))
     RETURNING ticket_id`,
    [after, limit],
  );
  if (!taken.length) return { taken: 0, last: after };
  const ids = taken.map((r) => r.ticket_id as number);
  const last = ids.reduce((a, b) => Math.max(a, b));
  const more = behind || (taken.length === limit && (await client.query('SELECT EXISTS (SELECT 1 FROM search_backlog WHERE ticket_id > $1) AS more', [last])).rows[0].more === true);
  if (more) await client.query(`SET LOCAL gin_pending_list_limit = '${FILL_SETTINGS.gin_pending_list_limit}'`);
  // An id without a ticket (none is ever deleted, but the backlog has no foreign key) just leaves.
  const { rows } = await client.query(`SELECT t.id, t.title, t.description, t.solution, ${NOTES_OF_T} AS notes FROM tickets t WHERE t.id = ANY($1::bigint[])`, [ids]);
  await writeSearchRows(client, rows as SearchSource[], 'keep');
  return { taken: taken.length, last };
}

/** Notes in the backlog every ticket without a search row (none should be outside it); how many. */
export async function queueUnindexedTickets(client: SearchWriter): Promise<number> {
  const { rowCount } = await client.query(
    'INSERT INTO search_backlog (ticket_id) SELECT t.id FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_search s WHERE s.ticket_id = t.id) ON CONFLICT DO NOTHING',
  );
  return rowCount ?? 0;
}

/** How many tickets have no search row: those in the backlog, and any other. */
export async function countUnindexedTickets(client: SearchWriter): Promise<number> {
  const { rows } = await client.query('SELECT count(*) AS n FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_search s WHERE s.ticket_id = t.id)');
  return Number(rows[0].n);
}

/**
 * The relevance of a row as FTS5's bm25 has it: per term, its occurrences in the columns by their
 * weights, against the row's length. Two things it cannot know cheaply are taken differently: the
 * average length is that of the matching rows, not of all, and every term counts alike, where
 * bm25 weighs rare ones more (PostgreSQL would have to count each term's tickets first).
 * `from` computes each row's length and term frequencies once (OFFSET 0 keeps the planner from
 * copying them into every use), with `?` for each term's text, RELEVANCE_PARAMS times.
 */
function relevanceSql(terms: number): { from: string; score: string } {
  const lowered = WEIGHTED_COLUMNS.map(([column]) => `lower(s.${column}) AS ${column}`).join(', ');
  const length = WEIGHTED_COLUMNS.map(([column]) => `greatest(char_length(l.${column}) - 1, 0)`).join(' + ');
  const occurrences = (column: string) => `(char_length(l.${column}) - char_length(replace(l.${column}, ?, ''))) / char_length(?)::float8`;
  const frequency = WEIGHTED_COLUMNS.map(([column, weight]) => `${weight} * ${occurrences(column)}`).join(' + ');
  const frequencies = Array.from({ length: terms }, (_, i) => `${frequency} AS f${i}`).join(', ');
  const normal = `${K1} * (${1 - B} + ${B} * r.length / nullif(avg(r.length) OVER (), 0))`;
  return {
    from: `CROSS JOIN LATERAL (SELECT (${length})::float8 AS length, ${frequencies} FROM (SELECT ${lowered} OFFSET 0) l OFFSET 0) r`,
    score: Array.from({ length: terms }, (_, i) => `coalesce(r.f${i} * ${K1 + 1} / nullif(r.f${i} + ${normal}, 0), 0)`).join(' + '),
  };
}

/** How many times each term's text is a parameter of relevanceSql. */
const RELEVANCE_PARAMS = 2 * WEIGHTED_COLUMNS.length;

/**
 * The tickets of the backlog as rows of ticket_search, bigrams aside: what SEARCH_TEXT and the
 * relevance read of them is the same text, taken from the tickets and their notes.
 */
const BACKLOG_ROWS = `SELECT b.ticket_id, t.title, coalesce(t.description, '') AS description, coalesce(t.solution, '') AS solution,
    coalesce((SELECT string_agg(e.data->>'text', E'\\n' ORDER BY e.id) FROM events e WHERE e.ticket_id = t.id AND e.kind = 'note'), '') AS notes
  FROM search_backlog b JOIN tickets t ON t.id = b.ticket_id`;

/**
 * The query of a search, with its parameters: rows of tickets with `search_score`. Exported so that
 * a test can EXPLAIN the very statement the store runs.
 */
export function searchStatement(query: SearchQuery): { text: string; values: unknown[] } {
  const terms = parseSearchText(query.text);
  // LIKE's escape character is the backslash unless told otherwise.
  const pattern = (text: string) => `%${escapeLike(text)}%`;
  const ranked = terms.filter((t) => t.length >= 2);
  const indexed: string[] = [];
  const indexedParams: unknown[] = [];
  for (const term of terms.filter((t) => t.length !== 2)) {
    indexed.push(`${SEARCH_TEXT} ILIKE ?`);
    indexedParams.push(pattern(term.text));
  }
  const pairs = terms.filter((t) => t.length === 2).map((t) => t.text);
  if (pairs.length) {
    indexed.push('s.bigrams @> ?::text[]');
    indexedParams.push(pairs);
  }
  // The backlog's tickets have no bigrams yet: every term is looked for in their text, which
  // holds a two-character term exactly when the bigrams would (neither spans a line or a space).
  const scanned = terms.map(() => `${SEARCH_TEXT} ILIKE ?`);
  const scannedParams = terms.map((t) => pattern(t.text));
  // `text` is the search itself here, not list's substring filter.
  const filters = ticketFilterSql({ ...query, text: undefined });
  const relevance = ranked.length ? relevanceSql(ranked.length) : { from: '', score: '0' };
  const sort = query.sort ? ticketSortSql(query.sort) : [];
  // The best rows are chosen from the search rows, and from the backlog's as they would be, ranked
  // together; joined to the tickets only to filter or sort by them; the tickets shown are read after.
  const matching = `SELECT s.ticket_id, s.title, s.description, s.solution, s.notes FROM ticket_search s WHERE ${indexed.join(' AND ')}
    UNION ALL SELECT s.* FROM (${BACKLOG_ROWS}) s WHERE ${scanned.join(' AND ')}`;
  const tickets = filters.where.length || sort.length ? 'JOIN tickets t ON t.id = s.ticket_id' : '';
  const best = `SELECT s.ticket_id, ${relevance.score} AS score FROM (${matching}) s ${tickets} ${relevance.from}
    ${filters.where.length ? `WHERE ${filters.where.join(' AND ')}` : ''} ORDER BY ${[...sort, 'score DESC', 's.ticket_id DESC'].join(', ')} LIMIT ?`;
  return {
    text: numbered(`SELECT t.*, m.score AS search_score FROM (${best}) m JOIN tickets t ON t.id = m.ticket_id
      ORDER BY ${[...sort, 'm.score DESC', 't.id DESC'].join(', ')}`),
    values: [...indexedParams, ...scannedParams, ...ranked.flatMap((t) => Array<string>(RELEVANCE_PARAMS).fill(t.text)), ...filters.params, query.limit],
  };
}

async function notesOf(client: pg.Client, ids: readonly number[]): Promise<Map<number, string[]>> {
  const notes = new Map<number, string[]>();
  if (!ids.length) return notes;
  const { rows } = await client.query(
    "SELECT ticket_id, data->>'text' AS text FROM events WHERE kind = 'note' AND ticket_id = ANY($1::bigint[]) AND data->>'text' IS NOT NULL ORDER BY id",
    [ids],
  );
  for (const row of rows as { ticket_id: number; text: string }[]) {
    const list = notes.get(row.ticket_id) ?? [];
    list.push(row.text);
    notes.set(row.ticket_id, list);
  }
  return notes;
}

/** Tickets matching every term, by the query's sort if any, then most relevant, then the most recently logged (highest id). */
export async function searchTickets(client: pg.Client, query: SearchQuery): Promise<SearchHit[]> {
  const statement = searchStatement(query);
  const rows = (await client.query(statement.text, statement.values)).rows as Row[];
  const notes = await notesOf(client, rows.map((r) => r.id as number));
  return rows.map((row) => {
    const score = row.search_score as number;
    delete row.search_score;
    const ticket = toTicket(row);
    return { ticket, score: Math.round(score * 1000) / 1000, notes: notes.get(ticket.id) ?? [] };
  });
}

/** Tickets whose trigram frequency is counted one by one; beyond, it is estimated from a sample. */
const EXACT_COUNT = 200;
/** Search rows read to estimate the frequency of common trigrams: a desk this small is read whole. */
const SAMPLE_ROWS = 5_000;

/**
 * How many tickets hold each trigram anywhere, as SQLite's index counts them (the ticket itself
 * included). SQLite reads the count off its index; here every ticket counted is a row read, so a
 * trigram in thousands of tickets would cost seconds. The rare ones, which decide the candidates
 * and weigh most, are counted exactly; the common ones are estimated from a sample of the rows,
 * which is all of them on a desk of up to SAMPLE_ROWS tickets.
 */
async function ticketsHolding(client: pg.Client, grams: readonly string[], tickets: number): Promise<Map<string, number>> {
  const patterns = grams.map((g) => `%${escapeLike(g)}%`);
  const { rows } = await client.query(
    `SELECT g.gram, (SELECT count(*) FROM (SELECT FROM ticket_search s WHERE ${SEARCH_TEXT} ILIKE g.pattern LIMIT $3) x) AS tickets
     FROM unnest($1::text[], $2::text[]) AS g(gram, pattern)`,
    [grams, patterns, EXACT_COUNT],
  );
  const counts = new Map((rows as { gram: string; tickets: number }[]).map((r) => [r.gram, Number(r.tickets)]));
  const common = grams.filter((g) => counts.get(g)! >= EXACT_COUNT);
  if (!common.length) return counts;
  const sample = tickets > SAMPLE_ROWS ? `TABLESAMPLE SYSTEM (${(100 * SAMPLE_ROWS) / tickets}) REPEATABLE (0)` : '';
  // Each row lower-cased once (OFFSET 0 keeps it from being done again for every trigram), as
  // ILIKE would lower-case it for every one.
  const { rows: [found] } = await client.query(
    `SELECT count(*) AS rows, array[${common.map((_, i) => `count(*) FILTER (WHERE strpos(x.text, $${i + 1}) > 0)`).join(', ')}] AS tickets
     FROM (SELECT lower(${SEARCH_TEXT}) AS text FROM ticket_search s ${sample} OFFSET 0) x`,
    common,
  );
  const sampled = Number(found.rows);
  const total = sample ? tickets : sampled;
  common.forEach((gram, i) => {
    if (sampled) counts.set(gram, Math.max(EXACT_COUNT, Math.round((Number(found.tickets[i]) * total) / sampled)));
  });
  return counts;
}

/**
 * Resolved tickets whose problem reads most like this ticket's, best first (src/search/similarity.ts):
 * candidates from the index by the ticket's rarest trigrams, then scored exactly.
 */
export async function similarTickets(client: pg.Client, ticket: Ticket, limit: number): Promise<SimilarHit[]> {
  const grams = [...problemGrams(ticket)].filter(isRareCandidate);
  // The highest id is as good a count of tickets as count(*) for weighting, and costs nothing.
  const tickets = ((await client.query('SELECT max(id) AS n FROM tickets')).rows[0].n as number | null) ?? 0;
  const documentFrequency = await ticketsHolding(client, grams, tickets);
  const probe = probeFor(ticket, documentFrequency, tickets);
  const query = queryGrams(probe, documentFrequency);
  if (!query.length) return [];
  const patterns = query.map((g) => `%${escapeLike(g)}%`);
  // Each trigram's weight is its rarity; ANY($1) is the patterns together, $7… each one.
  const shared = query
    .map((g, i) => `${probe.idf.get(g) ?? 0}::float8 * (3 * (t.title ILIKE $${i + 7})::int + (coalesce(t.description, '') ILIKE $${i + 7})::int)`)
    .join(' + ');
  // The index finds the tickets with a trigram anywhere, and they are looked up by id (joined
  // instead, the planner misjudges how many there are and reads every solved ticket). Only a
  // title or description counts, as on SQLite, and those come first; then by the rarity of the
  // trigrams they share, title first, the same department and recent ones ahead, as SQLite's
  // bm25 orders them.
  const { rows: candidates } = await client.query(
    `SELECT t.id, t.title, t.description, t.department, t.category, t.created_at,
       t.title ILIKE ANY($1::text[]) OR t.description ILIKE ANY($1::text[]) AS in_problem
     FROM tickets t
     WHERE t.id = ANY(array(SELECT s.ticket_id FROM ticket_search s WHERE ${SEARCH_TEXT} ILIKE ANY($1::text[])))
       AND t.status IN ('resolved', 'closed') AND t.solution IS NOT NULL AND t.id <> $2
     ORDER BY in_problem DESC, (${shared}) * (CASE WHEN t.department = $3::text THEN 1.5 ELSE 1.0 END)
       / (1.0 + $4::float8 * ln(1.0 + abs(t.created_at - $5::bigint)::float8 / 3600000.0)) DESC, t.id DESC
     LIMIT $6`,
    [patterns, ticket.id, ticket.department, SIMILARITY.ageDecay, ticket.created_at, SIMILARITY.candidates, ...patterns],
  );
  const best = (candidates as (Comparable & { id: number; in_problem: boolean })[])
    .filter((c) => c.in_problem)
    .map((c) => ({ id: c.id, score: similarityScore(probe, c) }))
    .sort((a, b) => b.score - a.score || b.id - a.id)
    .slice(0, limit);
  if (!best.length) return [];
  const { rows } = await client.query('SELECT * FROM tickets WHERE id = ANY($1::bigint[])', [best.map((b) => b.id)]);
  const byId = new Map((rows as Row[]).map((r) => [r.id as number, toTicket(r)]));
  return best.map((b) => ({ ticket: byId.get(b.id)!, score: Math.round(b.score * 1000) / 1000 }));
}

/** From this many tickets written at once, a bulk write refreshes the planner's statistics itself. */
export const ANALYZE_AFTER_TICKETS = 10_000;

/**
 * Refreshes the planner's statistics of the tables a bulk write fills. A server whose autovacuum
 * is off or behind plans over an empty table's statistics after a load: each search of 1,000,000
 * imported tickets took about 20 s, and 0.2–1.3 s once analyzed. A role that does not own the
 * tables is told so by the server in a warning, and the write stands.
 */
export async function analyzeAfterLoad(client: SearchWriter, tickets: number): Promise<boolean> {
  if (tickets < ANALYZE_AFTER_TICKETS) return false;
  await client.query('ANALYZE tickets, events, settlements, ticket_search');
  return true;
}
