// The storage interface. The SQLite store implements it; a PostgreSQL store could too, so nothing
// here speaks SQLite: callers pass plans and queries, never SQL, and every call is asynchronous.
import type { Change, Plan, PlanTools } from '../domain/lifecycle.js';
import type { TrailEvent } from '../domain/change-events.js';
import type { TicketRef } from '../domain/numbering.js';
import type { HandoverRecord, HandoverSummary, ShiftActivity, ShiftQuery } from '../domain/handover.js';
import type { QueueFacts, QueueQuery } from '../domain/queue.js';
import type { NewTicket, Status, Ticket, TicketEvent, TicketPatch } from '../domain/ticket.js';
import type { FactsQuery, MonthFacts, MonthSummaryFacts } from '../report/facts.js';
import type { Visit } from '../domain/visit.js';
import type { Settlement } from '../domain/settlement.js';

export interface WriteOptions {
  actor: string;
  now: number;
}

export interface CreateOptions extends WriteOptions {
  /** Name of the monthly sequence the number is drawn from, e.g. "SD-202611". */
  sequence: string;
  formatNumber: (sequence: string, value: number) => string;
  /** Deadlines the new ticket's own times already settle (a back-dated create). */
  settlements?: readonly Settlement[];
}

export type SortField = 'created_at' | 'updated_at' | 'number' | 'urgency' | 'status' | 'resolve_due_at' | 'closed_at';

export interface TicketQuery {
  statuses?: readonly Status[];
  team?: string;
  assignee?: string;
  type?: string;
  urgency?: string;
  channel?: string;
  createdFrom?: number;
  createdBefore?: number;
  /** Open, not pending tickets with a response, dispatch or resolution deadline not met by this instant. */
  overdueAt?: number;
  /** Open, not pending tickets with a deadline not yet met falling in [from, until). */
  dueWithin?: { from: number; until: number };
  /** Closed at or after this instant. */
  closedFrom?: number;
  /** Only tickets nobody has called back yet. */
  withoutCallback?: boolean;
  /** Substring of title or description. */
  text?: string;
  sort: { field: SortField; descending: boolean };
  limit: number;
}

export interface UpdateResult {
  ticket: Ticket;
  /** Null when the plan found nothing to change; nothing was written. */
  change: Change | null;
  /** field → [before, after], as recorded in the audit trail. */
  changes: Record<string, [unknown, unknown]>;
}

export interface Store {
  readonly path: string;
  /**
   * Throws the error every write gives when this process may only read the database; a command
   * that will write calls it before asking the operator anything or reading its input.
   */
  checkWritable(): void;
  /** Creates the ticket and applies the `afterCreate` plans (e.g. rule classification) in the same transaction. */
  createTicket(ticket: NewTicket, options: CreateOptions, afterCreate?: readonly Plan[]): Promise<Ticket>;
  /**
   * The ticket a reference names. A bare integer is looked up both ways, as an id and as this
   * month's number, and chooseBareRefTicket (src/domain/numbering.ts) takes it or refuses it.
   */
  getTicket(ref: TicketRef): Promise<Ticket>;
  /** Reads the ticket, applies `plan` to it and records the audit event, all in one transaction. */
  updateTicket(ref: TicketRef, plan: Plan, options: WriteOptions): Promise<UpdateResult>;
  /** Applies `plan` to every ticket in one transaction: all change or none. */
  updateTickets(refs: readonly TicketRef[], plan: Plan, options: WriteOptions): Promise<UpdateResult[]>;
  listTickets(query: TicketQuery): Promise<Ticket[]>;
  listEvents(ticketId: number): Promise<TicketEvent[]>;
  /** The counts of one month (or any window) that the monthly report is made of. */
  monthFacts(query: FactsQuery): Promise<MonthFacts>;
  /** Full-text search of title, description, solution and notes: in the query's sort if any, then best match first, then newest. */
  searchTickets(query: SearchQuery): Promise<SearchHit[]>;
  /** Resolved tickets whose problem reads most like this ticket's, with their solutions, best first. */
  similarTickets(ref: TicketRef, limit: number): Promise<SimilarHit[]>;
  /** The tickets a shift handover is made of: opened, resolved, escalated in the shift, and all open. */
  shiftActivity(query: ShiftQuery): Promise<ShiftActivity>;
  /** Records that `options.actor` handed over the shift. */
  recordHandover(handover: { since: number; team: string | null; summary: HandoverSummary }, options: WriteOptions): Promise<HandoverRecord>;
  /** The latest handover before `before`, of the team (null: of the whole desk). */
  lastHandover(before: number, team: string | null): Promise<HandoverRecord | null>;
  /** The operator's queue: own tickets, breached, due soon, unassigned. */
  queueFacts(query: QueueQuery): Promise<QueueFacts>;
  /** Only the totals and headline rates of a month (the previous month beside a report). */
  monthSummaryFacts(query: FactsQuery): Promise<MonthSummaryFacts>;
  /**
   * Removes the requester's personal data from the ticket, its visits and its trail, in one
   * transaction, and makes sure the old bytes are gone from the file.
   */
  redactTicket(ref: TicketRef, reason: string, options: WriteOptions): Promise<Ticket>;
  /** The on-site visits of a ticket, in visit order. */
  listVisits(ticketId: number): Promise<Visit[]>;
  /** The checks of `desk doctor` that look inside the database. */
  health(): Promise<HealthFacts>;
  /** Indexes for search the tickets an import wrote and was stopped before indexing (`desk doctor --repair`); how many. */
  catchUpSearchIndex(): Promise<number>;
  backup(destination: string): Promise<void>;
  /** Starts an import: batches of tickets from another system, each batch one transaction. */
  beginImport(): Promise<ImportSession>;
  /** Every ticket matching `query`, in id order, in pages, from one consistent snapshot. */
  exportTickets(query: ExportQuery): AsyncIterable<Ticket[]>;
  close(): Promise<void>;
}

/** A ticket as an import reads it from its source, which may carry its number, id and bookkeeping too. */
export interface ImportTicket extends NewTicket {
  id: number | null;
  number: string | null;
  version: number | null;
  updated_at: number | null;
  updated_by: string | null;
}

/**
 * What names one stored ticket to an import: its external id, or its number together with its
 * creation time and title. Which key a row has is the importer's rule (src/importer/row-identity.ts).
 */
export type TicketKey = { external_id: string } | { number: string; created_at: number; title: string };

/** What an import asks of the tickets already stored. */
export interface ImportLookup {
  /** For each key, the id of the ticket it names, or null (a null key names none). */
  findTicketIds(keys: readonly (TicketKey | null)[]): Promise<(number | null)[]>;
  /** For each key, the whole ticket it names, or null (a null key names none). */
  findTickets(keys: readonly (TicketKey | null)[]): Promise<(Ticket | null)[]>;
}

/** A new ticket as an import inserts it: numbered, with its bookkeeping, its trail and the deadlines it settles. */
export interface ImportedTicket {
  ticket: Omit<Ticket, 'id'>;
  /** The id the source gave: kept when no ticket has it; otherwise, and when null, the store gives one. */
  id: number | null;
  /** The ticket's trail, in order. */
  events: readonly TrailEvent[];
  settlements: readonly Settlement[];
}

/** A change an import makes to a stored ticket (`--update`). */
export interface ImportedChange {
  /** The ticket as the import found it. */
  ticket: Ticket;
  /** The fields to write; the ticket's version goes up by one. */
  patch: TicketPatch;
  event: TrailEvent;
  /** What the ticket's times settle in its current cycle, in place of what was settled; null leaves that as it is. */
  settlements: readonly Settlement[] | null;
}

/** What an import reads and writes inside its open batch: all of it in the batch's one transaction. */
export interface ImportBatch extends ImportLookup {
  /** What plans applied to new tickets (rule dispatch) may ask, inside the batch too. */
  readonly tools: PlanTools;
  /** Those of `numbers` that tickets have. */
  takenNumbers(numbers: readonly string[]): Promise<Set<string>>;
  /** Moves the sequence up to `value`; one already past it stays. */
  advanceSequence(sequence: string, value: number): Promise<void>;
  /** Draws `count` consecutive values from the sequence and returns the first. */
  drawNumbers(sequence: string, count: number): Promise<number>;
  insertTicket(ticket: ImportedTicket, options: WriteOptions): Promise<void>;
  updateTicket(change: ImportedChange, options: WriteOptions): Promise<void>;
}

/**
 * An import: rows from another system written in batches, each batch one transaction. What a row
 * is and what is written of it is the importer's (src/importer/import-write.ts); the session
 * answers what is stored and writes. Its lookups read the database as it stands, outside any
 * batch (a dry run).
 */
export interface ImportSession extends ImportLookup {
  /** Remembers external ids seen in this run; for each, the line it was first seen on, or null. */
  markSeen(keys: readonly (string | null)[], lines: readonly number[]): Promise<(number | null)[]>;
  /**
   * Writes `rows` in transactions of exactly `batchSize` rows: hands each part of them that fits
   * the open batch to `writePart`, with the batch to read and write in, and commits the batch
   * when it is full. A batch may span calls, so call flush() at the end. A crash loses at most
   * the batch not yet committed.
   */
  write<R>(rows: readonly R[], batchSize: number, writePart: (part: readonly R[], batch: ImportBatch) => Promise<void>): Promise<void>;
  /**
   * Commits the rows written since the last commit, and completes what a store leaves until the
   * rows are in (SQLite indexes them for search here, in large chunks; searches meanwhile find
   * them by scanning).
   */
  flush(): Promise<void>;
  /** Rolls back what was not committed (after an error) and ends the session. */
  close(): Promise<void>;
}

export type ExportQuery = Omit<TicketQuery, 'sort' | 'limit'>;

// What the store answers to a search and a request for similar tickets.

export interface SearchQuery extends Omit<TicketQuery, 'sort' | 'limit' | 'text'> {
  /** Words or "quoted phrases"; every one must occur in the title, description, solution or notes. */
  text: string;
  /** Ordered by this field first when given; otherwise by relevance. Ties: best match, then newest. */
  sort?: TicketQuery['sort'];
  limit: number;
}

export interface SearchHit {
  ticket: Ticket;
  /** Relevance (higher is better); 0 when only a scan could answer (one-character terms). */
  score: number;
  /** The ticket's notes, oldest first, to show where a term matched. */
  notes: string[];
}

export interface SimilarHit {
  ticket: Ticket;
  /** Similarity of the problems, about 0 to 1 (bonuses for the same department and category). */
  score: number;
}

/** What `desk doctor` checks of a database. */
export interface HealthFacts {
  integrity: string[];
  foreign_key_violations: number;
  schema_version: number;
  known_schema_version: number;
  journal_mode: string;
  tickets: number;
  events: number;
  /** Tickets without the create or import event that must start every trail. */
  tickets_without_origin: number;
  /** Number sequences behind the highest number already given in their month. */
  sequences_behind: string[];
  /** Tickets an import wrote and has not indexed for search yet: it is still running, or was stopped. */
  search_backlog: number;
}
