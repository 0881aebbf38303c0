// The WHERE conditions of the ticket filters and the ORDER BY of the sorts, as
// src/store/sqlite-filters.ts has them for SQLite, with `?` placeholders (see numbered()).
import { OPEN_STATUSES } from '../../domain/ticket.js';
import { escapeLike, type TicketFilterQuery } from '../sqlite-filters.js';
import type { SortField, TicketQuery } from '../store.js';

// The SLA clock stops while a ticket is pending, so deadlines are watched on the other open statuses.
const WATCHED_STATUSES_SQL = `status IN (${OPEN_STATUSES.filter((s) => s !== 'pending').map((s) => `'${s}'`).join(', ')})`;
const UNMET_DEADLINES = [
  { done: 'first_response_at', due: 'response_due_at' },
  { done: 'dispatched_at', due: 'dispatch_due_at' },
  { done: 'resolved_at', due: 'resolve_due_at' },
  // Owed again after each update: never "done".
  { done: 'NULL', due: 'update_due_at' },
];

// Text sorts compare code points (COLLATE "C"), as SQLite does, whatever the database's locale.
// Fields that may be empty (no due time, not closed) sort last in both directions.
const SORT_SQL: Record<SortField, { expression: string; nullable?: boolean }> = {
  created_at: { expression: 'created_at' },
  updated_at: { expression: 'updated_at' },
  number: { expression: 'number COLLATE "C"' },
  status: { expression: 'status COLLATE "C"' },
  resolve_due_at: { expression: 'resolve_due_at', nullable: true },
  closed_at: { expression: 'closed_at', nullable: true },
  urgency: { expression: "CASE urgency WHEN 'critical' THEN 3 WHEN 'urgent' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END" },
};

/** The ORDER BY terms of a sort, each in its direction; callers add their own tie-break. */
export function ticketSortSql(sort: TicketQuery['sort']): string[] {
  const { expression, nullable } = SORT_SQL[sort.field];
  return [`${expression} ${sort.descending ? 'DESC' : 'ASC'}${nullable ? ' NULLS LAST' : ''}`];
}

export function ticketFilterSql(query: TicketFilterQuery): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.statuses?.length) {
    where.push(`status IN (${query.statuses.map(() => '?').join(', ')})`);
    params.push(...query.statuses);
  }
  for (const field of ['team', 'assignee', 'type', 'urgency', 'channel'] as const) {
    if (query[field] !== undefined) {
      where.push(`${field} = ?`);
      params.push(query[field]);
    }
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
  if (query.text) {
    const pattern = `%${escapeLike(query.text)}%`;
    where.push("(title ILIKE ? ESCAPE '\\' OR description ILIKE ? ESCAPE '\\')");
    params.push(pattern, pattern);
  }
  return { where, params };
}
