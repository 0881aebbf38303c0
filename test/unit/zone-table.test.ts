import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatIso, formatLocal, luxonZone, monthKey, useZoneTable } from '../../src/domain/time.js';
import { tableZone, tabulateZone, ZoneOffsets } from '../../src/domain/zone-table.js';

const FROM = Date.UTC(1990, 0, 1);
const TO = Date.UTC(2060, 0, 1);
// Daylight saving both ways, half-hour offsets and a half-hour DST (Lord Howe), a zone that
// dropped DST (Sao Paulo, 2019), a date-line jump (Apia skipped 30 December 2011), daylight
// saving suspended for Ramadan (Casablanca, Cairo), none at all.
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Pacific/Apia', 'Africa/Casablanca', 'Africa/Cairo', 'Asia/Shanghai', 'UTC'];

describe('zone tables', () => {
  for (const name of ZONES) {
    const table = tabulateZone(name, FROM, TO);
    const zone = tableZone(new ZoneOffsets(table));
    const icu = IANAZone.create(name);

    it(`${name}: the offset ICU gives, at any instant`, () => {
      fc.assert(
        fc.property(fc.integer({ min: FROM - 86_400_000 * 400, max: TO + 86_400_000 * 400 }), (ms) => {
          expect(zone.offset(ms)).toBe(icu.offset(ms));
        }),
        { numRuns: 2000 },
      );
    });

    it(`${name}: the offset ICU gives on both sides of every change`, () => {
      for (const [at] of table.offsets.slice(1)) {
        for (const ms of [at - 60_000, at - 1, at, at + 1, at + 60_000]) expect(zone.offset(ms), new Date(ms).toISOString()).toBe(icu.offset(ms));
      }
    });
  }

  it('finds every daylight-saving change of Berlin, to the minute', () => {
    const changes = tabulateZone('Europe/Berlin', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)).offsets.slice(1);
    // The last Sundays of March and October, at 01:00 UTC.
    expect(changes).toEqual([
      [Date.UTC(2026, 2, 29, 1), 120],
      [Date.UTC(2026, 9, 25, 1), 60],
    ]);
  });

  it('formats local times and offsets as luxon does with ICU', () => {
    const zone = tableZone(new ZoneOffsets(tabulateZone('America/New_York', FROM, TO)));
    for (const ms of [Date.UTC(2026, 2, 8, 6, 59), Date.UTC(2026, 2, 8, 7, 0), Date.UTC(2026, 10, 1, 5, 30), Date.UTC(2026, 6, 4, 12)]) {
      const ours = DateTime.fromMillis(ms, { zone });
      const theirs = DateTime.fromMillis(ms, { zone: 'America/New_York' });
      expect(ours.toISO()).toBe(theirs.toISO());
      expect(ours.toFormat('yyyy-MM-dd HH:mm ZZ Z ZZZ')).toBe(theirs.toFormat('yyyy-MM-dd HH:mm ZZ Z ZZZ'));
      expect(ours.startOf('day').toMillis()).toBe(theirs.startOf('day').toMillis());
      expect(ours.plus({ months: 1 }).toMillis()).toBe(theirs.plus({ months: 1 }).toMillis());
    }
  });

  it('reads local wall-clock times as luxon does with ICU, gaps and overlaps included', () => {
    const zone = tableZone(new ZoneOffsets(tabulateZone('Europe/Berlin', FROM, TO)));
    for (const text of ['2026-03-29 02:30', '2026-10-25 02:30', '2026-10-25 03:00', '2026-07-01 00:00']) {
      const ours = DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm', { zone });
      const theirs = DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm', { zone: 'Europe/Berlin' });
      expect(ours.toMillis(), text).toBe(theirs.toMillis());
    }
  });

  it('writes times from the table exactly as luxon writes them with ICU', () => {
    const zones = ['Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns', 'Asia/Shanghai', 'Etc/UTC'];
    for (const name of zones) useZoneTable(tabulateZone(name, FROM, TO));
    // Written from the tables, not by luxon's own zones: else this would compare luxon with itself.
    for (const name of zones) expect(luxonZone(name), name).not.toBe(name);
    fc.assert(
      fc.property(fc.constantFrom(...zones, 'UTC'), fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2065, 0, 1) }), (zone, ms) => {
        const theirs = DateTime.fromMillis(ms, { zone });
        expect(formatIso(ms, zone)).toBe(theirs.startOf('second').toISO({ suppressMilliseconds: true }));
        expect(formatLocal(ms, zone)).toBe(theirs.toFormat('yyyy-MM-dd HH:mm'));
        expect(monthKey(ms, zone)).toBe(theirs.toFormat('yyyyMM'));
      }),
      { numRuns: 3000 },
    );
  });
});
