// The PostgreSQL store, for a desk whose operators sit at many workstations. One connection per
// store; every write is one transaction on it that locks the rows it reads (SELECT … FOR UPDATE),
// so writers at other workstations wait for each other instead of overwriting each other.
import pg from 'pg';
import { changeEvents } from '../../domain/change-events.js';
import { DeskError, NotFoundError, UsageError } from '../../domain/errors.js';
import type { ExportPage } from '../store.js';
import type { HandoverRecord, HandoverSummary, ShiftActivity, ShiftQuery } from '../../domain/handover.js';
import type { Change, Plan, PlanTools } from '../../domain/lifecycle.js';
import { roleOf, type Link, type PairPlan } from '../../domain/links.js';
import { chooseBareRefTicket, ticketNotFound, type TicketRef } from '../../domain/numbering.js';
import type { QueueFacts, QueueQuery, QueueSection } from '../../domain/queue.js';
import { redactionPatch, redactText, redactValue, secretsOf } from '../../domain/redaction.js';
import type { DeskGroup, RoleSetup, Session } from '../../domain/roles.js';
import type { Settlement } from '../../domain/settlement.js';
import { OPEN_STATUSES, type ClosedCycle, type EventData, type NewTicket, type Ticket, type TicketEvent, type TicketPatch } from '../../domain/ticket.js';
import type { NewVisit, Visit } from '../../domain/visit.js';
import type { FactsQuery, MonthFacts, MonthSummaryFacts, RepeatCallFacts, RepeatCallQuery, SupervisionFacts } from '../../report/facts.js';
import { SCHEMA_VERSION } from '../migrations.js';
import { withDerivedColumns, WRITABLE } from '../sqlite-rows.js';
import { callerSql } from '../caller-queries.js';
import type {
  CallerFacts, CallerQuery, CreateOptions, DeskTable, ExportQuery, HealthFacts, ImportSession, LinkedTicket, PairResult, SearchHit, SearchQuery, SimilarHit, Store, TableChecksum, TableKey, TablePage,
  TableRow, TicketQuery, UpdateResult, WriteOptions,
} from '../store.js';
import { backupDatabase } from './backup.js';
import { serverHealth } from './doctor.js';
import { readTable, tableChecksum, writeTableRows } from './migrate.js';
import { ticketFilterSql, ticketSortSql } from './filters.js';
import { numbered, toColumn, toEvent, toTicket, type Row } from './rows.js';
import { monthFacts, monthSummaryFacts, repeatCallFacts } from './report.js';
import { caseFacts, ruleReturns } from './case-facts.js';
import type { CaseFacts, RuleReturns } from '../../report/case-facts.js';
import { supervisionFacts } from './case-report.js';
import { appraisalFacts, handlingEvents, qualityEvents, recordQuality } from './quality.js';
import { ANCESTORS_SQL } from '../parent-links.js';
import type { HandlingEvent, QualityEvent, QualityEventInput } from '../../domain/quality.js';
import type { AppraisalFacts } from '../../report/facts.js';
import type { QualityEventQuery } from '../store.js';
import { POSTGRES_MIGRATIONS, SCHEMA_LOCK } from './schema.js';
import { beginPostgresImport } from './import.js';
import { exportTickets } from './export.js';
import { LOCK_TIMEOUT_MS, lockRefusal, ROTATION_LOCK } from './locks.js';
import { addRole, grantRights, readSession, recordAuditorReveal, rolesGranted, setUpRoles } from './roles.js';
import { analyzeAfterLoad, countUnindexedTickets, fillSearchBacklog, queueUnindexedTickets, reindexSearch, SEARCH_FILL_CHUNK, searchTickets, similarTickets } from './search.js';

const OPEN_SQL = `status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const WATCHED_SQL = `status IN (${OPEN_STATUSES.filter((s) => s !== 'pending').map((s) => `'${s}'`).join(', ')})`;
/** The earliest deadline not yet met (a large number when none). */
const NEXT_DUE_SQL = `least(
  coalesce(CASE WHEN first_response_at IS NULL THEN response_due_at END, 9000000000000000),
  coalesce(CASE WHEN dispatched_at IS NULL THEN dispatch_due_at END, 9000000000000000),
  coalesce(CASE WHEN resolved_at IS NULL THEN resolve_due_at END, 9000000000000000),
  coalesce(update_due_at, 9000000000000000))`;

/** Ticket fields the search row holds (with the notes): a change to one rewrites the row. */
const SEARCHED_FIELDS = new Set(['title', 'description', 'solution']);

// bigint (int8) and numeric come back as strings by default; every value the desk keeps in them
// (epoch milliseconds, ids, counts) is well inside a double's exact integers.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** The location as it may be shown: the URL without its password. */
export function withoutPassword(location: string): string {
  try {
    const url = new URL(location);
    url.password = '';
    url.searchParams.delete('password');
    return url.toString();
  } catch {
    return location.replace(/:[^:@/]*@/, '@');
  }
}

export interface OpenOptions {
  /** Set up the desk in a database that holds none; otherwise such a database is NotFoundError, as a missing SQLite file is. */
  create: boolean;
  /** Open for reading only: no migration, and every write refused. */
  readonly?: boolean;
}

/** Opens the database the URL names; the database must exist (CREATE DATABASE is the server owner's). */
export async function openPostgresStore(location: string, options: OpenOptions): Promise<PostgresStore> {
  const path = withoutPassword(location);
  const connect = async () => {
    const client = new pg.Client({ connectionString: location, types: TYPES, lock_timeout: LOCK_TIMEOUT_MS, fallback_application_name: 'desk' });
    // A server that goes away would otherwise raise an unhandled 'error' event; the next query fails instead.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      throw connectionRefusal(error, path);
    }
    return client;
  };
  const client = await connect();
  try {
    const created = await migrate(client, path, options);
    const store = new PostgresStore(client, path, await readSession(client), options.readonly === true, connect);
    store.created = created;
    return store;
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

function connectionRefusal(error: unknown, path: string): Error {
  const { code, message } = error as { code?: string; message?: string };
  if (code === '3D000') return new NotFoundError(`no database at ${path}`, 'create it first (createdb), or point --db / DESK_DB at your database');
  if (code === '28P01' || code === '28000') return new UsageError(`cannot log in to ${path}: ${message}`, 'check the user and password of --db / DESK_DB');
  return new UsageError(`cannot connect to ${path}: ${message ?? String(error)}`, 'check that the server runs and --db / DESK_DB names it');
}

/** Brings the schema up to this version; true when the database held no desk before. */
async function migrate(client: pg.Client, path: string, options: OpenOptions): Promise<boolean> {
  const checked = async (): Promise<number> => {
    // One statement, so both answers come from one snapshot: asked apart, a desk that commits its
    // migration in between would look like another program's tables. Read from pg_tables, not
    // to_regclass: the catalog cache of this connection may still hold "no such table" from before
    // that commit, since an advisory lock does not make it take in the news as a table lock would.
    const [tables] = (
      await client.query(`SELECT
        EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'desk_meta') AS desk,
        EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema()) AS any`)
    ).rows;
    if (!tables.desk) {
      if (tables.any) throw new UsageError(`${path} holds the tables of another program, not a desk database`, 'point --db / DESK_DB at a desk database');
      return 0;
    }
    const row = await client.query("SELECT value FROM desk_meta WHERE key = 'schema_version'");
    const found = row.rows.length ? Number(row.rows[0].value) : 0;
    if (found > SCHEMA_VERSION) throw new UsageError(`${path} has schema version ${found}, newer than this desk knows (${SCHEMA_VERSION})`, 'upgrade desk to open it');
    return found;
  };
  const found = await checked();
  if (found === SCHEMA_VERSION) return false;
  if (found === 0 && !options.create) throw new NotFoundError(`no desk database at ${path}`, 'run `desk init --db …` to set one up there, or point --db / DESK_DB at your desk');
  const upgrade = 'run `desk init --db …` once as the role that owns the desk (the one that set it up)';
  if (options.readonly === true) throw new UsageError(`${path} has an older schema than this desk needs (${SCHEMA_VERSION})`, upgrade);
  // Another desk may be migrating at the same moment: take the lock, then look again.
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SCHEMA_LOCK]);
    const from = await checked();
    if (from < SCHEMA_VERSION) {
      await client.query('CREATE TABLE IF NOT EXISTS desk_meta (key text PRIMARY KEY, value text NOT NULL)');
      for (let step = from; step < SCHEMA_VERSION; step++) {
        const { sql } = POSTGRES_MIGRATIONS[step]!;
        if (sql.trim()) await client.query(sql);
      }
      await client.query(
        "INSERT INTO desk_meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [String(SCHEMA_VERSION)],
      );
      // A migration's new tables get the groups' rights at once, so operators never find one closed.
      if (await rolesGranted(client)) await grantRights(client);
    }
    await client.query('COMMIT');
    return from === 0;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    // Only the tables' owner may change them; an operator's desk reaching a newer version stops here.
    if ((error as { code?: string }).code === '42501') {
      throw new UsageError(`${path} needs schema version ${SCHEMA_VERSION}, and this role may not upgrade it (${(error as Error).message})`, upgrade);
    }
    throw lockRefusal(error, path);
  }
}

/** A refusal of the server's, as the operator reads it: what was refused, to whom, and the server's hint or who grants rights. */
function asRefusal(error: unknown, session: Session, path: string): unknown {
  const { code, hint } = error as { code?: string; hint?: string };
  if (code !== '42501') return lockRefusal(error, path);
  return new UsageError(
    `the server refused role ${session.role}: ${(error as Error).message}`,
    hint ?? 'the desk\'s owner gives a login its rights: desk roles add NAME --as operator|supervisor|auditor',
  );
}

export class PostgresStore implements Store {
  /** `connect` opens another connection to the same database (an import's, an export's). */
  constructor(
    private readonly client: pg.Client,
    readonly path: string,
    readonly session: Session,
    readonly readOnly: boolean,
    private readonly connect: () => Promise<pg.Client>,
  ) {}

  created = false;

  checkWritable(): void {
    if (this.readOnly) throw new UsageError(`${this.path} is open for reading only`, 'connect as a role that may write');
    if (this.session.rights === 'auditor') {
      throw new UsageError(`role ${this.session.role} is an auditor of ${this.path}: it reads the desk, and changes nothing`, 'log in as an operator\'s or a supervisor\'s role to change tickets');
    }
  }

  private async rows(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.client.query(numbered(sql), params as unknown[])).rows as Row[];
  }

  private async tickets(sql: string, params: readonly unknown[] = []): Promise<Ticket[]> {
    return (await this.rows(sql, params)).map(toTicket);
  }

  /** The write in progress on this connection, which the next one waits for. */
  private writing: Promise<void> = Promise.resolve();

  /** Runs `work` in one transaction; one write at a time on the connection. */
  private async write<T>(work: () => Promise<T>): Promise<T> {
    this.checkWritable();
    return this.alone(async () => {
      await this.client.query('BEGIN');
      try {
        const result = await work();
        await this.client.query('COMMIT');
        return result;
      } catch (error) {
        await this.client.query('ROLLBACK').catch(() => {});
        throw asRefusal(error, this.session, this.path);
      }
    });
  }

  /** Runs `work` when the connection's previous write has ended, and the next waits for it. */
  private async alone<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.writing;
    let done!: () => void;
    this.writing = new Promise<void>((resolve) => (done = resolve));
    await previous;
    try {
      return await work();
    } finally {
      done();
    }
  }

  async createTicket(ticket: NewTicket, options: CreateOptions, then: readonly Plan[] = []): Promise<Ticket> {
    return this.write(async () => {
      if (ticket.external_id) {
        const [existing] = await this.rows('SELECT number FROM tickets WHERE external_id = ?', [ticket.external_id]);
        if (existing) throw new UsageError(`external id ${ticket.external_id} is already ticket ${existing.number}`, 'external ids are unique; show that ticket instead');
      }
      // The sequence's row stays locked to the commit: concurrent creates take the numbers in turn, without gaps.
      const [next] = await this.rows(
        'INSERT INTO sequences (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value',
        [options.sequence],
      );
      const number = options.formatNumber(options.sequence, next!.value as number);
      const row = withDerivedColumns(ticket) as Record<string, unknown>;
      const fields = Object.keys(row).filter((f) => WRITABLE.has(f));
      const columns = [...fields, 'number', 'version', 'updated_at', 'updated_by'];
      const values = [...fields.map((f) => toColumn(f, row[f])), number, 1, options.now, options.actor];
      const [inserted] = await this.rows(`INSERT INTO tickets (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) RETURNING id`, values);
      const id = inserted!.id as number;
      const changes: Record<string, [unknown, unknown]> = {};
      for (const [field, value] of Object.entries(ticket)) {
        if (value !== null && value !== false && value !== 0 && !(Array.isArray(value) && !value.length)) changes[field] = [null, value];
      }
      await this.insertEvent(id, options, 'create', { changes });
      await this.insertSettlements(id, options.settlements ?? []);
      for (const plan of then) await this.applyPlan({ id }, plan, options);
      await this.reindexSearch(id);
      return this.readTicket({ id });
    });
  }

  async getTicket(ref: TicketRef): Promise<Ticket> {
    return this.readTicket(ref);
  }

  /** `lock`: inside a write, the ticket's row stays locked to the commit. */
  private async readTicket(ref: TicketRef, lock = false): Promise<Ticket> {
    const forUpdate = lock ? 'FOR UPDATE' : '';
    if ('bare' in ref) {
      // Both readings in one query, so the choice sees the tickets as they are in this transaction.
      const rows = Number.isSafeInteger(ref.bare)
        ? await this.tickets(`SELECT * FROM tickets WHERE id = ? OR number = ? ${forUpdate}`, [ref.bare, ref.thisMonth])
        : await this.tickets(`SELECT * FROM tickets WHERE number = ? ${forUpdate}`, [ref.thisMonth]);
      return chooseBareRefTicket(ref, rows.find((t) => t.id === ref.bare), rows.find((t) => t.number === ref.thisMonth));
    }
    if ('id' in ref && !Number.isSafeInteger(ref.id)) throw ticketNotFound(ref);
    const [row] =
      'id' in ref
        ? await this.tickets(`SELECT * FROM tickets WHERE id = ? ${forUpdate}`, [ref.id])
        : await this.tickets(`SELECT * FROM tickets WHERE number = ? ${forUpdate}`, [ref.number]);
    if (!row) throw ticketNotFound(ref);
    return row;
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
    const before = await this.readTicket(ref, true);
    const change = await plan(before, this.tools);
    if (!change) return { ticket: before, change: null, changes: {} };
    const changes = await this.writeChange(before, change, options);
    return { ticket: await this.readTicket({ id: before.id }), change, changes };
  }

  /** Writes a plan's change to the ticket as it stood (`before`) with all it brings and its events; returns what changed, as the trail records it. */
  private async writeChange(before: Ticket, change: Change, options: WriteOptions): Promise<Record<string, [unknown, unknown]>> {
    const written: TicketPatch = withDerivedColumns({ ...change.bookkeeping, ...change.patch }, true);
    const fields = Object.keys(written);
    for (const field of fields) if (!WRITABLE.has(field)) throw new Error(`patch writes unknown field ${field}`);
    const assignments = [...fields.map((f) => `${f} = ?`), 'version = version + 1', 'updated_at = ?', 'updated_by = ?'];
    await this.rows(`UPDATE tickets SET ${assignments.join(', ')} WHERE id = ?`, [
      ...fields.map((f) => toColumn(f, written[f as keyof TicketPatch])),
      options.now,
      options.actor,
      before.id,
    ]);
    const events = changeEvents(before, change);
    if (change.visit) await this.insertVisit(before.id, change.visit, options);
    await this.insertSettlements(before.id, change.settlements ?? []);
    if (change.closedCycle) await this.insertClosedCycle(before.id, change.closedCycle);
    for (const event of events) await this.insertEvent(before.id, options, event.kind, event.data);
    if (fields.some((f) => SEARCHED_FIELDS.has(f)) || events.some((e) => e.kind === 'note')) await this.reindexSearch(before.id);
    return events[0]!.data.changes!;
  }

  async updatePair(first: TicketRef, second: TicketRef, plan: PairPlan, options: WriteOptions): Promise<PairResult> {
    return this.write(async () => {
      // Locked in the order of their ids, so two writes of the same pair wait for each other instead of deadlocking.
      const [idA, idB] = [(await this.readTicket(first)).id, (await this.readTicket(second)).id];
      const locked = new Map<number, Ticket>();
      for (const id of [...new Set([idA, idB])].sort((x, y) => x - y)) locked.set(id, await this.readTicket({ id }, true));
      const [a, b] = [locked.get(idA)!, locked.get(idB)!];
      const [link] = a.id === b.id ? [] : await this.rows('SELECT * FROM links WHERE (from_id = ? AND to_id = ?) OR (from_id = ? AND to_id = ?)', [a.id, b.id, b.id, a.id]);
      const ancestors = async (id: number, apartFrom: number) => (await this.rows(ANCESTORS_SQL, [id, apartFrom])).map((row) => Number(row.id));
      const decided = await plan(a, b, (link as Link | undefined) ?? null, { ...this.tools, ancestors });
      const apply = async (before: Ticket, change: Change | null): Promise<UpdateResult> =>
        change ? { ticket: before, change, changes: await this.writeChange(before, change, options) } : { ticket: before, change: null, changes: {} };
      const results = [await apply(a, decided.first), await apply(b, decided.second)];
      if (decided.link !== null) {
        await this.rows('DELETE FROM links WHERE (from_id = ? AND to_id = ?) OR (from_id = ? AND to_id = ?)', [a.id, b.id, b.id, a.id]);
        if ('set' in decided.link) {
          const [from, to] = decided.link.from === 'first' ? [a, b] : [b, a];
          await this.rows('INSERT INTO links (from_id, to_id, kind, linked_at, linked_by) VALUES (?, ?, ?, ?, ?)', [from.id, to.id, decided.link.set, options.now, options.actor]);
        }
      }
      return {
        first: { ...results[0]!, ticket: await this.readTicket({ id: a.id }) },
        second: { ...results[1]!, ticket: await this.readTicket({ id: b.id }) },
        link: decided.link,
      };
    });
  }

  async listLinks(ticketId: number): Promise<LinkedTicket[]> {
    const rows = await this.rows(
      `SELECT l.from_id AS link_from_id, l.kind AS link_kind, l.linked_at AS link_linked_at, l.linked_by AS link_linked_by, t.*
       FROM links l JOIN tickets t ON t.id = CASE WHEN l.from_id = ? THEN l.to_id ELSE l.from_id END
       WHERE l.from_id = ? OR l.to_id = ? ORDER BY l.linked_at, t.id`,
      [ticketId, ticketId, ticketId],
    );
    return rows.map(({ link_from_id, link_kind, link_linked_at, link_linked_by, ...ticket }) => ({
      as: roleOf({ from_id: link_from_id as number, kind: link_kind as Link['kind'] }, ticketId),
      ticket: toTicket(ticket),
      linked_at: link_linked_at as number,
      linked_by: link_linked_by as string,
    }));
  }

  /** Assignment state the routing rules read and advance, inside the caller's transaction. */
  private readonly tools: PlanTools = {
    nextInRotation: async (team, agents) => {
      // The team's rotation row may not exist yet, so the lock is an advisory one on its name.
      await this.rows('SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))', [ROTATION_LOCK, team]);
      const [row] = await this.rows('SELECT last_agent FROM rotations WHERE team = ?', [team]);
      const next = agents[(agents.indexOf((row?.last_agent as string | undefined) ?? '') + 1) % agents.length]!;
      await this.rows('INSERT INTO rotations (team, last_agent) VALUES (?, ?) ON CONFLICT (team) DO UPDATE SET last_agent = excluded.last_agent', [team, next]);
      return next;
    },
    openLoad: async (agents) => {
      const rows = await this.rows(`SELECT assignee, count(*) AS open FROM tickets WHERE assignee = ANY(?::text[]) AND ${OPEN_SQL} GROUP BY assignee`, [[...agents]]);
      return new Map(rows.map((r) => [r.assignee as string, r.open as number]));
    },
  };

  /** Rewrites the ticket's search row from the ticket and its notes, inside the caller's transaction. */
  private async reindexSearch(ticketId: number): Promise<void> {
    await reindexSearch(this.client, [ticketId]);
  }

  private async insertSettlements(ticketId: number, settlements: readonly Settlement[]): Promise<void> {
    for (const s of settlements) {
      await this.rows('INSERT INTO settlements (ticket_id, kind, cycle, due_at, settled_at, met, team, agent, original_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        ticketId, s.kind, s.cycle, s.due_at, s.settled_at, s.met, s.team, s.agent, s.original_due_at ?? null,
      ]);
    }
  }

  private async insertClosedCycle(ticketId: number, c: ClosedCycle): Promise<void> {
    await this.rows(
      `INSERT INTO closed_cycles (ticket_id, cycle, created_at, resolved_at, closed_at, reopened_at, satisfaction, rated_at, callback_at, team, assignee, type, resolve_business_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [ticketId, c.cycle, c.created_at, c.resolved_at, c.closed_at, c.reopened_at, c.satisfaction, c.rated_at, c.callback_at, c.team, c.assignee, c.type, c.resolve_business_ms],
    );
  }

  private async insertEvent(ticketId: number, options: WriteOptions, kind: string, data: EventData): Promise<void> {
    await this.rows('INSERT INTO events (ticket_id, at, actor, kind, data) VALUES (?, ?, ?, ?, ?)', [ticketId, options.now, options.actor, kind, JSON.stringify(data)]);
  }

  private async insertVisit(ticketId: number, v: NewVisit, options: WriteOptions): Promise<void> {
    await this.rows(
      `INSERT INTO visits (ticket_id, visited_at, visit_date, staff, person_times, hours, parts, materials_cents, transport_cents, cause, opinion, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [ticketId, v.visited_at, v.visit_date, JSON.stringify(v.staff), v.person_times, v.hours, v.parts, v.materials_cents, v.transport_cents, v.cause, v.opinion, options.now, options.actor],
    );
  }

  async listTickets(query: TicketQuery): Promise<Ticket[]> {
    const { where, params } = ticketFilterSql(query);
    const sql = `SELECT * FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${[...ticketSortSql(query.sort), `id ${query.sort.descending ? 'DESC' : 'ASC'}`].join(', ')} LIMIT ?`;
    return this.tickets(sql, [...params, query.limit]);
  }

  async callerFacts(query: CallerQuery): Promise<CallerFacts> {
    const sql = callerSql(query);
    const values = async (q: { sql: string; params: unknown[] }) => (await this.rows(q.sql, q.params)).map((r) => r.value as string);
    const [counts] = await this.rows(sql.counts.sql, sql.counts.params);
    const tickets = await this.tickets(sql.tickets.sql, sql.tickets.params);
    return { ...(counts as unknown as Omit<CallerFacts, 'requesters' | 'contacts' | 'tickets'>), requesters: await values(sql.requesters), contacts: await values(sql.contacts), tickets };
  }

  async listEvents(ticketId: number): Promise<TicketEvent[]> {
    if (!Number.isSafeInteger(ticketId)) return [];
    return (await this.rows('SELECT * FROM events WHERE ticket_id = ? ORDER BY id', [ticketId])).map(toEvent);
  }

  async listVisits(ticketId: number): Promise<Visit[]> {
    if (!Number.isSafeInteger(ticketId)) return [];
    return (await this.rows('SELECT * FROM visits WHERE ticket_id = ? ORDER BY visited_at, id', [ticketId])) as unknown as Visit[];
  }

  async recordHandover(handover: { since: number; team: string | null; summary: HandoverSummary }, options: WriteOptions): Promise<HandoverRecord> {
    return this.write(async () => {
      const [row] = await this.rows('INSERT INTO handovers (at, actor, since, team, summary) VALUES (?, ?, ?, ?, ?) RETURNING *', [
        options.now, options.actor, handover.since, handover.team, JSON.stringify(handover.summary),
      ]);
      return row as unknown as HandoverRecord;
    });
  }

  async lastHandover(before: number, team: string | null): Promise<HandoverRecord | null> {
    const [row] = await this.rows('SELECT * FROM handovers WHERE at < ? AND team IS NOT DISTINCT FROM ?::text ORDER BY at DESC, id DESC LIMIT 1', [before, team]);
    return (row as unknown as HandoverRecord | undefined) ?? null;
  }

  async shiftActivity(query: ShiftQuery): Promise<ShiftActivity> {
    const team = query.team === undefined ? '' : 'AND team = ?';
    const teamParam = query.team === undefined ? [] : [query.team];
    const window = [query.since, query.until];
    const open = await this.tickets(`SELECT * FROM tickets WHERE ${OPEN_SQL} ${team} ORDER BY id`, teamParam);
    const pendingIds = open.filter((t) => t.status === 'pending').map((t) => t.id);
    const pendingReasons = new Map<number, string | null>();
    if (pendingIds.length) {
      const rows = await this.rows("SELECT ticket_id, data->>'reason' AS reason FROM events WHERE kind = 'pending' AND ticket_id = ANY(?::bigint[]) ORDER BY id", [pendingIds]);
      for (const row of rows) pendingReasons.set(row.ticket_id as number, row.reason as string | null);
    }
    return {
      opened: await this.tickets(`SELECT * FROM tickets WHERE created_at >= ? AND created_at < ? ${team} ORDER BY created_at, id`, [...window, ...teamParam]),
      resolved: await this.tickets(`SELECT * FROM tickets WHERE resolved_at >= ? AND resolved_at < ? ${team} ORDER BY resolved_at, id`, [...window, ...teamParam]),
      escalated: await this.tickets(
        `SELECT * FROM tickets WHERE id IN (SELECT ticket_id FROM events WHERE kind = 'escalate' AND at >= ? AND at < ?) ${team} ORDER BY id`,
        [...window, ...teamParam],
      ),
      open,
      pendingReasons,
    };
  }

  async queueFacts(query: QueueQuery): Promise<QueueFacts> {
    // Tickets not dispatched yet are everybody's concern: they count for every team.
    const teams = query.teams === null ? '' : 'AND (team IS NULL OR team = ANY(?::text[]))';
    const teamParams = query.teams === null ? [] : [[...query.teams]];
    // The open sub-tasks of the teams (co-handling): one of them among the ticket's open ones.
    const assistTeams = query.teams === null ? '' : "AND EXISTS (SELECT 1 FROM unnest(?::text[]) AS t(team) WHERE strpos(assist_teams, ',' || t.team || ',') > 0)";
    // A deadline not yet met whose due time passes `test`; false, never NULL, for a ticket
    // without that deadline, since the due-soon section is "NOT past".
    const unmet = (test: (due: string) => string) => {
      const passes = (due: string) => `(${due} IS NOT NULL AND ${test(due)})`;
      return `((first_response_at IS NULL AND ${passes('response_due_at')}) OR (dispatched_at IS NULL AND ${passes('dispatch_due_at')}) OR (resolved_at IS NULL AND ${passes('resolve_due_at')}) OR ${passes('update_due_at')})`;
    };
    const { now, soonUntil, limit } = query;
    const past = unmet((due) => `${due} < ?`);
    const soon = unmet((due) => `${due} >= ? AND ${due} < ?`);
    const section = async (where: string, order: string, params: unknown[]): Promise<QueueSection> => ({
      tickets: await this.tickets(`SELECT * FROM tickets WHERE ${where} ORDER BY ${order} LIMIT ?`, [...params, limit]),
      total: ((await this.rows(`SELECT count(*) AS n FROM tickets WHERE ${where}`, params))[0]!.n as number) ?? 0,
    });
    return {
      mine: await section(`assignee = ? AND ${OPEN_SQL}`, `${NEXT_DUE_SQL}, created_at, id`, [query.actor]),
      breached: await section(`${WATCHED_SQL} AND ${past} ${teams}`, `${NEXT_DUE_SQL}, id`, [now, now, now, now, ...teamParams]),
      dueSoon: await section(`${WATCHED_SQL} AND ${soon} AND NOT ${past} ${teams}`, `${NEXT_DUE_SQL}, id`, [
        now, soonUntil, now, soonUntil, now, soonUntil, now, soonUntil, now, now, now, now, ...teamParams,
      ]),
      unassigned: await section(`(status IN ('new', 'reopened') OR (${OPEN_SQL} AND assignee IS NULL ${teams}))`, `${NEXT_DUE_SQL}, created_at, id`, [...teamParams]),
      supervision: await section(`supervision_due_at < ? ${teams}`, 'supervision_due_at, id', [now, ...teamParams]),
      assists: await section(`assist_teams IS NOT NULL ${assistTeams}`, 'assist_due_at IS NULL, assist_due_at, id', [...teamParams]),
    };
  }

  async health(): Promise<HealthFacts> {
    const [facts] = await this.rows(`SELECT
      (SELECT value FROM desk_meta WHERE key = 'schema_version') AS schema_version,
      (SELECT count(*) FROM tickets) AS tickets,
      (SELECT count(*) FROM events) AS events,
      (SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind IN ('create', 'import'))) AS tickets_without_origin`);
    const behind = await this.rows(`SELECT s.name FROM sequences s
      WHERE (SELECT max(substr(t.number, length(s.name) + 2)::bigint) FROM tickets t
             WHERE starts_with(t.number, s.name || '-') AND substr(t.number, length(s.name) + 2) ~ '^[0-9]{1,15}$') > s.value
      ORDER BY s.name`);
    return {
      // The server checks pages and foreign keys as it writes them; there is no file to look into.
      integrity: ['ok'],
      foreign_key_violations: 0,
      schema_version: Number(facts!.schema_version),
      known_schema_version: SCHEMA_VERSION,
      // PostgreSQL always writes ahead to its WAL.
      journal_mode: 'wal',
      tickets: facts!.tickets as number,
      events: facts!.events as number,
      tickets_without_origin: facts!.tickets_without_origin as number,
      sequences_behind: behind.map((r) => r.name as string),
      search_backlog: await countUnindexedTickets(this.client),
      server: await serverHealth(this.client),
    };
  }

  async catchUpSearchIndex(): Promise<number> {
    await this.write(() => queueUnindexedTickets(this.client));
    // In chunks, as an import writes them: the backlog's rows taken by one are locked to its commit.
    let total = 0;
    for (let after = 0; ; ) {
      const chunk = await this.write(() => fillSearchBacklog(this.client, after, SEARCH_FILL_CHUNK));
      total += chunk.taken;
      if (chunk.taken < SEARCH_FILL_CHUNK) break;
      after = chunk.last;
    }
    // `desk migrate` to a server fills every ticket's search row here, after its copy.
    await this.alone(() => analyzeAfterLoad(this.client, total));
    return total;
  }

  async monthFacts(query: FactsQuery): Promise<MonthFacts> {
    return monthFacts(this.client, query);
  }

  async caseFacts(query: FactsQuery): Promise<CaseFacts> {
    return caseFacts(this.client, query);
  }

  async supervisionFacts(query: FactsQuery): Promise<SupervisionFacts> {
    return supervisionFacts(this.client, query);
  }

  async appraisalFacts(query: FactsQuery): Promise<AppraisalFacts> {
    return appraisalFacts(this.client, query);
  }

  async qualityEvents(query: QualityEventQuery): Promise<QualityEvent[]> {
    return qualityEvents(this.client, query);
  }

  async recordQuality<T>(query: QualityEventQuery, decide: (events: QualityEvent[]) => { events: readonly QualityEventInput[]; result: T }, options: WriteOptions): Promise<T> {
    return this.write(() => recordQuality(this.client, query, decide, options));
  }

  async handlingEvents(window: { start: number; end: number }): Promise<HandlingEvent[]> {
    return handlingEvents(this.client, window);
  }

  async ruleReturns(rule: string): Promise<RuleReturns> {
    return ruleReturns(this.client, rule);
  }

  async repeatCallFacts(query: RepeatCallQuery): Promise<RepeatCallFacts> {
    return repeatCallFacts(this.client, query);
  }

  async monthSummaryFacts(query: FactsQuery): Promise<MonthSummaryFacts> {
    return monthSummaryFacts(this.client, query);
  }

  async searchTickets(query: SearchQuery): Promise<SearchHit[]> {
    return searchTickets(this.client, query);
  }

  async similarTickets(ref: TicketRef, limit: number): Promise<SimilarHit[]> {
    return similarTickets(this.client, await this.readTicket(ref), limit);
  }

  async redactTicket(ref: TicketRef, reason: string, options: WriteOptions): Promise<Ticket> {
    const ticket = await this.write(async () => {
      const before = await this.readTicket(ref, true);
      const secrets = secretsOf(before);
      const patch = redactionPatch(before, secrets);
      // The events trigger lets an UPDATE through only for a ticket listed here, for this
      // transaction; only desk_supervisor (and the owner) may list one (src/store/postgres/roles.ts).
      await this.rows('INSERT INTO redacting (ticket_id) VALUES (?)', [before.id]).catch((error) => {
        if ((error as { code?: string }).code !== '42501') throw error;
        throw new UsageError(
          `only a supervisor may redact: the server refused role ${this.session.role} (${(error as Error).message})`,
          'ask a supervisor; the desk\'s owner adds one with `desk roles add NAME --as supervisor`',
        );
      });
      const events = await this.rows('SELECT id, data FROM events WHERE ticket_id = ? ORDER BY id', [before.id]);
      const changed = events
        .map((e) => ({ id: e.id as number, data: JSON.stringify(redactValue(e.data, secrets)), was: JSON.stringify(e.data) }))
        .filter((e) => e.data !== e.was);
      if (changed.length) {
        await this.rows('UPDATE events e SET data = r.data::json FROM unnest(?::bigint[], ?::text[]) AS r(id, data) WHERE e.id = r.id', [
          changed.map((e) => e.id), changed.map((e) => e.data),
        ]);
      }
      const text = (value: unknown) => (value === null ? null : redactText(value as string, secrets));
      const visits = (await this.rows('SELECT id, cause, opinion, parts FROM visits WHERE ticket_id = ? ORDER BY id', [before.id]))
        .map((v) => ({ id: v.id as number, cause: text(v.cause), opinion: text(v.opinion), parts: text(v.parts), was: v }))
        .filter((v) => v.cause !== v.was.cause || v.opinion !== v.was.opinion || v.parts !== v.was.parts);
      if (visits.length) {
        await this.rows(
          `UPDATE visits v SET cause = r.cause, opinion = r.opinion, parts = r.parts
           FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS r(id, cause, opinion, parts) WHERE v.id = r.id`,
          [visits.map((v) => v.id), visits.map((v) => v.cause), visits.map((v) => v.opinion), visits.map((v) => v.parts)],
        );
      }
      await this.rows('DELETE FROM redacting WHERE ticket_id = ?', [before.id]);
      const { ticket } = await this.applyPlan({ id: before.id }, () => ({ kind: 'redact', patch, reason }), options);
      await this.afterRedaction(before.id);
      return ticket;
    });
    // The old row versions stay in the tables' pages until VACUUM frees them (it cannot run in a
    // transaction). The server skips a table, with a warning, for a role that may not vacuum it
    // (on PostgreSQL 15 only the owner may); autovacuum gets to it later. README says what the
    // server still keeps (free space not zeroed, WAL, replicas, backups).
    await this.alone(() => this.client.query('VACUUM tickets, events, visits, ticket_search'));
    return ticket;
  }

  /**
   * Where what the store derives from a ticket's text (search data) is computed again after a
   * redaction, in the redaction's transaction, so no copy of the old text outlives it.
   */
  private async afterRedaction(ticketId: number): Promise<void> {
    await reindexSearch(this.client, [ticketId]);
  }

  async setUpRoles(): Promise<RoleSetup> {
    return this.alone(() => setUpRoles(this.client, this.session, this.path));
  }

  async addRole(name: string, group: DeskGroup, password: string | null): Promise<void> {
    await this.alone(() => addRole(this.client, this.session, name, group, password));
  }

  async recordReveal(ticketIds: readonly number[], how: string, options: WriteOptions): Promise<void> {
    if (!ticketIds.length) return;
    // An auditor may write nothing but this record, through the function made for it.
    if (this.session.rights === 'auditor') {
      await this.alone(() => recordAuditorReveal(this.client, ticketIds, how, options.now)).catch((error) => {
        throw asRefusal(error, this.session, this.path);
      });
      return;
    }
    await this.write(() =>
      this.rows(
        "INSERT INTO events (ticket_id, at, actor, kind, data) SELECT id, ?, ?, 'reveal', ?::json FROM tickets WHERE id = ANY(?::bigint[]) ORDER BY id",
        [options.now, options.actor, JSON.stringify({ text: how }), [...ticketIds]],
      ),
    );
  }

  async backup(destination: string): Promise<void> {
    await backupDatabase(this.client, this.path, destination);
  }

  async beginImport(): Promise<ImportSession> {
    return beginPostgresImport(this.connect, this);
  }

  exportTickets(query: ExportQuery): AsyncIterable<ExportPage> {
    return exportTickets(this.connect, query);
  }

  async readTable(table: DeskTable, after: TableKey | null, limit: number): Promise<TablePage> {
    return readTable(this.client, table, after, limit);
  }

  async writeTableRows(table: DeskTable, rows: readonly TableRow[]): Promise<void> {
    await this.write(() => writeTableRows(this.client, table, rows));
  }

  async tableChecksum(table: DeskTable, through?: TableKey): Promise<TableChecksum> {
    // Its snapshot is a transaction of the connection's: no write of this store may run inside it.
    const previous = this.writing;
    let done!: () => void;
    this.writing = new Promise<void>((resolve) => (done = resolve));
    await previous;
    try {
      return await tableChecksum(this.client, table, through);
    } finally {
      done();
    }
  }

  async close(): Promise<void> {
    await this.writing;
    await this.client.end();
  }
}
