// What an operator taking a call should know at once: the caller rang before, and which of
// those tickets are still open.
import { callerOfTicket, type CallerLookup } from '../domain/caller.js';
import { isOpen, type Ticket } from '../domain/ticket.js';
import type { Store } from '../store/store.js';

export interface EarlierTickets {
  by: CallerLookup['by'];
  /** The caller's tickets before this one. */
  earlier: number;
  open: number;
  /** The numbers of the open ones, newest first, at most OPEN_SHOWN. */
  open_tickets: string[];
}

const OPEN_SHOWN = 3;

/** The caller's other tickets, by contact when the ticket has one, else by name; null when it names no caller. */
export async function earlierTicketsOfCaller(store: Store, ticket: Ticket): Promise<EarlierTickets | null> {
  const lookup = callerOfTicket(ticket);
  if (lookup === null) return null;
  const facts = await store.callerFacts({ ...lookup, since: ticket.created_at, limit: OPEN_SHOWN + 1 });
  if (facts.total <= 1) return { by: lookup.by, earlier: 0, open: 0, open_tickets: [] };
  const others = facts.tickets.filter((t) => t.id !== ticket.id);
  // The store counted this ticket too.
  const open = facts.open - (isOpen(ticket.status) ? 1 : 0);
  return {
    by: lookup.by,
    earlier: facts.total - 1,
    open,
    open_tickets: others.slice(0, Math.min(open, OPEN_SHOWN)).map((t) => t.number),
  };
}
