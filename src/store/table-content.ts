// The desk's tables as `desk migrate` copies and compares them between stores: which tables, their
// keys, and one encoding of a row, so that the same content gives the same checksum in SQLite and
// PostgreSQL whatever each keeps it as (0/1 or boolean, text or json).
import { createHash, type Hash } from 'node:crypto';
import type { DeskTable, TableChecksum, TableKey, TableRow } from './store.js';

/** Every table of a desk's content, in the order a copy writes them: a row after the rows it refers to. */
export const DESK_TABLES: readonly DeskTable[] = ['tickets', 'events', 'visits', 'settlements', 'closed_cycles', 'links', 'handovers', 'sequences', 'rotations'];

/** The columns each table's rows are ordered and resumed by. */
export const TABLE_KEYS: Readonly<Record<DeskTable, readonly string[]>> = {
  tickets: ['id'],
  events: ['id'],
  visits: ['id'],
  settlements: ['id'],
  closed_cycles: ['ticket_id', 'cycle'],
  links: ['from_id', 'to_id'],
  handovers: ['id'],
  sequences: ['name'],
  rotations: ['team'],
};

/** Flags: booleans in PostgreSQL and in a row, 0 and 1 in SQLite. */
export const BOOLEAN_COLUMNS: Readonly<Partial<Record<DeskTable, readonly string[]>>> = {
  tickets: ['escalated', 'response_met', 'dispatch_met', 'resolve_met', 'update_met'],
  settlements: ['met'],
};

/** Refuses a name that is not one of the desk's tables (it is written into SQL). */
export function checkDeskTable(table: string): DeskTable {
  if (!(DESK_TABLES as readonly string[]).includes(table)) throw new Error(`not a table of the desk: ${table}`);
  return table as DeskTable;
}

export function keyOf(table: DeskTable, row: TableRow): TableKey {
  return TABLE_KEYS[table].map((column) => row[column] as string | number);
}

/**
 * The checksum of rows given in key order. A row is encoded as the JSON object of its columns in
 * the order of their names, one line each; the checksum is the hex SHA-256 of those lines.
 */
export class TableHasher {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;
  private last: TableKey | null = null;
  /** The columns in the order of their names, each with its quoted name: every row of a table has the same. */
  private columns: [string, string][] | null = null;

  constructor(private readonly table: DeskTable) {}

  add(row: TableRow): void {
    this.columns ??= Object.keys(row).sort().map((column) => [column, `${JSON.stringify(column)}:`]);
    // JSON.stringify of the row with its columns sorted, without building that object for each row.
    let line = '{';
    for (let i = 0; i < this.columns.length; i++) {
      const [column, name] = this.columns[i]!;
      line += `${i ? ',' : ''}${name}${JSON.stringify(row[column])}`;
    }
    this.hash.update(`${line}}\n`);
    this.count++;
    this.last = keyOf(this.table, row);
  }

  result(): TableChecksum {
    return { rows: this.count, checksum: this.hash.digest('hex'), last: this.last };
  }
}
