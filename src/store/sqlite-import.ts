// The SQL of `desk import`: imported tickets written in batches, each batch one BEGIN IMMEDIATE
// transaction with cached statements.
import type Database from 'better-sqlite3';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeEvents } from '../domain/change-events.js';
import { drawnNumbers, fitDrawnNumbers, planImportNumbers } from '../domain/numbering.js';
import { diffPatch, type PlanTools } from '../domain/lifecycle.js';
import type { EventData, Ticket, TicketPatch } from '../domain/ticket.js';
import type { ImportCounts, ImportRecord, ImportSession, ImportWriteOptions } from './store.js';
import { deferSearchIndex, indexSearchBacklog } from './sqlite-search.js';
import { prepareCached } from './statements.js';
import { toColumn, toTicket, type Row } from './sqlite-rows.js';
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

export class SqliteImportSession implements ImportSession {
  /** The scratch database of markSeen, attached as `import_seen`; null until first used. */
  private seenFile: string | null = null;
  /** Where markSeen keeps the run's keys; null until first used. */
  private seenTable: string | null = null;
  /** The columns of `tickets`, read from the schema so that new columns need no change here. */
  private columns: string[] | null = null;
  private insertTicket: Database.Statement | null = null;

  /** `access.readOnly`: the database may only be read, so the session only previews (--dry-run). */
  constructor(
    private readonly db: Database.Database,
    private readonly tools: PlanTools,
    private readonly access: { path: string; readOnly: boolean },
  ) {
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

  /** The existing ticket a record stands for: by external id, or by number with the same creation and title. */
  private findExisting(record: ImportRecord, full: boolean): Row | undefined {
    const { external_id, number, created_at, title } = record.ticket;
    const columns = full ? '*' : 'id';
    if (external_id !== null) return this.statement(`SELECT ${columns} FROM tickets WHERE external_id = ?`).get(external_id) as Row | undefined;
    if (number !== null) {
      return this.statement(`SELECT ${columns} FROM tickets WHERE number = ? AND created_at = ? AND title = ?`).get(number, created_at, title) as Row | undefined;
    }
    return undefined;
  }

  /** The numbers of `numbers` that tickets have. */
  private takenNumbers(numbers: readonly string[]): Set<string> {
    if (!numbers.length) return new Set();
    return new Set(this.statement('SELECT number FROM tickets WHERE number IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(numbers)) as string[]);
  }

  /** Numbers for the batch's new tickets, by the rules of planImportNumbers and fitDrawnNumbers. */
  private chooseNumbers(records: readonly ImportRecord[], options: ImportWriteOptions): string[] {
    const requests = records.map((r) => ({ given: r.ticket.number, createdAt: r.ticket.created_at }));
    const plan = planImportNumbers(requests, this.takenNumbers(requests.flatMap((r) => (r.given === null ? [] : [r.given]))), options.numbering);
    const advance = this.statement('INSERT INTO sequences (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)');
    for (const [sequence, value] of plan.floors) advance.run(sequence, value);
    const draw = this.statement('INSERT INTO sequences (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value RETURNING value').pluck();
    const numbers = plan.kept;
    const used = new Set(numbers.filter((n) => n !== null));
    for (const [sequence, requests] of plan.draws) {
      let waiting = requests;
      for (let round: 'first' | 'later' = 'first'; waiting.length; round = 'later') {
        const first = (draw.get(sequence, waiting.length) as number) - waiting.length + 1;
        const drawn = drawnNumbers(options.numbering, sequence, first, waiting.length);
        const taken = this.takenNumbers(drawn);
        const fit = fitDrawnNumbers(waiting, drawn, (n) => used.has(n) || taken.has(n), round);
        for (const [i, number] of fit.given) {
          numbers[i] = number;
          used.add(number);
        }
        waiting = fit.waiting;
      }
    }
    return numbers as string[];
  }

  /** `{"source": …, "line": N, "text": "imported from …, line N"}`, with what changed for an update. */
  private importEventData(record: ImportRecord, options: ImportWriteOptions, changes?: Record<string, [unknown, unknown]>): EventData {
    const data: EventData = { source: options.source, line: record.line, text: `imported from ${options.source}, line ${record.line}` };
    if (changes) data.changes = changes;
    return data;
  }

  private async insert(record: ImportRecord, number: string, options: ImportWriteOptions): Promise<void> {
    // The record is this batch's own: it becomes the ticket in place.
    const ticket = record.ticket as unknown as Ticket;
    const sourceId = record.ticket.id;
    ticket.id = 0;
    ticket.number = number;
    ticket.version ??= 1;
    ticket.updated_at ??= options.now;
    ticket.updated_by ??= options.actor;
    const events: { kind: string; data: EventData }[] = record.events;
    let changed = events.length;
    const settlements = [...record.settlements];
    for (const plan of options.then) {
      const change = await plan(ticket, this.tools);
      if (!change) continue;
      if (change.settlements) settlements.push(...change.settlements);
      events.push(...changeEvents(ticket, change));
      Object.assign(ticket, change.bookkeeping, change.patch);
      changed++;
    }
    if (changed) {
      ticket.version += changed;
      ticket.updated_at = options.now;
      ticket.updated_by = options.actor;
    }
    const values = ticket as unknown as Record<string, unknown>;
    values.id = sourceId !== null && this.statement('SELECT 1 FROM tickets WHERE id = ?').get(sourceId) === undefined ? sourceId : null;
    if (!this.columns) {
      this.columns = (this.db.pragma('table_info(tickets)') as { name: string }[]).map((c) => c.name).filter((c) => c in values);
      this.insertTicket = this.db.prepare(`INSERT INTO tickets (${this.columns.join(', ')}) VALUES (${this.columns.map(() => '?').join(', ')})`);
    }
    const columns = this.columns;
    const bound = new Array<unknown>(columns.length);
    for (let i = 0; i < columns.length; i++) bound[i] = toColumn(columns[i]!, values[columns[i]!]);
    const { lastInsertRowid } = this.insertTicket!.run(bound);
    insertEvent(this.db, lastInsertRowid, options, 'import', this.importEventData(record, options));
    for (const event of events) insertEvent(this.db, lastInsertRowid, options, event.kind, event.data);
    for (const s of settlements) insertSettlement(this.db, lastInsertRowid, s);
  }

  /** Applies `--update` to an existing ticket; false when it already matches the row. */
  private update(existing: Ticket, record: ImportRecord, options: ImportWriteOptions): boolean {
    const update = options.update!(existing, record);
    if (!update) return false;
    const patch = update.patch;
    const changes = diffPatch(existing, patch);
    const fields = Object.keys(changes);
    if (!fields.length) return false;
    if (update.settlements) replaceSettlements(this.db, existing.id, existing.reopen_count, update.settlements);
    const written: TicketPatch = {};
    for (const field of fields) (written as Record<string, unknown>)[field] = patch[field as keyof TicketPatch];
    updateTicketFields(this.db, existing.id, written, options);
    insertEvent(this.db, existing.id, options, 'import', this.importEventData(record, options, changes));
    return true;
  }

  /** Rows written since the open transaction began; null when none is open. */
  private inBatch: number | null = null;
  /** The connection's wal_autocheckpoint before the import, restored at close. */
  private autocheckpoint: number | null = null;

  /**
   * Writes the records as they come, in transactions of exactly `options.batchSize` rows: the
   * transaction stays open between calls (records are written the moment they are checked, and
   * never pile up in memory) and commits when the batch is full, or at flush().
   */
  async write(records: readonly ImportRecord[], options: ImportWriteOptions): Promise<ImportCounts> {
    if (this.access.readOnly) throw cannotWrite(this.access.path);
    try {
      return await this.writeBatches(records, options);
    } catch (error) {
      throw asWriteRefusal(error, this.access.path);
    }
  }

  private async writeBatches(records: readonly ImportRecord[], options: ImportWriteOptions): Promise<ImportCounts> {
    this.stopIdleTimer();
    const counts: ImportCounts = { inserted: 0, updated: 0, skipped: 0 };
    for (let start = 0; start < records.length; ) {
      if (this.inBatch === null) {
        if (this.autocheckpoint === null) {
          // A bulk write checkpoints the WAL every few batches rather than at every commit: each
          // index page is copied back once per checkpoint, not once per batch.
          this.autocheckpoint = this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
          this.db.pragma(`wal_autocheckpoint = ${Math.max(this.autocheckpoint, BULK_AUTOCHECKPOINT_PAGES)}`);
        }
        this.db.prepare('BEGIN IMMEDIATE').run();
        // The search index is written once per batch, not row by row from its triggers.
        deferSearchIndex(this.db);
        this.inBatch = 0;
      }
      const part = records.slice(start, start + options.batchSize - this.inBatch);
      await this.writePart(part, options, counts);
      this.inBatch += part.length;
      start += part.length;
      if (this.inBatch >= options.batchSize) await this.flush();
    }
    // While the input stalls (a slow pipe), the open batch is committed rather than keep other
    // writers waiting on the lock.
    if (this.inBatch !== null) this.idleTimer = setTimeout(() => this.commitWhenIdle(), IDLE_COMMIT_MS);
    return counts;
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
      if (this.inBatch !== null) {
        indexSearchBacklog(this.db);
        this.db.prepare('COMMIT').run();
      }
      this.inBatch = null;
    } catch (error) {
      this.idleError = error;
    }
  }

  /** Commits the rows written since the last commit. */
  async flush(): Promise<void> {
    try {
      this.stopIdleTimer();
      if (this.inBatch === null) return;
      indexSearchBacklog(this.db);
      this.db.prepare('COMMIT').run();
      this.inBatch = null;
    } catch (error) {
      throw asWriteRefusal(error, this.access.path);
    }
  }

  private async writePart(records: readonly ImportRecord[], options: ImportWriteOptions, counts: ImportCounts): Promise<void> {
    const existing = new Array<Row | undefined>(records.length);
    const fresh: number[] = [];
    // A row without external id that repeats an earlier row of the same call is that row.
    const identities = new Set<string>();
    records.forEach((record, i) => {
      existing[i] = this.findExisting(record, options.update !== null);
      if (existing[i] !== undefined) return;
      const { external_id, number, created_at, title } = record.ticket;
      if (external_id === null && number !== null) {
        const identity = `${number}\u0000${created_at}\u0000${title}`;
        if (identities.has(identity)) return;
        identities.add(identity);
      }
      fresh.push(i);
    });
    const numbers = this.chooseNumbers(fresh.map((i) => records[i]!), options);
    let next = 0;
    for (const [i, record] of records.entries()) {
      const found = existing[i];
      if (found === undefined && fresh[next] === i) {
        await this.insert(record, numbers[next++]!, options);
        counts.inserted++;
      } else if (found !== undefined && options.update !== null && this.update(toTicket(found), record, options)) counts.updated++;
      else counts.skipped++;
    }
  }

  async preview(records: readonly ImportRecord[], options: ImportWriteOptions): Promise<ImportCounts> {
    const counts: ImportCounts = { inserted: 0, updated: 0, skipped: 0 };
    for (const record of records) {
      const existing = this.findExisting(record, options.update !== null);
      if (existing === undefined) counts.inserted++;
      else {
        // toTicket turns the (whole) row into the ticket in place: once.
        const ticket = options.update === null ? null : toTicket(existing);
        const update = ticket && options.update!(ticket, record);
        if (ticket && update && Object.keys(diffPatch(ticket, update.patch)).length) counts.updated++;
        else counts.skipped++;
      }
    }
    return counts;
  }

  /** Rolls back rows not yet committed (the import stopped on an error) and drops the run's own state. */
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
