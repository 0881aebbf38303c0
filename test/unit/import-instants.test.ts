import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { formatIso, monthKey, parseInstant } from '../../src/domain/time.js';
import { createInstantReader, createIsoFormatter, createMonthKeyer } from '../../src/importer/instants.js';
import { thrown } from './thrown.js';

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
const FIRST = Date.UTC(1970, 0, 2);
const LAST = Date.UTC(2099, 11, 30);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('the import time reader', () => {
  it.each(ZONES)('reads what parseInstant reads, the same way, in %s', (zone) => {
    const reader = createInstantReader(zone);
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }), fc.integer({ min: 0, max: 5 }), (ms, shape) => {
        const d = new Date(ms);
        const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
        const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
        const text = [
          `${date}T${time}:${pad(d.getUTCSeconds())}+08:00`,
          `${date}T${time}:${pad(d.getUTCSeconds())}Z`,
          `${date} ${time}:${pad(d.getUTCSeconds())}`,
          `${date} ${time}`,
          `${date}T${time}`,
          date,
        ][shape]!;
        expect(reader.read(text, 'created_at')).toBe(parseInstant(text, zone, 'created_at'));
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ['2026-03-08 02:30', 'America/New_York'], // the hour that does not exist
    ['2026-11-01 01:30', 'America/New_York'], // the hour that happens twice
    ['2026-03-29 01:30', 'Europe/London'],
    ['2026-11-25T14:30:00.250+08:00', 'Asia/Shanghai'],
    ['2026-11-25T14:30:00+0800', 'Asia/Shanghai'],
  ])('leaves "%s" in %s to luxon, with the same result', (text, zone) => {
    expect(createInstantReader(zone).read(text, 'x')).toBe(parseInstant(text, zone, 'x'));
  });

  it('reads dates written with slashes, as Chinese Excel writes them', () => {
    expect(createInstantReader('Asia/Shanghai').read('2026/10/09 10:15', 'x')).toBe(Date.UTC(2026, 9, 9, 2, 15));
  });

  it.each(['2026-02-30 10:00', '2026-13-01', '2026-11-25 25:00', '1969-12-31 23:59', '2100-01-01 00:00', 'yesterday', '2026-11-25T14:61:00+08:00'])(
    'refuses "%s" with parseInstant\'s message',
    (text) => {
      const error = thrown(() => createInstantReader('Asia/Shanghai').read(text, 'created_at'));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toMatch(/^created_at: /);
    },
  );
});

describe('the export time formatter', () => {
  it.each(ZONES)('writes what formatIso writes, in %s', (zone) => {
    const format = createIsoFormatter(zone);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: LAST }), (ms) => {
        expect(format(ms)).toBe(formatIso(ms, zone));
      }),
      { numRuns: 2000 },
    );
  });

  it('gets the moments around a daylight-saving change right', () => {
    const format = createIsoFormatter('America/New_York');
    const change = Date.UTC(2026, 2, 8, 7, 0); // 03:00 EDT
    for (let ms = change - 3_600_000; ms <= change + 3_600_000; ms += 60_000) expect(format(ms)).toBe(formatIso(ms, 'America/New_York'));
  });
});

describe('the month of a ticket number', () => {
  it.each(ZONES)('is monthKey in %s', (zone) => {
    const key = createMonthKeyer(zone);
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }), (ms) => {
        expect(key(ms)).toBe(monthKey(ms, zone));
      }),
      { numRuns: 500 },
    );
  });
});
