// Business-time arithmetic. Every expected instant below is worked out by hand from the calendar
// (weekdays of 2026: Sep 27 Sun, Sep 29 Tue, Sep 30 Wed, Oct 1 Thu, Oct 3 Sat, Oct 8 Thu, Oct 10 Sat).
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes, addBusinessMs, addTargetDuration, businessMinutesBetween, businessMsBetween, explainAddBusinessMs,
  explainTargetDuration, isWorkingInstant,
} from '../../src/sla/business-time.js';
import { compileCalendar, type BusinessCalendar } from '../../src/sla/business-calendar.js';
import type { CalendarDefinition } from '../../src/sla/schema.js';
import { compileSla, dueTimes, explainDueTimes, targetFor } from '../../src/sla/targets.js';
import { UsageError } from '../../src/domain/errors.js';
import { thrown } from './thrown.js';

const MINUTE = 60_000;
const WEEKDAY_HOURS = ['09:00-12:00', '13:30-18:00']; // 3 h + 4 h 30 = 450 business minutes a day

/** The Golden Week schedule of 2026: Oct 1–7 off, make-up days on Sunday Sep 27 and Saturday Oct 10. */
const OFFICE_DEFINITION: CalendarDefinition = {
  hours: { mon: WEEKDAY_HOURS, tue: WEEKDAY_HOURS, wed: WEEKDAY_HOURS, thu: WEEKDAY_HOURS, fri: WEEKDAY_HOURS },
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-27', '2026-10-10'],
};
const office = compileCalendar(OFFICE_DEFINITION, 'Asia/Shanghai');

/** Friday closes at 16:00 (5 h 30); the make-up Saturday stands in for a Friday. */
const shortFriday = compileCalendar(
  {
    hours: { mon: WEEKDAY_HOURS, tue: WEEKDAY_HOURS, wed: WEEKDAY_HOURS, thu: WEEKDAY_HOURS, fri: ['09:00-12:00', '13:30-16:00'] },
    workdays: [{ '2026-10-10': 'fri' }],
  },
  'Asia/Shanghai',
);

/** Every day 01:00–04:00: in Berlin, the hours the clocks change in. */
const NIGHT = ['01:00-04:00'];
const EVERY_NIGHT = { mon: NIGHT, tue: NIGHT, wed: NIGHT, thu: NIGHT, fri: NIGHT, sat: NIGHT, sun: NIGHT };
const berlinNights = compileCalendar({ timezone: 'Europe/Berlin', hours: EVERY_NIGHT }, 'Asia/Shanghai'); // its own zone wins
const utcNights = compileCalendar({ hours: EVERY_NIGHT }, 'UTC'); // no zone of its own: the file's

/** A Berlin office open Monday and Friday, and on Sunday nights either side of 02:30-03:00. */
const berlin = compileCalendar(
  { hours: { mon: ['08:00-12:00', '13:00-17:00'], fri: ['08:00-12:00', '13:00-17:00'], sun: ['01:00-02:30', '03:00-04:00'] } },
  'Europe/Berlin',
);
const always = compileCalendar('24x7', 'Asia/Shanghai');

const CALENDARS: Record<string, BusinessCalendar> = { office, shortFriday, berlin, berlinNights, always };
const ZONES: Record<string, string> = { office: 'Asia/Shanghai', shortFriday: 'Asia/Shanghai', berlin: 'Europe/Berlin', berlinNights: 'Europe/Berlin', always: 'Asia/Shanghai' };

/** An instant written as ISO 8601 with its offset. */
function at(iso: string): number {
  const parsed = DateTime.fromISO(iso, { setZone: true });
  if (!parsed.isValid) throw new Error(`bad test time ${iso}`);
  return parsed.toMillis();
}

/** How the expectations are written: local time with offset, to the minute (or second when there are some). */
function show(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true, suppressSeconds: true })!;
}

describe('addBusinessMinutes', () => {
  it.each([
    // case, calendar, start, minutes, due
    ['within one interval', 'office', '2026-09-29T09:30+08:00', 60, '2026-09-29T10:30+08:00'],
    ['over the lunch break', 'office', '2026-09-29T11:00+08:00', 120, '2026-09-29T14:30+08:00'], // 60 before 12:00, 60 from 13:30
    ['over the night', 'office', '2026-09-29T17:00+08:00', 120, '2026-09-30T10:00+08:00'], // 60 before 18:00, 60 from 09:00
    ['over a weekend', 'office', '2026-10-16T17:30+08:00', 60, '2026-10-19T09:30+08:00'], // Fri 30, Mon 30
    // Wed 16–18 = 120; Oct 1–7 off; Thu 8 and Fri 9 = 900; make-up Sat 10: 180 by noon, 13:30 + 240 = 17:30.
    ['24 h over Golden Week to the make-up Saturday', 'office', '2026-09-30T16:00+08:00', 1440, '2026-10-10T17:30+08:00'],
    ['into a make-up Sunday (a bare date works Monday hours)', 'office', '2026-09-26T10:00+08:00', 30, '2026-09-27T09:30+08:00'],
    ['on a make-up Saturday with Monday hours', 'office', '2026-10-10T15:00+08:00', 90, '2026-10-10T16:30+08:00'],
    // Friday hours end at 16:00: 60 that day, Sunday closed, 30 on Monday.
    ['on a make-up Saturday standing in for a short Friday', 'shortFriday', '2026-10-10T15:00+08:00', 90, '2026-10-12T09:30+08:00'],
    ['from before opening', 'office', '2026-09-29T07:45+08:00', 10, '2026-09-29T09:10+08:00'],
    ['from inside the lunch break', 'office', '2026-09-29T12:30+08:00', 10, '2026-09-29T13:40+08:00'],
    ['from a holiday', 'office', '2026-10-01T10:00+08:00', 10, '2026-10-08T09:10+08:00'],
    ['from a Saturday night to a Monday', 'office', '2026-10-17T23:00+08:00', 10, '2026-10-19T09:10+08:00'],
    ['ending exactly at closing: that closing', 'office', '2026-09-29T17:00+08:00', 60, '2026-09-29T18:00+08:00'],
    ['ending exactly at lunch: noon, not 13:30', 'office', '2026-09-29T11:00+08:00', 60, '2026-09-29T12:00+08:00'],
    ['a whole day from opening: that day\'s closing', 'office', '2026-09-29T09:00+08:00', 450, '2026-09-29T18:00+08:00'],
    ['starting at closing counts from the next opening', 'office', '2026-09-29T18:00+08:00', 1, '2026-09-30T09:01+08:00'],
    ['zero, inside working time: the start', 'office', '2026-09-29T10:00+08:00', 0, '2026-09-29T10:00+08:00'],
    ['zero, at closing: the next opening', 'office', '2026-09-29T18:00+08:00', 0, '2026-09-30T09:00+08:00'],
    ['zero, at noon: the afternoon opening', 'office', '2026-09-29T12:00+08:00', 0, '2026-09-29T13:30+08:00'],
    ['zero, on a Saturday: Monday opening', 'office', '2026-10-17T12:00+08:00', 0, '2026-10-19T09:00+08:00'],
    ['a fraction of a minute', 'office', '2026-09-29T17:59:30+08:00', 1, '2026-09-30T09:00:30+08:00'],
    // Berlin, last Sunday of March: 01:00 CET = 00:00Z, 04:00 CEST = 02:00Z, only 120 minutes that night.
    ['Berlin, spring forward: 01:00-04:00 holds 2 h', 'berlinNights', '2026-03-29T01:00+01:00', 150, '2026-03-30T01:30+02:00'],
    ['Berlin, spring forward: 2 h fits', 'berlinNights', '2026-03-29T01:00+01:00', 120, '2026-03-29T04:00+02:00'],
    // Last Sunday of October: 01:00 CEST = 23:00Z, 04:00 CET = 03:00Z, 240 minutes that night.
    ['Berlin, fall back: 01:00-04:00 holds 4 h', 'berlinNights', '2026-10-25T01:00+02:00', 210, '2026-10-25T03:30+01:00'],
    ['Berlin, fall back: 4 h fits', 'berlinNights', '2026-10-25T01:00+02:00', 240, '2026-10-25T04:00+01:00'],
    // 01:00-02:30 ends in the gap, i.e. at the jump (01:00Z): 60 min, then 03:00-04:00 CEST: 60 more.
    ['Berlin, an interval ending inside the spring gap', 'berlin', '2026-03-29T01:00+01:00', 90, '2026-03-29T03:30+02:00'],
    // Fri 16–17 = 60; Sun 01:00 CET to the jump = 60, 03:00–04:00 CEST = 60; Mon 08:00 CEST + 60.
    ['Berlin office over the spring weekend', 'berlin', '2026-03-27T16:00+01:00', 240, '2026-03-30T09:00+02:00'],
    ['Berlin, due at an interval end inside the gap: the jump', 'berlin', '2026-03-27T16:00+01:00', 120, '2026-03-29T03:00+02:00'],
    ['24x7: plain elapsed time over a holiday', 'always', '2026-10-01T10:00+08:00', 1440, '2026-10-02T10:00+08:00'],
    ['24x7: zero is the start', 'always', '2026-10-03T03:00+08:00', 0, '2026-10-03T03:00+08:00'],
  ])('%s', (_case, calendar, start, minutes, due) => {
    expect(show(addBusinessMinutes(CALENDARS[calendar]!, at(start), minutes), ZONES[calendar]!)).toBe(due);
  });

  it('is exact to the millisecond', () => {
    expect(addBusinessMs(office, at('2026-09-29T17:59:59.999+08:00'), 2)).toBe(at('2026-09-30T09:00:00.001+08:00'));
  });

  it('reads a calendar without its own time zone in the file\'s', () => {
    expect(addBusinessMinutes(utcNights, at('2026-03-29T00:00Z'), 30)).toBe(at('2026-03-29T01:30Z'));
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s minutes', (minutes) => {
    expect(() => addBusinessMinutes(office, at('2026-09-29T10:00+08:00'), minutes)).toThrow(RangeError);
  });
});

describe('businessMinutesBetween', () => {
  it.each([
    ['within a morning', 'office', '2026-09-29T09:30+08:00', '2026-09-29T10:30+08:00', 60],
    ['over lunch', 'office', '2026-09-29T11:00+08:00', '2026-09-29T14:30+08:00', 120],
    ['a whole working day, midnight to midnight', 'office', '2026-09-29T00:00+08:00', '2026-09-30T00:00+08:00', 450],
    ['a weekend', 'office', '2026-10-17T00:00+08:00', '2026-10-19T00:00+08:00', 0],
    ['Golden Week and the make-up Saturday', 'office', '2026-09-30T16:00+08:00', '2026-10-10T17:30+08:00', 1440],
    ['backwards: negative', 'office', '2026-10-10T17:30+08:00', '2026-09-30T16:00+08:00', -1440],
    ['half a minute', 'office', '2026-09-29T10:00:00+08:00', '2026-09-29T10:00:30+08:00', 0.5],
    ['an empty span', 'office', '2026-09-29T10:00+08:00', '2026-09-29T10:00+08:00', 0],
    ['Berlin, spring-forward night', 'berlinNights', '2026-03-29T00:00+01:00', '2026-03-30T00:00+02:00', 120],
    ['Berlin, fall-back night', 'berlinNights', '2026-10-25T00:00+02:00', '2026-10-26T00:00+01:00', 240],
    ['Berlin, intervals either side of the spring gap', 'berlin', '2026-03-29T00:00+01:00', '2026-03-30T00:00+02:00', 120],
    ['24x7', 'always', '2026-10-01T00:00+08:00', '2026-10-08T00:00+08:00', 7 * 1440],
  ])('%s', (_case, calendar, from, to, minutes) => {
    expect(businessMinutesBetween(CALENDARS[calendar]!, at(from), at(to))).toBe(minutes);
  });
});

describe('addTargetDuration with working days (d)', () => {
  it.each([
    ['1d: next working day, same time', 'office', '2026-09-29T10:30+08:00', 1, 0, '2026-09-30T10:30+08:00'],
    ['1d over Golden Week', 'office', '2026-09-30T10:30+08:00', 1, 0, '2026-10-08T10:30+08:00'],
    ['1d2h: a working day, then two business hours over lunch', 'office', '2026-09-30T10:30+08:00', 1, 120, '2026-10-08T14:00+08:00'],
    ['1d from a Friday onto the make-up Saturday', 'office', '2026-10-09T11:00+08:00', 1, 0, '2026-10-10T11:00+08:00'],
    ['1d from after closing counts from the next opening', 'office', '2026-09-29T20:00+08:00', 1, 0, '2026-10-08T09:00+08:00'],
    ['1d from lunch: the afternoon opening a day later', 'office', '2026-09-29T12:30+08:00', 1, 0, '2026-09-30T13:30+08:00'],
    // 390 minutes into Thursday; Friday holds only 330: due at its 16:00 closing.
    ['1d onto a shorter day: its closing', 'shortFriday', '2026-10-15T17:00+08:00', 1, 0, '2026-10-16T16:00+08:00'],
    ['2d over a weekend', 'office', '2026-10-15T09:00+08:00', 2, 0, '2026-10-19T09:00+08:00'],
    ['1d in 24x7 is 24 hours', 'always', '2026-10-01T10:00+08:00', 1, 0, '2026-10-02T10:00+08:00'],
  ])('%s', (_case, calendar, start, workingDays, minutes, due) => {
    expect(show(addTargetDuration(CALENDARS[calendar]!, at(start), { workingDays, ms: minutes * MINUTE }), ZONES[calendar]!)).toBe(due);
  });
});

describe('explaining a computation', () => {
  it('lists the intervals counted and the breaks, nights and closed days skipped', () => {
    const { dueMs, steps } = explainAddBusinessMs(office, at('2026-09-30T07:00+08:00'), 1410 * MINUTE); // 450 + 450 + 450 + 60
    expect(show(dueMs, 'Asia/Shanghai')).toBe('2026-10-10T10:00+08:00');
    expect(steps.map((step) => ({ ...step, fromMs: show(step.fromMs, 'Asia/Shanghai'), toMs: show(step.toMs, 'Asia/Shanghai') }))).toEqual([
      { kind: 'skipped', reason: 'before-opening', fromMs: '2026-09-30T07:00+08:00', toMs: '2026-09-30T09:00+08:00', closedDays: [] },
      { kind: 'counted', date: '2026-09-30', dayKind: 'workday', fromMs: '2026-09-30T09:00+08:00', toMs: '2026-09-30T12:00+08:00' },
      { kind: 'skipped', reason: 'break', fromMs: '2026-09-30T12:00+08:00', toMs: '2026-09-30T13:30+08:00', closedDays: [] },
      { kind: 'counted', date: '2026-09-30', dayKind: 'workday', fromMs: '2026-09-30T13:30+08:00', toMs: '2026-09-30T18:00+08:00' },
      {
        kind: 'skipped', reason: 'closed-days', fromMs: '2026-09-30T18:00+08:00', toMs: '2026-10-08T09:00+08:00',
        closedDays: [
          { date: '2026-10-01', kind: 'holiday' }, { date: '2026-10-02', kind: 'holiday' }, { date: '2026-10-03', kind: 'rest-day' },
          { date: '2026-10-04', kind: 'rest-day' }, { date: '2026-10-05', kind: 'holiday' }, { date: '2026-10-06', kind: 'holiday' },
          { date: '2026-10-07', kind: 'holiday' },
        ],
      },
      { kind: 'counted', date: '2026-10-08', dayKind: 'workday', fromMs: '2026-10-08T09:00+08:00', toMs: '2026-10-08T12:00+08:00' },
      { kind: 'skipped', reason: 'break', fromMs: '2026-10-08T12:00+08:00', toMs: '2026-10-08T13:30+08:00', closedDays: [] },
      { kind: 'counted', date: '2026-10-08', dayKind: 'workday', fromMs: '2026-10-08T13:30+08:00', toMs: '2026-10-08T18:00+08:00' },
      { kind: 'skipped', reason: 'night', fromMs: '2026-10-08T18:00+08:00', toMs: '2026-10-09T09:00+08:00', closedDays: [] },
      { kind: 'counted', date: '2026-10-09', dayKind: 'workday', fromMs: '2026-10-09T09:00+08:00', toMs: '2026-10-09T12:00+08:00' },
      { kind: 'skipped', reason: 'break', fromMs: '2026-10-09T12:00+08:00', toMs: '2026-10-09T13:30+08:00', closedDays: [] },
      { kind: 'counted', date: '2026-10-09', dayKind: 'workday', fromMs: '2026-10-09T13:30+08:00', toMs: '2026-10-09T18:00+08:00' },
      { kind: 'skipped', reason: 'night', fromMs: '2026-10-09T18:00+08:00', toMs: '2026-10-10T09:00+08:00', closedDays: [] },
      { kind: 'counted', date: '2026-10-10', dayKind: 'make-up', worksAs: 'mon', fromMs: '2026-10-10T09:00+08:00', toMs: '2026-10-10T10:00+08:00' },
    ]);
  });

  it('names the weekday a make-up day stands in for, and the working-days step', () => {
    const { dueMs, steps } = explainTargetDuration(shortFriday, at('2026-10-09T17:00+08:00'), { workingDays: 1, ms: 60 * MINUTE });
    // Fri 17:00 is after the short Friday's close: from Sat 09:00 (works as fri), 1 working day → Mon 09:00, + 60 min.
    expect(show(dueMs, 'Asia/Shanghai')).toBe('2026-10-12T10:00+08:00');
    expect(steps.map((s) => [s.kind, show(s.fromMs, 'Asia/Shanghai'), show(s.toMs, 'Asia/Shanghai')])).toEqual([
      ['skipped', '2026-10-09T17:00+08:00', '2026-10-10T09:00+08:00'],
      ['working-days', '2026-10-10T09:00+08:00', '2026-10-12T09:00+08:00'],
      ['counted', '2026-10-12T09:00+08:00', '2026-10-12T10:00+08:00'],
    ]);
    expect(steps[1]).toMatchObject({ kind: 'working-days', days: 1, closedDays: [{ date: '2026-10-11', kind: 'rest-day' }] });
    const saturday = explainAddBusinessMs(shortFriday, at('2026-10-10T10:00+08:00'), 10 * MINUTE).steps;
    expect(saturday).toMatchObject([{ kind: 'counted', date: '2026-10-10', dayKind: 'make-up', worksAs: 'fri' }]);
  });

  it('is one elapsed step in a 24x7 calendar', () => {
    expect(explainAddBusinessMs(always, at('2026-10-01T10:00+08:00'), 60 * MINUTE)).toEqual({
      startMs: at('2026-10-01T10:00+08:00'), dueMs: at('2026-10-01T11:00+08:00'),
      steps: [{ kind: 'elapsed', fromMs: at('2026-10-01T10:00+08:00'), toMs: at('2026-10-01T11:00+08:00') }],
    });
  });
});

describe('due times of a ticket', () => {
  const sla = compileSla(
    {
      timezone: 'Asia/Shanghai',
      calendars: { office: OFFICE_DEFINITION, always: '24x7' },
      targets: {
        normal: { response: '10m', dispatch: '2h', resolve: '24h', calendar: 'office' },
        urgent: { response: '10m', dispatch: '30m', resolve: '4h', calendar: 'office' },
        critical: { response: '5m', dispatch: '10m', resolve: '1h', calendar: 'always' },
        types: { complaint: { urgent: { resolve: '2h' }, normal: { calendar: 'always' } } },
      },
    },
    'UTC',
  );
  const shanghai = (due: Record<string, number>) => Object.fromEntries(Object.entries(due).map(([k, ms]) => [k, show(ms, 'Asia/Shanghai')]));

  it.each([
    {
      case: 'a normal fault: dispatch due at closing, resolution after Golden Week',
      ticket: { created_at: at('2026-09-30T16:00+08:00'), urgency: 'normal', type: 'fault' },
      due: { response_due_at: '2026-09-30T16:10+08:00', dispatch_due_at: '2026-09-30T18:00+08:00', resolve_due_at: '2026-10-10T17:30+08:00' },
    },
    {
      case: 'an unclassified ticket is held to the normal target',
      ticket: { created_at: at('2026-09-29T11:00+08:00'), urgency: null, type: null },
      // 24 h = 1440: Tue 11–12 60 + 270, Wed 450, Thu Oct 1 … Wed Oct 7 off, Thu Oct 8 450 → 1230; Fri 9: 180 by noon, +30.
      due: { response_due_at: '2026-09-29T11:10+08:00', dispatch_due_at: '2026-09-29T14:30+08:00', resolve_due_at: '2026-10-09T14:00+08:00' },
    },
    {
      case: 'a critical ticket on a holiday counts elapsed time',
      ticket: { created_at: at('2026-10-01T10:00+08:00'), urgency: 'critical', type: 'fault' },
      due: { response_due_at: '2026-10-01T10:05+08:00', dispatch_due_at: '2026-10-01T10:10+08:00', resolve_due_at: '2026-10-01T11:00+08:00' },
    },
    {
      case: 'an urgent complaint takes the type override for resolution only',
      ticket: { created_at: at('2026-10-08T17:00+08:00'), urgency: 'urgent', type: 'complaint' },
      due: { response_due_at: '2026-10-08T17:10+08:00', dispatch_due_at: '2026-10-08T17:30+08:00', resolve_due_at: '2026-10-09T10:00+08:00' },
    },
    {
      case: 'a normal complaint counts its normal targets in the overriding 24x7 calendar',
      ticket: { created_at: at('2026-10-03T20:00+08:00'), urgency: 'normal', type: 'complaint' },
      due: { response_due_at: '2026-10-03T20:10+08:00', dispatch_due_at: '2026-10-03T22:00+08:00', resolve_due_at: '2026-10-04T20:00+08:00' },
    },
  ])('$case', ({ ticket, due }) => {
    expect(shanghai({ ...dueTimes(sla, ticket) })).toEqual(due);
  });

  it('says which target and calendar each due time used', () => {
    const explained = explainDueTimes(sla, { created_at: at('2026-10-08T17:00+08:00'), urgency: 'urgent', type: 'complaint' });
    expect([explained.response.target, explained.resolve.target, explained.resolve.calendar]).toEqual(['10m', '2h', 'office']);
    expect(show(explained.resolve.dueMs, 'Asia/Shanghai')).toBe('2026-10-09T10:00+08:00');
    expect(explained.resolve.steps.map((s) => s.kind)).toEqual(['counted', 'skipped', 'counted']);
  });

  it('refuses an urgency without a target', () => {
    const error = thrown(() => targetFor(sla, 'low', null));
    expect([error.constructor, error.message, error.hint]).toEqual([UsageError, 'no SLA target for urgency "low"', 'sla.yaml sets targets for normal, urgent, critical']);
  });
});

describe('properties', () => {
  const YEAR_2026 = { min: at('2026-01-01T00:00Z'), max: at('2027-01-01T00:00Z') };
  const calendarName = fc.constantFrom('office', 'shortFriday', 'berlin', 'berlinNights', 'always');
  // A year of starts, plus extra weight on the Berlin clock changes and Golden Week.
  const around = (iso: string) => fc.integer({ min: at(iso) - 3 * 86_400_000, max: at(iso) + 3 * 86_400_000 });
  const instant = fc.oneof(fc.integer(YEAR_2026), around('2026-03-29T02:00+01:00'), around('2026-10-25T02:00+01:00'), around('2026-10-01T00:00+08:00'));
  const businessMs = fc.integer({ min: 0, max: 10_000 * MINUTE }); // up to ~22 office days
  const runs = { numRuns: 200 };

  it('measuring what was added gives it back', () => {
    fc.assert(fc.property(calendarName, instant, businessMs, (name, start, ms) => {
      const calendar = CALENDARS[name]!;
      expect(businessMsBetween(calendar, start, addBusinessMs(calendar, start, ms))).toBe(ms);
    }), runs);
  });

  it('lands in working time: the end of counted time for N > 0, a working instant for zero', () => {
    fc.assert(fc.property(calendarName, instant, businessMs, (name, start, ms) => {
      const calendar = CALENDARS[name]!;
      const due = addBusinessMs(calendar, start, ms);
      expect(ms > 0 ? isWorkingInstant(calendar, due - 1) : isWorkingInstant(calendar, due)).toBe(true);
      expect(due).toBeGreaterThanOrEqual(start + ms);
    }), runs);
  });

  it('is monotonic in N and in the start, and adding in two steps is adding once', () => {
    fc.assert(fc.property(calendarName, instant, instant, businessMs, businessMs, (name, start1, start2, ms1, ms2) => {
      const calendar = CALENDARS[name]!;
      const [early, late] = start1 <= start2 ? [start1, start2] : [start2, start1];
      const [less, more] = ms1 <= ms2 ? [ms1, ms2] : [ms2, ms1];
      expect(addBusinessMs(calendar, early, less)).toBeLessThanOrEqual(addBusinessMs(calendar, early, more));
      expect(addBusinessMs(calendar, early, more)).toBeLessThanOrEqual(addBusinessMs(calendar, late, more));
      if (less > 0) expect(addBusinessMs(calendar, addBusinessMs(calendar, early, less), more)).toBe(addBusinessMs(calendar, early, less + more));
    }), runs);
  });
});
