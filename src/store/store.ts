// The storage interface. The SQLite store implements it; a PostgreSQL store could too, so nothing
// here speaks SQLite: callers pass plans and queries, never SQL, and every call is asynchronous.
import type { Plan, Change } from '../domain/lifecycle.js';
import type { TicketRef } from '../domain/numbering.js';
import type { NewTicket, Status, Ticket, TicketEvent } from '../domain/ticket.js';
import type { FactsQuery, MonthFacts, MonthSummaryFacts } from '../report/facts.js';
import type { HealthFacts } from './sqlite-doctor.js';
import type { Visit } from '../domain/visit.js';

export interface WriteOptions {
  actor: string;
  now: number;
}

export interface CreateOptions extends WriteOptions {
  /** Name of the monthly sequence the number is drawn from, e.g. "SD-202611". */
  sequence: string;
  formatNumber: (sequence: string, value: number) => string;
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
  /** Creates the ticket and applies `then` (e.g. rule classification) in the same transaction. */
  createTicket(ticket: NewTicket, options: CreateOptions, then?: readonly Plan[]): Promise<Ticket>;
  getTicket(ref: TicketRef): Promise<Ticket>;
  /** Reads the ticket, applies `plan` to it and records the audit event, all in one transaction. */
  updateTicket(ref: TicketRef, plan: Plan, options: WriteOptions): Promise<UpdateResult>;
  /** Applies `plan` to every ticket in one transaction: all change or none. */
  updateTickets(refs: readonly TicketRef[], plan: Plan, options: WriteOptions): Promise<UpdateResult[]>;
  listTickets(query: TicketQuery): Promise<Ticket[]>;
  listEvents(ticketId: number): Promise<TicketEvent[]>;
  /** The counts of one month (or any window) that the monthly report is made of. */
  monthFacts(query: FactsQuery): Promise<MonthFacts>;
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
  close(): void;
}

