// The week a calendar is written in: intervals of a day and the weekday of a date.
import { describe, expect, it } from 'vitest';
import { readInterval, weekdayOf } from '../../src/sla/working-hours.js';

describe('reading an interval of a day', () => {
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
});

describe('the weekday of a date', () => {
  it('knows the weekdays of 2026 the tests rely on', () => {
    expect(['2026-09-27', '2026-10-01', '2026-10-10', '2026-03-29', '2026-10-25'].map(weekdayOf)).toEqual(['sun', 'thu', 'sat', 'sun', 'sun']);
  });
});
