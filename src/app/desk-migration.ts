// `desk migrate`: a whole desk copied from one store to another, table by table in key order, each
// batch one transaction of the target. What the target already holds must be the start of the
// source's tables (a copy that was stopped), and the copy goes on after it: run again after a
// kill, it completes; run again after it completed, it writes nothing. Then both stores are read
// through again and every table's count and checksum compared.
import { UsageError } from '../domain/errors.js';
import type { DeskTable, Store, TableChecksum } from '../store/store.js';
import { DESK_TABLES } from '../store/table-content.js';

export interface MigrationOptions {
  /** Rows per transaction of the target. */
  batchSize: number;
}

export interface TableMigration {
  table: DeskTable;
  /** Rows written by this run. */
  copied: number;
  source: TableChecksum;
  target: TableChecksum;
  /** The same rows and content in both stores. */
  same: boolean;
}

export interface Migration {
  tables: TableMigration[];
  verified: boolean;
}

export async function migrateDesk(source: Store, target: Store, options: MigrationOptions): Promise<Migration> {
  target.checkWritable();
  // Every table looked at before anything is written: a refused target is left as it was.
  const resumeAfter = new Map<DeskTable, TableChecksum>();
  for (const table of DESK_TABLES) {
    const held = await target.tableChecksum(table);
    if (held.rows > 0) {
      const start = await source.tableChecksum(table, held.last!);
      if (start.rows !== held.rows || start.checksum !== held.checksum) {
        throw new UsageError(
          `${target.path} holds rows that are not this desk's: its ${held.rows} row(s) of ${table} differ from the first ones of ${source.path}`,
          'migrate into a new, empty database; a migrate that was stopped goes on only while the desk it copies has not changed since',
        );
      }
    }
    resumeAfter.set(table, held);
  }
  const copied = new Map<DeskTable, number>();
  for (const table of DESK_TABLES) {
    let after = resumeAfter.get(table)!.last;
    let count = 0;
    for (;;) {
      const page = await source.readTable(table, after, options.batchSize);
      if (!page.rows.length) break;
      await target.writeTableRows(table, page.rows);
      count += page.rows.length;
      after = page.last;
    }
    copied.set(table, count);
  }
  // What the target derives from the copied tickets (PostgreSQL's search rows) once they are all in.
  await target.catchUpSearchIndex();
  const tables: TableMigration[] = [];
  for (const table of DESK_TABLES) {
    const [fromSource, fromTarget] = [await source.tableChecksum(table), await target.tableChecksum(table)];
    tables.push({
      table,
      copied: copied.get(table)!,
      source: fromSource,
      target: fromTarget,
      same: fromSource.rows === fromTarget.rows && fromSource.checksum === fromTarget.checksum,
    });
  }
  return { tables, verified: tables.every((t) => t.same) };
}
