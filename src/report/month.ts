// A calendar month in the desk's time zone: the window every monthly figure is counted in.
import { UsageError } from '../domain/errors.js';
import { luxon } from '../domain/luxon.js';
import { luxonZone } from '../domain/time.js';

export interface MonthWindow {
  month: string;
  start: number;
  end: number;
  /** Each local day of the month with its own bounds (a day is not always 24 hours). */
  days: { date: string; start: number; end: number }[];
}

export function monthWindow(month: string, zone: string): MonthWindow {
  const first = /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? luxon().DateTime.fromFormat(month, 'yyyy-MM', { zone: luxonZone(zone) }) : null;
  if (!first?.isValid) throw new UsageError(`--month: "${month}" is not a month`, 'use YYYY-MM, e.g. 2026-10');
  const next = first.plus({ months: 1 });
  const days = [];
  for (let day = first; day < next; day = day.plus({ days: 1 })) {
    days.push({ date: day.toFormat('yyyy-MM-dd'), start: day.toMillis(), end: day.plus({ days: 1 }).toMillis() });
  }
  return { month, start: first.toMillis(), end: next.toMillis(), days };
}

/** The month before `month`. */
export function previousMonth(month: string): string {
  return luxon().DateTime.fromFormat(month, 'yyyy-MM', { zone: 'UTC' }).minus({ months: 1 }).toFormat('yyyy-MM');
}

/** The default month of a report: the one before the month `now` falls in. */
export function lastMonth(now: number, zone: string): string {
  return luxon().DateTime.fromMillis(now, { zone: luxonZone(zone) }).minus({ months: 1 }).toFormat('yyyy-MM');
}
