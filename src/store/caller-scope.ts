// What keeps a report's case figures to one caller's tickets (--requester, --contact), for every
// store: the ticket ids of a query, among those the caller's key names through its own index.
import type { FactsQuery } from '../report/facts.js';

/**
 * `AND id IN (the caller's tickets)` on the query's ticket id column, with the key to bind to
 * `placeholder`; nothing for a report of every caller.
 */
export function callerScope(q: Pick<FactsQuery, 'requesterKey' | 'contactKey'>, idColumn: string, placeholder: string): { sql: string; key: string | null } {
  const [column, key] = q.requesterKey !== undefined ? ['requester_key', q.requesterKey] : q.contactKey !== undefined ? ['contact_key', q.contactKey] : [null, null];
  return column === null ? { sql: '', key: null } : { sql: `AND ${idColumn} IN (SELECT id FROM tickets WHERE ${column} = ${placeholder})`, key };
}
