import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { UsageError } from '../../domain/errors.js';
import { checkEnum } from '../../domain/vocabulary.js';
import { lastMonth, monthWindow } from '../../report/month.js';
import { buildMonthlyReport } from '../../report/monthly.js';
import { maskContact } from '../../domain/privacy.js';
import type { Context } from '../context.js';
import { parseTicketFilters } from '../ticket-filters.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../render/report.js';
import type { CommandInput } from '../declaration.js';

export interface ReportOptions {
  month?: string;
  format?: string;
  out?: string;
  team?: string;
  requester?: string;
  contact?: string;
  compare?: boolean;
}

/** Temp file then rename: a cron job or a reader never sees half a report. */
function writeAtomically(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new UsageError(`--out: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, 'give a file in a writable directory');
  }
}

/** The format a file's extension names (report.html, report.md, …), as export does; table for anything else. */
function formatOfFile(path: string | undefined): ReportFormat | undefined {
  const ext = path?.toLowerCase().match(/\.(json|csv|md|markdown|html|htm|txt)$/)?.[1];
  if (ext === undefined) return undefined;
  return ({ json: 'json', csv: 'csv', md: 'md', markdown: 'md', html: 'html', htm: 'html', txt: 'table' } as const)[ext as 'json'];
}

export async function run({ options }: CommandInput<ReportOptions>, ctx: Context) {
  const { timezone: zone, currency, repeatCallWindow, vocabulary } = await ctx.settings();
  const format = (options.format === undefined ? (formatOfFile(options.out) ?? (ctx.json ? 'json' : 'table')) : checkEnum(options.format, REPORT_FORMATS, '--format')) as ReportFormat;
  if (options.team !== undefined) {
    const known = (await ctx.teams()).teams().map((t) => t.key);
    if (known.length && !known.includes(options.team)) throw new UsageError(`--team: unknown team "${options.team}"`, `teams: ${known.join(', ')}`);
  }
  const lang = await ctx.lang();
  const month = options.month ?? lastMonth(ctx.now(), zone);
  monthWindow(month, zone);
  if (options.requester !== undefined && options.contact !== undefined) throw new UsageError('give --requester or --contact, not both', 'one caller: by name or by phone or mail');
  const { requesterKey, contactKey } = parseTicketFilters({ requester: options.requester, contact: options.contact }, { zone, vocabulary, now: ctx.now() });
  // A report leaves the desk: the caller's contact in its title is masked.
  const caller = contactKey !== undefined ? maskContact(contactKey)! : options.requester?.trim();
  const store = await ctx.openStore({ create: false });
  const report = await buildMonthlyReport(store, { month, zone, currency, repeatCallWindow, team: options.team, requesterKey, contactKey, caller, now: ctx.now() });
  const toFile = options.out !== undefined;
  const text = await renderReport(report, { format, lang, present: await ctx.presenter(), compare: Boolean(options.compare), terminal: !toFile && ctx.io.stdoutIsTTY, color: !toFile && ctx.color });
  if (!toFile) {
    ctx.io.stdout.write(text);
    return;
  }
  const path = resolve(ctx.cwd, options.out!);
  writeAtomically(path, text);
  if (ctx.io.stdoutIsTTY) ctx.io.stderr.write(`wrote ${path}\n`);
}
