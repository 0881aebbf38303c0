import { UsageError } from '../../domain/errors.js';
import { checkEnum } from '../../domain/vocabulary.js';
import { buildAppraisal } from '../../report/appraisal.js';
import { lastPeriod, periodWindow, type PeriodKind, type ReportPeriod } from '../../report/period.js';
import { DEFAULT_APPRAISAL_RULES } from '../../quality/load.js';
import type { Context } from '../context.js';
import type { CommandInput } from '../declaration.js';
import { renderAppraisal } from '../render/appraisal.js';
import { REPORT_FORMATS, type ReportFormat } from '../render/report.js';
import { checkCsvEncoding, formatOfFile, PERIOD_FLAGS, writeReport } from './report.js';

export interface AppraisalOptions {
  month?: string;
  week?: string;
  quarter?: string;
  year?: string;
  date?: string;
  from?: string;
  to?: string;
  format?: string;
  out?: string;
  team?: string;
  encoding?: string;
  bom?: boolean;
}

type WindowOption = 'month' | (typeof PERIOD_FLAGS)[keyof typeof PERIOD_FLAGS]['option'];

// The reports' window flags, the month's first: it is the appraisal's default window.
const WINDOW_FLAGS: { kind: Exclude<PeriodKind, 'period'>; option: WindowOption; flag: string }[] = [
  { kind: 'monthly', option: 'month', flag: '--month' },
  ...Object.entries(PERIOD_FLAGS).map(([kind, f]) => ({ kind: kind as keyof typeof PERIOD_FLAGS, ...f })),
];

/** The window the flags name: one of --month, --week, --quarter, --year, --date or --from/--to; by default the previous month. */
function windowOf(options: AppraisalOptions, now: number, zone: string): ReportPeriod {
  const given = [...WINDOW_FLAGS.filter((w) => options[w.option] !== undefined).map((w) => w.flag), ...(options.from !== undefined || options.to !== undefined ? ['--from/--to'] : [])];
  if (given.length > 1) throw new UsageError(`give one period, not ${given.join(' and ')}`, 'e.g. --month 2026-11, or --from 2026-11-01 --to 2026-11-15');
  if (options.from !== undefined || options.to !== undefined) {
    if (options.from === undefined || options.to === undefined) throw new UsageError('--from and --to go together', 'the first and the last day, e.g. --from 2026-11-01 --to 2026-11-15');
    return periodWindow('period', `${options.from}..${options.to}`, zone);
  }
  const named = WINDOW_FLAGS.find((w) => options[w.option] !== undefined);
  return named ? periodWindow(named.kind, options[named.option]!, zone) : periodWindow('monthly', lastPeriod('monthly', now, zone), zone);
}

/** `desk report appraisal`: per agent, over the period's tickets and the records sampled from its days. */
export async function run({ options }: CommandInput<AppraisalOptions>, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  const window = windowOf(options, ctx.now(), zone);
  const format = (options.format === undefined ? (formatOfFile(options.out) ?? (ctx.json ? 'json' : 'table')) : checkEnum(options.format, REPORT_FORMATS, '--format')) as ReportFormat;
  const encoding = await checkCsvEncoding(options, format);
  const teams = await ctx.teams();
  if (options.team !== undefined) teams.checkTeam(options.team, '--team');
  const rules = (await ctx.quality()) ?? DEFAULT_APPRAISAL_RULES;
  const store = await ctx.openStore({ create: false });
  const report = await buildAppraisal(store, { window, zone, team: options.team ?? null, rules, teams, now: ctx.now() });
  const toFile = options.out !== undefined;
  const text = await renderAppraisal(report, { format, lang: await ctx.lang(), present: await ctx.presenter(), terminal: !toFile && ctx.io.stdoutIsTTY, color: !toFile && ctx.color });
  await writeReport(ctx, text, options.out, { encoding, bom: Boolean(options.bom) });
}
