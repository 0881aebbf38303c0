// Reading and writing times at import/export speed. A million rows carry ten million times, and
// luxon takes microseconds for each; the common shapes are read and written here by arithmetic
// with the zone's offset cached per local or UTC day, and everything else goes through luxon
// (parseInstant, formatIso), so the results are the same as the rest of the desk's.
import { DateTime } from 'luxon';
import { formatIso, monthKey, parseInstant } from '../domain/time.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const FIRST_YEAR = 1970;
const LAST_YEAR = 2099;

// 2026-11-25T14:30[:00[.000]][Z|+08:00|+0800] and 2026-11-25 14:30[:00]; also 2026/11/25.
const SHAPE = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** The zone's offset in minutes, as luxon computes it, for an instant. */
function offsetAt(ms: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).offset;
}

export interface InstantReader {
  /** Epoch milliseconds; throws a UsageError naming `place` and the accepted formats. */
  read(text: string, place: string): number;
}

/**
 * Reads ISO 8601 with an offset, or local wall-clock times in `zone` (`YYYY-MM-DD HH:MM[:SS]`,
 * also with `T` or slashes, or a date alone for midnight), as parseInstant does.
 */
export function createInstantReader(zone: string): InstantReader {
  // Local day number → the zone's offset (minutes) when it is the same all day, else null.
  const dayOffsets = new Map<number, number | null>();
  const localOffset = (localDay: number): number | null => {
    let offset = dayOffsets.get(localDay);
    if (offset === undefined) {
      const start = DateTime.fromMillis(localDay * DAY_MS, { zone: 'UTC' });
      const local = DateTime.fromObject({ year: start.year, month: start.month, day: start.day }, { zone });
      const first = local.offset;
      const last = local.plus({ hours: 23, minutes: 59 }).offset;
      const next = local.plus({ days: 1 }).offset;
      offset = first === last && first === next ? first : null;
      dayOffsets.set(localDay, offset);
    }
    return offset;
  };
  return {
    read(text, place) {
      const m = SHAPE.exec(text);
      if (m) {
        const year = +m[1]!;
        const month = +m[2]!;
        const day = +m[3]!;
        const hour = m[4] === undefined ? 0 : +m[4];
        const minute = m[5] === undefined ? 0 : +m[5];
        const second = m[6] === undefined ? 0 : +m[6];
        const millis = m[7] === undefined ? 0 : Math.floor(+`0.${m[7]}` * 1000);
        const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
        const valid =
          year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12 && hour <= 23 && minute <= 59 && second <= 59 &&
          new Date(wall).getUTCDate() === day && (m[4] !== undefined || m[8] === undefined);
        if (valid) {
          const zoneText = m[8];
          if (zoneText !== undefined) {
            if (zoneText === 'Z') return wall;
            const sign = zoneText[0] === '-' ? -1 : 1;
            const digits = zoneText.slice(1).replace(':', '');
            const offsetMinutes = sign * (+digits.slice(0, 2) * 60 + (digits.length > 2 ? +digits.slice(2) : 0));
            if (Math.abs(offsetMinutes) <= 18 * 60) return wall - offsetMinutes * MINUTE_MS;
          } else {
            const offset = localOffset(Math.floor(wall / DAY_MS));
            if (offset !== null) return wall - offset * MINUTE_MS;
          }
        }
      }
      // Anything else, and days with a daylight-saving change: luxon decides, and names the place.
      return parseInstant(text, zone, place);
    },
  };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** formatIso(ms, zone), with the zone's offset cached per UTC day. */
export function createIsoFormatter(zone: string): (ms: number) => string {
  // UTC day number → offset (minutes) when constant over the day, else null.
  const dayOffsets = new Map<number, number | null>();
  const utc = formatIso(0, zone).endsWith('Z');
  return (ms) => {
    const utcDay = Math.floor(ms / DAY_MS);
    let offset = dayOffsets.get(utcDay);
    if (offset === undefined) {
      const first = offsetAt(utcDay * DAY_MS, zone);
      offset = first === offsetAt((utcDay + 1) * DAY_MS - 1, zone) ? first : null;
      dayOffsets.set(utcDay, offset);
    }
    if (offset === null || ms < 0) return formatIso(ms, zone);
    const d = new Date(ms + offset * MINUTE_MS);
    const year = d.getUTCFullYear();
    if (year < 1000 || year > 9999) return formatIso(ms, zone);
    return `${year}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}${utc && offset === 0 ? 'Z' : offsetText(offset)}`;
  };
}

/** monthKey(ms, zone) (the period of a ticket number), with each month's bounds computed once. */
export function createMonthKeyer(zone: string): (ms: number) => string {
  const months: { start: number; end: number; key: string }[] = [];
  let last: { start: number; end: number; key: string } | undefined;
  return (ms) => {
    if (last && ms >= last.start && ms < last.end) return last.key;
    last = months.find((m) => ms >= m.start && ms < m.end);
    if (!last) {
      const local = DateTime.fromMillis(ms, { zone }).startOf('month');
      last = { start: local.toMillis(), end: local.plus({ months: 1 }).toMillis(), key: monthKey(ms, zone) };
      months.push(last);
    }
    return last.key;
  };
}
