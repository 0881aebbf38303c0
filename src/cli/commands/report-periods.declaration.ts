// The reports of windows other than a month: the same sections as `desk report monthly`, counted
// in a day, an ISO week, a quarter, a year, or any run of days.
import { declareCommand, REPORT_FLAGS, type CommandDeclaration } from '../declaration.js';
import type { DailyReportOptions, PeriodReportOptions, QuarterlyReportOptions, WeeklyReportOptions, YearlyReportOptions } from './report.js';

const COMMON = { ...REPORT_FLAGS, compare: { syntax: '--compare', description: 'show the window before it (of the same kind) beside each figure' } } as const;

const load = (kind: 'daily' | 'weekly' | 'quarterly' | 'yearly' | 'period') => async () => {
  const { runPeriod } = await import('./report.js');
  return { run: (input: Parameters<typeof runPeriod>[1], ctx: Parameters<typeof runPeriod>[2]) => runPeriod(kind, input, ctx) };
};

export const daily: CommandDeclaration<DailyReportOptions> = declareCommand<DailyReportOptions>({
  name: 'daily',
  description: 'The statistics of one day, as the monthly report has them',
  examples: ['desk report daily', 'desk report daily --date 2026-11-30 --format csv --out 2026-11-30.csv'],
  flags: { date: { syntax: '--date <YYYY-MM-DD>', description: 'the day (default: yesterday)' }, ...COMMON },
  load: load('daily'),
});

export const weekly: CommandDeclaration<WeeklyReportOptions> = declareCommand<WeeklyReportOptions>({
  name: 'weekly',
  description: 'The statistics of an ISO week (Monday to Sunday), as the monthly report has them',
  examples: ['desk report weekly', 'desk report weekly --week 2026-W48 --compare'],
  flags: { week: { syntax: '--week <YYYY-Www>', description: 'the ISO week (default: last week)' }, ...COMMON },
  load: load('weekly'),
});

export const quarterly: CommandDeclaration<QuarterlyReportOptions> = declareCommand<QuarterlyReportOptions>({
  name: 'quarterly',
  description: 'The statistics of a quarter, as the monthly report has them',
  examples: ['desk report quarterly', 'desk report quarterly --quarter 2026-Q4 --format html --out 2026-Q4.html'],
  flags: { quarter: { syntax: '--quarter <YYYY-Qn>', description: 'the quarter (default: the previous quarter)' }, ...COMMON },
  load: load('quarterly'),
});

export const yearly: CommandDeclaration<YearlyReportOptions> = declareCommand<YearlyReportOptions>({
  name: 'yearly',
  description: 'The statistics of a year, as the monthly report has them',
  examples: ['desk report yearly', 'desk report yearly --year 2026 --lang zh'],
  flags: { year: { syntax: '--year <YYYY>', description: 'the year (default: last year)' }, ...COMMON },
  load: load('yearly'),
});

export const period: CommandDeclaration<PeriodReportOptions> = declareCommand<PeriodReportOptions>({
  name: 'period',
  description: 'The statistics of any run of days, first and last included, as the monthly report has them',
  examples: ['desk report period --from 2026-11-01 --to 2026-11-15'],
  flags: {
    from: { syntax: '--from <YYYY-MM-DD>', description: 'the first day' },
    to: { syntax: '--to <YYYY-MM-DD>', description: 'the last day' },
    ...COMMON,
  },
  load: load('period'),
});
