import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { formatIso, formatLocal, formatSpan, monthKey, parseDeadline, parseDuration, parseInstant } from '../../src/domain/time.js';
import { thrown } from './thrown.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseInstant', () => {
  it.each([
    { text: '2026-11-25T14:30:00+08:00', zone: 'Asia/Shanghai', ms: Date.UTC(2026, 10, 25, 6, 30) },
    { text: '2026-11-25T14:30:00+08:00', zone: 'America/New_York', ms: Date.UTC(2026, 10, 25, 6, 30) }, // the offset wins
    { text: '2026-11-25T06:30:00Z', zone: 'Asia/Shanghai', ms: Date.UTC(2026, 10, 25, 6, 30) },
    { text: '2026-11-25T14:30', zone: 'Asia/Shanghai', ms: Date.UTC(2026, 10, 25, 6, 30) },
    { text: '2026-11-25 14:30', zone: 'Asia/Shanghai', ms: Date.UTC(2026, 10, 25, 6, 30) },
    { text: '2026-11-25 14:30:15', zone: 'Asia/Shanghai', ms: Date.UTC(2026, 10, 25, 6, 30, 15) },
    { text: '  2026-11-25 14:30  ', zone: 'Asia/Shanghai', ms: Date.UTC(2026, 10, 25, 6, 30) },
    { text: '2026-11-25 14:30', zone: 'UTC', ms: Date.UTC(2026, 10, 25, 14, 30) },
    { text: '2026-11-25', zone: 'Asia/Shanghai', ms: Date.UTC(2026, 10, 24, 16, 0) },
    { text: '2026-07-01 09:00', zone: 'America/New_York', ms: Date.UTC(2026, 6, 1, 13, 0) }, // summer time, UTC-4
    { text: '1970-01-01 00:00', zone: 'Asia/Shanghai', ms: Date.UTC(1969, 11, 31, 16, 0) }, // the year counts where it was written
    { text: '2099-12-31 20:00', zone: 'America/New_York', ms: Date.UTC(2100, 0, 1, 1, 0) },
    // As people and Chinese Excel write them.
    { text: '2026/11/3 9:05', zone: 'Asia/Shanghai', ms: Date.UTC(2026, 10, 3, 1, 5) },
    { text: '2026/11/03 09:05:00', zone: 'Asia/Shanghai', ms: Date.UTC(2026, 10, 3, 1, 5) },
    { text: '2026-11-3 9:05', zone: 'Asia/Shanghai', ms: Date.UTC(2026, 10, 3, 1, 5) },
    { text: '2026年11月3日 9:05', zone: 'Asia/Shanghai', ms: Date.UTC(2026, 10, 3, 1, 5) },
    { text: '2026年11月3日9时5分', zone: 'Asia/Shanghai', ms: Date.UTC(2026, 10, 3, 1, 5) },
    { text: '2026年11月3日', zone: 'Asia/Shanghai', ms: Date.UTC(2026, 10, 2, 16, 0) },
    { text: '2026.11.03', zone: 'Asia/Shanghai', ms: Date.UTC(2026, 10, 2, 16, 0) },
    { text: '2026/3/29 10:00', zone: 'Europe/Berlin', ms: Date.UTC(2026, 2, 29, 8, 0) }, // the day summer time begins
  ])('reads "$text" in $zone', ({ text, zone, ms }) => {
    expect(parseInstant(text, zone, '--created-at')).toBe(ms);
  });

  it.each(['3000-01-01', '0001-01-01 00:00', '1969-12-31 23:59', '2100-01-01T00:00:00Z'])('refuses the absurd year in "%s"', (text) => {
    const error = thrown(() => parseInstant(text, 'UTC', '--created-at'));
    expect([error.constructor, error.message, error.hint]).toEqual([UsageError, `--created-at: ${text} is outside 1970–2099`, 'check the year']);
  });

  it.each(['garbage', '', '25/11/2026', '2026-13-01 10:00', '2026-02-30 10:00', '2026-11-25 25:00', 'next tuesday', '2026年13月1日', '2026/11/3 9:5x'])('refuses "%s", naming the flag', (text) => {
    const error = thrown(() => parseInstant(text, 'Asia/Shanghai', '--occurred-at'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`--occurred-at: cannot read "${text}" as a time`);
    expect(error.hint).toBe('expected ISO 8601 with offset (2026-11-25T14:30:00+08:00), or a local date and time: 2026-11-25 14:30, 2026/11/25 14:30, 2026.11.25, 2026年11月25日 14:30 (a date alone is midnight)');
  });
});

describe('formatIso and formatLocal', () => {
  it.each([
    { zone: 'Asia/Shanghai', iso: '2026-11-25T14:30:00+08:00', local: '2026-11-25 14:30' },
    { zone: 'UTC', iso: '2026-11-25T06:30:00Z', local: '2026-11-25 06:30' },
    { zone: 'America/New_York', iso: '2026-11-25T01:30:00-05:00', local: '2026-11-25 01:30' },
  ])('show 06:30Z in $zone', ({ zone, iso, local }) => {
    expect(formatIso(Date.UTC(2026, 10, 25, 6, 30), zone)).toBe(iso);
    expect(formatLocal(Date.UTC(2026, 10, 25, 6, 30), zone)).toBe(local);
  });

  it('formatIso is to the second, whatever the milliseconds', () => {
    expect(formatIso(Date.UTC(2026, 10, 25, 6, 30, 0, 999), 'Asia/Shanghai')).toBe('2026-11-25T14:30:00+08:00');
  });

  it('formatLocal drops the seconds without rounding', () => {
    expect(formatLocal(Date.UTC(2026, 10, 25, 6, 30, 59), 'Asia/Shanghai')).toBe('2026-11-25 14:30');
  });

  it('formatIso reads back to the same instant', () => {
    expect(parseInstant(formatIso(Date.UTC(2026, 0, 1, 0, 0, 1), 'Asia/Shanghai'), 'UTC', 'x')).toBe(Date.UTC(2026, 0, 1, 0, 0, 1));
  });
});

describe('monthKey', () => {
  it.each([
    { utc: '2026-10-31T15:59:59Z', ms: Date.UTC(2026, 9, 31, 15, 59, 59), shanghai: '202610', utcKey: '202610' },
    { utc: '2026-10-31T16:00:00Z', ms: Date.UTC(2026, 9, 31, 16, 0, 0), shanghai: '202611', utcKey: '202610' },
    { utc: '2026-11-30T23:59:59Z', ms: Date.UTC(2026, 10, 30, 23, 59, 59), shanghai: '202612', utcKey: '202611' },
    { utc: '2026-12-31T16:00:00Z', ms: Date.UTC(2026, 11, 31, 16, 0, 0), shanghai: '202701', utcKey: '202612' },
  ])('$utc is $shanghai in Shanghai, $utcKey in UTC', ({ ms, shanghai, utcKey }) => {
    expect(monthKey(ms, 'Asia/Shanghai')).toBe(shanghai);
    expect(monthKey(ms, 'UTC')).toBe(utcKey);
  });
});

describe('parseDuration', () => {
  it.each([
    ['45s', 45_000], ['10m', 10 * MINUTE], ['90m', 90 * MINUTE], ['2h', 2 * HOUR], ['1d', DAY], ['1w', 7 * DAY],
    ['1h30m', 90 * MINUTE], ['1d2h', 26 * HOUR], ['2H', 2 * HOUR], [' 10m ', 10 * MINUTE], ['1h 30m', 90 * MINUTE], ['2 h', 2 * HOUR],
  ] as const)('reads "%s"', (text, ms) => {
    expect(parseDuration(text, 'targets.normal.response')).toBe(ms);
  });

  it.each(['', 'h', '10', '10x', '1.5h', '-2h', '1h30', 'two hours', '2h!'])('refuses "%s"', (text) => {
    const error = thrown(() => parseDuration(text, 'targets.normal.response'));
    expect([error.constructor, error.message, error.hint]).toEqual([
      UsageError, `targets.normal.response: cannot read "${text}" as a duration`, 'use a number with a unit: 30m, 2h, 1d, 1h30m',
    ]);
  });
});

describe('formatSpan', () => {
  it.each([
    [0, '0s'], [999, '0s'], [45_000, '45s'], [59_999, '59s'], [MINUTE, '1m'], [59 * MINUTE, '59m'], [HOUR, '1h'],
    [80 * MINUTE, '1h20m'], [DAY, '1d'], [DAY + 4 * HOUR, '1d4h'], [DAY + 30 * MINUTE, '1d'], [3 * DAY + 4 * HOUR + 59 * MINUTE, '3d4h'],
    [-90 * MINUTE, '1h30m'], // overdue spans read the same; the caller says "overdue"
  ] as const)('%d ms reads "%s"', (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });
});

describe('parseDeadline', () => {
  const now = Date.UTC(2026, 10, 27, 2, 0); // 10:00 in Shanghai
  it.each([
    { text: '2d', at: now + 2 * 86_400_000 },
    { text: '4h', at: now + 4 * 3_600_000 },
    { text: '1d12h', at: now + 36 * 3_600_000 },
    { text: '2026-11-28 17:00', at: Date.UTC(2026, 10, 28, 9, 0) },
    { text: '2026/11/28 17:00', at: Date.UTC(2026, 10, 28, 9, 0) },
    { text: '2026年11月28日', at: Date.UTC(2026, 10, 27, 16, 0) },
  ])('reads $text', ({ text, at }) => expect(parseDeadline(text, 'Asia/Shanghai', now, '--reply-by')).toBe(at));

  it('names the flag when it reads neither', () => {
    expect(() => parseDeadline('soon', 'Asia/Shanghai', now, '--reply-by')).toThrow('--reply-by: cannot read "soon" as a time');
  });
});
