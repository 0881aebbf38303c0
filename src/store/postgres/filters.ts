// The ticket filters and sorts of src/store/ticket-filters.ts in PostgreSQL's words, with `?`
// placeholders (see numbered()).
import * as filters from '../ticket-filters.js';
import type { TicketQuery } from '../store.js';

const POSTGRES: filters.SqlDialect = {
  likeAnyCase: 'ILIKE',
  // As SQLite compares text, whatever the database's locale.
  byCodePoint: (column) => `${column} COLLATE "C"`,
  emptyLast: (expression, direction) => [`${expression} ${direction} NULLS LAST`],
  // The server's statistics tell it.
  rare: (condition) => condition,
};

export const ticketFilterSql = (query: filters.TicketFilterQuery) => filters.ticketFilterSql(query, POSTGRES);
export const ticketSortSql = (sort: TicketQuery['sort']) => filters.ticketSortSql(sort, POSTGRES);
