import { existsSync, statSync } from 'node:fs';
import { isFileLocation } from '../../store/open.js';
import type { ServerHealth } from '../../store/store.js';
import type { Context } from '../context.js';
import { printJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

export interface DoctorOptions {
  repair?: boolean;
}

interface Check {
  check: string;
  ok: boolean;
  detail: string;
  /** What to do when it is not ok, or about a warning. */
  advice?: string;
  /** Worth acting on, but the desk works as it is: the database stays healthy. */
  warning?: true;
}

/** Exit code when a check fails. */
const UNHEALTHY = 1;

export async function run({ options }: CommandInput<DoctorOptions>, ctx: Context) {
  const path = await ctx.databasePath();
  const store = await ctx.openStore({ create: false, write: Boolean(options.repair) });
  const repaired: { check: string; detail: string }[] = [];
  if (options.repair) {
    const indexed = await store.catchUpSearchIndex();
    if (indexed) repaired.push({ check: 'search index', detail: `indexed ${indexed} ticket(s) an import had left unindexed` });
  }
  const facts = await store.health();
  const { server } = facts;
  const place = server ? 'database' : 'file';
  const checks: Check[] = [];
  const recordCheck = (check: string, ok: boolean, detail: string, advice?: string) => checks.push({ check, ok, detail, ...(ok ? {} : { advice }) });
  const recordWarning = (check: string, detail: string, advice: string) => checks.push({ check, ok: true, detail, advice, warning: true });

  // A server keeps its pages, foreign keys and write-ahead log itself; a file is checked for them.
  if (server) recordCheck('server', true, server.version);
  else {
    const integrityOk = facts.integrity.length === 1 && facts.integrity[0] === 'ok';
    recordCheck('integrity', integrityOk, integrityOk ? 'ok' : facts.integrity.slice(0, 5).join('; '), 'restore the last backup (desk backup makes them) and replay the work since from the audit trail');
    recordCheck('foreign keys', facts.foreign_key_violations === 0, `${facts.foreign_key_violations} violation(s)`, 'restore the last backup');
  }
  recordCheck('schema', facts.schema_version === facts.known_schema_version, `version ${facts.schema_version} of ${facts.known_schema_version}`, `run any desk command to migrate it, or upgrade desk if the ${place} is newer`);
  if (server) recordServerSetup(server, recordCheck, recordWarning);
  else recordCheck('journal', facts.journal_mode === 'wal', `journal_mode ${facts.journal_mode}`, 'open the database with desk once: it switches to WAL');
  recordCheck('audit trail', facts.tickets_without_origin === 0, `${facts.tickets} tickets, ${facts.events} events, ${facts.tickets_without_origin} ticket(s) without a create or import event`, `the ${place} was changed outside desk; compare with a backup`);
  recordCheck('numbering', facts.sequences_behind.length === 0, facts.sequences_behind.length ? `behind: ${facts.sequences_behind.join(', ')}` : 'every monthly sequence is ahead of its numbers', `the ${place} was changed outside desk; new tickets of those months would clash`);
  if (server) recordIndexCheck(server.amcheck, recordCheck, recordWarning);
  recordCheck(
    'search index',
    facts.search_backlog === 0,
    facts.search_backlog ? `${facts.search_backlog} imported ticket(s) not indexed yet (searches find them by a scan; similar does not offer them)` : 'every ticket indexed',
    'an import is indexing them, or was stopped first: unless one is running, `desk doctor --repair` (or the next import) indexes them',
  );
  if (isFileLocation(path) && existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    recordCheck('file mode', (mode & 0o077) === 0, mode.toString(8).padStart(4, '0'), `chmod 600 ${path}: requesters' details must not be readable by others`);
  }

  const healthy = checks.every((c) => c.ok);
  if (ctx.json) printJson((t) => ctx.io.stdout.write(t), { database: store.path, healthy, repaired, checks });
  else {
    // The store's name for its location: a URL without its password.
    ctx.io.stdout.write(`${store.path}\n`);
    for (const r of repaired) ctx.io.stdout.write(`done  ${r.check.padEnd(12)} ${r.detail}\n`);
    for (const c of checks) {
      const status = !c.ok ? 'FAIL' : c.warning ? 'warn' : 'ok  ';
      ctx.io.stdout.write(`${status}  ${c.check.padEnd(12)} ${c.detail}${c.ok && !c.warning ? '' : `\n      → ${c.advice}`}\n`);
    }
  }
  return healthy ? 0 : UNHEALTHY;
}

type RecordCheck = (check: string, ok: boolean, detail: string, advice?: string) => void;
type RecordWarning = (check: string, detail: string, advice: string) => void;

/** What search and the audit trail need of a PostgreSQL database. */
function recordServerSetup(server: ServerHealth, recordCheck: RecordCheck, recordWarning: RecordWarning): void {
  const ctype = `LC_CTYPE ${server.ctype}, encoding ${server.encoding}`;
  // pg_trgm classifies characters by the ctype: with C (or any non-UTF-8 one) it indexes no Chinese at all.
  if (server.encoding === 'UTF8' && /utf-?8/i.test(server.ctype)) recordCheck('ctype', true, ctype);
  else {
    recordWarning(
      'ctype',
      `${ctype}: trigram indexes see no Chinese characters, so searches read every ticket`,
      'create a database with a UTF-8 ctype (createdb --template=template0 --encoding=UTF8 --locale=C.UTF-8 NAME) and move the desk into it with desk migrate --to',
    );
  }
  if (server.extensions.includes('pg_trgm')) recordCheck('extensions', true, server.extensions.join(', '));
  else recordWarning('extensions', `pg_trgm is not installed (${server.extensions.join(', ')})`, 'CREATE EXTENSION pg_trgm; as the database owner: search uses its indexes');
  const off = server.append_only.filter((t) => t.state !== 'enabled');
  const tables = [...new Set(server.append_only.map((t) => t.table))].join(' and ');
  recordCheck(
    'append-only',
    off.length === 0,
    off.length ? off.map((t) => `${t.trigger} on ${t.table} ${t.state}`).join(', ') : `${server.append_only.length} triggers enabled on ${tables}`,
    `${off.map((t) => (t.state === 'disabled' ? `ALTER TABLE ${t.table} ENABLE TRIGGER ${t.trigger}` : `restore ${t.trigger} from the desk's schema`)).join('; ')} as the tables' owner, then compare the trail with a backup: while a trigger is off, rows can be changed`,
  );
}

function recordIndexCheck(amcheck: ServerHealth['amcheck'], recordCheck: RecordCheck, recordWarning: RecordWarning): void {
  if (amcheck === null) recordWarning('indexes', 'not checked: amcheck is not installed', 'CREATE EXTENSION amcheck; as a superuser, and doctor checks every index of the desk');
  else if (amcheck.refused !== null) recordWarning('indexes', `not checked: ${amcheck.refused}`, 'run desk doctor as a role that may call bt_index_check (a superuser, or one granted EXECUTE on it)');
  else {
    const { indexes, problems } = amcheck;
    recordCheck('indexes', problems.length === 0, problems.length ? problems.slice(0, 5).join('; ') : `${indexes} B-tree indexes sound (amcheck)`, 'REINDEX the indexes named, then compare the tables with a backup');
  }
}
