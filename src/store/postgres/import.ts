// The SQL of `desk import` on PostgreSQL: its batches, each one transaction on a connection of the
// import's own, and the reads and writes of a batch. New tickets, their trails and settlements go
// in whole arrays (unnest), a statement per table and batch part: row by row the server took
// ~2,300 tickets/s, arrays ~36,000 (issue 18). Their search rows are written after the load in
// large chunks (flush), and behind the batches of a large import (SearchRowsBehind). Which row is
// which ticket, which number it gets and what is written of it are the importer's
// (src/importer/import-write.ts).
import type pg from 'pg';
import type { PlanTools } from '../../domain/lifecycle.js';
import type { Settlement } from '../../domain/settlement.js';
import { isOpen, OPEN_STATUSES, type Ticket, type TicketPatch } from '../../domain/ticket.js';
import { withDerivedColumns, WRITABLE } from '../sqlite-rows.js';
import { storedLinkOf } from '../../domain/links.js';
import type { ImportBatch, ImportedChange, ImportedLink, ImportedTicket, ImportSession, TicketKey, WriteOptions } from '../store.js';
import { IMPORT_LOCK, lockRefusal, ROTATION_LOCK } from './locks.js';
import { toColumn, toTicket, type Row } from './rows.js';
import { analyzeAfterLoad, fillSearchBacklog, queueSearchRows, reindexSearch, SEARCH_FILL_CHUNK } from './search.js';

// An open batch whose input stalls this long is committed as it is: it holds the rows of the
// monthly sequences it drew from, and creates at other workstations wait for them.
const IDLE_COMMIT_MS = 2000;

interface InsertColumn {
  name: string;
  arrayType: string;
  select: string;
  valueOf(ticket: Omit<Ticket, 'id'>): unknown;
}

type Query = (sql: string, params?: readonly unknown[]) => Promise<pg.QueryResult<Row>>;

/** The tickets of a batch part not yet sent, column by column, with their trails and settlements. */
class PendingTickets {
  ids: (number | null)[] = [];
  values: unknown[][];
  /** Open tickets per assignee among them: the routing rules' load counts them as stored. */
  openByAssignee = new Map<string, number>();
  events = { row: [] as number[], at: [] as number[], actor: [] as string[], kind: [] as string[], data: [] as string[] };
  settlements = {
    row: [] as number[], kind: [] as string[], cycle: [] as number[], due_at: [] as number[],
    settled_at: [] as number[], met: [] as boolean[], team: [] as (string | null)[], agent: [] as (string | null)[],
  };

  constructor(readonly columns: readonly InsertColumn[]) {
    this.values = columns.map(() => []);
  }

  add({ ticket, id, events, settlements }: ImportedTicket, options: WriteOptions): void {
    const row = this.ids.length;
    this.ids.push(id);
    for (let c = 0; c < this.columns.length; c++) this.values[c]!.push(this.columns[c]!.valueOf(ticket));
    for (const event of events) {
      this.events.row.push(row);
      this.events.at.push(options.now);
      this.events.actor.push(options.actor);
      this.events.kind.push(event.kind);
      this.events.data.push(JSON.stringify(event.data));
    }
    for (const s of settlements) pushSettlement(this.settlements, row, s);
    if (ticket.assignee !== null && isOpen(ticket.status)) this.openByAssignee.set(ticket.assignee, (this.openByAssignee.get(ticket.assignee) ?? 0) + 1);
  }
}

function pushSettlement(to: PendingTickets['settlements'], row: number, s: Settlement): void {
  to.row.push(row);
  to.kind.push(s.kind);
  to.cycle.push(s.cycle);
  to.due_at.push(s.due_at);
  to.settled_at.push(s.settled_at);
  to.met.push(s.met);
  to.team.push(s.team);
  to.agent.push(s.agent);
}

const INSERT_SETTLEMENTS = `INSERT INTO settlements (ticket_id, kind, cycle, due_at, settled_at, met, team, agent)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::boolean[], $7::text[], $8::text[])`;

async function insertSettlements(query: Query, ticketIds: readonly number[], s: PendingTickets['settlements']): Promise<void> {
  if (ticketIds.length) await query(INSERT_SETTLEMENTS, [ticketIds, s.kind, s.cycle, s.due_at, s.settled_at, s.met, s.team, s.agent]);
}

/**
 * The rows the keys name (`columns` of them, with external_id or the key's position), in the
 * keys' order: one query for the external ids, one for the keys by number.
 */
async function lookUp(query: Query, keys: readonly (TicketKey | null)[], columns: 'id' | 'ticket'): Promise<(Row | null)[]> {
  const found: (Row | null)[] = keys.map(() => null);
  const byExternalId = new Map<string, number[]>();
  const byNumber = { at: [] as number[], number: [] as string[], created_at: [] as number[], title: [] as string[] };
  keys.forEach((key, i) => {
    if (key === null) return;
    if ('external_id' in key) byExternalId.set(key.external_id, [...(byExternalId.get(key.external_id) ?? []), i]);
    else {
      byNumber.at.push(i);
      byNumber.number.push(key.number);
      byNumber.created_at.push(key.created_at);
      byNumber.title.push(key.title);
    }
  });
  const selected = columns === 'id' ? 't.id, t.external_id' : 't.*';
  if (byExternalId.size) {
    const { rows } = await query(`SELECT ${selected} FROM tickets t WHERE t.external_id = ANY($1::text[])`, [[...byExternalId.keys()]]);
    for (const row of rows) for (const i of byExternalId.get(row.external_id as string)!) found[i] = row;
  }
  if (byNumber.at.length) {
    const { rows } = await query(
      `SELECT k.key_at, ${selected} FROM unnest($1::int[], $2::text[], $3::bigint[], $4::text[]) AS k(key_at, number, created_at, title)
       JOIN tickets t ON t.number = k.number AND t.created_at = k.created_at AND t.title = k.title`,
      [byNumber.at, byNumber.number, byNumber.created_at, byNumber.title],
    );
    for (const row of rows) {
      const at = row.key_at as number;
      delete row.key_at;
      found[at] = row;
    }
  }
  return found;
}

/** The reads and writes of an open batch; the session keeps the transaction. */
class PostgresImportBatch implements ImportBatch {
  private columns: InsertColumn[] | null = null;
  private pending: PendingTickets | null = null;
  /** The identity sequence of tickets.id. */
  private idSequence: string | null = null;
  /**
   * Each team's last agent, once this batch holds the team's rotation lock: no other writer moves
   * it until the commit, so the batch turns it in memory and writes it once (writePending).
   */
  private rotations = new Map<string, { last: string | null; moved: boolean }>();
  /**
   * The part last written, on its way to the server while the importer reads and checks the next
   * rows; every read and write of the batch waits for it first.
   */
  private sending: Promise<void> | null = null;
  private sendError: unknown = null;
  /** New tickets the batch sent, noted in the search backlog. */
  queued = 0;

  constructor(private readonly query: Query) {}

  /** Starts sending what the part wrote, without waiting. */
  send(): void {
    const previous = this.sending;
    this.sending = (async () => {
      await previous;
      await this.writeKept();
    })().catch((error: unknown) => {
      this.sendError ??= error;
    });
  }

  /** Waits for what is being sent; throws what sending it threw. */
  async settle(): Promise<void> {
    for (let sending = this.sending; sending; sending = this.sending) {
      await sending;
      if (this.sending === sending) this.sending = null;
    }
    if (this.sendError) throw this.sendError;
  }

  readonly tools: PlanTools = {
    nextInRotation: async (team, agents) => {
      let rotation = this.rotations.get(team);
      if (!rotation) {
        await this.settle();
        await this.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [ROTATION_LOCK, team]);
        const { rows } = await this.query('SELECT last_agent FROM rotations WHERE team = $1', [team]);
        rotation = { last: (rows[0]?.last_agent as string | undefined) ?? null, moved: false };
        this.rotations.set(team, rotation);
      }
      const next = agents[(agents.indexOf(rotation.last ?? '') + 1) % agents.length]!;
      rotation.last = next;
      rotation.moved = true;
      return next;
    },
    openLoad: async (agents) => {
      await this.settle();
      const { rows } = await this.query('SELECT assignee, count(*) AS open FROM tickets WHERE assignee = ANY($1::text[]) AND status = ANY($2::text[]) GROUP BY assignee', [
        [...agents], OPEN_STATUSES,
      ]);
      const load = new Map(rows.map((r) => [r.assignee as string, r.open as number]));
      for (const agent of agents) {
        const waiting = this.pending?.openByAssignee.get(agent);
        if (waiting) load.set(agent, (load.get(agent) ?? 0) + waiting);
      }
      return load;
    },
  };

  async findTicketIds(keys: readonly (TicketKey | null)[]): Promise<(number | null)[]> {
    await this.writePending();
    return (await lookUp(this.query, keys, 'id')).map((row) => (row ? (row.id as number) : null));
  }

  async findTickets(keys: readonly (TicketKey | null)[]): Promise<(Ticket | null)[]> {
    await this.writePending();
    return (await lookUp(this.query, keys, 'ticket')).map((row) => (row ? toTicket(row) : null));
  }

  async takenNumbers(numbers: readonly string[]): Promise<Set<string>> {
    if (!numbers.length) return new Set();
    await this.writePending();
    const { rows } = await this.query('SELECT number FROM tickets WHERE number = ANY($1::text[])', [[...numbers]]);
    return new Set(rows.map((r) => r.number as string));
  }

  async advanceSequence(sequence: string, value: number): Promise<void> {
    await this.settle();
    await this.query('INSERT INTO sequences (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = greatest(sequences.value, excluded.value)', [sequence, value]);
  }

  async drawNumbers(sequence: string, count: number): Promise<number> {
    await this.settle();
    const { rows } = await this.query('INSERT INTO sequences (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = sequences.value + excluded.value RETURNING value', [
      sequence, count,
    ]);
    return (rows[0]!.value as number) - count + 1;
  }

  /** Kept until the batch next reads or commits, then sent with the rest of its part. */
  async insertTicket(ticket: ImportedTicket, options: WriteOptions): Promise<void> {
    withDerivedColumns(ticket.ticket, true);
    await this.settle();
    this.pending ??= new PendingTickets(await this.insertColumns(ticket.ticket));
    this.pending.add(ticket, options);
  }

  async updateTicket({ ticket, patch, event, settlements }: ImportedChange, options: WriteOptions): Promise<void> {
    await this.writePending();
    if (settlements) {
      await this.query('DELETE FROM settlements WHERE ticket_id = $1 AND cycle = $2', [ticket.id, ticket.reopen_count]);
      const rows: PendingTickets['settlements'] = { row: [], kind: [], cycle: [], due_at: [], settled_at: [], met: [], team: [], agent: [] };
      for (const s of settlements) pushSettlement(rows, 0, s);
      await insertSettlements(this.query, rows.row.map(() => ticket.id), rows);
    }
    const written = withDerivedColumns(patch);
    const fields = Object.keys(written);
    for (const field of fields) if (!WRITABLE.has(field)) throw new Error(`patch writes unknown field ${field}`);
    const assignments = [...fields.map((f, i) => `${f} = $${i + 1}`), 'version = version + 1', `updated_at = $${fields.length + 1}`, `updated_by = $${fields.length + 2}`];
    await this.query(`UPDATE tickets SET ${assignments.join(', ')} WHERE id = $${fields.length + 3}`, [
      ...fields.map((f) => toColumn(f, written[f as keyof TicketPatch])),
      options.now,
      options.actor,
      ticket.id,
    ]);
    await this.query('INSERT INTO events (ticket_id, at, actor, kind, data) VALUES ($1, $2, $3, $4, $5)', [ticket.id, options.now, options.actor, event.kind, JSON.stringify(event.data)]);
    await reindexSearch({ query: this.query }, [ticket.id]);
  }

  /**
   * The columns an insert fills: those of `tickets` the ticket has a field for, read from the
   * schema (a new column needs no change here).
   */
  private async insertColumns(ticket: Omit<Ticket, 'id'>): Promise<InsertColumn[]> {
    if (this.columns) return this.columns;
    const { rows } = await this.query(
      "SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'tickets'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
    );
    const fields: InsertColumn[] = rows
      .filter((r) => r.name !== 'id' && (r.name as string) in ticket)
      .map((r) => {
        const name = r.name as string;
        return { name, arrayType: `${r.type as string}[]`, select: `u.${name}`, valueOf: (t) => toColumn(name, t[name as keyof typeof t]) };
      });
    this.columns = fields;
    return this.columns;
  }

  /** Writes what the batch keeps, once what is being sent is in. */
  async writePending(): Promise<void> {
    await this.settle();
    await this.writeKept();
  }

  /** Sends the tickets kept so far, with their trails and settlements, and the rotations turned. */
  private async writeKept(): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    // Taken now: the rotations may turn again while these are sent.
    const moved = [...this.rotations].filter(([, r]) => r.moved).map(([team, r]) => [team, r.last] as const);
    for (const [, r] of this.rotations) r.moved = false;
    if (pending?.ids.length) {
      const ids = await this.assignIds(pending.ids);
      const columns = pending.columns;
      await this.query(
        `INSERT INTO tickets (id, ${columns.map((c) => c.name).join(', ')})
         SELECT u.id, ${columns.map((c) => c.select).join(', ')}
         FROM unnest($1::bigint[], ${columns.map((c, i) => `$${i + 2}::${c.arrayType}`).join(', ')}) AS u(id, ${columns.map((c) => c.name).join(', ')})`,
        [ids, ...pending.values],
      );
      const e = pending.events;
      // unnest gives the elements in order, and the identity column numbers them as they come: each trail stays in order.
      await this.query('INSERT INTO events (ticket_id, at, actor, kind, data) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::json[])', [
        e.row.map((r) => ids[r]), e.at, e.actor, e.kind, e.data,
      ]);
      await insertSettlements(this.query, pending.settlements.row.map((r) => ids[r]!), pending.settlements);
      await queueSearchRows({ query: this.query }, ids);
      this.queued += ids.length;
    }
    if (moved.length) {
      await this.query('INSERT INTO rotations (team, last_agent) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (team) DO UPDATE SET last_agent = excluded.last_agent', [
        moved.map(([team]) => team), moved.map(([, last]) => last),
      ]);
    }
  }

  /**
   * Ids for the rows, in row order: the row's own where no ticket (nor an earlier row) has it,
   * else the next; as in SQLite, ids given later follow the highest kept one.
   */
  private async assignIds(asked: readonly (number | null)[]): Promise<number[]> {
    this.idSequence ??= (await this.query("SELECT pg_get_serial_sequence('tickets', 'id') AS name")).rows[0]!.name as string;
    const wanted = asked.filter((id): id is number => id !== null);
    if (!wanted.length) {
      const { rows } = await this.query('SELECT nextval($1::regclass) AS id FROM generate_series(1, $2::int)', [this.idSequence, asked.length]);
      return rows.map((r) => r.id as number).sort((a, b) => a - b);
    }
    const taken = new Set((await this.query('SELECT id FROM tickets WHERE id = ANY($1::bigint[])', [wanted])).rows.map((r) => r.id as number));
    const first = (await this.query('SELECT nextval($1::regclass) AS id', [this.idSequence])).rows[0]!.id as number;
    let next = first;
    const ids: number[] = [];
    const used = new Set<number>();
    for (const id of asked) {
      const kept = id !== null && !taken.has(id) && !used.has(id) ? id : null;
      const given = kept ?? next++;
      if (kept !== null && kept >= next) next = kept + 1;
      used.add(given);
      ids.push(given);
    }
    // Only ever forward. A create at another workstation that draws an id in between makes this
    // batch fail on the key, rolled back whole; running the import again completes it.
    if (next - 1 > first) await this.query('SELECT setval($1::regclass, $2::bigint) WHERE pg_sequence_last_value($1::regclass) < $2::bigint', [this.idSequence, next - 1]);
    return ids;
  }

  /** The commit or rollback ended the batch, and the locks it held with it. */
  ended(): void {
    this.queued = 0;
    this.pending = null;
    this.rotations.clear();
    this.sending = null;
    this.sendError = null;
  }
}

/**
 * One chunk of the backlog's search rows, in a transaction of its own on `client`; throws what
 * the chunk threw, its transaction rolled back.
 */
async function writeSearchChunk(client: pg.Client, after: number, limit: number, behind = false): Promise<{ taken: number; last: number }> {
  await client.query('BEGIN');
  try {
    const chunk = await fillSearchBacklog(client, after, limit, behind);
    await client.query('COMMIT');
    return chunk;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

export interface SearchRowsBehindSizes {
  /** Tickets waiting in the backlog before rows are written behind the batches: a smaller import's are written after the load. */
  start: number;
  /** Tickets a chunk behind the batches: fewer than after the load, since a batch's rows are in memory beside it. */
  chunk: number;
}

const SEARCH_ROWS_BEHIND: SearchRowsBehindSizes = { start: 50_000, chunk: 5000 };

/**
 * Writes the search rows of committed batches while a large import goes on, a chunk at a time,
 * on a connection of its own: the server merges them into search's GIN indexes on one core while
 * the desk reads, checks and sends rows on the other, and searches meanwhile read few tickets
 * from the backlog. It does what the import's own connection would do after the load (flush),
 * which writes whatever is left, and reports any failure: one here only stops it.
 */
class SearchRowsBehind {
  private client: pg.Client | null = null;
  private writing: Promise<void> | null = null;
  private stopped = false;
  /** Tickets committed to the backlog that no chunk has taken yet. */
  private waiting = 0;
  private started = false;
  /** The highest id a chunk took: the next goes on after it. */
  private after = 0;

  constructor(
    private readonly connect: () => Promise<pg.Client>,
    private readonly sizes: SearchRowsBehindSizes,
  ) {}

  /** A batch committed `tickets` new tickets. */
  committed(tickets: number): void {
    this.waiting += tickets;
    this.started ||= this.waiting >= this.sizes.start;
    this.next();
  }

  /** Always short of the last ticket committed: the chunk after the load that takes it merges GIN's pending list (fillSearchBacklog). */
  private next(): void {
    const { chunk } = this.sizes;
    if (!this.started || this.writing || this.stopped || this.waiting <= chunk) return;
    this.waiting -= chunk;
    this.writing = (async () => {
      this.client ??= await this.connect();
      this.after = (await writeSearchChunk(this.client, this.after, chunk, true)).last;
    })().then(
      () => {
        this.writing = null;
        this.next();
      },
      () => {
        this.stopped = true;
        this.writing = null;
      },
    );
  }

  /** Stops once the chunk being written is in, and ends its connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.writing;
    await this.client?.end().catch(() => {});
    this.client = null;
  }
}

export interface ImportAccess {
  /** The location as it may be shown. */
  readonly path: string;
  /** Throws the refusal of a store that may only be read. */
  checkWritable(): void;
}

/**
 * Starts an import on a connection of its own (`connect`), not the store's: its batches are
 * transactions that stay open between calls, and markSeen's temporary table lives as long as the
 * connection, so the import holds one connection from start to end, and the store's own stays
 * free for its other queries meanwhile. A pool would only ever lend it that one client. A large
 * import opens a second, for the search rows behind its batches (`behind`: when and how many).
 */
export async function beginPostgresImport(
  connect: () => Promise<pg.Client>,
  access: ImportAccess,
  behind: SearchRowsBehindSizes = SEARCH_ROWS_BEHIND,
): Promise<PostgresImportSession> {
  const client = await connect();
  try {
    // The external ids seen in this run: a million of them take ~60 MB in a Map (and ids sliced
    // from the reader's chunks keep those chunks alive), the server keeps them for nothing here.
    await client.query('CREATE TEMPORARY TABLE import_seen (key text PRIMARY KEY, line bigint NOT NULL)');
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  return new PostgresImportSession(client, access, new SearchRowsBehind(connect, behind));
}

export class PostgresImportSession implements ImportSession {
  private readonly batch: PostgresImportBatch;
  /** Rows written since the open transaction began; null when none is open. */
  private inBatch: number | null = null;
  /**
   * The first statement of the open batch that failed. PostgreSQL refuses every later statement of
   * that transaction, and would answer COMMIT by rolling it back without an error.
   */
  private failure: unknown = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private idleCommit: Promise<void> | null = null;
  private idleError: unknown = null;
  private closed = false;
  /** Rows of this session's committed batches. */
  private committedRows = 0;

  constructor(
    private readonly client: pg.Client,
    private readonly access: ImportAccess,
    private readonly searchRows: SearchRowsBehind,
  ) {
    this.batch = new PostgresImportBatch((sql, params) => this.query(sql, params));
  }

  private async query(sql: string, params?: readonly unknown[]): Promise<pg.QueryResult<Row>> {
    try {
      return await this.client.query<Row>(sql, params as unknown[] | undefined);
    } catch (error) {
      const refusal = lockRefusal(error, this.access.path);
      if (this.inBatch !== null) this.failure ??= refusal;
      throw refusal;
    }
  }

  async markSeen(keys: readonly (string | null)[], lines: readonly number[]): Promise<(number | null)[]> {
    // Each key once: a repeat inside this call is answered with the first one's line.
    const firstAt = new Map<string, number>();
    keys.forEach((key, i) => {
      if (key !== null && !firstAt.has(key)) firstAt.set(key, i);
    });
    if (!firstAt.size) return keys.map(() => null);
    await this.batch.settle();
    const unique = [...firstAt.keys()];
    // The statement's own snapshot does not hold its insert: it reads only earlier calls' keys.
    const { rows } = await this.query(
      `WITH added AS (INSERT INTO import_seen (key, line) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT (key) DO NOTHING)
       SELECT key, line FROM import_seen WHERE key = ANY($1::text[])`,
      [unique, unique.map((key) => lines[firstAt.get(key)!])],
    );
    const earlier = new Map(rows.map((r) => [r.key as string, r.line as number]));
    return keys.map((key, i) => {
      if (key === null) return null;
      const first = firstAt.get(key)!;
      return earlier.get(key) ?? (first < i ? lines[first]! : null);
    });
  }

  async findTicketIds(keys: readonly (TicketKey | null)[]): Promise<(number | null)[]> {
    return this.batch.findTicketIds(keys);
  }

  async findTickets(keys: readonly (TicketKey | null)[]): Promise<(Ticket | null)[]> {
    return this.batch.findTickets(keys);
  }

  /**
   * Writes the rows as they come, in transactions of exactly `batchSize` rows: the transaction
   * stays open between calls and commits when the batch is full, or at flush().
   */
  async write<R>(rows: readonly R[], batchSize: number, writePart: (part: readonly R[], batch: ImportBatch) => Promise<void>): Promise<void> {
    this.access.checkWritable();
    await this.settleIdleCommit();
    for (let start = 0; start < rows.length; ) {
      if (this.inBatch === null) {
        await this.query('BEGIN');
        await this.query('SELECT pg_advisory_xact_lock(hashtext($1))', [IMPORT_LOCK]);
        this.inBatch = 0;
        this.failure = null;
      }
      const part = rows.slice(start, start + batchSize - this.inBatch);
      await writePart(part, this.batch);
      this.batch.send();
      this.inBatch += part.length;
      start += part.length;
      if (this.inBatch >= batchSize) await this.commit();
    }
    if (this.inBatch !== null) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null;
        this.idleCommit = this.commit().catch((error: unknown) => {
          this.idleError = error;
        });
      }, IDLE_COMMIT_MS);
    }
  }

  /** Waits for a commit the idle timer started, or stops the timer; throws what that commit threw. */
  private async settleIdleCommit(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.idleCommit) await this.idleCommit;
    this.idleCommit = null;
    const error = this.idleError;
    this.idleError = null;
    if (error) throw error;
  }

  private async commit(): Promise<void> {
    if (this.inBatch === null) return;
    if (this.failure) throw this.failure;
    await this.batch.writePending();
    try {
      const result = await this.query('COMMIT');
      if (result.command !== 'COMMIT') throw new Error(`the import's batch was rolled back at its commit (${result.command})`);
      this.searchRows.committed(this.batch.queued);
      this.committedRows += this.inBatch;
    } finally {
      this.inBatch = null;
      this.batch.ended();
    }
  }

  /**
   * Commits the rows written since the last commit, then writes the search rows of every ticket
   * still waiting in the backlog (this import's, and any a killed one left), from the lowest id
   * (a file's own ids may lie behind those written so far), SEARCH_FILL_CHUNK tickets a
   * transaction. A kill meanwhile leaves the rest in the backlog, committed with their tickets:
   * searches read them there, and the next import or `desk doctor --repair` writes their rows.
   */
  async flush(onIndexed?: (indexed: number, total: number) => void): Promise<void> {
    await this.settleIdleCommit();
    await this.commit();
    this.access.checkWritable();
    await this.searchRows.stop();
    const total = onIndexed ? ((await this.client.query('SELECT count(*)::int AS n FROM search_backlog')).rows[0].n as number) : 0;
    for (let after = 0, indexed = 0; ; ) {
      const chunk = await writeSearchChunk(this.client, after, SEARCH_FILL_CHUNK);
      indexed = Math.min(total, indexed + chunk.taken);
      if (total) onIndexed?.(indexed, total);
      if (chunk.taken < SEARCH_FILL_CHUNK) break;
      after = chunk.last;
    }
    if (await analyzeAfterLoad(this.client, this.committedRows)) this.committedRows = 0;
  }

  async writeLinks(links: readonly ImportedLink[]): Promise<string[]> {
    if (!links.length) return [];
    const numbers = [...new Set(links.flatMap((l) => [l.number, l.link.ticket]))];
    const { rows } = await this.client.query('SELECT id, number FROM tickets WHERE number = ANY($1::text[])', [numbers]);
    const ids = new Map(rows.map((r) => [r.number as string, r.id as number]));
    await this.client.query('BEGIN');
    try {
      for (const { number, link } of links) {
        const [a, b] = [ids.get(number), ids.get(link.ticket)];
        if (a === undefined || b === undefined || a === b) continue;
        const { kind, fromThis } = storedLinkOf(link.as);
        const [from, to] = fromThis ? [a, b] : [b, a];
        await this.client.query(
          `INSERT INTO links (from_id, to_id, kind, linked_at, linked_by) SELECT $1, $2, $3, $4, $5
           WHERE NOT EXISTS (SELECT 1 FROM links WHERE least(from_id, to_id) = least($1::bigint, $2::bigint) AND greatest(from_id, to_id) = greatest($1::bigint, $2::bigint))`,
          [from, to, kind, link.linked_at, link.linked_by],
        );
      }
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => {});
      throw lockRefusal(error, this.access.path);
    }
    return numbers.filter((n) => !ids.has(n));
  }

  /** Rolls back the rows not yet committed and ends the connection, and with it the run's temporary table. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    await this.idleCommit?.catch(() => {});
    await this.batch.settle().catch(() => {});
    await this.searchRows.stop();
    if (this.inBatch !== null) await this.client.query('ROLLBACK').catch(() => {});
    this.inBatch = null;
    this.batch.ended();
    await this.client.end().catch(() => {});
  }
}
