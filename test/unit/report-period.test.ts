// The windows of the reports of any period, in the desk's zone: their days, their bounds, the
// window before each, and the default of each.
import { describe, expect, it } from 'vitest';
import { lastPeriod, periodWindow, previousPeriod, type PeriodKind } from '../../src/report/period.js';
import { thrown } from './thrown.js';

const ZONE = 'Asia/Shanghai';
const local = (text: string) => Date.parse(`${text}T00:00:00+08:00`);

describe('periodWindow', () => {
  it.each<[PeriodKind, string, string, string, number]>([
    ['daily', '2026-11-30', '2026-11-30', '2026-11-30', 1],
    ['weekly', '2026-W48', '2026-11-23', '2026-11-29', 7],
    // ISO weeks cross the year: week 1 of 2027 starts on Monday 4 January; 2026 has 53 weeks.
    ['weekly', '2026-W53', '2026-12-28', '2027-01-03', 7],
    ['weekly', '2027-w01', '2027-01-04', '2027-01-10', 7],
    ['monthly', '2026-02', '2026-02-01', '2026-02-28', 28],
    ['quarterly', '2026-Q4', '2026-10-01', '2026-12-31', 92],
    ['quarterly', '2026-q1', '2026-01-01', '2026-03-31', 90],
    ['yearly', '2028', '2028-01-01', '2028-12-31', 366],
    ['period', '2026-11-01..2026-11-15', '2026-11-01', '2026-11-15', 15],
  ])('%s %s runs from %s to %s, %i days', (kind, spec, from, to, days) => {
    const p = periodWindow(kind, spec, ZONE);
    expect([p.from, p.to, p.days.length, p.start, p.end]).toEqual([from, to, days, local(from), local(to) + 86_400_000]);
    expect(p.days[0]!.start).toBe(p.start);
    expect(p.days.at(-1)!.end).toBe(p.end);
  });

  it.each<[PeriodKind, string, string]>([
    ['daily', '2026-11-31', '--date: "2026-11-31" is not a day'],
    ['weekly', '2026-W54', '--week: "2026-W54" is not a week'],
    ['weekly', '2025-W53', '--week: "2025-W53" is not a week'],
    ['quarterly', '2026-Q5', '--quarter: "2026-Q5" is not a quarter'],
    ['yearly', '26', '--year: "26" is not a year'],
    ['period', '2026-11-15..2026-11-01', '--to: 2026-11-01 is before --from 2026-11-15'],
    ['period', '2026-11-01..soon', '--to: "soon" is not a day'],
  ])('%s %s is refused: %s', (kind, spec, message) => {
    expect(thrown(() => periodWindow(kind, spec, ZONE)).message).toBe(message);
  });
});

describe('previousPeriod and lastPeriod', () => {
  it.each<[PeriodKind, string, string]>([
    ['daily', '2027-01-01', '2026-12-31'],
    ['weekly', '2027-W01', '2026-W53'],
    ['monthly', '2027-01', '2026-12'],
    ['quarterly', '2027-Q1', '2026-Q4'],
    ['yearly', '2027', '2026'],
    // The same number of days just before.
    ['period', '2026-11-01..2026-11-15', '2026-10-17..2026-10-31'],
  ])('before %s %s comes %s', (kind, spec, before) => {
    expect(previousPeriod(periodWindow(kind, spec, ZONE), ZONE).name).toBe(before);
  });

  it.each<[Exclude<PeriodKind, 'period'>, string]>([
    ['daily', '2027-01-02'],
    // That Sunday ends week 53 of 2026, not yet whole: the one before it.
    ['weekly', '2026-W52'],
    ['monthly', '2026-12'],
    ['quarterly', '2026-Q4'],
    ['yearly', '2026'],
  ])('on Sunday 3 January 2027 the last whole %s is %s', (kind, name) => {
    expect(lastPeriod(kind, Date.parse('2027-01-03T23:30:00+08:00'), ZONE)).toBe(name);
  });
});
