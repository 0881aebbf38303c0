import { existsSync, statSync } from 'node:fs';
import { isFileLocation } from '../../store/open.js';
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
  /** What to do when it is not ok. */
  advice?: string;
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
  const checks: Check[] = [];
  const recordCheck = (check: string, ok: boolean, detail: string, advice?: string) => checks.push({ check, ok, detail, ...(ok ? {} : { advice }) });

  const integrityOk = facts.integrity.length === 1 && facts.integrity[0] === 'ok';
  recordCheck('integrity', integrityOk, integrityOk ? 'ok' : facts.integrity.slice(0, 5).join('; '), 'restore the last backup (desk backup makes them) and replay the work since from the audit trail');
  recordCheck('foreign keys', facts.foreign_key_violations === 0, `${facts.foreign_key_violations} violation(s)`, 'restore the last backup');
  recordCheck('schema', facts.schema_version === facts.known_schema_version, `version ${facts.schema_version} of ${facts.known_schema_version}`, 'run any desk command to migrate it, or upgrade desk if the file is newer');
  recordCheck('journal', facts.journal_mode === 'wal', `journal_mode ${facts.journal_mode}`, 'open the database with desk once: it switches to WAL');
  recordCheck('audit trail', facts.tickets_without_origin === 0, `${facts.tickets} tickets, ${facts.events} events, ${facts.tickets_without_origin} ticket(s) without a create or import event`, 'the file was changed outside desk; compare with a backup');
  recordCheck('numbering', facts.sequences_behind.length === 0, facts.sequences_behind.length ? `behind: ${facts.sequences_behind.join(', ')}` : 'every monthly sequence is ahead of its numbers', 'the file was changed outside desk; new tickets of those months would clash');
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
    for (const c of checks) ctx.io.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.check.padEnd(12)} ${c.detail}${c.ok ? '' : `\n      → ${c.advice}`}\n`);
  }
  return healthy ? 0 : UNHEALTHY;
}
