// Compiled business calendars, which business-time arithmetic walks: each weekday's working
// intervals, the holidays and the make-up days of a validated calendar definition.
import type { CalendarDefinition } from './schema.js';
import { makeUpDaysOf, readInterval, WEEKDAYS, weekdayOf, type Weekday, type WorkingInterval } from './working-hours.js';

/** Every instant counts: business time is elapsed time. */
export interface AlwaysOpenCalendar {
  kind: '24x7';
}

export interface OfficeCalendar {
  kind: 'office';
  timezone: string;
  /** Merged, sorted working intervals of each weekday. */
  weekHours: Readonly<Record<Weekday, readonly WorkingInterval[]>>;
  holidays: ReadonlySet<string>;
  /** Make-up working day (YYYY-MM-DD) → the weekday whose hours it works. */
  makeUpDays: ReadonlyMap<string, Weekday>;
}

export type BusinessCalendar = AlwaysOpenCalendar | OfficeCalendar;

/** What a local date is in an office calendar, and the wall-clock intervals it works. */
export type DayKind = 'workday' | 'make-up' | 'rest-day' | 'holiday';

export interface WorkingDay {
  kind: DayKind;
  weekday: Weekday;
  /** For a make-up day: the weekday whose hours it works. */
  worksAs?: Weekday;
  intervals: readonly WorkingInterval[];
}

/** Sorts a day's intervals and joins those that touch (12:00-13:00 + 13:00-14:00), so an end is a real closing. */
function mergeIntervals(intervals: WorkingInterval[]): WorkingInterval[] {
  const merged: WorkingInterval[] = [];
  for (const next of [...intervals].sort((a, b) => a.startMinute - b.startMinute)) {
    const last = merged.at(-1);
    if (last && next.startMinute <= last.endMinute) last.endMinute = Math.max(last.endMinute, next.endMinute);
    else merged.push({ ...next });
  }
  return merged;
}

/** Compiles a validated calendar definition; an office calendar without a time zone uses `fileTimezone`. */
export function compileCalendar(definition: CalendarDefinition, fileTimezone: string): BusinessCalendar {
  if (definition === '24x7') return { kind: '24x7' };
  const intervalsOf = (texts: readonly string[] = []) =>
    mergeIntervals(texts.map((text) => {
      const interval = readInterval(text);
      if (typeof interval === 'string') throw new Error(`compileCalendar: ${interval} (validate with SlaFileSchema first)`);
      return interval;
    }));
  return {
    kind: 'office',
    timezone: definition.timezone ?? fileTimezone,
    weekHours: Object.fromEntries(WEEKDAYS.map((day) => [day, intervalsOf(definition.hours?.[day])])) as Record<Weekday, WorkingInterval[]>,
    holidays: new Set(definition.holidays ?? []),
    makeUpDays: new Map(makeUpDaysOf(definition.workdays).map(({ date, worksAs }) => [date, worksAs])),
  };
}

/** The working intervals of a local date: a holiday removes the whole day, a make-up day works another weekday's hours. */
export function workingDayOf(calendar: OfficeCalendar, isoDate: string): WorkingDay {
  const weekday = weekdayOf(isoDate);
  if (calendar.holidays.has(isoDate)) return { kind: 'holiday', weekday, intervals: [] };
  const worksAs = calendar.makeUpDays.get(isoDate);
  if (worksAs) return { kind: 'make-up', weekday, worksAs, intervals: calendar.weekHours[worksAs] };
  const intervals = calendar.weekHours[weekday];
  return { kind: intervals.length ? 'workday' : 'rest-day', weekday, intervals };
}
