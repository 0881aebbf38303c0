import { resolve } from 'node:path';
import { migrateDesk, type Migration } from '../../app/desk-migration.js';
import { UsageError } from '../../domain/errors.js';
import type { Context } from '../context.js';
import { printJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

export interface MigrateOptions {
  to?: string;
  batchSize?: string;
}

const DEFAULT_BATCH = 5000;
const MAX_BATCH = 100_000;
/** Exit code when the copy does not match its source. */
const NOT_VERIFIED = 1;
/** Hex digits of a checksum shown in a table (--json gives them all). */
const SHOWN_DIGITS = 16;

function parseBatchSize(text: string | undefined): number {
  if (text === undefined) return DEFAULT_BATCH;
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH) throw new UsageError(`--batch-size: "${text}" is not a number from 1 to ${MAX_BATCH}`, `rows per transaction; the default is ${DEFAULT_BATCH}`);
  return size;
}

export async function run({ options }: CommandInput<MigrateOptions>, ctx: Context) {
  if (!options.to) throw new UsageError('migrate needs --to LOCATION', 'e.g. desk migrate --to postgres://desk@db.example/desk');
  const batchSize = parseBatchSize(options.batchSize);
  const source = await ctx.openStore({ create: false });
  const { isFileLocation, openStore } = await import('../../store/open.js');
  const location = isFileLocation(options.to) ? resolve(ctx.cwd, options.to) : options.to;
  const target = await openStore(location, { create: true });
  let migration: Migration;
  try {
    if (resolve(ctx.cwd, source.path) === resolve(ctx.cwd, target.path)) throw new UsageError(`--to names the database migrate copies from (${source.path})`, 'give another database or file');
    migration = await migrateDesk(source, target, { batchSize });
  } finally {
    await target.close();
  }
  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), {
      source: source.path,
      target: target.path,
      verified: migration.verified,
      tables: migration.tables.map((t) => ({
        table: t.table,
        copied: t.copied,
        source: { rows: t.source.rows, checksum: t.source.checksum },
        target: { rows: t.target.rows, checksum: t.target.checksum },
      })),
    });
  } else {
    const out = ctx.io.stdout;
    out.write(`from ${source.path}\nto   ${target.path}\n`);
    out.write(`${'table'.padEnd(14)} ${'source'.padStart(8)} ${'target'.padStart(8)} ${'copied'.padStart(8)}  checksum\n`);
    for (const t of migration.tables) {
      const checksum = t.source.checksum.slice(0, SHOWN_DIGITS);
      const checksums = t.same ? checksum : `${checksum} ≠ ${t.target.checksum.slice(0, SHOWN_DIGITS)}`;
      out.write(`${t.table.padEnd(14)} ${String(t.source.rows).padStart(8)} ${String(t.target.rows).padStart(8)} ${String(t.copied).padStart(8)}  ${checksums}\n`);
    }
    if (migration.verified) out.write('verified: every table holds the same rows in both stores\n');
  }
  if (migration.verified) return 0;
  const differing = migration.tables.filter((t) => !t.same).map((t) => t.table);
  ctx.io.stderr.write(`desk: the copy differs from ${source.path} in ${differing.join(', ')}\n`);
  ctx.io.stderr.write('hint: the desk changed while it was copied: stop its writers, then migrate again into a new, empty database\n');
  return NOT_VERIFIED;
}
