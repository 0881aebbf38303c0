// What the store answers to a search, a request for similar tickets, and the operator's queue.
import type { Ticket } from '../domain/ticket.js';
import type { TicketQuery } from '../store/store.js';

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
