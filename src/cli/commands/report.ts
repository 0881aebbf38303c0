import { resolve } from 'node:path';
import { UsageError } from '../../domain/errors.js';
import { checkEnum } from '../../domain/vocabulary.js';
import { lastMonth, monthWindow } from '../../report/month.js';
import { lastPeriod, periodWindow, type PeriodKind, type ReportPeriod } from '../../report/period.js';
import { buildMonthlyReport } from '../../report/monthly.js';
import { maskContact } from '../../domain/privacy.js';
import { checkEncoding } from '../../importer/source.js';
import type { Context } from '../context.js';
import { openSink } from '../output-sink.js';
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
  encoding?: string;
  bom?: boolean;
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

/** The flag that names each period's window, and how to write it. */
export const PERIOD_FLAGS = {
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
  const encoding = await checkCsvEncoding(options, format);
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
  await writeReport(ctx, text, options.out, { encoding, bom: Boolean(options.bom) });
}

/** A report on stdout, or written atomically to `out`, in the encoding asked for. */
export async function writeReport(ctx: Context, text: string, out: string | undefined, bytes: { encoding: string; bom: boolean }): Promise<void> {
  // A report is mailed on: its file is as readable as any other the user writes.
  const sink = await openSink(ctx, out, { ...bytes, mode: 0o666 });
  try {
    await sink.write(text);
    sink.commit();
  } catch (error) {
    sink.abandon();
    throw error;
  }
  if (out !== undefined && ctx.io.stdoutIsTTY) ctx.io.stderr.write(`wrote ${resolve(ctx.cwd, out)}\n`);
}

/** --encoding and --bom are for the CSV a spreadsheet opens; the other formats are UTF-8 alone. */
export async function checkCsvEncoding(options: { encoding?: string; bom?: boolean }, format: ReportFormat): Promise<string> {
  if (format !== 'csv') {
    const flag = options.bom ? '--bom' : options.encoding !== undefined ? '--encoding' : undefined;
    if (flag !== undefined) throw new UsageError(`${flag}: only for --format csv (this report is ${format})`, `add --format csv, or leave ${flag} out`);
  }
  return checkEncoding(options.encoding ?? 'utf-8');
}
