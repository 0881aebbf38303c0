// The windows a report counts in, in the desk's time zone: a day, an ISO week, a month, a quarter,
// a year, or any run of days. Each knows the window before it of the same kind (--compare).
import { UsageError } from '../domain/errors.js';
import { luxon } from '../domain/luxon.js';
import { luxonZone } from '../domain/time.js';
import { monthWindow, previousMonth, type MonthWindow } from './month.js';

export const PERIOD_KINDS = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'period'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface ReportPeriod extends Omit<MonthWindow, 'month'> {
  kind: PeriodKind;
  /** As written on the command line: 2026-11-30, 2026-W48, 2026-11, 2026-Q4, 2026, or 2026-11-01..2026-11-15. */
  name: string;
  /** The first and the last local day of the window. */
  from: string;
  to: string;
}

type DateTime = ReturnType<ReturnType<typeof luxon>['DateTime']['fromMillis']>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The window of local days [first, next) of `kind`, named `name`. */
function windowOf(kind: PeriodKind, name: string, first: DateTime, next: DateTime): ReportPeriod {
  const days = [];
  for (let day = first; day < next; day = day.plus({ days: 1 })) days.push({ date: day.toFormat('yyyy-MM-dd'), start: day.toMillis(), end: day.plus({ days: 1 }).toMillis() });
  return { kind, name, start: first.toMillis(), end: next.toMillis(), days, from: days[0]!.date, to: days.at(-1)!.date };
}

function localDay(text: string, zone: string, flag: string): DateTime {
  const day = DAY.test(text) ? luxon().DateTime.fromFormat(text, 'yyyy-MM-dd', { zone: luxonZone(zone) }) : null;
  if (!day?.isValid) throw new UsageError(`${flag}: "${text}" is not a day`, 'use YYYY-MM-DD, e.g. 2026-11-30');
  return day;
}

/** The window `spec` names for a report of `kind` (for `period`, spec is "FROM..TO", both days included). */
export function periodWindow(kind: PeriodKind, spec: string, zone: string): ReportPeriod {
  const text = spec.trim();
  const { DateTime } = luxon();
  const z = luxonZone(zone);
  switch (kind) {
    case 'daily': {
      const day = localDay(text, zone, '--date');
      return windowOf(kind, day.toFormat('yyyy-MM-dd'), day, day.plus({ days: 1 }));
    }
    case 'weekly': {
      const match = /^(\d{4})-W(\d{2})$/i.exec(text);
      const monday = match ? DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 }, { zone: z }) : null;
      if (!monday?.isValid || monday.weekNumber !== Number(match![2])) throw new UsageError(`--week: "${spec}" is not a week`, 'use an ISO week, YYYY-Www, e.g. 2026-W48 (Monday to Sunday)');
      return windowOf(kind, `${match![1]}-W${match![2]}`, monday, monday.plus({ weeks: 1 }));
    }
    case 'monthly': {
      const month = monthWindow(text, zone);
      return windowOf(kind, month.month, DateTime.fromMillis(month.start, { zone: z }), DateTime.fromMillis(month.end, { zone: z }));
    }
    case 'quarterly': {
      const match = /^(\d{4})-Q([1-4])$/i.exec(text);
      if (!match) throw new UsageError(`--quarter: "${spec}" is not a quarter`, 'use YYYY-Qn, e.g. 2026-Q4');
      const first = DateTime.fromObject({ year: Number(match[1]), month: (Number(match[2]) - 1) * 3 + 1, day: 1 }, { zone: z });
      return windowOf(kind, `${match[1]}-Q${match[2]}`, first, first.plus({ months: 3 }));
    }
    case 'yearly': {
      const first = /^\d{4}$/.test(text) ? DateTime.fromObject({ year: Number(text), month: 1, day: 1 }, { zone: z }) : null;
      if (!first?.isValid) throw new UsageError(`--year: "${spec}" is not a year`, 'use YYYY, e.g. 2026');
      return windowOf(kind, text, first, first.plus({ years: 1 }));
    }
    case 'period': {
      const [fromText = '', toText = ''] = text.split('..');
      const [first, last] = [localDay(fromText, zone, '--from'), localDay(toText, zone, '--to')];
      if (last < first) throw new UsageError(`--to: ${toText} is before --from ${fromText}`, 'give the first day with --from and the last with --to');
      if (last.diff(first, 'days').days >= 3660) throw new UsageError('--from/--to: at most ten years at a time', 'report a shorter period, or year by year');
      return windowOf(kind, `${fromText}..${toText}`, first, last.plus({ days: 1 }));
    }
  }
}

/** The window before `p` of the same kind: the day, week, month, quarter or year before; for a period, as many days just before it. */
export function previousPeriod(p: ReportPeriod, zone: string): ReportPeriod {
  const { DateTime } = luxon();
  const first = DateTime.fromMillis(p.start, { zone: luxonZone(zone) });
  switch (p.kind) {
    case 'daily':
      return periodWindow('daily', first.minus({ days: 1 }).toFormat('yyyy-MM-dd'), zone);
    case 'weekly': {
      const before = first.minus({ weeks: 1 });
      return periodWindow('weekly', `${before.weekYear}-W${String(before.weekNumber).padStart(2, '0')}`, zone);
    }
    case 'monthly':
      return periodWindow('monthly', previousMonth(p.name), zone);
    case 'quarterly': {
      const before = first.minus({ months: 3 });
      return periodWindow('quarterly', `${before.year}-Q${Math.ceil(before.month / 3)}`, zone);
    }
    case 'yearly':
      return periodWindow('yearly', String(first.year - 1), zone);
    case 'period': {
      const last = first.minus({ days: 1 });
      return periodWindow('period', `${last.minus({ days: p.days.length - 1 }).toFormat('yyyy-MM-dd')}..${last.toFormat('yyyy-MM-dd')}`, zone);
    }
  }
}

/** The default window of a report: the last whole one before `now` (yesterday, last week, last month …). */
export function lastPeriod(kind: Exclude<PeriodKind, 'period'>, now: number, zone: string): string {
  const today = luxon().DateTime.fromMillis(now, { zone: luxonZone(zone) }).startOf('day');
  switch (kind) {
    case 'daily':
      return today.minus({ days: 1 }).toFormat('yyyy-MM-dd');
    case 'weekly': {
      const before = today.minus({ weeks: 1 });
      return `${before.weekYear}-W${String(before.weekNumber).padStart(2, '0')}`;
    }
    case 'monthly':
      return today.minus({ months: 1 }).toFormat('yyyy-MM');
    case 'quarterly': {
      const before = today.minus({ months: 3 });
      return `${before.year}-Q${Math.ceil(before.month / 3)}`;
    }
    case 'yearly':
      return String(today.year - 1);
  }
}
