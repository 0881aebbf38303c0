// The ticket filters and sorts of src/store/ticket-filters.ts in SQLite's words.
import * as filters from './ticket-filters.js';
import type { TicketQuery } from './store.js';

export { escapeLike, type TicketFilterQuery } from './ticket-filters.js';

const SQLITE: filters.SqlDialect = {
  // LIKE ignores the case of ASCII letters; Chinese has none.
  likeAnyCase: 'LIKE',
  // The BINARY collation, every text column's, compares bytes of UTF-8: code point order.
  byCodePoint: (column) => column,
  // NULLs sort first ascending: a term on "is it empty" puts them after every value both ways.
  emptyLast: (expression, direction) => [`${expression} IS NULL`, `${expression} ${direction}`],
  // Without it, a LIMIT makes the planner walk the creation-time index for a team's tickets.
  rare: (condition) => `likelihood(${condition}, 0.01)`,
};

export const ticketFilterSql = (query: filters.TicketFilterQuery) => filters.ticketFilterSql(query, SQLITE);
export const ticketSortSql = (sort: TicketQuery['sort']) => filters.ticketSortSql(sort, SQLITE);
export const searchOrderSql = (sort: TicketQuery['sort'] | undefined, score: string | null, id: string) => filters.searchOrderSql(sort, score, id, SQLITE);
