// config/sla.yaml: the schema's problems as file:line:column, and the compiled calendars and targets.
// Line and column numbers are counted by hand in the texts below.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadYamlFile } from '../../src/config/yaml-file.js';
import { compileCalendar, readInterval, readTargetDuration, SLA_KEYS, SlaFileSchema, weekdayOf, workingDayOf, type OfficeCalendar } from '../../src/sla/calendar.js';
import { compileSla, dueTimes, slaTypeIssues } from '../../src/sla/targets.js';

const REPO = join(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'desk-unit-sla-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const BASE = [
  /* 1 */ 'timezone: Asia/Shanghai',
  /* 2 */ 'calendars:',
  /* 3 */ '  office:',
  /* 4 */ '    hours:',
  /* 5 */ '      mon: ["09:00-12:00", "13:30-18:00"]',
  /* 6 */ '      fri: ["09:00-12:00", "13:30-16:00"]',
  /* 7 */ '    holidays: [2026-10-01, 2026-10-02]',
  /* 8 */ '    workdays: [2026-09-27, 2026-10-10: fri]',
  /* 9 */ '  always: 24x7',
  /* 10 */ 'targets:',
  /* 11 */ '  normal: { response: 10m, dispatch: 2h, resolve: 24h, calendar: office }',
  /* 12 */ '  urgent: { response: 10m, dispatch: 30m, resolve: 4h, calendar: office }',
  /* 13 */ '  critical: { response: 5m, dispatch: 10m, resolve: 1h, calendar: always }',
];

/** BASE with some lines replaced (1-based line → new text). */
function withLines(replacements: Record<number, string | undefined>): string {
  return BASE.map((line, index) => replacements[index + 1] ?? line).join('\n') + '\n';
}

let files = 0;
function writeSla(text: string): string {
  const path = join(root, `sla-${++files}.yaml`);
  writeFileSync(path, text);
  return path;
}

type LoadOptions = Parameters<typeof loadYamlFile<typeof SlaFileSchema>>[3];

function load(text: string, options?: LoadOptions) {
  return loadYamlFile(writeSla(text), SlaFileSchema, root, { knownKeys: SLA_KEYS, ...options });
}

function problemsOf(text: string, options?: LoadOptions): string[] {
  try {
    load(text, options);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // The temp file's name varies; what matters is line:column and the message.
    return [...e.problems].sort((a, b) => a.line - b.line || a.column - b.column).map((p) => `${p.line}:${p.column}: ${p.message}`);
  }
  throw new Error('expected a ConfigError, got none');
}

describe('the example config/sla.yaml', () => {
  const file = loadYamlFile(join(REPO, 'config', 'sla.yaml'), SlaFileSchema, REPO, { knownKeys: SLA_KEYS });
  const sla = compileSla(file, 'UTC');

  it('loads, keeping unquoted dates as dates written YYYY-MM-DD', () => {
    expect(file.timezone).toBe('Asia/Shanghai');
    expect(file.calendars.always).toBe('24x7');
    expect(file.calendars.office).toMatchObject({ holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-09-27', '2026-10-10'] });
  });

  it('compiles the office calendar: two intervals on weekdays, Golden Week off, two make-up days with Monday hours', () => {
    const office = sla.calendars.get('office') as OfficeCalendar;
    const weekday = [{ startMinute: 540, endMinute: 720 }, { startMinute: 810, endMinute: 1080 }];
    expect(office).toEqual({
      kind: 'office',
      timezone: 'Asia/Shanghai',
      weekHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
      holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
      makeUpDays: new Map([['2026-09-27', 'mon'], ['2026-10-10', 'mon']]),
    });
    expect(sla.calendars.get('always')).toEqual({ kind: '24x7' });
  });

  it('compiles the targets per urgency', () => {
    const HOUR = 3_600_000;
    expect(sla.byUrgency.normal).toEqual({
      calendar: 'office',
      response: { text: '10m', duration: { workingDays: 0, ms: HOUR / 6 } },
      dispatch: { text: '2h', duration: { workingDays: 0, ms: 2 * HOUR } },
      resolve: { text: '24h', duration: { workingDays: 0, ms: 24 * HOUR } },
      // A progress update every three working days.
      update: { text: '3d', duration: { workingDays: 3, ms: 0 } },
    });
    expect([sla.byUrgency.urgent.resolve.text, sla.byUrgency.critical.calendar, sla.byType.size]).toEqual(['4h', 'always', 1]);
    expect([sla.byUrgency.urgent.update?.text, sla.byUrgency.critical.update]).toEqual(['1d', null]);
    // Complaints: urgent ones are resolved within 2 h, everything else as the urgency says.
    expect([sla.byType.get('complaint')?.urgent.resolve.text, sla.byType.get('complaint')?.urgent.response.text]).toEqual(['2h', '10m']);
  });

  it('gives the due times the design describes', () => {
    // Created Friday 2026-10-09 17:00 Shanghai (09:00Z). 24 business hours = 1440: Fri 60, make-up Sat 450,
    // Sun off, Mon 450, Tue 450 → 1410; Wed 09:00 + 30.
    const due = dueTimes(sla, { created_at: Date.UTC(2026, 9, 9, 9, 0), urgency: 'normal', type: 'fault' });
    expect(due).toEqual({
      response_due_at: Date.UTC(2026, 9, 9, 9, 10), // 17:10
      dispatch_due_at: Date.UTC(2026, 9, 10, 2, 0), // Fri 17–18 = 60, Sat 09:00 + 60 = 10:00
      resolve_due_at: Date.UTC(2026, 9, 14, 1, 30), // Wed 09:30
    });
  });
});

describe('a valid file in every shape the contract allows', () => {
  it('reads block-style make-up days, a calendar zone, a whole-day interval and per-type overrides', () => {
    const file = load(
      [
        'calendars:',
        '  plant:',
        '    timezone: Europe/Berlin',
        '    hours:',
        '      mon: ["00:00-24:00"]',
        '      tue: ["07:00-12:00", "12:00-15:00"]',
        '      sat: []',
        '    workdays:',
        '      - 2026-10-10: tue',
        '      - 2026-10-11',
        '  always: 24x7',
        'targets:',
        '  normal: { response: 1h, dispatch: 1d, resolve: 2d4h, calendar: plant }',
        '  urgent: { response: 10m, dispatch: 30m, resolve: 1h30m, calendar: plant }',
        '  critical: { response: 5m, dispatch: 10m, resolve: 1h, calendar: always }',
        '  types:',
        '    complaint:',
        '      urgent: { resolve: 2h }',
        '      normal: { calendar: always }',
        '',
      ].join('\n'),
    );
    expect(file.calendars.plant).toEqual({ timezone: 'Europe/Berlin', hours: { mon: ['00:00-24:00'], tue: ['07:00-12:00', '12:00-15:00'], sat: [] }, workdays: [{ '2026-10-10': 'tue' }, '2026-10-11'] });
    const sla = compileSla(file, 'Asia/Shanghai');
    const plant = sla.calendars.get('plant') as OfficeCalendar;
    expect(plant.timezone).toBe('Europe/Berlin');
    expect(plant.weekHours.mon).toEqual([{ startMinute: 0, endMinute: 1440 }]);
    expect(plant.weekHours.tue).toEqual([{ startMinute: 420, endMinute: 900 }]); // touching intervals join
    expect(plant.makeUpDays).toEqual(new Map([['2026-10-10', 'tue'], ['2026-10-11', 'mon']]));
    expect(sla.byUrgency.normal.resolve.duration).toEqual({ workingDays: 2, ms: 4 * 3_600_000 });
    expect(sla.byType.get('complaint')?.urgent).toMatchObject({ calendar: 'plant', resolve: { text: '2h' }, response: { text: '10m' } });
    expect(sla.byType.get('complaint')?.normal).toMatchObject({ calendar: 'always', resolve: { text: '2d4h' } });
    expect(sla.byType.get('complaint')?.critical).toEqual(sla.byUrgency.critical);
  });

  it('takes the desk zone when the file sets none', () => {
    const file = load(withLines({ 1: '# no zone' }));
    expect((compileSla(file, 'Europe/Paris').calendars.get('office') as OfficeCalendar).timezone).toBe('Europe/Paris');
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

  it('checks per-type overrides against the desk types when asked', () => {
    const text = withLines({ 13: BASE[12] + '\n  types:\n    complain:\n      urgent: { resolve: 2h }' });
    const problems = problemsOf(text, { check: (file) => slaTypeIssues(file, ['fault', 'complaint']) });
    expect(problems).toEqual(['15:5: targets.types.complain: unknown ticket type "complain"; types: fault, complaint']);
  });
});

describe('reading the small values', () => {
  it.each([
    ['09:00-12:00', { startMinute: 540, endMinute: 720 }],
    ['13:30 - 18:00', { startMinute: 810, endMinute: 1080 }],
    ['00:00-24:00', { startMinute: 0, endMinute: 1440 }],
    ['23:59-24:00', { startMinute: 1439, endMinute: 1440 }],
  ])('reads the interval %s', (text, interval) => {
    expect(readInterval(text)).toEqual(interval);
  });

  it.each(['12:00-12:00', '25:00-26:00', '09:60-10:00', '0900-1200', '09:00'])('refuses the interval %s', (text) => {
    expect(typeof readInterval(text)).toBe('string');
  });

  it.each([
    ['10m', { workingDays: 0, ms: 600_000 }],
    ['2h', { workingDays: 0, ms: 7_200_000 }],
    ['1h30m', { workingDays: 0, ms: 5_400_000 }],
    ['1d', { workingDays: 1, ms: 0 }],
    ['2d4h', { workingDays: 2, ms: 14_400_000 }],
    ['90m', { workingDays: 0, ms: 5_400_000 }],
  ])('reads the duration %s', (text, duration) => {
    expect(readTargetDuration(text)).toEqual(duration);
  });

  it.each(['', '0m', '10', '1w', '30m1h', '1.5h', '-1h', 'h'])('refuses the duration "%s"', (text) => {
    expect(readTargetDuration(text)).toBeUndefined();
  });

  it('knows the weekdays of 2026 the tests rely on', () => {
    expect(['2026-09-27', '2026-10-01', '2026-10-10', '2026-03-29', '2026-10-25'].map(weekdayOf)).toEqual(['sun', 'thu', 'sat', 'sun', 'sun']);
  });

  it('describes a date of an office calendar', () => {
    const office = compileCalendar({ hours: { mon: ['09:00-12:00'] }, holidays: ['2026-10-05'], workdays: [{ '2026-10-10': 'mon' }] }, 'UTC') as OfficeCalendar;
    expect(['2026-10-05', '2026-10-10', '2026-10-11', '2026-10-12'].map((date) => workingDayOf(office, date))).toEqual([
      { kind: 'holiday', weekday: 'mon', intervals: [] },
      { kind: 'make-up', weekday: 'sat', worksAs: 'mon', intervals: [{ startMinute: 540, endMinute: 720 }] },
      { kind: 'rest-day', weekday: 'sun', intervals: [] },
      { kind: 'workday', weekday: 'mon', intervals: [{ startMinute: 540, endMinute: 720 }] },
    ]);
  });
});
