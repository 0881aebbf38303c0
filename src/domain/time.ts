import type { Zone } from 'luxon';
import { UsageError } from './errors.js';
import { luxon } from './luxon.js';
import { formatOffset, tableZone, ZoneOffsets, type ZoneTable } from './zone-table.js';

/** The tabulated zones: their offsets, and the luxon zone made of them once one is asked for. */
const tabulated = new Map<string, { offsets: ZoneOffsets; zone?: Zone }>();

/** From now on, times in `table.name` are worked out from the table (see zone-table.ts). */
export function useZoneTable(table: ZoneTable): void {
  tabulated.set(table.name, { offsets: new ZoneOffsets(table) });
}

/** The zone to hand luxon for `name`: its table when there is one. */
export function luxonZone(name: string): Zone | string {
  const entry = tabulated.get(name);
  if (!entry) return name;
  return (entry.zone ??= tableZone(entry.offsets));
}

/** UTC as luxon names it: written with Z, never asked of ICU. */
const UTC_NAMES = new Set(['utc', 'gmt']);

/** True for the names of UTC itself, whose times are written with Z. */
export function isUtc(zone: string): boolean {
  return UTC_NAMES.has(zone.toLowerCase());
}

/** The offset of `zone` at `ms` without luxon, when known: UTC, or a tabulated zone within its table. */
function knownOffset(ms: number, zone: string): number | null {
  if (isUtc(zone)) return 0;
  return tabulated.get(zone)?.offsets.at(ms) ?? null;
}

/** The offset of `zone` at `ms` in minutes: from its table when known, else as luxon computes it. */
export function zoneOffset(ms: number, zone: string): number {
  return knownOffset(ms, zone) ?? luxon().DateTime.fromMillis(ms, { zone }).offset;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2026-11-25" from a wallClock() date. */
const wallDate = (wall: Date) => `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;

/** The wall clock of `zone` at `ms` as a Date whose UTC fields read it, when the offset is known. */
function wallClock(ms: number, zone: string): { wall: Date; offset: number } | null {
  const offset = knownOffset(ms, zone);
  return offset === null ? null : { wall: new Date(ms + offset * 60_000), offset };
}

// Years outside this range are typing mistakes, not history a desk keeps.
const FIRST_YEAR = 1970;
const LAST_YEAR = 2099;

const LOCAL_FORMATS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd'];
const EXPECTED = 'ISO 8601 with offset (2026-11-25T14:30:00+08:00), or a local date and time: 2026-11-25 14:30, 2026/11/25 14:30, 2026.11.25, 2026年11月25日 14:30 (a date alone is midnight)';

export function checkZone(zone: string, place: string): string {
  if (luxon().IANAZone.isValidZone(zone)) return zone;
  throw new UsageError(`${place}: unknown time zone "${zone}"`, 'use an IANA name such as Asia/Shanghai or UTC');
}

// Dates as people and Chinese Excel write them: 2026/11/3 9:05, 2026-11-3, 2026.11.03,
// 2026年11月3日 9:05, with a time or without (midnight).
const PEOPLE_DATE = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:(?:\s+|T|\s*日?\s*)(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})\s*秒?|\s*分)?)?$/;

/** `2026年11月3日 9:05` → `2026-11-03 09:05`, or the text as it was when it is no such date. */
export function normaliseLocalDate(text: string): string {
  const m = PEOPLE_DATE.exec(text);
  if (!m) return text;
  const [, year, month, day, hour, minute, second] = m;
  const date = `${year}-${pad(Number(month))}-${pad(Number(day))}`;
  if (hour === undefined) return date;
  return `${date} ${pad(Number(hour))}:${pad(Number(minute))}${second === undefined ? '' : `:${pad(Number(second))}`}`;
}

/** Reads a time given by an operator or a file; local forms are read in `zone`. */
export function parseInstant(text: string, zone: string, place: string): number {
  const trimmed = normaliseLocalDate(text.trim());
  const { DateTime } = luxon();
  const local = luxonZone(zone);
  let parsed = DateTime.fromISO(trimmed, { zone: local, setZone: true });
  for (const format of LOCAL_FORMATS) {
    if (parsed.isValid) break;
    parsed = DateTime.fromFormat(trimmed, format, { zone: local });
  }
  if (!parsed.isValid) throw new UsageError(`${place}: cannot read "${text}" as a time`, `expected ${EXPECTED}`);
  if (parsed.year < FIRST_YEAR || parsed.year > LAST_YEAR) {
    throw new UsageError(`${place}: ${trimmed} is outside ${FIRST_YEAR}–${LAST_YEAR}`, 'check the year');
  }
  return parsed.toMillis();
}

/** ISO 8601 with the offset of `zone`, to the second: the shape of every time in --json. */
export function formatIso(ms: number, zone: string): string {
  const offset = knownOffset(ms, zone);
  if (offset === null) return luxon().DateTime.fromMillis(ms, { zone }).startOf('second').toISO({ suppressMilliseconds: true }) ?? '';
  return isoAtOffset(ms, offset, isUtc(zone));
}

/** formatIso's text for an instant whose offset (minutes) is known; `utc` for Z (see isUtc). */
export function isoAtOffset(ms: number, offset: number, utc: boolean): string {
  const wall = new Date(ms + offset * 60_000);
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  return `${wallDate(wall)}T${time}${utc ? 'Z' : formatOffset(offset, 'short')}`;
}

/** "2026-11-25 14:30" in `zone`: how times read in tables. */
export function formatLocal(ms: number, zone: string): string {
  const known = wallClock(ms, zone);
  if (!known) return luxon().DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');
  const { wall } = known;
  return `${wallDate(wall)} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/** yyyymm of the month `ms` falls in, in `zone`: the period of a ticket number. */
export function monthKey(ms: number, zone: string): string {
  const known = wallClock(ms, zone);
  if (!known) return luxon().DateTime.fromMillis(ms, { zone }).toFormat('yyyyMM');
  return `${pad(known.wall.getUTCFullYear(), 4)}${pad(known.wall.getUTCMonth() + 1)}`;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses "90m", "2h", "1d", "1h30m". */
export function parseDuration(text: string, place: string): number {
  const trimmed = text.trim().toLowerCase();
  const parts = [...trimmed.matchAll(/(\d+)\s*([smhdw])/g)];
  const compact = (s: string) => s.replace(/\s+/g, '');
  if (!parts.length || compact(parts.map((p) => p[0]).join('')) !== compact(trimmed)) {
    throw new UsageError(`${place}: cannot read "${text}" as a duration`, 'use a number with a unit: 30m, 2h, 1d, 1h30m');
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!]!, 0);
}

/**
 * A deadline as an operator gives it: a duration counts from `now` (`2d`, `4h`, wall-clock time),
 * anything else is a time read as parseInstant reads it (`2026/11/27 17:00`, `2026年11月27日`).
 */
export function parseDeadline(text: string, zone: string, now: number, place: string): number {
  if (/^\s*\d+\s*[smhdw]/i.test(text) && /[smhdw]\s*$/i.test(text)) return now + parseDuration(text, place);
  return parseInstant(text, zone, place);
}

/** "1h20m", "3d4h", "45s": a span short enough to read in a table. */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes === 0) return `${Math.floor(Math.abs(ms) / 1000)}s`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days) return hours ? `${days}d${hours}h` : `${days}d`;
  if (hours) return mins ? `${hours}h${mins}m` : `${hours}h`;
  return `${mins}m`;
}
