// Full-text search and similar tickets over the `ticket_search` index (migration "full-text
// search…"): an FTS5 table with the trigram tokenizer over title, description, solution and notes,
// kept in sync by triggers on tickets and events, so every write path (commands, redaction)
// updates it in its own transaction. An import leaves its tickets in `search_backlog` and fills
// the index after the load (migration "search index filled after a bulk load"); until then a
// search scans the tickets of the backlog, so it finds the same tickets either way.
//
// Terms of three or more characters are phrases of trigrams. Two-character terms (打印, vpn is
// three) cannot be tokens; each indexed column ends in a space, so every occurrence of a
// two-character term starts some indexed trigram, and the term becomes an OR of the index's own
// trigrams that start with it, read from the fts5vocab table. Measured on 1,000,000 generated
// tickets (bench/README.md): ranked answers from the index in 6 ms (median) to 82 ms (p95), where
// LIKE '%打印%' cannot rank and scans the whole table (0.5 s) when few tickets match, and a
// separate bigram index was no faster for 340 MB more. One-character terms are matched by a scan.
import type { Database } from 'better-sqlite3';
import type { Ticket } from '../domain/ticket.js';
import { ftsString, parseSearchText, type SearchTerm } from '../search/query.js';
import type { SearchHit, SearchQuery, SimilarHit } from './store.js';
import { isRareCandidate, problemGrams, probeFor, queryGrams, similarityScore, SIMILARITY } from '../search/similarity.js';
import { escapeLike, searchOrderSql, ticketFilterSql } from './sqlite-filters.js';
import { toTicket, type Row } from './sqlite-rows.js';
import { prepareCached as prepare } from './statements.js';


/** Two-character terms with more trigrams than this are scanned instead. */
const MAX_EXPANSION = 500;
/** bm25 weights of title, description, solution, notes: a match in the title counts most. */
const BM25 = 'bm25(ticket_search, 3.0, 1.0, 1.0, 1.0)';
const NOTES_OF = `SELECT ticket_id, json_extract(data, '$.text') AS text FROM events WHERE kind = 'note' AND ticket_id IN (SELECT value FROM json_each(?)) ORDER BY id`;

/** The index's trigrams that start with `prefix` (a two-character term), or null when there are too many. */
function trigramsStartingWith(db: Database, prefix: string): string[] | null {
  const terms = prepare(db, 'SELECT term FROM ticket_search_terms WHERE term >= ? AND term < ? LIMIT ?')
    .pluck()
    .all(prefix, `${prefix}\u{10FFFF}`, MAX_EXPANSION + 1) as string[];
  return terms.length > MAX_EXPANSION ? null : terms;
}

/**
 * A condition on `tickets` (alias t) that a term occurs in title, description, solution or a note,
 * ignoring case as the index does. LIKE ignores the case of ASCII letters only: a term with other
 * letters that have a case (é, Ж) is compared lower-cased, by a function of this connection.
 */
function scanCondition(db: Database, term: SearchTerm): { sql: string; params: unknown[] } {
  const contains = (column: string) => (hasNonAsciiCase(term.text) ? `instr(${foldFunction(db)}(${column}), ?) > 0` : `${column} LIKE ? ESCAPE '\\'`);
  const pattern = hasNonAsciiCase(term.text) ? term.text : `%${escapeLike(term.text)}%`;
  return {
    sql: `(${contains('t.title')} OR ${contains('t.description')} OR ${contains('t.solution')}
      OR EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind = 'note' AND ${contains("json_extract(e.data, '$.text')")}))`,
    params: [pattern, pattern, pattern, pattern],
  };
}

function hasNonAsciiCase(text: string): boolean {
  for (const c of text) if (c > '\x7f' && c.toLowerCase() !== c.toUpperCase()) return true;
  return false;
}

const FOLD = 'desk_search_fold';
const folding = new WeakSet<Database>();

/** The name of the lower-casing function, registered on the connection the first time. */
function foldFunction(db: Database): string {
  if (!folding.has(db)) {
    db.function(FOLD, { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));
    folding.add(db);
  }
  return FOLD;
}

export function notesOf(db: Database, ids: readonly number[]): Map<number, string[]> {
  const notes = new Map<number, string[]>();
  if (!ids.length) return notes;
  for (const row of prepare(db, NOTES_OF).all(JSON.stringify(ids)) as { ticket_id: number; text: string | null }[]) {
    if (row.text === null) continue;
    const list = notes.get(row.ticket_id) ?? [];
    list.push(row.text);
    notes.set(row.ticket_id, list);
  }
  return notes;
}

/** Tickets matching every term, by the query's sort if any, then most relevant, then the most recently logged (highest id). */
export function searchTickets(db: Database, query: SearchQuery): SearchHit[] {
  const terms = parseSearchText(query.text);
  const match: string[] = [];
  const scans: SearchTerm[] = [];
  // A two-character term no indexed trigram starts: no indexed ticket matches.
  let noneIndexed = false;
  for (const term of terms) {
    if (term.length >= 3) match.push(ftsString(term.text));
    else if (term.length === 2) {
      const grams = trigramsStartingWith(db, term.text);
      if (grams === null) scans.push(term);
      else if (!grams.length) noneIndexed = true;
      else match.push(`(${grams.map(ftsString).join(' OR ')})`);
    } else scans.push(term);
  }
  const behind = hasSearchBacklog(db);
  if (noneIndexed && !behind) return [];
  // `text` is the search itself here, not list's substring filter.
  const filters = ticketFilterSql({ ...query, text: undefined });
  const where = [...filters.where];
  const params = [...filters.params];
  for (const term of scans) {
    const scan = scanCondition(db, term);
    where.push(scan.sql);
    params.push(...scan.params);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  let rows: Row[];
  if (behind && (match.length || noneIndexed)) {
    // The index answers for the tickets it holds as they are; the backlog's tickets (not indexed
    // yet, or indexed before their last change) are scanned for every term, and rank as a scan.
    const pending = ticketFilterSql({ ...query, text: undefined });
    for (const term of terms) {
      const scan = scanCondition(db, term);
      pending.where.push(scan.sql);
      pending.params.push(...scan.params);
    }
    const indexed = noneIndexed
      ? null
      : `SELECT t.*, m.score AS search_score FROM (SELECT rowid AS id, ${BM25} AS score FROM ticket_search WHERE ticket_search MATCH ?) m
         JOIN tickets t ON t.id = m.id WHERE m.id NOT IN (SELECT ticket_id FROM search_backlog)${where.length ? ` AND ${where.join(' AND ')}` : ''}`;
    const scanned = `SELECT t.*, 0 AS search_score FROM search_backlog b JOIN tickets t ON t.id = b.ticket_id WHERE ${pending.where.join(' AND ')}`;
    const sql = `SELECT * FROM (${indexed ? `${indexed} UNION ALL ` : ''}${scanned}) ORDER BY ${searchOrderSql(query.sort, 'search_score', 'id')} LIMIT ?`;
    rows = prepare(db, sql).all(...(indexed ? [match.join(' AND '), ...params] : []), ...pending.params, query.limit) as Row[];
  } else if (match.length && !where.length && !query.sort) {
    // Nothing to filter or sort by: the index alone ranks, and only the tickets shown are read.
    const ranked = prepare(db, `SELECT rowid AS id, ${BM25} AS score FROM ticket_search WHERE ticket_search MATCH ? ORDER BY score, rowid DESC LIMIT ?`).all(match.join(' AND '), query.limit) as { id: number; score: number }[];
    const byId = new Map((prepare(db, 'SELECT * FROM tickets WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ranked.map((r) => r.id))) as Row[]).map((r) => [r.id as number, r]));
    rows = ranked.filter((r) => byId.has(r.id)).map((r) => ({ ...byId.get(r.id)!, search_score: r.score }));
  } else {
    // The MATCH runs in a subquery so the filters' column names refer to tickets only.
    const sql = match.length
      ? `SELECT t.*, m.score AS search_score FROM (SELECT rowid AS id, ${BM25} AS score FROM ticket_search WHERE ticket_search MATCH ?) m
         JOIN tickets t ON t.id = m.id ${whereSql} ORDER BY ${searchOrderSql(query.sort, 'm.score', 't.id')} LIMIT ?`
      : `SELECT t.*, 0 AS search_score FROM tickets t ${whereSql} ORDER BY ${searchOrderSql(query.sort, null, 't.id')} LIMIT ?`;
    rows = prepare(db, sql).all(...(match.length ? [match.join(' AND ')] : []), ...params, query.limit) as Row[];
  }
  const notes = notesOf(db, rows.map((r) => r.id as number));
  return rows.map((row) => {
    const score = row.search_score as number;
    delete row.search_score;
    const ticket = toTicket(row);
    // bm25 is lower for better matches; the hit's score is higher for better ones.
    return { ticket, score: score === 0 ? 0 : Math.round(-score * 1000) / 1000, notes: notes.get(ticket.id) ?? [] };
  });
}

/**
 * Resolved tickets whose problem reads most like this ticket's, best first (src/search/similarity.ts):
 * candidates from the index by the ticket's rarest trigrams, then scored exactly.
 */
export function similarTickets(db: Database, ticket: Ticket, limit: number): SimilarHit[] {
  const frequency = prepare(db, 'SELECT doc FROM ticket_search_terms WHERE term = ?').pluck();
  const documentFrequency = new Map<string, number>();
  for (const gram of problemGrams(ticket)) if (isRareCandidate(gram)) documentFrequency.set(gram, (frequency.get(gram) as number | undefined) ?? 0);
  // The highest id is as good a count of tickets as COUNT(*) for weighting, and costs nothing.
  const tickets = (prepare(db, 'SELECT max(id) FROM tickets').pluck().get() as number | null) ?? 0;
  const probe = probeFor(ticket, documentFrequency, tickets);
  const grams = queryGrams(probe, documentFrequency);
  if (!grams.length) return [];
  const candidates = prepare(
    db,
    `SELECT t.id, t.title, t.description, t.department, t.category, t.created_at
     FROM (SELECT rowid AS id, bm25(ticket_search, 3.0, 1.0, 0.0, 0.0) AS score FROM ticket_search WHERE ticket_search MATCH ?) m
     JOIN tickets t ON t.id = m.id
     WHERE t.status IN ('resolved', 'closed') AND t.solution IS NOT NULL AND t.id <> ?
     ORDER BY m.score * (CASE WHEN t.department = ? THEN 1.5 ELSE 1.0 END) / (1.0 + ? * ln(1.0 + abs(t.created_at - ?) / 3600000.0))
     LIMIT ?`,
  ).all(`{title description} : (${grams.map(ftsString).join(' OR ')})`, ticket.id, ticket.department, SIMILARITY.ageDecay, ticket.created_at, SIMILARITY.candidates) as {
    id: number;
    title: string;
    description: string | null;
    department: string | null;
    category: string | null;
    created_at: number;
  }[];
  const best = candidates
    .map((c) => ({ id: c.id, score: similarityScore(probe, c) }))
    .sort((a, b) => b.score - a.score || b.id - a.id)
    .slice(0, limit);
  if (!best.length) return [];
  const rows = prepare(db, 'SELECT * FROM tickets WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(best.map((b) => b.id))) as Row[];
  const byId = new Map(rows.map((r) => [r.id as number, toTicket(r)]));
  return best.map((b) => ({ ticket: byId.get(b.id)!, score: Math.round(b.score * 1000) / 1000 }));
}

/**
 * For a writer of many tickets (desk import): FTS5 flushes its pending terms at every statement
 * savepoint, and a trigger's statement has one, so indexing row by row from the triggers is about
 * three times slower than indexing the same rows in one statement; and indexing them once they are
 * all in, in large chunks, cost about 3 s of CPU for 200,000 tickets where indexing each 5,000-ticket
 * batch in its own transaction cost about 6 s (bench/schema-floor.mjs beside the same copy
 * without the index). Between
 * `deferSearchIndex` and `endSearchDeferral`, both inside one transaction, the triggers only note
 * in search_backlog which tickets changed, and it commits with them; `indexSearchBacklog` indexes
 * them later.
 */
export function deferSearchIndex(db: Database): void {
  prepare(db, 'INSERT INTO search_deferred (writer) VALUES (1) ON CONFLICT (writer) DO NOTHING').run();
}

/** Ends the deferral before the transaction commits: other writers index as they write. */
export function endSearchDeferral(db: Database): void {
  prepare(db, 'DELETE FROM search_deferred').run();
}

/**
 * Tickets of the backlog indexed in one transaction. Filling the index of 200,000 imported tickets
 * took about 3 s of CPU in chunks of 25,000 to 100,000 alike (bench/schema-floor.mjs --chunk), the
 * peak memory of the whole copy rising from 112 to 160 MB; a chunk of 50,000 holds the write lock
 * for under a second of CPU.
 */
export const SEARCH_INDEX_CHUNK = 50_000;

/** Indexes up to `limit` tickets of the backlog (all of it: Infinity), lowest ids first, in the caller's transaction; how many it indexed. */
export function indexSearchBacklog(db: Database, limit: number): number {
  const bound = Number.isFinite(limit) ? (prepare(db, 'SELECT ticket_id FROM search_backlog ORDER BY ticket_id LIMIT 1 OFFSET ?').pluck().get(limit - 1) as number | undefined) : undefined;
  return indexBacklogRange(db, Number.MIN_SAFE_INTEGER, bound ?? Number.MAX_SAFE_INTEGER);
}

/** Indexes the ticket now if it is in the backlog (a redaction: the old text must leave the index). */
export function indexSearchBacklogTicket(db: Database, id: number): void {
  indexBacklogRange(db, id, id);
}

function indexBacklogRange(db: Database, first: number, last: number): number {
  prepare(db, 'DELETE FROM ticket_search WHERE rowid IN (SELECT ticket_id FROM search_backlog WHERE ticket_id BETWEEN ? AND ? AND indexed)').run(first, last);
  prepare(
    db,
    `INSERT INTO ticket_search (rowid, title, description, solution, notes)
     SELECT t.id, t.title || ' ', coalesce(t.description, '') || ' ', coalesce(t.solution, '') || ' ',
       coalesce((SELECT group_concat(text, char(10)) FROM (SELECT json_extract(data, '$.text') AS text FROM events WHERE ticket_id = t.id AND kind = 'note' ORDER BY id)), '') || ' '
     FROM search_backlog b JOIN tickets t ON t.id = b.ticket_id WHERE b.ticket_id BETWEEN ? AND ?`,
  ).run(first, last);
  return prepare(db, 'DELETE FROM search_backlog WHERE ticket_id BETWEEN ? AND ?').run(first, last).changes;
}

/** True when some ticket waits in the backlog: searches scan it, `similar` does not offer it yet. */
export function hasSearchBacklog(db: Database): boolean {
  return prepare(db, 'SELECT EXISTS (SELECT 1 FROM search_backlog)').pluck().get() === 1;
}

/** How many tickets wait in the backlog. */
export function countSearchBacklog(db: Database): number {
  return prepare(db, 'SELECT count(*) FROM search_backlog').pluck().get() as number;
}
