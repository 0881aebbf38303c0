// The WHERE conditions of the ticket filters of `desk list` (status, team, dates, deadlines…) and
// the ORDER BY of its sorts, for every store: each store names its dialect (how it ignores case,
// compares text, places empty values), the conditions are the same. Column names are
// unqualified: use them where `tickets` is the only table with those names. Placeholders are `?`.
import { OPEN_STATUSES } from '../domain/ticket.js';
import type { SortField, TicketQuery } from './store.js';

export type TicketFilterQuery = Omit<TicketQuery, 'sort' | 'limit'>;

export interface SqlDialect {
  /** The operator that matches a LIKE pattern whatever the case. */
  readonly likeAnyCase: 'LIKE' | 'ILIKE';
  /** A text column as it sorts: by code point, whatever the database's locale. */
  byCodePoint(column: string): string;
  /** ORDER BY terms of an expression that may be empty, empty values after every value in both directions. */
  emptyLast(expression: string, direction: 'ASC' | 'DESC'): string[];
  /** A condition few rows meet, told to a planner that cannot know it (one without statistics). */
  rare(condition: string): string;
}

// The SLA clock stops while a ticket is pending, so deadlines are watched on the other open statuses.
const WATCHED_STATUSES_SQL = `status IN (${OPEN_STATUSES.filter((s) => s !== 'pending').map((s) => `'${s}'`).join(', ')})`;
const UNMET_DEADLINES = [
  { done: 'first_response_at', due: 'response_due_at' },
  { done: 'dispatched_at', due: 'dispatch_due_at' },
  { done: 'resolved_at', due: 'resolve_due_at' },
  // Owed again after each update: never "done".
  { done: 'NULL', due: 'update_due_at' },
];

// The column each field sorts by; `text` compares code points, `empty` may have no value (no due
// time, not closed).
const SORT_COLUMNS: Record<SortField, { expression: string; text?: boolean; empty?: boolean }> = {
  created_at: { expression: 'created_at' },
  updated_at: { expression: 'updated_at' },
  number: { expression: 'number', text: true },
  status: { expression: 'status', text: true },
  resolve_due_at: { expression: 'resolve_due_at', empty: true },
  closed_at: { expression: 'closed_at', empty: true },
  urgency: { expression: "CASE urgency WHEN 'critical' THEN 3 WHEN 'urgent' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END" },
};

/** The ORDER BY terms of a sort, each in its direction; callers add their own tie-break. */
export function ticketSortSql(sort: TicketQuery['sort'], dialect: SqlDialect): string[] {
  const { expression, text, empty } = SORT_COLUMNS[sort.field];
  const direction = sort.descending ? 'DESC' : 'ASC';
  const column = text ? dialect.byCodePoint(expression) : expression;
  return empty ? dialect.emptyLast(column, direction) : [`${column} ${direction}`];
}

/**
 * The ORDER BY of a search: by the sort when there is one, then best match (`score`, a bm25
 * expression: lower is better; null when nothing ranks), then the most recently logged.
 * `id` is the ticket's id expression, qualified where the search joins other tables.
 */
export function searchOrderSql(sort: TicketQuery['sort'] | undefined, score: string | null, id: string, dialect: SqlDialect): string {
  return [...(sort ? ticketSortSql(sort, dialect) : []), ...(score ? [score] : []), `${id} DESC`].join(', ');
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function ticketFilterSql(query: TicketFilterQuery, dialect: SqlDialect): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.statuses?.length) {
    where.push(`status IN (${query.statuses.map(() => '?').join(', ')})`);
    params.push(...query.statuses);
  }
  // A team's tickets: those it leads and those where it has an open sub-task (co-handling).
  if (query.team !== undefined) {
    // Each side of the OR is answered from its own index: the team's, and the few tickets with open sub-tasks.
    where.push(`(team = ? OR (assist_teams > '' AND ${dialect.rare("assist_teams LIKE ? ESCAPE '\\'")}))`);
    params.push(query.team, `%,${escapeLike(query.team)},%`);
  }
  for (const field of ['assignee', 'type', 'urgency', 'channel'] as const) {
    if (query[field] !== undefined) {
      where.push(`${field} = ?`);
      params.push(query[field]);
    }
  }
  if (query.requesterKey !== undefined) {
    where.push('requester_key = ?');
    params.push(query.requesterKey);
  }
  if (query.contactKey !== undefined) {
    where.push('contact_key = ?');
    params.push(query.contactKey);
  }
  if (query.createdFrom !== undefined) {
    where.push('created_at >= ?');
    params.push(query.createdFrom);
  }
  if (query.createdBefore !== undefined) {
    where.push('created_at < ?');
    params.push(query.createdBefore);
  }
  if (query.overdueAt !== undefined) {
    where.push(`${WATCHED_STATUSES_SQL} AND (${UNMET_DEADLINES.map((d) => `(${d.done} IS NULL AND ${d.due} < ?)`).join(' OR ')})`);
    params.push(...UNMET_DEADLINES.map(() => query.overdueAt));
  }
  if (query.dueWithin) {
    const { from, until } = query.dueWithin;
    where.push(`${WATCHED_STATUSES_SQL} AND (${UNMET_DEADLINES.map((d) => `(${d.done} IS NULL AND ${d.due} >= ? AND ${d.due} < ?)`).join(' OR ')})`);
    params.push(...UNMET_DEADLINES.flatMap(() => [from, until]));
  }
  if (query.closedFrom !== undefined) {
    where.push('closed_at >= ?');
    params.push(query.closedFrom);
  }
  if (query.withoutCallback) where.push('callback_at IS NULL');
  if (query.supervised) where.push('json_array_length(supervisions) > 0');
  if (query.supervisionOverdueAt !== undefined) {
    where.push(dialect.rare('supervision_due_at < ?'));
    params.push(query.supervisionOverdueAt);
  }
  if (query.escalationBelow !== undefined) {
    where.push('escalation_tier < ?');
    params.push(query.escalationBelow);
  }
  if (query.assistOverdueAt !== undefined) {
    // Few tickets have one: their index, not a walk of every ticket in the query's order.
    where.push(dialect.rare('assist_due_at < ?'));
    params.push(query.assistOverdueAt);
  }
  if (query.text) {
    const pattern = `%${escapeLike(query.text)}%`;
    where.push(`(title ${dialect.likeAnyCase} ? ESCAPE '\\' OR description ${dialect.likeAnyCase} ? ESCAPE '\\')`);
    params.push(pattern, pattern);
  }
  return { where, params };
}
