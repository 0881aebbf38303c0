// The SQL of `desk import`: its batches, each one BEGIN IMMEDIATE transaction with cached
// statements, and the reads and writes of a batch. Which row is which ticket, which number it
// gets and what is written of it are the importer's (src/importer/import-write.ts).
import type Database from 'better-sqlite3';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanTools } from '../domain/lifecycle.js';
import type { Ticket } from '../domain/ticket.js';
import { storedLinkOf } from '../domain/links.js';
import type { ImportBatch, ImportedChange, ImportedLink, ImportedTicket, ImportSession, TicketKey, WriteOptions } from './store.js';
import { deferSearchIndex, endSearchDeferral, indexSearchBacklog, SEARCH_INDEX_CHUNK } from './sqlite-search.js';
import { prepareCached } from './statements.js';
import { toColumn, toTicket, withDerivedColumns, type Row } from './sqlite-rows.js';
import { asWriteRefusal, cannotWrite } from './sqlite-read-only.js';
import { insertSettlement, replaceSettlements } from './sqlite-settlements.js';
import { insertEvent, updateTicketFields } from './sqlite-changes.js';

// An open batch whose input stalls this long is committed as it is.
const IDLE_COMMIT_MS = 2000;
// 64 MiB of WAL between checkpoints while importing (the default is 1000 pages, 4 MiB).
export const BULK_AUTOCHECKPOINT_PAGES = 16384;

const SCRATCH = /^desk-import-(\d+)-[0-9a-f]+\.db(?:-journal|-wal|-shm)?$/;

/** Scratch files (and any journal of theirs) of imports that were killed: SQLite needs the file to keep its name while open. */
function removeAbandonedScratch(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = SCRATCH.exec(name)?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    rmSync(join(tmpdir(), name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The row the key names, by the statement of its kind; undefined for none. */
function lookUp(key: TicketKey | null, byExternalId: Database.Statement, byNumber: Database.Statement): unknown {
  if (key === null) return undefined;
  return 'external_id' in key ? byExternalId.get(key.external_id) : byNumber.get(key.number, key.created_at, key.title);
}

function findTicketIds(db: Database.Database, keys: readonly (TicketKey | null)[]): (number | null)[] {
  const byExternalId = prepareCached(db, 'SELECT id FROM tickets WHERE external_id = ?').pluck();
  const byNumber = prepareCached(db, 'SELECT id FROM tickets WHERE number = ? AND created_at = ? AND title = ?').pluck();
  return keys.map((key) => (lookUp(key, byExternalId, byNumber) as number | undefined) ?? null);
}

function findTickets(db: Database.Database, keys: readonly (TicketKey | null)[]): (Ticket | null)[] {
  const byExternalId = prepareCached(db, 'SELECT * FROM tickets WHERE external_id = ?');
  const byNumber = prepareCached(db, 'SELECT * FROM tickets WHERE number = ? AND created_at = ? AND title = ?');
  return keys.map((key) => {
    const row = lookUp(key, byExternalId, byNumber) as Row | undefined;
    return row === undefined ? null : toTicket(row);
  });
}

/** The reads and writes of an open batch; the session keeps the transaction. */
class SqliteImportBatch implements ImportBatch {
  /** The columns of `tickets`, read from the schema so that new columns need no change here. */
  private columns: string[] | null = null;
  private insertRow: Database.Statement | null = null;

  constructor(
    private readonly db: Database.Database,
    readonly tools: PlanTools,
  ) {}

  private statement(sql: string): Database.Statement {
    return prepareCached(this.db, sql);
  }

  async findTicketIds(keys: readonly (TicketKey | null)[]): Promise<(number | null)[]> {
    return findTicketIds(this.db, keys);
  }

  async findTickets(keys: readonly (TicketKey | null)[]): Promise<(Ticket | null)[]> {
    return findTickets(this.db, keys);
  }

  async takenNumbers(numbers: readonly string[]): Promise<Set<string>> {
    if (!numbers.length) return new Set();
    return new Set(this.statement('SELECT number FROM tickets WHERE number IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(numbers)) as string[]);
  }

  async advanceSequence(sequence: string, value: number): Promise<void> {
    this.statement('INSERT INTO sequences (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)').run(sequence, value);
  }

  async drawNumbers(sequence: string, count: number): Promise<number> {
    const last = this.statement('INSERT INTO sequences (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value RETURNING value').pluck().get(sequence, count) as number;
    return last - count + 1;
  }

  async insertTicket({ ticket, id, events, settlements }: ImportedTicket, options: WriteOptions): Promise<void> {
    const values = withDerivedColumns(ticket as unknown as Record<string, unknown>, true);
    const keptId = id !== null && this.statement('SELECT 1 FROM tickets WHERE id = ?').get(id) === undefined ? id : null;
    if (!this.columns) {
      this.columns = (this.db.pragma('table_info(tickets)') as { name: string }[]).map((c) => c.name).filter((c) => c === 'id' || c in values);
      this.insertRow = this.db.prepare(`INSERT INTO tickets (${this.columns.join(', ')}) VALUES (${this.columns.map(() => '?').join(', ')})`);
    }
    const columns = this.columns;
    const bound = new Array<unknown>(columns.length);
    for (let i = 0; i < columns.length; i++) bound[i] = columns[i] === 'id' ? keptId : toColumn(columns[i]!, values[columns[i]!]);
    const { lastInsertRowid } = this.insertRow!.run(bound);
    for (const event of events) insertEvent(this.db, lastInsertRowid, options, event.kind, event.data);
    for (const s of settlements) insertSettlement(this.db, lastInsertRowid, s);
  }

  async updateTicket({ ticket, patch, event, settlements }: ImportedChange, options: WriteOptions): Promise<void> {
    if (settlements) replaceSettlements(this.db, ticket.id, ticket.reopen_count, settlements);
    updateTicketFields(this.db, ticket.id, patch, options);
    insertEvent(this.db, ticket.id, options, event.kind, event.data);
  }
}

export class SqliteImportSession implements ImportSession {
  /** The scratch database of markSeen, attached as `import_seen`; null until first used. */
  private seenFile: string | null = null;
  /** Where markSeen keeps the run's keys; null until first used. */
  private seenTable: string | null = null;
  private readonly batch: SqliteImportBatch;

  /** `access.readOnly`: the database may only be read, so the session only looks up (--dry-run). */
  constructor(
    private readonly db: Database.Database,
    tools: PlanTools,
    private readonly access: { path: string; readOnly: boolean },
  ) {
    this.batch = new SqliteImportBatch(db, tools);
    // Every statement that writes many rows inside a batch (a ticket with its triggers, the search
    // index's insert) keeps a statement journal, by default a temporary file: about 35 page writes
    // a ticket, most of the import's system time (200,000 tickets: 10 s of it, 2.3 s in memory).
    this.tempStore = this.db.pragma('temp_store', { simple: true }) as number;
    if (!access.readOnly) this.db.pragma('temp_store = MEMORY');
  }

  /** The connection's temp_store before the import, restored at close. */
  private readonly tempStore: number;

  private statement(sql: string): Database.Statement {
    return prepareCached(this.db, sql);
  }

  /**
   * External ids already seen in this run live in a scratch database file of their own: the
   * connection keeps its temporary data in memory during an import (see the constructor), and
   * finding duplicates inside a file should cost no memory per row.
   */
  async markSeen(keys: readonly (string | null)[], lines: readonly number[]): Promise<(number | null)[]> {
    if (this.seenTable === null && this.access.readOnly) {
      // A read-only connection attaches files read-only too; its temporary tables live in a
      // temporary file of SQLite's own (temp_store is left at its default).
      this.db.exec('CREATE TEMP TABLE import_seen (key TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID');
      this.seenTable = 'temp.import_seen';
    } else if (this.seenTable === null) {
      removeAbandonedScratch();
      this.seenFile = join(tmpdir(), `desk-import-${process.pid}-${Math.floor(Math.random() * 2 ** 48).toString(16)}.db`);
      this.statement('ATTACH DATABASE ? AS import_seen').run(this.seenFile);
      this.db.pragma('import_seen.journal_mode = OFF');
      this.db.pragma('import_seen.synchronous = OFF');
      this.db.exec('CREATE TABLE import_seen.seen (key TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID');
      this.seenTable = 'import_seen.seen';
    }
    const insert = this.statement(`INSERT INTO ${this.seenTable} (key, line) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`);
    const earlier = this.statement(`SELECT line FROM ${this.seenTable} WHERE key = ?`).pluck();
    const mark = () =>
      keys.map((key, i) => {
        if (key === null) return null;
        if (insert.run(key, lines[i]).changes === 1) return null;
        return earlier.get(key) as number;
      });
    // Inside the open batch, no savepoint: full-text search indexes flush their pending terms at
    // every savepoint, which would turn one index segment per batch into one per call.
    return this.db.inTransaction ? mark() : this.db.transaction(mark)();
  }

  async findTicketIds(keys: readonly (TicketKey | null)[]): Promise<(number | null)[]> {
    return findTicketIds(this.db, keys);
  }

  async findTickets(keys: readonly (TicketKey | null)[]): Promise<(Ticket | null)[]> {
    return findTickets(this.db, keys);
  }

  /** Rows written since the open transaction began; null when none is open. */
  private inBatch: number | null = null;
  /** The connection's wal_autocheckpoint before the import, restored at close. */
  private autocheckpoint: number | null = null;

  /**
   * Writes the rows as they come, in transactions of exactly `batchSize` rows: the transaction
   * stays open between calls (rows are written the moment they are checked, and never pile up
   * in memory) and commits when the batch is full, or at flush().
   */
  async write<R>(rows: readonly R[], batchSize: number, writePart: (part: readonly R[], batch: ImportBatch) => Promise<void>): Promise<void> {
    if (this.access.readOnly) throw cannotWrite(this.access.path);
    try {
      await this.writeBatches(rows, batchSize, writePart);
    } catch (error) {
      throw asWriteRefusal(error, this.access.path);
    }
  }

  private async writeBatches<R>(rows: readonly R[], batchSize: number, writePart: (part: readonly R[], batch: ImportBatch) => Promise<void>): Promise<void> {
    this.stopIdleTimer();
    for (let start = 0; start < rows.length; ) {
      if (this.inBatch === null) {
        if (this.autocheckpoint === null) {
          // A bulk write checkpoints the WAL every few batches rather than at every commit: each
          // index page is copied back once per checkpoint, not once per batch.
          this.autocheckpoint = this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
          this.db.pragma(`wal_autocheckpoint = ${Math.max(this.autocheckpoint, BULK_AUTOCHECKPOINT_PAGES)}`);
        }
        this.db.prepare('BEGIN IMMEDIATE').run();
        // The batch's tickets go into the search index after the load (flush), not row by row.
        deferSearchIndex(this.db);
        this.inBatch = 0;
      }
      const part = rows.slice(start, start + batchSize - this.inBatch);
      await writePart(part, this.batch);
      this.inBatch += part.length;
      start += part.length;
      if (this.inBatch >= batchSize) this.commit();
    }
    // While the input stalls (a slow pipe), the open batch is committed rather than keep other
    // writers waiting on the lock.
    if (this.inBatch !== null) this.idleTimer = setTimeout(() => this.commitWhenIdle(), IDLE_COMMIT_MS);
  }

  private idleTimer: NodeJS.Timeout | null = null;
  private idleError: unknown = null;

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.idleError) throw this.idleError;
  }

  private commitWhenIdle(): void {
    this.idleTimer = null;
    try {
      this.commit();
    } catch (error) {
      this.idleError = error;
    }
  }

  /** Commits the open batch, if any, its tickets noted in the search backlog. */
  private commit(): void {
    if (this.inBatch === null) return;
    endSearchDeferral(this.db);
    this.db.prepare('COMMIT').run();
    this.inBatch = null;
  }

  /**
   * Commits the rows written since the last commit, then indexes for search every ticket waiting
   * in the backlog (this import's, and any a killed import left), in transactions of
   * SEARCH_INDEX_CHUNK tickets. A kill meanwhile leaves the rest in the backlog, committed with
   * their tickets: searches scan them, and the next import or `desk doctor --repair` indexes them.
   */
  async flush(onIndexed?: (indexed: number, total: number) => void): Promise<void> {
    try {
      this.stopIdleTimer();
      this.commit();
      if (this.access.readOnly) return;
      const total = this.statement('SELECT count(*) FROM search_backlog').pluck().get() as number;
      const index = this.db.transaction(() => indexSearchBacklog(this.db, SEARCH_INDEX_CHUNK));
      for (let indexed = 0, taken = SEARCH_INDEX_CHUNK; taken === SEARCH_INDEX_CHUNK; ) {
        taken = index.immediate();
        indexed = Math.min(total, indexed + taken);
        if (total) onIndexed?.(indexed, total);
      }
    } catch (error) {
      throw asWriteRefusal(error, this.access.path);
    }
  }

  /** Rolls back rows not yet committed (the import stopped on an error) and drops the run's own state. */
  async writeLinks(links: readonly ImportedLink[]): Promise<string[]> {
    if (!links.length) return [];
    const find = this.statement('SELECT id FROM tickets WHERE number = ?').pluck();
    const ids = new Map<string, number>();
    for (const number of new Set(links.flatMap((l) => [l.number, l.link.ticket]))) {
      const id = find.get(number) as number | undefined;
      if (id !== undefined) ids.set(number, id);
    }
    const insert = this.statement(
      'INSERT INTO links (from_id, to_id, kind, linked_at, linked_by) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM links WHERE min(from_id, to_id) = min(?, ?) AND max(from_id, to_id) = max(?, ?))',
    );
    try {
      this.db.transaction(() => {
        for (const { number, link } of links) {
          const [a, b] = [ids.get(number), ids.get(link.ticket)];
          if (a === undefined || b === undefined || a === b) continue;
          const { kind, fromThis } = storedLinkOf(link.as);
          const [from, to] = fromThis ? [a, b] : [b, a];
          insert.run(from, to, kind, link.linked_at, link.linked_by, a, b, a, b);
        }
      }).immediate();
    } catch (error) {
      throw asWriteRefusal(error, this.access.path);
    }
    return [...new Set(links.flatMap((l) => [l.number, l.link.ticket]))].filter((n) => !ids.has(n));
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.inBatch !== null && this.db.inTransaction) this.db.prepare('ROLLBACK').run();
    this.inBatch = null;
    if (this.autocheckpoint !== null) this.db.pragma(`wal_autocheckpoint = ${this.autocheckpoint}`);
    this.autocheckpoint = null;
    if (this.seenTable === 'temp.import_seen') this.db.exec('DROP TABLE temp.import_seen');
    if (this.seenFile !== null) {
      this.db.exec('DETACH DATABASE import_seen');
      for (const suffix of ['', '-journal']) rmSync(this.seenFile + suffix, { force: true });
    }
    this.seenFile = null;
    this.seenTable = null;
    this.db.pragma(`temp_store = ${this.tempStore}`);
  }
}
