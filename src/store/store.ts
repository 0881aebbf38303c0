// The storage interface. The SQLite store implements it; a PostgreSQL store could too, so nothing
// here speaks SQLite: callers pass plans and queries, never SQL, and every call is asynchronous.
import type { Plan, Change } from '../domain/lifecycle.js';
import type { TicketNumbering, TicketRef } from '../domain/numbering.js';
import type { HandoverRecord, HandoverSummary, ShiftActivity, ShiftQuery } from '../domain/handover.js';
import type { QueueFacts, QueueQuery } from '../domain/queue.js';
import type { EventData, EventKind, NewTicket, Status, Ticket, TicketEvent, TicketPatch } from '../domain/ticket.js';
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
  backup(destination: string): Promise<void>;
  /** Starts an import: batches of tickets from another system, each batch one transaction. */
  beginImport(): Promise<ImportSession>;
  /** Every ticket matching `query`, in id order, in pages, from one consistent snapshot. */
  exportTickets(query: ExportQuery): AsyncIterable<Ticket[]>;
  close(): Promise<void>;
}

/** A ticket as an import writes it: the source may carry its number, id and bookkeeping too. */
export interface ImportTicket extends NewTicket {
  id: number | null;
  number: string | null;
  version: number | null;
  updated_at: number | null;
  updated_by: string | null;
}

/** One validated row of an import. */
export interface ImportRecord {
  /** Line of the source where the row starts; the import event records it. */
  line: number;
  ticket: ImportTicket;
  /** The fields the row had a column for; `--update` changes only these. */
  given: readonly string[];
  /** Changes made before writing (rule classification), recorded as events after the import event. */
  events: { kind: EventKind; data: EventData }[];
  /** The deadlines the row's own times settle. */
  settlements: readonly Settlement[];
}

export interface ImportWriteOptions extends WriteOptions {
  /** Rows per transaction. */
  batchSize: number;
  /** The file as named in the import event ("stdin" for -). */
  source: string;
  /** How new tickets are numbered: which monthly sequence, in which pattern. */
  numbering: TicketNumbering;
  /** Plans applied to each new ticket before it is written (rule dispatch), each its own event. */
  then: readonly Plan[];
  /** With --update: the patch that brings an existing ticket up to its row; null skips existing tickets. */
  update: ((existing: Ticket, record: ImportRecord) => ImportUpdate | null) | null;
}

/** What `--update` writes of a row: the patch, and the current cycle's settlements when the times changed them (else null). */
export interface ImportUpdate {
  patch: TicketPatch;
  settlements: readonly Settlement[] | null;
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  /** Rows whose ticket is already there (and, with --update, already the same). */
  skipped: number;
}

/**
 * A row is the same ticket as an existing one when their external ids are equal, or, without an
 * external id, when the number, creation time and title are (a desk's own export read back).
 */
export interface ImportSession {
  /** Remembers external ids seen in this run; for each, the line it was first seen on, or null. */
  markSeen(keys: readonly (string | null)[], lines: readonly number[]): Promise<(number | null)[]>;
  /**
   * Writes the records in transactions (BEGIN IMMEDIATE) of exactly `batchSize` rows; a batch may
   * span calls, so call flush() at the end. A crash loses at most the batch not yet committed.
   */
  write(records: readonly ImportRecord[], options: ImportWriteOptions): Promise<ImportCounts>;
  /** Commits the rows written since the last commit. */
  flush(): Promise<void>;
  /** What `write` would do, writing nothing (--dry-run). */
  preview(records: readonly ImportRecord[], options: ImportWriteOptions): Promise<ImportCounts>;
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
}
