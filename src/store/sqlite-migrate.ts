// The SQL of `desk migrate` on SQLite: a desk's tables read in key order, written back with their
// keys, and summed up by a checksum (src/store/table-content.ts says how rows are encoded).
import type Database from 'better-sqlite3';
import { deferSearchIndex, endSearchDeferral, indexSearchBacklog } from './sqlite-search.js';
import { prepareCached } from './statements.js';
import type { DeskTable, TableChecksum, TableKey, TablePage, TableRow } from './store.js';
import { BOOLEAN_COLUMNS, checkDeskTable, keyOf, TABLE_KEYS, TableHasher } from './table-content.js';

/** The rows of `table` after `after`, or up to `through`, in key order. */
function selectSql(table: DeskTable, bound: 'after' | 'through' | null, limit: boolean): string {
  const key = TABLE_KEYS[checkDeskTable(table)];
  const tuple = `(${key.join(', ')})`;
  const where = bound === null ? '' : `WHERE ${tuple} ${bound === 'after' ? '>' : '<='} (${key.map(() => '?').join(', ')})`;
  return `SELECT * FROM ${table} ${where} ORDER BY ${key.join(', ')}${limit ? ' LIMIT ?' : ''}`;
}

/** A stored row as every store gives it: flags as booleans. */
function toTableRow(table: DeskTable, row: Record<string, unknown>): TableRow {
  for (const column of BOOLEAN_COLUMNS[table] ?? []) if (row[column] !== null) row[column] = row[column] === 1;
  return row as TableRow;
}

export function readTable(db: Database.Database, table: DeskTable, after: TableKey | null, limit: number): TablePage {
  const statement = prepareCached(db, selectSql(table, after === null ? null : 'after', true));
  const rows = (statement.all(...(after ?? []), limit) as Record<string, unknown>[]).map((row) => toTableRow(table, row));
  return { rows, last: rows.length ? keyOf(table, rows[rows.length - 1]!) : null };
}

/** Inside the caller's write transaction. */
export function writeTableRows(db: Database.Database, table: DeskTable, rows: readonly TableRow[]): void {
  if (!rows.length) return;
  const columns = (db.pragma(`table_info(${checkDeskTable(table)})`) as { name: string }[]).map((c) => c.name);
  const flags = new Set(BOOLEAN_COLUMNS[table] ?? []);
  const insert = prepareCached(db, `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`);
  // The search index is filled once for the whole batch, as an import's is (src/store/sqlite-search.ts).
  deferSearchIndex(db);
  for (const row of rows) {
    insert.run(
      columns.map((column) => {
        if (!(column in row)) throw new Error(`a row of ${table} without its column ${column}`);
        const value = row[column]!;
        return flags.has(column) && value !== null ? (value ? 1 : 0) : value;
      }),
    );
  }
  indexSearchBacklog(db, Infinity);
  endSearchDeferral(db);
}

export function tableChecksum(db: Database.Database, table: DeskTable, through?: TableKey): TableChecksum {
  const hasher = new TableHasher(table);
  // One statement reads from one snapshot, however long it runs.
  for (const row of prepareCached(db, selectSql(table, through ? 'through' : null, false)).iterate(...(through ?? []))) {
    hasher.add(toTableRow(table, row as Record<string, unknown>));
  }
  return hasher.result();
}
