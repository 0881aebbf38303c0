// The SQL of `desk caller`, the same for every store (placeholders `?`): a caller's figures over
// all their tickets, the names and contacts they gave, and their tickets open first. Every query
// finds the caller's tickets by one index (tickets_requester_key, tickets_contact_key).
import { OPEN_STATUSES } from '../domain/ticket.js';
import type { CallerQuery } from './store.js';

const OPEN = `status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export interface CallerSql {
  /** One row: total, open, complaints, recent, satisfaction_sum, rated. */
  counts: { sql: string; params: unknown[] };
  /** The names the caller gave (column `value`), most recent first. */
  requesters: { sql: string; params: unknown[] };
  /** The contacts the caller gave (column `value`), each as its key, most recent first. */
  contacts: { sql: string; params: unknown[] };
  /** The caller's tickets (SELECT *), open first, then the newest. */
  tickets: { sql: string; params: unknown[] };
}

/** Those names and contacts past this many are left out: an anonymous caller ("匿名") may have given thousands. */
export const CALLER_ALIASES = 10;

export function callerSql(query: CallerQuery): CallerSql {
  const [column, key] = query.by === 'contact' ? ['contact_key', query.key] : ['requester_key', query.key];
  const where = `${column} = ?`;
  // Keys are null for none and for redacted values.
  const given = (field: string, keyColumn: string) => ({
    sql: `SELECT ${field} AS value FROM tickets WHERE ${where} AND ${keyColumn} IS NOT NULL GROUP BY ${field} ORDER BY MAX(created_at) DESC, MAX(id) DESC LIMIT ${CALLER_ALIASES}`,
    params: [key],
  });
  return {
    counts: {
      sql: `SELECT COUNT(*) AS total,
              COALESCE(SUM(CASE WHEN ${OPEN} THEN 1 ELSE 0 END), 0) AS open,
              COALESCE(SUM(CASE WHEN type = 'complaint' THEN 1 ELSE 0 END), 0) AS complaints,
              COALESCE(SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END), 0) AS recent,
              COALESCE(SUM(satisfaction), 0) AS satisfaction_sum,
              COUNT(satisfaction) AS rated
            FROM tickets WHERE ${where}`,
      params: [query.since, key],
    },
    requesters: given('requester', 'requester_key'),
    // "138 1234 5678" and "+86 138-1234-5678" are one number: each contact once, as its key.
    contacts: given('contact_key', 'contact_key'),
    tickets: {
      sql: `SELECT * FROM tickets WHERE ${where} ORDER BY CASE WHEN ${OPEN} THEN 0 ELSE 1 END, created_at DESC, id DESC LIMIT ?`,
      params: [key, query.limit],
    },
  };
}
