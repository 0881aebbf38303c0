// The tickets above one by parent links, for every store (placeholders `?`): a walk up links_to,
// which stops at a ticket met twice, so even a circle written before links were checked ends.
export const ANCESTORS_SQL = `WITH RECURSIVE up(id) AS (
    SELECT from_id FROM links WHERE to_id = ? AND kind = 'parent' AND from_id <> ?
    UNION SELECT l.from_id FROM links l JOIN up ON l.to_id = up.id WHERE l.kind = 'parent'
  ) SELECT id FROM up`;
