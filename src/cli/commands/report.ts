import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { UsageError } from '../../domain/errors.js';
import { checkEnum } from '../../domain/vocabulary.js';
import { lastMonth, monthWindow } from '../../report/month.js';
import { lastPeriod, periodWindow, type PeriodKind, type ReportPeriod } from '../../report/period.js';
import { buildMonthlyReport } from '../../report/monthly.js';
import { maskContact } from '../../domain/privacy.js';
import type { Context } from '../context.js';
import { parseTicketFilters } from '../ticket-filters.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../render/report.js';
import type { CommandInput } from '../declaration.js';

/** What every report takes, whatever its window. */
interface CommonReportOptions {
  format?: string;
  out?: string;
  team?: string;
  requester?: string;
  contact?: string;
  compare?: boolean;
}

export interface ReportOptions extends CommonReportOptions {
  month?: string;
}
export type DailyReportOptions = CommonReportOptions & { date?: string };
export type WeeklyReportOptions = CommonReportOptions & { week?: string };
export type QuarterlyReportOptions = CommonReportOptions & { quarter?: string };
export type YearlyReportOptions = CommonReportOptions & { year?: string };
export type PeriodReportOptions = CommonReportOptions & { from?: string; to?: string };
type AnyPeriodOptions = CommonReportOptions & { date?: string; week?: string; quarter?: string; year?: string; from?: string; to?: string };

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
export function formatOfFile(path: string | undefined): ReportFormat | undefined {
  const ext = path?.toLowerCase().match(/\.(json|csv|md|markdown|html|htm|txt)$/)?.[1];
  if (ext === undefined) return undefined;
  return ({ json: 'json', csv: 'csv', md: 'md', markdown: 'md', html: 'html', htm: 'html', txt: 'table' } as const)[ext as 'json'];
}

/** `desk report monthly`: the month of --month, else the previous month. */
export async function run(input: CommandInput<ReportOptions>, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  const month = input.options.month ?? lastMonth(ctx.now(), zone);
  monthWindow(month, zone);
  await report(periodWindow('monthly', month, zone), input.options, ctx);
}

// The flag that names each period's window, and how to write it.
const PERIOD_FLAGS = {
  daily: { option: 'date', flag: '--date' },
  weekly: { option: 'week', flag: '--week' },
  quarterly: { option: 'quarter', flag: '--quarter' },
  yearly: { option: 'year', flag: '--year' },
} as const;

/** `desk report daily|weekly|quarterly|yearly|period`: the same report for another window. */
export async function runPeriod(kind: Exclude<PeriodKind, 'monthly'>, { options }: CommandInput<AnyPeriodOptions>, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  if (kind === 'period') {
    if (options.from === undefined || options.to === undefined) throw new UsageError('report period needs --from and --to', 'the first and the last day, e.g. desk report period --from 2026-11-01 --to 2026-11-15');
    await report(periodWindow('period', `${options.from}..${options.to}`, zone), options, ctx);
    return;
  }
  const given = options[PERIOD_FLAGS[kind].option];
  await report(periodWindow(kind, given ?? lastPeriod(kind, ctx.now(), zone), zone), options, ctx);
}

async function report(window: ReportPeriod, options: CommonReportOptions, ctx: Context): Promise<void> {
  const { timezone: zone, currency, repeatCallWindow, vocabulary } = await ctx.settings();
  const format = (options.format === undefined ? (formatOfFile(options.out) ?? (ctx.json ? 'json' : 'table')) : checkEnum(options.format, REPORT_FORMATS, '--format')) as ReportFormat;
  if (options.team !== undefined) {
    const known = (await ctx.teams()).teams().map((t) => t.key);
    if (known.length && !known.includes(options.team)) throw new UsageError(`--team: unknown team "${options.team}"`, `teams: ${known.join(', ')}`);
  }
  const lang = await ctx.lang();
  if (options.requester !== undefined && options.contact !== undefined) throw new UsageError('give --requester or --contact, not both', 'one caller: by name or by phone or mail');
  const { requesterKey, contactKey } = parseTicketFilters({ requester: options.requester, contact: options.contact }, { zone, vocabulary, now: ctx.now() });
  // A report leaves the desk: the caller's contact in its title is masked.
  const caller = contactKey !== undefined ? maskContact(contactKey)! : options.requester?.trim();
  const store = await ctx.openStore({ create: false });
  const built = await buildMonthlyReport(store, { month: window.name, period: window, zone, currency, repeatCallWindow, team: options.team, requesterKey, contactKey, caller, now: ctx.now() });
  const toFile = options.out !== undefined;
  const text = await renderReport(built, { format, lang, present: await ctx.presenter(), compare: Boolean(options.compare), terminal: !toFile && ctx.io.stdoutIsTTY, color: !toFile && ctx.color });
  await writeReport(ctx, text, options.out);
}

/** A report on stdout, or written atomically to `out`. */
export async function writeReport(ctx: Context, text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    ctx.io.stdout.write(text);
    return;
  }
  const path = resolve(ctx.cwd, out);
  writeAtomically(path, text);
  if (ctx.io.stdoutIsTTY) ctx.io.stderr.write(`wrote ${path}\n`);
}
