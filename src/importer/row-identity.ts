// Which stored ticket a row of an import is (DESIGN.md "Import and export": re-running a file
// adds nothing): the one with its external id; without one, the one with its number, creation
// time and title, as a desk's own export reads back. A row with neither is always a new ticket.
import type { ImportTicket, TicketKey } from '../store/store.js';

export function identityOf(ticket: Pick<ImportTicket, 'external_id' | 'number' | 'created_at' | 'title'>): TicketKey | null {
  if (ticket.external_id !== null) return { external_id: ticket.external_id };
  if (ticket.number !== null) return { number: ticket.number, created_at: ticket.created_at, title: ticket.title };
  return null;
}

/**
 * For each row, whether an earlier one of `keys` names the same ticket by number, creation time
 * and title: written once, the repeats are that ticket. (Repeated external ids never come this
 * far: the run rejects them, see ImportSession.markSeen.)
 */
export function repeatsEarlierRow(keys: readonly (TicketKey | null)[]): boolean[] {
  const seen = new Set<string>();
  return keys.map((key) => {
    if (key === null || 'external_id' in key) return false;
    const text = `${key.number}\u0000${key.created_at}\u0000${key.title}`;
    if (seen.has(text)) return true;
    seen.add(text);
    return false;
  });
}
