// The week a calendar's working time is written in: weekday names, intervals of a day
// ("09:00-12:00") and make-up days (a date that works another weekday's hours).

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const MINUTES_PER_DAY = 1440;

/** A working interval of a local day, half-open in wall-clock minutes: [startMinute, endMinute), end ≤ 1440. */
export interface WorkingInterval {
  startMinute: number;
  endMinute: number;
}

const INTERVAL_TEXT = /^(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})$/;

/** Reads "HH:MM-HH:MM"; returns the interval, or why the text is not one. */
export function readInterval(text: string): WorkingInterval | string {
  const match = INTERVAL_TEXT.exec(text.trim());
  if (!match) return `"${text}" is not an interval: write HH:MM-HH:MM, e.g. 09:00-12:00`;
  const [startHour, startMin, endHour, endMin] = match.slice(1).map(Number) as [number, number, number, number];
  const startMinute = startHour * 60 + startMin;
  const endMinute = endHour * 60 + endMin;
  if (startHour > 23 || startMin > 59) return `"${text}": the start is not a time of day (00:00–23:59)`;
  if (endMin > 59 || endMinute > MINUTES_PER_DAY) return `"${text}": the end is not a time of day (00:01–24:00)`;
  if (startMinute >= endMinute) {
    return `"${text}" does not end after it starts: an interval stays within one day (split a night shift into 22:00-24:00 and 00:00-06:00)`;
  }
  return { startMinute, endMinute };
}

/** The weekday of a YYYY-MM-DD date. */
export function weekdayOf(isoDate: string): Weekday {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  // getUTCDay counts from Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7]!;
}

/** An entry of a calendar's `workdays`: a date (it works Monday's hours) or `{ date: weekday }`. */
export type MakeUpDayEntry = string | Readonly<Record<string, string>>;

export interface MakeUpDay {
  date: string;
  worksAs: Weekday;
  /** Whether the file named the weekday (2026-10-10: fri) rather than defaulting to Monday. */
  named: boolean;
  /** Where the entry is, under `workdays`. */
  path: PropertyKey[];
}

/** The make-up days of a calendar's `workdays`, each with the weekday whose hours it works. */
export function makeUpDaysOf(workdays: readonly MakeUpDayEntry[] = []): MakeUpDay[] {
  return workdays.flatMap((entry, index): MakeUpDay[] =>
    typeof entry === 'string'
      ? [{ date: entry, worksAs: 'mon' as Weekday, named: false, path: [index] }]
      : Object.entries(entry).map(([date, day]) => ({ date, worksAs: day as Weekday, named: true, path: [index, date] })),
  );
}
