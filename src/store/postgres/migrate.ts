// The SQL of `desk migrate` on PostgreSQL: a desk's tables read in key order, written back with
// their keys in one statement a batch, and summed up by a checksum (src/store/table-content.ts
// says how rows are encoded). Columns are read from the catalogue, so a new column needs nothing here.
import type pg from 'pg';
import { UsageError } from '../../domain/errors.js';
import type { DeskTable, TableChecksum, TableKey, TablePage, TableRow } from '../store.js';
import { checkDeskTable, keyOf, TABLE_KEYS, TableHasher } from '../table-content.js';

interface Column {
  name: string;
  /** information_schema's data_type: bigint, text, boolean, json, double precision. */
  type: string;
  identity: boolean;
}

/** Array types the columns' values are sent in: one array per column, unnested into rows. */
const ARRAY_OF: Record<string, string> = { bigint: 'bigint[]', text: 'text[]', json: 'text[]', boolean: 'boolean[]', 'double precision': 'float8[]' };

const catalogues = new WeakMap<pg.Client, Map<DeskTable, Column[]>>();

async function columnsOf(client: pg.Client, table: DeskTable): Promise<Column[]> {
  let tables = catalogues.get(client);
  if (!tables) catalogues.set(client, (tables = new Map()));
  let columns = tables.get(table);
  if (!columns) {
    const { rows } = await client.query(
      `SELECT column_name, data_type, is_identity FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      [checkDeskTable(table)],
    );
    columns = rows.map((r) => ({ name: r.column_name as string, type: r.data_type as string, identity: r.is_identity === 'YES' }));
    tables.set(table, columns);
  }
  return columns;
}

/** SELECT of the table's rows as every store gives them: JSON columns as the text they hold, text compared byte by byte as SQLite does. */
async function selectSql(client: pg.Client, table: DeskTable, bound: 'after' | 'through' | null): Promise<string> {
  const columns = await columnsOf(client, table);
  const typeOf = new Map(columns.map((c) => [c.name, c.type]));
  const list = columns.map((c) => (c.type === 'json' ? `${c.name}::text AS ${c.name}` : c.name)).join(', ');
  const key = TABLE_KEYS[table].map((c) => (typeOf.get(c) === 'text' ? `${c} COLLATE "C"` : c));
  const where = bound === null ? '' : `WHERE (${key.join(', ')}) ${bound === 'after' ? '>' : '<='} (${key.map((_, i) => `$${i + 1}`).join(', ')})`;
  return `SELECT ${list} FROM ${table} ${where} ORDER BY ${key.join(', ')}`;
}

export async function readTable(client: pg.Client, table: DeskTable, after: TableKey | null, limit: number): Promise<TablePage> {
  const sql = `${await selectSql(client, table, after === null ? null : 'after')} LIMIT $${(after?.length ?? 0) + 1}`;
  const rows = (await client.query(sql, [...(after ?? []), limit])).rows as TableRow[];
  return { rows, last: rows.length ? keyOf(table, rows[rows.length - 1]!) : null };
}

/** Inside the caller's transaction. */
export async function writeTableRows(client: pg.Client, table: DeskTable, rows: readonly TableRow[]): Promise<void> {
  if (!rows.length) return;
  const columns = await columnsOf(client, table);
  for (const row of rows) {
    for (const column of columns) {
      if (!(column.name in row)) throw new Error(`a row of ${table} without its column ${column.name}`);
      const value = row[column.name];
      if (typeof value === 'string' && value.includes('\u0000')) {
        throw new UsageError(
          `${table} ${keyOf(table, row).join('/')}: its ${column.name} holds the character U+0000, which PostgreSQL cannot store`,
          'change that text on the desk it comes from, then run desk migrate again',
        );
      }
    }
  }
  const arrays = columns.map((c) => {
    const type = ARRAY_OF[c.type];
    if (!type) throw new Error(`${table}.${c.name}: no way to copy a column of type ${c.type}`);
    return type;
  });
  const names = columns.map((c) => c.name);
  await client.query(
    `INSERT INTO ${table} (${names.join(', ')})
     SELECT ${columns.map((c) => (c.type === 'json' ? `${c.name}::json` : c.name)).join(', ')}
     FROM unnest(${arrays.map((type, i) => `$${i + 1}::${type}`).join(', ')}) AS copied (${names.join(', ')})
     ON CONFLICT DO NOTHING`,
    columns.map((c) => rows.map((row) => row[c.name])),
  );
  await queueCopiedForSearch(client, table, rows);
  // Rows made later draw their ids from the identity's sequence: past every id copied in.
  for (const column of columns.filter((c) => c.identity)) {
    await client.query(
      `SELECT setval(sequence, greatest(top, coalesce(pg_sequence_last_value(sequence), 0)))
       FROM (SELECT pg_get_serial_sequence($1, $2)::regclass AS sequence, (SELECT max(${column.name}) FROM ${table}) AS top) s WHERE top IS NOT NULL`,
      [table, column.name],
    );
  }
}

/**
 * Search rows are the store's own, never copied: a copied ticket waits in the search backlog, as
 * an imported one does, and so does one whose notes come in after its row was written; the copy
 * writes their rows at the end (migrateDesk), and searches meanwhile read them in the backlog.
 */
async function queueCopiedForSearch(client: pg.Client, table: DeskTable, rows: readonly TableRow[]): Promise<void> {
  if (table === 'tickets') {
    await client.query(
      `INSERT INTO search_backlog (ticket_id) SELECT u.id FROM unnest($1::bigint[]) AS u(id)
       WHERE NOT EXISTS (SELECT 1 FROM ticket_search s WHERE s.ticket_id = u.id) ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.id)],
    );
  } else if (table === 'events') {
    const noted = [...new Set(rows.filter((r) => r.kind === 'note').map((r) => r.ticket_id))];
    if (!noted.length) return;
    await client.query(
      `WITH stale AS (DELETE FROM ticket_search WHERE ticket_id = ANY($1::bigint[]) RETURNING ticket_id)
       INSERT INTO search_backlog (ticket_id) SELECT ticket_id FROM stale ON CONFLICT DO NOTHING`,
      [noted],
    );
  }
}

const CHECKSUM_PAGE = 5000;

/** In a snapshot of its own (a REPEATABLE READ transaction), so the rows counted are one moment's. */
export async function tableChecksum(client: pg.Client, table: DeskTable, through?: TableKey): Promise<TableChecksum> {
  const hasher = new TableHasher(table);
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await client.query(`DECLARE table_rows NO SCROLL CURSOR FOR ${await selectSql(client, table, through ? 'through' : null)}`, [...(through ?? [])]);
    for (;;) {
      const { rows } = await client.query(`FETCH ${CHECKSUM_PAGE} FROM table_rows`);
      for (const row of rows) hasher.add(row as TableRow);
      if (rows.length < CHECKSUM_PAGE) break;
    }
  } finally {
    // Read only: ending it either way loses nothing.
    await client.query('ROLLBACK');
  }
  return hasher.result();
}
