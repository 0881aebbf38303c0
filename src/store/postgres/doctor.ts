// What `desk doctor` checks of a PostgreSQL database beside the counts every store gives: the
// server, the database's character type, its extensions, the triggers that keep the evidence
// append-only, and its indexes (amcheck) where that extension is installed.
import type pg from 'pg';
import type { ServerHealth } from '../store.js';

/** The triggers of src/store/postgres/schema.ts that refuse every change but an INSERT. */
const APPEND_ONLY = [
  { table: 'events', trigger: 'events_no_change' },
  { table: 'events', trigger: 'events_no_truncate' },
  { table: 'handovers', trigger: 'handovers_no_change' },
  { table: 'handovers', trigger: 'handovers_no_truncate' },
];

// pg_trigger.tgenabled: O fires (the default), A fires always, R only on a replica, D never.
const FIRES = new Set(['O', 'A']);

const INSUFFICIENT_PRIVILEGE = '42501';

export async function serverHealth(client: pg.Client): Promise<ServerHealth> {
  const [database] = (
    await client.query(`SELECT current_setting('server_version') AS version, datctype, pg_encoding_to_char(encoding) AS encoding
      FROM pg_database WHERE datname = current_database()`)
  ).rows;
  const extensions = (await client.query('SELECT extname, extnamespace::regnamespace::text AS schema FROM pg_extension ORDER BY extname')).rows as { extname: string; schema: string }[];
  const triggers = (
    await client.query(
      `SELECT c.relname AS table, t.tgname AS trigger, t.tgenabled AS enabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal`,
    )
  ).rows as { table: string; trigger: string; enabled: string }[];
  const found = new Map(triggers.map((t) => [`${t.table}.${t.trigger}`, t.enabled]));
  const amcheck = extensions.find((e) => e.extname === 'amcheck');
  return {
    version: `PostgreSQL ${String(database.version).split(' ')[0]}`,
    ctype: database.datctype,
    encoding: database.encoding,
    extensions: extensions.map((e) => e.extname),
    append_only: APPEND_ONLY.map(({ table, trigger }) => {
      const enabled = found.get(`${table}.${trigger}`);
      return { table, trigger, state: enabled === undefined ? 'missing' : FIRES.has(enabled) ? 'enabled' : 'disabled' };
    }),
    amcheck: amcheck ? await checkIndexes(client, amcheck.schema) : null,
  };
}

/**
 * bt_index_check of every B-tree index of the desk's tables: each reads its index through, under a
 * lock that lets writers on. `schema`: amcheck's, as regnamespace writes it (quoted where it must be).
 */
async function checkIndexes(client: pg.Client, schema: string): Promise<NonNullable<ServerHealth['amcheck']>> {
  const indexes = (
    await client.query(
      `SELECT i.indexrelid::regclass::text AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
       JOIN pg_class t ON t.oid = i.indrelid
       WHERE a.amname = 'btree' AND t.relnamespace = current_schema()::regnamespace AND t.relkind = 'r' ORDER BY 1`,
    )
  ).rows.map((r) => r.name as string);
  const problems: string[] = [];
  for (const index of indexes) {
    try {
      await client.query(`SELECT ${schema}.bt_index_check($1::regclass)`, [index]);
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      if (code === INSUFFICIENT_PRIVILEGE) return { indexes: 0, problems: [], refused: message ?? 'permission denied' };
      problems.push(`${index}: ${message ?? String(error)}`);
    }
  }
  return { indexes: indexes.length, problems, refused: null };
}
