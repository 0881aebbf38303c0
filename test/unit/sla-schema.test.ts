// The contract of config/sla.yaml: what it accepts, and every problem as line:column. Line and
// column numbers are counted by hand in the texts of sla-yaml.ts and below.
import { describe, expect, it } from 'vitest';
import { BASE, EVERY_SHAPE, loadExampleSla, loadSlaText, problemsOf, withLines } from './sla-yaml.js';

describe('the example config/sla.yaml', () => {
  it('loads, keeping unquoted dates as dates written YYYY-MM-DD', () => {
    const file = loadExampleSla();
    expect(file.timezone).toBe('Asia/Shanghai');
    expect(file.calendars.always).toBe('24x7');
    expect(file.calendars.office).toMatchObject({ holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-09-27', '2026-10-10'] });
  });
});

describe('a valid file in every shape the contract allows', () => {
  it('reads block-style make-up days, a calendar zone, a whole-day interval and per-type overrides', () => {
    const file = loadSlaText(EVERY_SHAPE);
    expect(file.calendars.plant).toEqual({ timezone: 'Europe/Berlin', hours: { mon: ['00:00-24:00'], tue: ['07:00-12:00', '12:00-15:00'], sat: [] }, workdays: [{ '2026-10-10': 'tue' }, '2026-10-11'] });
  });
});

describe('schema problems as line:column', () => {
  it.each([
    {
      case: 'an interval without leading zero',
      lines: { 5: '      mon: ["9:00-12:00", "13:30-18:00"]' },
      report: '5:13: calendars.office.hours.mon.0: "9:00-12:00" is not an interval: write HH:MM-HH:MM, e.g. 09:00-12:00',
    },
    {
      case: 'an interval crossing midnight',
      lines: { 5: '      mon: ["18:00-09:00"]' },
      report: '5:13: calendars.office.hours.mon.0: "18:00-09:00" does not end after it starts: an interval stays within one day (split a night shift into 22:00-24:00 and 00:00-06:00)',
    },
    {
      case: 'an interval starting at 24:00',
      lines: { 5: '      mon: ["24:00-24:00"]' },
      report: '5:13: calendars.office.hours.mon.0: "24:00-24:00": the start is not a time of day (00:00–23:59)',
    },
    {
      case: 'an end past midnight',
      lines: { 5: '      mon: ["09:00-24:30"]' },
      report: '5:13: calendars.office.hours.mon.0: "09:00-24:30": the end is not a time of day (00:01–24:00)',
    },
    {
      case: 'overlapping intervals, at the later one',
      lines: { 5: '      mon: ["09:00-12:00", "11:30-13:00"]' },
      report: '5:28: calendars.office.hours.mon.1: "11:30-13:00" overlaps "09:00-12:00"',
    },
    {
      case: 'a misspelt weekday, at the key',
      lines: { 6: `${BASE[5]}\n      thur: ["09:00-12:00"]` },
      report: '7:7: calendars.office.hours.thur: unknown key "thur" (did you mean "thu"?)',
    },
    {
      case: 'a holiday that is no date',
      lines: { 7: '    holidays: [2026-10-01, 2026-02-30]' },
      report: '7:28: calendars.office.holidays.1: "2026-02-30" is not a date: write YYYY-MM-DD, e.g. 2026-10-01',
    },
    {
      case: 'a misspelt calendar key, at the key',
      lines: { 7: '    holiday: [2026-10-01]' },
      report: '7:5: calendars.office.holiday: unknown key "holiday" (did you mean "holidays"?)',
    },
    {
      case: 'a make-up day naming no weekday',
      lines: { 8: '    workdays: [2026-09-27, 2026-10-10: fry]' },
      report: '8:40: calendars.office.workdays.1.2026-10-10: "fry" is not a weekday: use mon, tue, wed, thu, fri, sat, sun',
    },
    {
      case: 'a make-up day whose date is no date, at the date',
      lines: { 8: '    workdays: [2026-09-27, 2026-13-10: fri]' },
      report: '8:28: calendars.office.workdays.1.2026-13-10: "2026-13-10" is not a date: write YYYY-MM-DD, e.g. 2026-10-10',
    },
    {
      case: 'a make-up day that is also a holiday, at the date',
      lines: { 7: '    holidays: [2026-10-01, 2026-10-10]' },
      report: '8:28: calendars.office.workdays.1.2026-10-10: 2026-10-10 is both a holiday and a make-up working day',
    },
    {
      case: 'a make-up day on a weekday that works anyway',
      lines: { 8: '    workdays: [2026-09-28]' },
      report: '8:16: calendars.office.workdays.0: 2026-09-28 is a mon, already a working day: a make-up day falls on a closed day',
    },
    {
      case: 'a make-up day standing in for a weekday without hours, at the weekday',
      lines: { 8: '    workdays: [2026-09-27, 2026-10-10: sat]' },
      report: "8:40: calendars.office.workdays.1.2026-10-10: 2026-10-10 works sat's hours, but sat has none",
    },
    {
      case: 'a bare make-up day when Monday has no hours',
      lines: { 5: '      tue: ["09:00-12:00", "13:30-18:00"]', 8: '    workdays: [2026-09-27]' },
      report: "8:16: calendars.office.workdays.0: 2026-09-27 works Monday's hours, but mon has none: name the weekday it stands in for (2026-09-27: fri)",
    },
    {
      case: 'a calendar without any working hours',
      lines: { 5: '      sat: []', 6: '      sun: []', 8: '    # no make-up days' },
      report: '5:7: calendars.office.hours: a calendar needs working hours on at least one weekday (or is "24x7")',
    },
    {
      case: 'a 24x7 calendar spelt otherwise',
      lines: { 9: '  always: 24/7' },
      report: '9:11: calendars.always: a calendar is "24x7" or a map with timezone, hours, holidays and workdays',
    },
    {
      case: 'an unknown time zone, with the nearest known one',
      lines: { 1: 'timezone: Asia/Shanghia' },
      report: '1:11: timezone: unknown time zone "Asia/Shanghia" (did you mean "Asia/Shanghai"?)',
    },
    {
      case: 'a name nothing like a time zone',
      lines: { 1: 'timezone: Beijing time' },
      report: '1:11: timezone: unknown time zone "Beijing time": use an IANA name such as Asia/Shanghai or UTC',
    },
    {
      case: 'a calendar name breaking the naming rule, at the key',
      lines: { 9: '  "always on": 24x7', 13: '  critical: { response: 5m, dispatch: 10m, resolve: 1h, calendar: "always on" }' },
      report: '9:3: calendars.always on: calendar names use letters, digits, - and _',
    },
    {
      case: 'a target naming an unknown calendar',
      lines: { 12: '  urgent: { response: 10m, dispatch: 30m, resolve: 4h, calendar: offce }' },
      report: '12:66: targets.urgent.calendar: unknown calendar "offce" (did you mean "office"?); calendars: office, always',
    },
    {
      case: 'a duration in words',
      lines: { 11: '  normal: { response: 10 minutes, dispatch: 2h, resolve: 24h, calendar: office }' },
      report: '11:23: targets.normal.response: "10 minutes" is not a duration: write a number with a unit: 10m, 2h, 1h30m, or 1d for one working day',
    },
    {
      case: 'a duration without unit',
      lines: { 11: '  normal: { response: 10, dispatch: 2h, resolve: 24h, calendar: office }' },
      report: '11:23: targets.normal.response: a duration: write a number with a unit: 10m, 2h, 1h30m, or 1d for one working day',
    },
    {
      case: 'a zero duration',
      lines: { 11: '  normal: { response: 0m, dispatch: 2h, resolve: 24h, calendar: office }' },
      report: '11:23: targets.normal.response: "0m" is not a duration: write a number with a unit: 10m, 2h, 1h30m, or 1d for one working day',
    },
    {
      case: 'an unknown urgency under targets',
      lines: { 13: '  emergency: { response: 5m, dispatch: 10m, resolve: 1h, calendar: always }' },
      report: '13:3: targets.emergency: unknown key "emergency"',
    },
  ])('$case', ({ lines, report }) => {
    const problems = problemsOf(withLines(lines));
    // A missing urgency also reports its absence; the case's own problem is the one checked here.
    expect(problems).toContain(report);
    if (!report.includes('"emergency"')) expect(problems).toEqual([report]);
  });

  it('reports a per-type override naming an unknown calendar at its value', () => {
    const problems = problemsOf(withLines({ 13: BASE[12] + '\n  types:\n    complaint:\n      urgent: { calendar: nights }' }));
    expect(problems).toEqual(['16:27: targets.types.complaint.urgent.calendar: unknown calendar "nights"; calendars: office, always']);
  });

  it('reports every problem of the file at once', () => {
    const problems = problemsOf(withLines({
      1: 'timezone: Mars/Olympus',
      5: '      mon: ["09:00-12:00", "11:30-13:00"]',
      7: '    holidays: [2026-10-32]',
      12: '  urgent: { response: 10m, dispatch: 30m, resolve: 4h, calendar: offce }',
    }));
    expect(problems.map((p) => p.split(': ')[0])).toEqual(['1:11', '5:28', '7:16', '12:66']);
  });
});
