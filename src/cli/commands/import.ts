import { IN_MEMORY } from '../../store/open.js';
import { resolve } from 'node:path';
import { escapeControls, NotFoundError, UsageError } from '../../domain/errors.js';
import { isOpen } from '../../domain/ticket.js';
import type { Plan } from '../../domain/lifecycle.js';
import { createDeskNumbering } from '../../domain/numbering.js';
import { planRuleDispatch } from '../../app/routing.js';
import { TicketWrites } from '../../app/ticket-writes.js';
import { checkEnum } from '../../domain/vocabulary.js';
import { planImportUpdate } from '../../importer/complete-ticket.js';
import { parseColumnMap } from '../../importer/fields.js';
import { runImport, type ImportProgress, type ImportRun, type ImportSummary } from '../../importer/import-run.js';
import { IMPORT_FORMATS, type ImportFormat } from '../../importer/source-records.js';
import { createInstantReader, createMonthKeyer } from '../../importer/instants.js';
import { RejectsFile } from '../../importer/rejects.js';
import { describeProblem, knownNames } from '../../importer/row.js';
import { checkEncoding, openTextSource } from '../../importer/source.js';
import type { Context } from '../context.js';
import { printJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

export interface ImportOptions {
  format?: string;
  encoding?: string;
  map?: string[];
  onError?: string;
  rejects?: string;
  dryRun?: boolean;
  update?: boolean;
  classify?: boolean;
  dispatch?: boolean;
  batchSize?: string;
}

const DEFAULT_BATCH = 5000;
const MAX_BATCH = 100_000;
/** Problems shown on stderr; the rest are counted (and all of them go to --rejects). */
const MAX_PROBLEMS_SHOWN = 200;

function parseBatchSize(text: string | undefined): number {
  if (text === undefined) return DEFAULT_BATCH;
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH) throw new UsageError(`--batch-size: "${text}" is not a number from 1 to ${MAX_BATCH}`, `rows per transaction; the default is ${DEFAULT_BATCH}`);
  return size;
}

/** Rules dispatch an imported ticket only when it is open and has no team yet. */
function dispatchOpenWithoutTeam(plan: Plan): Plan {
  return (ticket, tools) => (ticket.team === null && isOpen(ticket.status) ? plan(ticket, tools) : null);
}

interface ProgressBar {
  update(progress: ImportProgress): void;
  /** Writes whole lines to stderr above the bar, which is drawn again below them. */
  above(text: string): void;
  stop(): void;
}

/** A progress bar on stderr when it is a terminal: rows, rows/s and, from the file size, an ETA. */
async function progressBar(ctx: Context): Promise<ProgressBar | null> {
  if (!(ctx.io.stderr as { isTTY?: boolean }).isTTY) return null;
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  let started = performance.now();
  let bar: InstanceType<typeof SingleBar> | null = null;
  let phase = '';
  return {
    update(p) {
      const byBytes = p.phase !== 'write' && p.phase !== 'index';
      const total = byBytes ? (p.totalBytes ?? 0) : (p.toWrite ?? 0);
      if (phase !== p.phase) {
        bar?.stop();
        phase = p.phase;
        started = performance.now();
        const label = p.phase === 'check' ? 'checking ' : p.phase === 'write' ? 'writing  ' : p.phase === 'index' ? 'indexing ' : 'importing';
        const format = total ? `${label} {bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}` : `${label} {rows} rows | {rate} rows/s`;
        bar = new SingleBar({ stream: ctx.io.stderr as NodeJS.WritableStream, format, hideCursor: true, clearOnComplete: true, etaBuffer: 50, fps: 5 }, Presets.shades_classic);
        bar.start(total || 1, 0, { rows: '0', rate: '0' });
      }
      const rows = byBytes ? p.rows : p.written;
      const seconds = (performance.now() - started) / 1000;
      bar!.update(byBytes ? p.bytes : p.written, { rows: rows.toLocaleString('en'), rate: Math.round(rows / Math.max(seconds, 0.001)).toLocaleString('en') });
    },
    above(text) {
      if (!bar) {
        ctx.io.stderr.write(text);
        return;
      }
      // The bar's line is cleared first, so that a problem never shares it.
      ctx.io.stderr.write(`\r\u001b[2K${text}`);
      // cli-progress redraws only a changed bar unless forced; its types leave the flag out.
      (bar as unknown as { render(force: boolean): void }).render(true);
    },
    stop() {
      bar?.stop();
    },
  };
}

function describeSummary(s: ImportSummary): string {
  const [insert, update, skip] = s.dry_run ? ['would insert', 'would update', 'would skip'] : ['inserted', 'updated', 'skipped'];
  const nothing = s.dry_run ? ' (dry run: nothing written)' : s.on_error === 'abort' && s.rejected ? ' (nothing written)' : '';
  return `${s.source}: read ${s.read}, ${insert} ${s.inserted}, ${update} ${s.updated}, ${skip} ${s.skipped}, rejected ${s.rejected} in ${s.elapsed_seconds.toFixed(1)} s (${s.rows_per_second} rows/s)${nothing}\n`;
}

export async function run({ args, options }: CommandInput<ImportOptions>, ctx: Context) {
  const path = args[0]!;
  const settings = await ctx.settings();
  const teams = await ctx.teams();
  const format = options.format === undefined ? null : (checkEnum(options.format, IMPORT_FORMATS, '--format') as ImportFormat);
  const onError = checkEnum(options.onError ?? 'abort', ['abort', 'skip'], '--on-error') as 'abort' | 'skip';
  const batchSize = parseBatchSize(options.batchSize);
  const map = parseColumnMap(options.map ?? []);
  const encoding = await checkEncoding(options.encoding ?? 'utf-8');
  // The default two-pass import reads stdin twice: it is kept aside on the first reading.
  const source = openTextSource(path, encoding, ctx.io.stdin, onError === 'abort' && !options.dryRun, ctx.cwd);
  if (options.rejects !== undefined && path !== '-' && resolve(ctx.cwd, options.rejects) === resolve(ctx.cwd, path)) {
    throw new UsageError('--rejects would overwrite the file being imported', 'write the rejected rows to another file');
  }
  const engine = options.classify || options.dispatch ? await ctx.rules() : null;
  const sla = await ctx.sla();
  const zone = settings.timezone;

  const { store, release } = options.dryRun ? await openForDryRun(ctx) : { store: await ctx.openStore({ create: true, write: true }), release: async () => {} };
  // The rules' dispatch of a new row is a write like any other: text limits and the SLA clock applied once.
  const writes = new TicketWrites(store, { sla, limits: settings.limits });
  const session = await store.beginImport();
  const rejects = options.rejects === undefined ? null : await RejectsFile.open(options.rejects, format ?? (/\.(ndjson|jsonl|json)$/i.test(path) ? 'ndjson' : 'csv'), encoding, ctx.cwd);

  let shown = 0;
  // Problems and warnings go above the progress bar, never onto its line.
  const bar = await progressBar(ctx);
  const say = (text: string) => (bar ? bar.above(text) : ctx.io.stderr.write(text));
  const actor = await ctx.actor();
  const plan: ImportRun = {
    source,
    format,
    map,
    onError,
    dryRun: Boolean(options.dryRun),
    batchSize,
    rejects,
    classify: options.classify ? engine : null,
    sla,
    rows: { vocabulary: settings.vocabulary, instants: createInstantReader(zone), ...knownNames(teams), limits: settings.limits, satisfactionLabels: settings.satisfactionLabels },
    write: {
      actor,
      source: source.name,
      numbering: createDeskNumbering(settings.numbering, createMonthKeyer(zone)),
      plansForNewAt: (now) => (options.dispatch && engine ? [writes.compose(dispatchOpenWithoutTeam(planRuleDispatch(engine, teams, now)), { now, actor })] : []),
      update: options.update ? planImportUpdate(sla) : null,
    },
    now: () => ctx.now(),
    onProblem: (problem) => {
      if (shown++ < MAX_PROBLEMS_SHOWN) say(`${describeProblem(source.name, problem)}\n`);
    },
    onWarning: (text) => say(`warning: ${escapeControls(text)}\n`),
  };
  if (bar) plan.onProgress = (p) => bar.update(p);

  let summary: ImportSummary;
  try {
    summary = await runImport(session, plan);
  } finally {
    bar?.stop();
    rejects?.close();
    await session.close();
    await release();
  }
  if (shown > MAX_PROBLEMS_SHOWN) {
    ctx.io.stderr.write(`… and ${shown - MAX_PROBLEMS_SHOWN} more problem(s)${rejects ? ` (every bad row is in ${rejects.path})` : '; --rejects FILE keeps every bad row with its reason'}\n`);
  }
  if (ctx.json) printJson((t) => ctx.io.stdout.write(t), summary);
  else ctx.io.stdout.write(describeSummary(summary));
  if (summary.rejected && onError === 'abort') {
    throw new UsageError(
      `${summary.rejected} bad row(s) in ${source.name}: ${options.dryRun ? 'the import would stop' : 'nothing was imported'}`,
      'fix them and import again, or --on-error skip to import the good rows (--rejects FILE keeps the bad ones)',
    );
  }
}

/**
 * A dry run never sets up a desk: where there is none yet (no file, or a server's database that
 * holds no desk), it checks the rows against an empty one, and every row would be new.
 */
async function openForDryRun(ctx: Context) {
  try {
    return { store: await ctx.openStore({ create: false, write: false }), release: async () => {} };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const empty = ctx.derive({ db: IN_MEMORY });
    return { store: await empty.openStore({ create: true, write: false }), release: () => empty.dispose() };
  }
}
