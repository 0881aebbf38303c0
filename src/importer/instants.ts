// Reading and writing times at import/export speed. A million rows carry ten million times, and
// luxon takes microseconds for each; the common shapes are read and written here by arithmetic
// with the zone's offset cached per local or UTC day, and everything else goes through luxon
// (parseInstant, formatIso), so the results are the same as the rest of the desk's.
import { luxon } from '../domain/luxon.js';
import { formatIso, isoAtOffset, isUtc, luxonZone, monthKey, parseInstant, zoneOffset } from '../domain/time.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const FIRST_YEAR = 1970;
const LAST_YEAR = 2099;

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
      const { DateTime } = luxon();
      const start = DateTime.fromMillis(localDay * DAY_MS, { zone: 'UTC' });
      const local = DateTime.fromObject({ year: start.year, month: start.month, day: start.day }, { zone: luxonZone(zone) });
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
      const ms = readCommonShape(text, localOffset);
      if (ms !== null) return ms;
      // Anything else, and days with a daylight-saving change: luxon decides, and names the place.
      // Its formats have dashes only: a slashed date (2026/03/29 10:00) is read dashed, as the
      // fast path reads it on every other day.
      if (SLASHED_DATE.test(text)) {
        try {
          return parseInstant(`${text.slice(0, 4)}-${text.slice(5, 7)}-${text.slice(8)}`, zone, place);
        } catch {
          // the message below names the text as written
        }
      }
      return parseInstant(text, zone, place);
    },
  };
}

const SLASHED_DATE = /^\d{4}\/\d{2}\/\d{2}(?:[T ]|$)/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two or four ASCII digits at `at`, or -1. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * The shapes nearly every file uses, read by hand (a regular expression and a Date per time cost
 * more than the rest of a row): 2026-11-25T14:30:00+08:00, …Z, 2026-11-25 14:30[:00] and
 * 2026-11-25, with - or / in the date. Null for anything else.
 */
function readCommonShape(text: string, localOffset: (localDay: number) => number | null): number | null {
  const length = text.length;
  if (length < 10) return null;
  const dash = text.charCodeAt(4);
  if ((dash !== 45 && dash !== 47) || text.charCodeAt(7) !== dash) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return null;
  const leap = month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  if (day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return null;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let at = 10;
  if (length > 10) {
    const t = text.charCodeAt(10);
    if ((t !== 84 && t !== 32) || length < 16 || text.charCodeAt(13) !== 58) return null;
    hour = digits(text, 11, 2);
    minute = digits(text, 14, 2);
    at = 16;
    if (length > 16 && text.charCodeAt(16) === 58) {
      second = digits(text, 17, 2);
      at = 19;
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (at === length) {
    const offset = localOffset(Math.floor(wall / DAY_MS));
    return offset === null ? null : wall - offset * MINUTE_MS;
  }
  if (at === 10) return null;
  const zone = text.charCodeAt(at);
  if (zone === 90 && at + 1 === length) return wall;
  if ((zone === 43 || zone === 45) && at + 6 === length && text.charCodeAt(at + 3) === 58) {
    const hours = digits(text, at + 1, 2);
    const minutes = digits(text, at + 4, 2);
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) return null;
    return wall - (zone === 45 ? -1 : 1) * (hours * 60 + minutes) * MINUTE_MS;
  }
  return null;
}

/** formatIso(ms, zone), with the zone's offset cached per UTC day. */
export function createIsoFormatter(zone: string): (ms: number) => string {
  // UTC day number → offset (minutes) when constant over the day, else null.
  const dayOffsets = new Map<number, number | null>();
  const utc = isUtc(zone);
  return (ms) => {
    const utcDay = Math.floor(ms / DAY_MS);
    let offset = dayOffsets.get(utcDay);
    if (offset === undefined) {
      const first = zoneOffset(utcDay * DAY_MS, zone);
      offset = first === zoneOffset((utcDay + 1) * DAY_MS - 1, zone) ? first : null;
      dayOffsets.set(utcDay, offset);
    }
    if (offset === null || ms < 0) return formatIso(ms, zone);
    const year = new Date(ms + offset * MINUTE_MS).getUTCFullYear();
    if (year < 1000 || year > 9999) return formatIso(ms, zone);
    return isoAtOffset(ms, offset, utc);
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
      const local = luxon().DateTime.fromMillis(ms, { zone: luxonZone(zone) }).startOf('month');
      last = { start: local.toMillis(), end: local.plus({ months: 1 }).toMillis(), key: monthKey(ms, zone) };
      months.push(last);
    }
    return last.key;
  };
}
