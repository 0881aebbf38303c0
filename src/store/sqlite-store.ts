// The SQLite store: the only module that speaks SQL.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, linkSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { NotFoundError, UsageError } from '../domain/errors.js';
import type { Plan, PlanTools } from '../domain/lifecycle.js';
import { chooseBareRefTicket, ticketNotFound, type TicketRef } from '../domain/numbering.js';
import { indexSearchBacklog, indexSearchBacklogTicket, SEARCH_INDEX_CHUNK, searchTickets, similarTickets } from './sqlite-search.js';
import { insertHandover, lastHandover, queueFacts, shiftActivity } from './sqlite-shift.js';
import type { CallerFacts, CallerQuery, SearchHit, SearchQuery, SimilarHit } from './store.js';
import type { HandoverRecord, HandoverSummary, ShiftActivity, ShiftQuery } from '../domain/handover.js';
import type { QueueFacts, QueueQuery } from '../domain/queue.js';
import type { Settlement } from '../domain/settlement.js';
import { insertSettlement } from './sqlite-settlements.js';
import { OPEN_STATUSES, type NewTicket, type Ticket, type TicketEvent } from '../domain/ticket.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { ticketFilterSql, ticketSortSql } from './sqlite-filters.js';
import { monthFacts, monthSummaryFacts, repeatCallFacts } from './sqlite-report.js';
import { caseFacts, ruleReturns } from './sqlite-case-facts.js';
import type { CaseFacts, RuleReturns } from '../report/case-facts.js';
import { supervisionFacts } from './sqlite-case-report.js';
import { appraisalFacts, handlingEvents, insertQualityEvents, qualityEvents } from './sqlite-quality.js';
import type { HandlingEvent, QualityEvent, QualityEventInput } from '../domain/quality.js';
import type { AppraisalFacts } from '../report/facts.js';
import type { QualityEventQuery } from './store.js';
import { healthFacts } from './sqlite-doctor.js';
import type { Visit } from '../domain/visit.js';
import { redactionPatch, redactText, redactValue, secretsOf } from '../domain/redaction.js';
import { noRoles } from '../domain/roles.js';
import { SqliteImportSession } from './sqlite-import.js';
import { exportTickets } from './sqlite-export.js';
import { readTable, tableChecksum, writeTableRows } from './sqlite-migrate.js';
import type { DeskTable, ExportPage, ExportQuery, ImportSession, TableChecksum, TableKey, TablePage, TableRow } from './store.js';
import type { FactsQuery, MonthFacts, MonthSummaryFacts, RepeatCallFacts, RepeatCallQuery, SupervisionFacts } from '../report/facts.js';
import type { CreateOptions, HealthFacts, Store, TicketQuery, UpdateResult, WriteOptions } from './store.js';
import { prepareCached } from './statements.js';
import { callerSql } from './caller-queries.js';
import { toColumn, toEvent, toTicket, withDerivedColumns, WRITABLE, type Row } from './sqlite-rows.js';
import { insertEvent, writeChange } from './sqlite-changes.js';
import { linkBetween, listLinks, writeLink } from './sqlite-links.js';
import { ANCESTORS_SQL } from './parent-links.js';
import type { PairPlan } from '../domain/links.js';
import type { LinkedTicket, PairResult } from './store.js';
import { asWriteRefusal, cannotWrite, mayWrite, openReadOnly } from './sqlite-read-only.js';

const BUSY_TIMEOUT_MS = 15_000;

const OPEN_STATUSES_SQL = `status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export interface OpenOptions {
  /** Create the file (mode 0600) when it does not exist; otherwise a missing file is NotFoundError. */
  create: boolean;
  /** Open for reading only, as when this process may not write the file or its directory. */
  readonly?: boolean;
}

export function openSqliteStore(path: string, options: OpenOptions): SqliteStore {
  if (path !== ':memory:' && existsSync(path)) {
    const stat = statSync(path);
    // A desk database appears whole (see createDatabaseFile), so an empty file is somebody else's.
    if (stat.isFile() && stat.size === 0) {
      throw new UsageError(`${path} is an empty file, not a desk database`, 'point --db / DESK_DB at your database, or remove the file and run `desk init`');
    }
  }
  const created = path !== ':memory:' && !existsSync(path);
  if (created) {
    if (!options.create) throw new NotFoundError(`no database at ${path}`, 'run `desk init`, or point --db / DESK_DB at your database');
    createDatabaseFile(path);
  }
  // A file or directory this process may not write is read without writing anything: no pragma
  // of the writers' connection, no migration, no search index catch-up.
  const readOnly = path !== ':memory:' && (options.readonly === true || !mayWrite(path));
  let db: Database.Database | undefined;
  try {
    const driver = { timeout: BUSY_TIMEOUT_MS, nativeBinding: findSqliteAddon() };
    let fileJournalMode: string | null = null;
    if (readOnly) ({ db, fileJournalMode } = openReadOnly(path, driver));
    else {
      db = new Database(path, driver);
      for (const pragma of CONNECTION_PRAGMAS) db.pragma(pragma);
    }
    migrate(db, path, readOnly);
    const store = new SqliteStore(db, path, readOnly, fileJournalMode);
    store.created = created;
    return store;
  } catch (error) {
    db?.close();
    const refusal = asWriteRefusal(error, path);
    if (refusal !== error) throw refusal;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new UsageError(`${path} is not a desk database (${(error as Error).message})`, 'check --db / DESK_DB; restore from a backup if it was damaged');
    }
    if (code === 'SQLITE_CANTOPEN') throw new UsageError(`cannot open ${path} as a database file`, 'point --db / DESK_DB at a file in a writable directory');
    throw error;
  }
}

/**
 * Builds the schema in a private file beside `path` and links it into place, so no other desk ever
 * opens a half-made database; of several desks creating it at once, the first link wins and the
 * others open that one. The file is made here, not by SQLite, so the requesters' data is never
 * readable by others; SQLite gives its -wal and -shm files the same mode.
 */
function createDatabaseFile(path: string): void {
  const draft = `${path}.creating-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(draft, 'wx', 0o600));
    const db = new Database(draft, { nativeBinding: findSqliteAddon() });
    try {
      for (const pragma of CONNECTION_PRAGMAS) db.pragma(pragma);
      migrate(db, path);
    } finally {
      db.close();
    }
    try {
      linkSync(draft, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return;
      // Some network and FUSE file systems have no hard links.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
      if (!existsSync(path)) renameSync(draft, path);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EROFS') throw new UsageError(`cannot create ${path}: permission denied`, 'point --db / DESK_DB at a file in a writable directory');
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

/** How every connection of the desk runs: write-ahead log, a commit durable when it returns, foreign keys checked. */
export const CONNECTION_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON'] as const;

/**
 * The driver's compiled addon, named directly: the `bindings` package would search a dozen paths
 * at every start, from the bundle's directory rather than the driver's.
 */
function findSqliteAddon(): string {
  const driver = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
  const addon = join(driver, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(addon)) throw new UsageError(`the SQLite driver has no compiled addon at ${addon}`, 'run `npm rebuild better-sqlite3` where desk is installed');
  return addon;
}

function migrate(db: Database.Database, path: string, readOnly = false): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() === 0 && db.prepare("SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' LIMIT 1").get()) {
    throw new UsageError(`${path} is an SQLite database of another program, not a desk database`, 'point --db / DESK_DB at a desk database');
  }
  if (version() > SCHEMA_VERSION) {
    throw new UsageError(`${path} has schema version ${version()}, newer than this desk knows (${SCHEMA_VERSION})`, 'upgrade desk to open it');
  }
  if (version() === SCHEMA_VERSION) return;
  if (readOnly) {
    throw new UsageError(
      `${path} has schema version ${version()}; this desk needs version ${SCHEMA_VERSION} and may not write the file to upgrade it`,
      'run any desk command once as the database\'s owner (or with write access to the file and its directory) to upgrade it',
    );
  }
  // Another process may be migrating at the same moment: re-read the version under the write lock.
  db.transaction(() => {
    for (let step = version(); step < SCHEMA_VERSION; step++) {
      MIGRATIONS[step]!.up(db);
      db.pragma(`user_version = ${step + 1}`);
    }
  }).immediate();
}

export class SqliteStore implements Store {
  /** An SQLite desk has no roles: the actor is whoever --actor names. */
  readonly session = null;

  /**
   * The connection, for the store's own query modules (sqlite-*.ts); nothing outside src/store
   * touches it. `fileJournalMode`: of a read-only database read into memory, the file's own.
   */
  constructor(
    readonly db: Database.Database,
    readonly path: string,
    readonly readOnly = false,
    private readonly fileJournalMode: string | null = null,
  ) {}

  created = false;

  checkWritable(): void {
    if (this.readOnly) throw cannotWrite(this.path);
  }

  private statement(sql: string): Database.Statement {
    return prepareCached(this.db, sql);
  }

  /**
   * Runs `work` in one BEGIN IMMEDIATE transaction: the write lock is taken up front, so no reader
   * upgrades into a deadlock. `work` may await (a plan asking its tools): the transaction stays
   * open until it settles, and one write runs at a time on the connection.
   */
  private async write<T>(work: () => T | Promise<T>): Promise<T> {
    this.checkWritable();
    const previous = this.writing;
    let done!: () => void;
    this.writing = new Promise<void>((resolve) => (done = resolve));
    await previous;
    try {
      this.statement('BEGIN IMMEDIATE').run();
      try {
        const result = await work();
        this.statement('COMMIT').run();
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.statement('ROLLBACK').run();
        throw error;
      }
    } catch (error) {
      throw asWriteRefusal(error, this.path);
    } finally {
      done();
    }
  }

  /** The write in progress on this connection, which the next one waits for. */
  private writing: Promise<void> = Promise.resolve();

  async createTicket(ticket: NewTicket, options: CreateOptions, afterCreate: readonly Plan[] = []): Promise<Ticket> {
    return this.write(async () => {
      if (ticket.external_id) {
        const existing = this.statement('SELECT number FROM tickets WHERE external_id = ?').get(ticket.external_id) as Row | undefined;
        if (existing) throw new UsageError(`external id ${ticket.external_id} is already ticket ${existing.number}`, 'external ids are unique; show that ticket instead');
      }
      const next = this.statement(
        'INSERT INTO sequences (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value',
      ).get(options.sequence) as { value: number };
      const number = options.formatNumber(options.sequence, next.value);
      const row = withDerivedColumns(ticket) as Record<string, unknown>;
      const fields = Object.keys(row).filter((f) => WRITABLE.has(f));
      const columns = [...fields, 'number', 'version', 'updated_at', 'updated_by'];
      const values = [...fields.map((f) => toColumn(f, row[f])), number, 1, options.now, options.actor];
      const { lastInsertRowid } = this.statement(
        `INSERT INTO tickets (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      ).run(...values);
      const id = Number(lastInsertRowid);
      const changes: Record<string, [unknown, unknown]> = {};
      for (const [field, value] of Object.entries(ticket)) {
        if (value !== null && value !== false && value !== 0 && !(Array.isArray(value) && !value.length)) changes[field] = [null, value];
      }
      insertEvent(this.db, id, options, 'create', { changes });
      this.insertSettlements(id, options.settlements ?? []);
      for (const plan of afterCreate) await this.applyPlan({ id }, plan, options);
      return this.readTicket({ id });
    });
  }

  async getTicket(ref: TicketRef): Promise<Ticket> {
    return this.readTicket(ref);
  }

  private readTicket(ref: TicketRef): Ticket {
    if ('bare' in ref) {
      // Both readings in one query, so the choice sees the tickets as they are in this transaction.
      const rows = (this.statement('SELECT * FROM tickets WHERE id = ? OR number = ?').all(ref.bare, ref.thisMonth) as Row[]).map(toTicket);
      return chooseBareRefTicket(ref, rows.find((t) => t.id === ref.bare), rows.find((t) => t.number === ref.thisMonth));
    }
    const row = ('id' in ref
      ? this.statement('SELECT * FROM tickets WHERE id = ?').get(ref.id)
      : this.statement('SELECT * FROM tickets WHERE number = ?').get(ref.number)) as Row | undefined;
    if (!row) throw ticketNotFound(ref);
    return toTicket(row);
  }

  async updateTickets(refs: readonly TicketRef[], plan: Plan, options: WriteOptions): Promise<UpdateResult[]> {
    return this.write(async () => {
      const results: UpdateResult[] = [];
      for (const ref of refs) results.push(await this.applyPlan(ref, plan, options));
      return results;
    });
  }

  async updateTicket(ref: TicketRef, plan: Plan, options: WriteOptions): Promise<UpdateResult> {
    return this.write(() => this.applyPlan(ref, plan, options));
  }

  private async applyPlan(ref: TicketRef, plan: Plan, options: WriteOptions): Promise<UpdateResult> {
    const before = this.readTicket(ref);
    const change = await plan(before, this.tools);
    if (!change) return { ticket: before, change: null, changes: {} };
    const changes = writeChange(this.db, before, change, options);
    return { ticket: this.readTicket({ id: before.id }), change, changes };
  }

  async updatePair(first: TicketRef, second: TicketRef, plan: PairPlan, options: WriteOptions): Promise<PairResult> {
    return this.write(async () => {
      const a = this.readTicket(first);
      const b = this.readTicket(second);
      const tools = { ...this.tools, ancestors: async (id: number, apartFrom: number) => this.statement(ANCESTORS_SQL).pluck().all(id, apartFrom) as number[] };
      const decided = await plan(a, b, a.id === b.id ? null : linkBetween(this.db, a.id, b.id), tools);
      const apply = (before: Ticket, change: typeof decided.first): UpdateResult =>
        change ? { ticket: before, change, changes: writeChange(this.db, before, change, options) } : { ticket: before, change: null, changes: {} };
      const results = [apply(a, decided.first), apply(b, decided.second)] as const;
      writeLink(this.db, a, b, decided.link, options);
      return {
        first: { ...results[0], ticket: this.readTicket({ id: a.id }) },
        second: { ...results[1], ticket: this.readTicket({ id: b.id }) },
        link: decided.link,
      };
    });
  }

  async listLinks(ticketId: number): Promise<LinkedTicket[]> {
    return listLinks(this.db, ticketId);
  }

  /** Assignment state the routing rules read and advance, inside the caller's transaction. */
  private readonly tools: PlanTools = {
    nextInRotation: async (team, agents) => {
      const row = this.statement('SELECT last_agent FROM rotations WHERE team = ?').get(team) as { last_agent: string } | undefined;
      const next = agents[(agents.indexOf(row?.last_agent ?? '') + 1) % agents.length]!;
      this.statement('INSERT INTO rotations (team, last_agent) VALUES (?, ?) ON CONFLICT (team) DO UPDATE SET last_agent = excluded.last_agent').run(team, next);
      return next;
    },
    openLoad: async (agents) => {
      const rows = this.statement(
        `SELECT assignee, COUNT(*) AS open FROM tickets WHERE assignee IN (SELECT value FROM json_each(?)) AND ${OPEN_STATUSES_SQL} GROUP BY assignee`,
      ).all(JSON.stringify(agents)) as { assignee: string; open: number }[];
      return new Map(rows.map((r) => [r.assignee, r.open]));
    },
  };

  private insertSettlements(ticketId: number, settlements: readonly Settlement[]): void {
    for (const s of settlements) insertSettlement(this.db, ticketId, s);
  }

  async listTickets(query: TicketQuery): Promise<Ticket[]> {
    const { where, params } = ticketFilterSql(query);
    const sql = `SELECT * FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${[...ticketSortSql(query.sort), `id ${query.sort.descending ? 'DESC' : 'ASC'}`].join(', ')} LIMIT ?`;
    return (this.statement(sql).all(...params, query.limit) as Row[]).map(toTicket);
  }

  async callerFacts(query: CallerQuery): Promise<CallerFacts> {
    const sql = callerSql(query);
    const values = (q: { sql: string; params: unknown[] }) => this.statement(q.sql).pluck().all(...q.params) as string[];
    const counts = this.statement(sql.counts.sql).get(...sql.counts.params) as Omit<CallerFacts, 'requesters' | 'contacts' | 'tickets'>;
    const tickets = (this.statement(sql.tickets.sql).all(...sql.tickets.params) as Row[]).map(toTicket);
    return { ...counts, requesters: values(sql.requesters), contacts: values(sql.contacts), tickets };
  }

  async listEvents(ticketId: number): Promise<TicketEvent[]> {
    return (this.statement('SELECT * FROM events WHERE ticket_id = ? ORDER BY id').all(ticketId) as Row[]).map(toEvent);
  }

  async monthFacts(query: FactsQuery): Promise<MonthFacts> {
    return monthFacts(this.db, query);
  }

  async caseFacts(query: FactsQuery): Promise<CaseFacts> {
    return caseFacts(this.db, query);
  }

  async supervisionFacts(query: FactsQuery): Promise<SupervisionFacts> {
    return supervisionFacts(this.db, query);
  }

  async appraisalFacts(query: FactsQuery): Promise<AppraisalFacts> {
    return appraisalFacts(this.db, query);
  }

  async qualityEvents(query: QualityEventQuery): Promise<QualityEvent[]> {
    return qualityEvents(this.db, query);
  }

  async recordQuality<T>(query: QualityEventQuery, decide: (events: QualityEvent[]) => { events: readonly QualityEventInput[]; result: T }, options: WriteOptions): Promise<T> {
    return this.write(() => {
      const { events, result } = decide(qualityEvents(this.db, query));
      insertQualityEvents(this.db, events, options);
      return result;
    });
  }

  async handlingEvents(window: { start: number; end: number }): Promise<HandlingEvent[]> {
    return handlingEvents(this.db, window);
  }

  async ruleReturns(rule: string): Promise<RuleReturns> {
    return ruleReturns(this.db, rule);
  }

  async searchTickets(query: SearchQuery): Promise<SearchHit[]> {
    return searchTickets(this.db, query);
  }

  async similarTickets(ref: TicketRef, limit: number): Promise<SimilarHit[]> {
    return similarTickets(this.db, this.readTicket(ref), limit);
  }

  async catchUpSearchIndex(): Promise<number> {
    // In chunks, as an import indexes its tickets: other writers get the lock in between.
    for (let total = 0; ; ) {
      const indexed = await this.write(() => indexSearchBacklog(this.db, SEARCH_INDEX_CHUNK));
      total += indexed;
      if (indexed < SEARCH_INDEX_CHUNK) return total;
    }
  }

  async shiftActivity(query: ShiftQuery): Promise<ShiftActivity> {
    return shiftActivity(this.db, query);
  }

  async recordHandover(handover: { since: number; team: string | null; summary: HandoverSummary }, options: WriteOptions): Promise<HandoverRecord> {
    return this.write(() => insertHandover(this.db, handover, options));
  }

  async lastHandover(before: number, team: string | null): Promise<HandoverRecord | null> {
    return lastHandover(this.db, before, team);
  }

  async queueFacts(query: QueueQuery): Promise<QueueFacts> {
    return queueFacts(this.db, query);
  }

  async repeatCallFacts(query: RepeatCallQuery): Promise<RepeatCallFacts> {
    return repeatCallFacts(this.db, query);
  }

  async monthSummaryFacts(query: FactsQuery): Promise<MonthSummaryFacts> {
    return monthSummaryFacts(this.db, query);
  }

  async redactTicket(ref: TicketRef, reason: string, options: WriteOptions): Promise<Ticket> {
    this.checkWritable();
    // Deleted and overwritten content is zeroed in the file, not left in free pages.
    this.db.pragma('secure_delete = ON');
    const ticket = await this.write(async () => {
      const before = this.readTicket(ref);
      // Out of the search backlog first, so that the triggers rewrite its row in the index now.
      indexSearchBacklogTicket(this.db, before.id);
      const secrets = secretsOf(before);
      const patch = redactionPatch(before, secrets);
      this.statement('INSERT OR IGNORE INTO redacting (ticket_id) VALUES (?)').run(before.id);
      for (const event of this.db.prepare('SELECT id, data FROM events WHERE ticket_id = ?').all(before.id) as { id: number; data: string }[]) {
        const redacted = JSON.stringify(redactValue(JSON.parse(event.data), secrets));
        if (redacted !== event.data) this.statement('UPDATE events SET data = ? WHERE id = ?').run(redacted, event.id);
      }
      for (const visit of this.db.prepare('SELECT id, cause, opinion, parts FROM visits WHERE ticket_id = ?').all(before.id) as { id: number; cause: string | null; opinion: string | null; parts: string | null }[]) {
        const text = (value: string | null) => (value === null ? null : redactText(value, secrets));
        this.statement('UPDATE visits SET cause = ?, opinion = ?, parts = ? WHERE id = ?').run(text(visit.cause), text(visit.opinion), text(visit.parts), visit.id);
      }
      this.statement('DELETE FROM redacting WHERE ticket_id = ?').run(before.id);
      return (await this.applyPlan({ id: before.id }, () => ({ kind: 'redact', patch, reason }), options)).ticket;
    });
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return ticket;
  }

  async listVisits(ticketId: number): Promise<Visit[]> {
    return (this.statement('SELECT * FROM visits WHERE ticket_id = ? ORDER BY visited_at, id').all(ticketId) as Row[]).map((row) => ({ ...row, staff: JSON.parse(row.staff as string) }) as Visit);
  }

  async health(): Promise<HealthFacts> {
    const facts = healthFacts(this.db);
    return this.fileJournalMode === null ? facts : { ...facts, journal_mode: this.fileJournalMode };
  }

  async backup(destination: string): Promise<void> {
    closeSync(openSync(destination, 'wx', 0o600));
    await this.db.backup(destination);
    chmodSync(destination, 0o600);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async setUpRoles(): Promise<null> {
    return null;
  }

  async addRole(): Promise<void> {
    throw noRoles(this.path);
  }

  async recordReveal(ticketIds: readonly number[], how: string, options: WriteOptions): Promise<void> {
    if (!ticketIds.length) return;
    await this.write(() => {
      for (const id of [...new Set(ticketIds)].sort((a, b) => a - b)) insertEvent(this.db, id, options, 'reveal', { text: how });
    });
  }

  async beginImport(): Promise<ImportSession> {
    return new SqliteImportSession(this.db, this.tools, { path: this.path, readOnly: this.readOnly });
  }

  exportTickets(query: ExportQuery): AsyncIterable<ExportPage> {
    return exportTickets(this.db, query);
  }

  async readTable(table: DeskTable, after: TableKey | null, limit: number): Promise<TablePage> {
    return readTable(this.db, table, after, limit);
  }

  async writeTableRows(table: DeskTable, rows: readonly TableRow[]): Promise<void> {
    await this.write(() => writeTableRows(this.db, table, rows));
  }

  async tableChecksum(table: DeskTable, through?: TableKey): Promise<TableChecksum> {
    return tableChecksum(this.db, table, through);
  }
}
