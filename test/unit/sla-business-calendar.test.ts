// Compiled calendars: each weekday's merged working intervals, holidays and make-up days, and what a
// local date is in them.
import { describe, expect, it } from 'vitest';
import { compileCalendar, workingDayOf, type OfficeCalendar } from '../../src/sla/business-calendar.js';
import { EVERY_SHAPE, loadExampleSla, loadSlaText } from './sla-yaml.js';

describe('compiling a calendar definition', () => {
  it('compiles the example office calendar: two intervals on weekdays, Golden Week off, two make-up days with Monday hours', () => {
    const file = loadExampleSla();
    const office = compileCalendar(file.calendars.office!, file.timezone!) as OfficeCalendar;
    const weekday = [{ startMinute: 540, endMinute: 720 }, { startMinute: 810, endMinute: 1080 }];
    expect(office).toEqual({
      kind: 'office',
      timezone: 'Asia/Shanghai',
      weekHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
      holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
      makeUpDays: new Map([['2026-09-27', 'mon'], ['2026-10-10', 'mon']]),
    });
    expect(compileCalendar(file.calendars.always!, file.timezone!)).toEqual({ kind: '24x7' });
  });

  it('keeps a calendar\'s own zone, a whole-day interval, joins touching intervals and reads block-style make-up days', () => {
    const plant = compileCalendar(loadSlaText(EVERY_SHAPE).calendars.plant!, 'Asia/Shanghai') as OfficeCalendar;
    expect(plant.timezone).toBe('Europe/Berlin');
    expect(plant.weekHours.mon).toEqual([{ startMinute: 0, endMinute: 1440 }]);
    expect(plant.weekHours.tue).toEqual([{ startMinute: 420, endMinute: 900 }]); // touching intervals join
    expect(plant.makeUpDays).toEqual(new Map([['2026-10-10', 'tue'], ['2026-10-11', 'mon']]));
  });
});

describe('a date of an office calendar', () => {
  it('is a holiday, a make-up day, a rest day or a workday, with the intervals it works', () => {
    const office = compileCalendar({ hours: { mon: ['09:00-12:00'] }, holidays: ['2026-10-05'], workdays: [{ '2026-10-10': 'mon' }] }, 'UTC') as OfficeCalendar;
    expect(['2026-10-05', '2026-10-10', '2026-10-11', '2026-10-12'].map((date) => workingDayOf(office, date))).toEqual([
      { kind: 'holiday', weekday: 'mon', intervals: [] },
      { kind: 'make-up', weekday: 'sat', worksAs: 'mon', intervals: [{ startMinute: 540, endMinute: 720 }] },
      { kind: 'rest-day', weekday: 'sun', intervals: [] },
      { kind: 'workday', weekday: 'mon', intervals: [{ startMinute: 540, endMinute: 720 }] },
    ]);
  });
});
