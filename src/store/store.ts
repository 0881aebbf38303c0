// The storage interface. The SQLite store implements it; a PostgreSQL store could too, so nothing
// here speaks SQLite: callers pass plans and queries, never SQL, and every call is asynchronous.
import type { Change, Plan, PlanTools } from '../domain/lifecycle.js';
import type { LinkWrite, PairPlan, TicketLink } from '../domain/links.js';
import type { TrailEvent } from '../domain/change-events.js';
import type { TicketRef } from '../domain/numbering.js';
import type { HandoverRecord, HandoverSummary, ShiftActivity, ShiftQuery } from '../domain/handover.js';
import type { QueueFacts, QueueQuery } from '../domain/queue.js';
import type { LinkRole, NewTicket, Status, Ticket, TicketEvent, TicketPatch } from '../domain/ticket.js';
import type { FactsQuery, MonthFacts, MonthSummaryFacts, RepeatCallFacts, RepeatCallQuery, SupervisionFacts } from '../report/facts.js';
import type { CaseFacts, RuleReturns } from '../report/case-facts.js';
import type { Visit } from '../domain/visit.js';
import type { CallerLookup } from '../domain/caller.js';
import type { Settlement } from '../domain/settlement.js';
import type { DeskGroup, RoleSetup, Session } from '../domain/roles.js';
import type { HandlingEvent, QualityEvent, QualityEventInput } from '../domain/quality.js';
import type { AppraisalFacts } from '../report/facts.js';

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
  /** The team's tickets: those it leads and those where it has an open sub-task. */
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
  /** Only tickets with a supervision order, answered or not. */
  supervised?: boolean;
  /** Tickets with a supervision order unanswered whose reply time is before this instant, whatever their status. */
  supervisionOverdueAt?: number;
  /** Tickets with an open sub-task whose deadline is before this instant. */
  assistOverdueAt?: number;
  /** Tickets whose current resolution has reached fewer escalation tiers than this. */
  escalationBelow?: number;
  /** Only tickets nobody has called back yet. */
  withoutCallback?: boolean;
  /** Substring of title or description. */
  text?: string;
  /** The caller's tickets: by requesterKey or contactKey of src/domain/caller.ts. */
  requesterKey?: string;
  contactKey?: string;
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

/** What a write of two tickets did: each ticket's outcome, and what became of the link between them. */
export interface PairResult {
  first: UpdateResult;
  second: UpdateResult;
  link: LinkWrite;
}

/** A link of a ticket, seen from it: how it stands to the other ticket, and who linked them when. */
export interface LinkedTicket {
  as: LinkRole;
  ticket: Ticket;
  linked_at: number;
  linked_by: string;
}

export interface Store {
  readonly path: string;
  /** This open made the desk: a new file, or the schema in a database that held no desk. */
  readonly created: boolean;
  /**
   * Who the server says this connection is, whose role every change must name as its actor;
   * null for a store without roles (SQLite: the actor is whoever --actor names).
   */
  readonly session: Session | null;
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
  /**
   * Reads both tickets and the link between them, applies `plan` and writes both changes and the
   * link, all in one transaction (links and merges).
   */
  updatePair(first: TicketRef, second: TicketRef, plan: PairPlan, options: WriteOptions): Promise<PairResult>;
  /** The links of a ticket, both ways, in the order they were made. */
  listLinks(ticketId: number): Promise<LinkedTicket[]>;
  listTickets(query: TicketQuery): Promise<Ticket[]>;
  listEvents(ticketId: number): Promise<TicketEvent[]>;
  /** The counts of one month (or any window) that the monthly report is made of. */
  monthFacts(query: FactsQuery): Promise<MonthFacts>;
  /** A caller's figures and tickets (`desk caller`, the caller hint of `desk create`). */
  callerFacts(query: CallerQuery): Promise<CallerFacts>;
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
  /** Returns and extensions of a period, beside monthFacts. */
  caseFacts(query: FactsQuery): Promise<CaseFacts>;
  /** How many tickets a dispatch rule sent to a team, and how many of them the team returned. */
  ruleReturns(rule: string): Promise<RuleReturns>;
  /** The repeat calls among the tickets created in a window (the monthly report's repeat-call rate). */
  repeatCallFacts(query: RepeatCallQuery): Promise<RepeatCallFacts>;
  /** Supervision by team and the complaints verified, in one month (or any window). */
  supervisionFacts(query: FactsQuery): Promise<SupervisionFacts>;
  /** The appraisal's per-agent figures beside monthFacts' agents (src/report/appraisal.ts). */
  appraisalFacts(query: FactsQuery): Promise<AppraisalFacts>;
  /** Quality inspection's events (src/domain/quality.ts): those of one ticket, or every one recorded at or after `since`, in order. */
  qualityEvents(query: QualityEventQuery): Promise<QualityEvent[]>;
  /**
   * Reads the quality events of `query` inside one transaction, which every inspection write of
   * the desk takes in turn, lets `decide` choose what to append, and appends it; the tickets
   * themselves do not change. So two inspectors at once cannot both draw a day's sample or both
   * score a record.
   */
  recordQuality<T>(query: QualityEventQuery, decide: (events: QualityEvent[]) => { events: readonly QualityEventInput[]; result: T }, options: WriteOptions): Promise<T>;
  /** The events of a window by which agents log, respond to and resolve tickets (the day's records a sample is drawn from). */
  handlingEvents(window: { start: number; end: number }): Promise<HandlingEvent[]>;
  /** Only the totals and headline rates of a month (the previous month beside a report). */
  monthSummaryFacts(query: FactsQuery): Promise<MonthSummaryFacts>;
  /**
   * Removes the requester's personal data from the ticket, its visits and its trail, in one
   * transaction, then removes the old values from where the store keeps them, as far as it can
   * (SQLite: zeroed in the file and its WAL; PostgreSQL: VACUUM of the tables; README says what a
   * server keeps elsewhere).
   */
  redactTicket(ref: TicketRef, reason: string, options: WriteOptions): Promise<Ticket>;
  /** The on-site visits of a ticket, in visit order. */
  listVisits(ticketId: number): Promise<Visit[]>;
  /** The checks of `desk doctor` that look inside the database. */
  health(): Promise<HealthFacts>;
  /** Indexes for search the tickets an import wrote and was stopped before indexing (`desk doctor --repair`); how many. */
  catchUpSearchIndex(): Promise<number>;
  backup(destination: string): Promise<void>;
  /**
   * Creates the group roles the server lacks and grants them their rights on this desk
   * (`desk init`); null for a store without roles.
   */
  setUpRoles(): Promise<RoleSetup | null>;
  /** Creates a login role in a group (password null: the server authenticates it otherwise); refused by a store without roles. */
  addRole(name: string, group: DeskGroup, password: string | null): Promise<void>;
  /** Records in each ticket's trail that `options.actor` saw it unmasked; `how` says by which command. */
  recordReveal(ticketIds: readonly number[], how: string, options: WriteOptions): Promise<void>;
  /** Starts an import: batches of tickets from another system, each batch one transaction. */
  beginImport(): Promise<ImportSession>;
  /** Every ticket matching `query`, in id order, in pages, with their links, from one consistent snapshot. */
  exportTickets(query: ExportQuery): AsyncIterable<ExportPage>;
  /**
   * Up to `limit` rows of one of the desk's tables in the order of its key, those after the row
   * whose key is `after` (null: from the first), as every store reads and writes them (`desk migrate`).
   */
  readTable(table: DeskTable, after: TableKey | null, limit: number): Promise<TablePage>;
  /**
   * Writes rows that readTable gave (of this store or another), keeping their keys, in one
   * transaction; a row whose key is already there is left as it is. New rows made afterwards get
   * keys past those written.
   */
  writeTableRows(table: DeskTable, rows: readonly TableRow[]): Promise<void>;
  /**
   * How many rows the table holds and a checksum of their content (src/store/table-content.ts),
   * the same in every store for the same rows; only the rows up to the key `through` when given.
   */
  tableChecksum(table: DeskTable, through?: TableKey): Promise<TableChecksum>;
  close(): Promise<void>;
}

/** The tables a desk is made of (src/store/table-content.ts lists them, in the order a copy writes them). */
export type DeskTable = 'tickets' | 'events' | 'visits' | 'settlements' | 'closed_cycles' | 'links' | 'handovers' | 'sequences' | 'rotations';

/** A row as every store gives it: numbers, text (JSON columns as their text), booleans, nulls. */
export type TableRow = Record<string, string | number | boolean | null>;

/** The values of a row's key columns, in the order of the key. */
export type TableKey = readonly (string | number)[];

export interface TablePage {
  rows: TableRow[];
  /** The key of the last row (null when there are none), to read on after. */
  last: TableKey | null;
}

export interface TableChecksum {
  rows: number;
  /** Hex SHA-256 of the rows in key order, each in the canonical encoding of src/store/table-content.ts. */
  checksum: string;
  /** The key of the last row counted (null when there are none). */
  last: TableKey | null;
}

/** A ticket as an import reads it from its source, which may carry its number, id and bookkeeping too. */
export interface ImportTicket extends NewTicket {
  /** The links of its `links` cell, written once every row is in (ImportSession.writeLinks). */
  links?: TicketLink[];
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
   * rows are in (both stores index them for search here, in large chunks; searches meanwhile find
   * them by scanning), telling `onIndexed` how many of how many tickets are indexed after each chunk.
   */
  flush(onIndexed?: (indexed: number, total: number) => void): Promise<void>;
  /**
   * Writes the links the rows' cells name, in one transaction, once their tickets are all in: a
   * pair that has a link keeps it (each link comes from both its ends). Gives the numbers no
   * ticket has, whose links are left out.
   */
  writeLinks(links: readonly ImportedLink[]): Promise<string[]>;
  /** Rolls back what was not committed (after an error) and ends the session. */
  close(): Promise<void>;
}

export type ExportQuery = Omit<TicketQuery, 'sort' | 'limit'>;

/** A page of an export: its tickets, and the links of every ticket of the export by id (the same map on each page). */
export interface ExportPage {
  tickets: Ticket[];
  links: ReadonlyMap<number, readonly TicketLink[]>;
}

/** A link an import read from a ticket's `links` cell: the ticket by number, how it stands to the other. */
export interface ImportedLink {
  number: string;
  link: TicketLink;
}

/** Quality events of one ticket, or those recorded since an instant. */
export interface QualityEventQuery {
  ticketId?: number;
  since?: number;
}

/** A caller, as src/domain/caller.ts keys them, and what to count of them. */
export interface CallerQuery extends CallerLookup {
  /** The tickets created at or after this instant are counted as `recent`. */
  since: number;
  /** At most this many tickets. */
  limit: number;
}

/** A caller's tickets and figures, over all their tickets whatever the limit. */
export interface CallerFacts {
  total: number;
  open: number;
  /** Tickets of type complaint. */
  complaints: number;
  /** Tickets created since the query's `since`. */
  recent: number;
  satisfaction_sum: number;
  rated: number;
  /** The names and contacts given on the caller's tickets, most recent first, as written (contacts unmasked). */
  requesters: string[];
  contacts: string[];
  /** Open first, then the newest; at most the query's limit. */
  tickets: Ticket[];
}

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
  /** What a database server (not a file) is checked for; absent for SQLite. */
  server?: ServerHealth;
}

/** The checks of a PostgreSQL database that `desk doctor` makes beside the common ones. */
export interface ServerHealth {
  /** As the server names it, e.g. "PostgreSQL 15.4". */
  version: string;
  /** The database's LC_CTYPE, e.g. "C.UTF-8": trigram indexes see Chinese characters only in a UTF-8 one. */
  ctype: string;
  /** The database's character encoding, e.g. "UTF8". */
  encoding: string;
  /** Extensions installed in the database. */
  extensions: string[];
  /** The triggers that keep the audit trail and the handovers append-only, each as found. */
  append_only: { table: string; trigger: string; state: 'enabled' | 'disabled' | 'missing' }[];
  /** bt_index_check of the desk's indexes; null when amcheck is not installed. */
  amcheck: { indexes: number; problems: string[]; refused: string | null } | null;
}
