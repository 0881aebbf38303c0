// Business-time arithmetic (DESIGN.md "SLA"): pure functions over compiled calendars, exact to the
// millisecond. They walk a local day and its working intervals at a time, never minute by minute.
//
// Rules every function here follows:
// - Working intervals are half-open wall-clock times, turned into instants per local day with luxon,
//   so a day of a daylight-saving change counts the time that really passes (01:00-04:00 in
//   Europe/Berlin is 2 h on the last Sunday of March and 4 h on the last Sunday of October).
// - Adding N > 0 counts from `start` if it is working time, else from the next working start; a sum
//   that ends exactly at the end of an interval is that end ("due 18:00 today"), not the next opening.
// - Adding zero returns `start` when it is working time, else the next working start: "now, or as
//   soon as the desk opens". Any other sum ends at the end of counted working time.
import type { IANAZone } from 'luxon';
import { luxon } from '../domain/luxon.js';
import { workingDayOf, type BusinessCalendar, type DayKind, type OfficeCalendar } from './business-calendar.js';
import type { TargetDuration } from './target-duration.js';
import type { Weekday } from './working-hours.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// Walking further than this means an absurd amount of time: stop rather than spin.
const MAX_DAYS_WALKED = 366 * 200;

/** A local day that has no working time (weekend, holiday) walked over. */
export interface ClosedDay {
  date: string;
  kind: DayKind;
}

/** Why a stretch of time did not count. */
export type SkipReason = 'before-opening' | 'break' | 'night' | 'closed-days';

/** One step of a computation, for `desk sla explain`. Times are UTC epoch milliseconds. */
export type BusinessTimeStep =
  | { kind: 'elapsed'; fromMs: number; toMs: number }
  | { kind: 'counted'; date: string; dayKind: DayKind; worksAs?: Weekday; fromMs: number; toMs: number }
  | { kind: 'skipped'; reason: SkipReason; fromMs: number; toMs: number; closedDays: ClosedDay[] }
  | { kind: 'working-days'; days: number; fromMs: number; toMs: number; closedDays: ClosedDay[] };

export interface BusinessTimeExplanation {
  startMs: number;
  dueMs: number;
  steps: BusinessTimeStep[];
}

// ---------------------------------------------------------------------------------------------
// Local days of an office calendar, as instants. Building one costs a few luxon conversions, so
// days are memoised per calendar: the results stay pure, repeated due times cost map lookups.

interface InstantInterval {
  startMs: number;
  endMs: number;
}

interface DayPlan {
  /** Days since 1970-01-01 on the local calendar. */
  epochDay: number;
  date: string;
  kind: DayKind;
  worksAs?: Weekday;
  /** Local midnight to the next local midnight. */
  startMs: number;
  endMs: number;
  /** Working intervals of positive length, in order. */
  intervals: readonly InstantInterval[];
}

interface CalendarDays {
  zone: IANAZone;
  /** Any offset of the zone: a first guess of an instant's local day, corrected against the day's bounds. */
  guessOffsetMs: number;
  plans: Map<number, DayPlan>;
}

const MAX_REMEMBERED_DAYS = 8192;
const daysByCalendar = new WeakMap<OfficeCalendar, CalendarDays>();

function daysOf(calendar: OfficeCalendar): CalendarDays {
  let days = daysByCalendar.get(calendar);
  if (!days) {
    const zone = luxon().IANAZone.create(calendar.timezone);
    days = { zone, guessOffsetMs: zone.offset(Date.UTC(2026, 0, 1)) * MINUTE_MS, plans: new Map() };
    daysByCalendar.set(calendar, days);
  }
  return days;
}

/** YYYY-MM-DD of a local epoch day. */
function isoDateOf(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/** The instant of a wall-clock time (minutes into a local day, 1440 = the next midnight). */
function wallInstant(zone: IANAZone, epochDay: number, minuteOfDay: number): number {
  const wallMs = epochDay * DAY_MS + minuteOfDay * MINUTE_MS; // the wall time read as if it were UTC
  const wall = new Date(wallMs);
  const local = luxon().DateTime.fromObject(
    { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes() },
    { zone },
  );
  const instant = local.toMillis();
  const shownWallMs = instant + local.offset * MINUTE_MS;
  if (shownWallMs === wallMs) return instant; // ambiguous autumn times take luxon's choice: the later offset
  // Clocks jumped over this wall time (spring forward). luxon moved it past the gap; it maps instead
  // to the instant of the jump, so an interval across the gap counts only time that really passed.
  return firstInstantWithOffset(zone, instant - (shownWallMs - wallMs), instant, local.offset);
}

/** The earliest instant in (before, after] whose offset is `offset`, where `before` has another one. */
function firstInstantWithOffset(zone: IANAZone, before: number, after: number, offset: number): number {
  while (after - before > 1) {
    const middle = before + Math.floor((after - before) / 2);
    if (zone.offset(middle) === offset) after = middle;
    else before = middle;
  }
  return after;
}

function dayPlan(calendar: OfficeCalendar, days: CalendarDays, epochDay: number): DayPlan {
  const remembered = days.plans.get(epochDay);
  if (remembered) return remembered;
  const date = isoDateOf(epochDay);
  const day = workingDayOf(calendar, date);
  const startMs = days.plans.get(epochDay - 1)?.endMs ?? wallInstant(days.zone, epochDay, 0);
  const endMs = days.plans.get(epochDay + 1)?.startMs ?? wallInstant(days.zone, epochDay + 1, 0);
  // A day of 24 hours keeps one offset throughout (no zone changes its clocks twice in a day), so its
  // wall times are plain sums; only the days the clocks change on need luxon for each boundary.
  const instantOf = endMs - startMs === DAY_MS
    ? (minuteOfDay: number) => startMs + minuteOfDay * MINUTE_MS
    : (minuteOfDay: number) => wallInstant(days.zone, epochDay, minuteOfDay);
  const plan: DayPlan = {
    epochDay,
    date,
    kind: day.kind,
    ...(day.worksAs && { worksAs: day.worksAs }),
    startMs,
    endMs,
    intervals: day.intervals
      .map((interval) => ({ startMs: instantOf(interval.startMinute), endMs: instantOf(interval.endMinute) }))
      .filter((interval) => interval.endMs > interval.startMs),
  };
  if (days.plans.size >= MAX_REMEMBERED_DAYS) days.plans.clear();
  days.plans.set(epochDay, plan);
  return plan;
}

function dayContaining(calendar: OfficeCalendar, days: CalendarDays, ms: number): DayPlan {
  let plan = dayPlan(calendar, days, Math.floor((ms + days.guessOffsetMs) / DAY_MS));
  while (ms < plan.startMs) plan = dayPlan(calendar, days, plan.epochDay - 1);
  while (ms >= plan.endMs) plan = dayPlan(calendar, days, plan.epochDay + 1);
  return plan;
}

function tooFar(startMs: number): never {
  throw new RangeError(`business time from ${new Date(startMs).toISOString()} runs past ${MAX_DAYS_WALKED} days`);
}

function checkAmount(ms: number, what: string): void {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`${what} must be a finite number ≥ 0, got ${ms}`);
}

// ---------------------------------------------------------------------------------------------
// The walks.

/** Counts `amountMs` of working time forward from `startMs`; notes the steps in `trace` when given. */
function walkForward(calendar: OfficeCalendar, startMs: number, amountMs: number, trace?: BusinessTimeStep[]): number {
  const days = daysOf(calendar);
  let remaining = amountMs;
  let cursor = startMs;
  let plan = dayContaining(calendar, days, startMs);
  let cursorDate = plan.date;
  let closedDays: ClosedDay[] = [];
  for (let walked = 0; walked <= MAX_DAYS_WALKED; walked++) {
    for (let index = 0; index < plan.intervals.length; index++) {
      const interval = plan.intervals[index]!;
      if (interval.endMs <= cursor) continue;
      const from = Math.max(cursor, interval.startMs);
      if (trace && from > cursor) {
        const reason: SkipReason = closedDays.length ? 'closed-days' : plan.date !== cursorDate ? 'night' : index === 0 ? 'before-opening' : 'break';
        trace.push({ kind: 'skipped', reason, fromMs: cursor, toMs: from, closedDays });
        closedDays = [];
      }
      const available = interval.endMs - from;
      const counted = Math.min(remaining, available);
      if (trace && counted > 0) {
        trace.push({ kind: 'counted', date: plan.date, dayKind: plan.kind, ...(plan.worksAs && { worksAs: plan.worksAs }), fromMs: from, toMs: from + counted });
      }
      if (remaining <= available) return from + remaining;
      remaining -= available;
      cursor = interval.endMs;
      cursorDate = plan.date;
    }
    if (trace && !plan.intervals.length) closedDays.push({ date: plan.date, kind: plan.kind });
    plan = dayPlan(calendar, days, plan.epochDay + 1);
  }
  return tooFar(startMs);
}

/** Working time of `plan` before `ms`. */
function positionInDay(plan: DayPlan, ms: number): number {
  let position = 0;
  for (const interval of plan.intervals) position += Math.max(0, Math.min(interval.endMs, ms) - interval.startMs);
  return position;
}

/** The instant `position` into the working time of `plan`; past a shorter day's close, that close. */
function instantAtPosition(plan: DayPlan, position: number): number {
  let left = position;
  for (const interval of plan.intervals) {
    const length = interval.endMs - interval.startMs;
    // Strictly less: a position at a break lands on the next opening, as the working instant it came from did.
    if (left < length) return interval.startMs + left;
    left -= length;
  }
  return plan.intervals.at(-1)!.endMs;
}

/** N working days after the first working instant at or after `startMs`, at the same position in the working day. */
function addWorkingDays(calendar: OfficeCalendar, startMs: number, workingDays: number, trace?: BusinessTimeStep[]): number {
  const days = daysOf(calendar);
  const beginMs = walkForward(calendar, startMs, 0, trace);
  let plan = dayContaining(calendar, days, beginMs);
  const position = positionInDay(plan, beginMs);
  const closedDays: ClosedDay[] = [];
  for (let counted = 0, walked = 0; counted < workingDays; walked++) {
    if (walked > MAX_DAYS_WALKED) tooFar(startMs);
    plan = dayPlan(calendar, days, plan.epochDay + 1);
    if (plan.intervals.length) counted++;
    else closedDays.push({ date: plan.date, kind: plan.kind });
  }
  const dueMs = instantAtPosition(plan, position);
  trace?.push({ kind: 'working-days', days: workingDays, fromMs: beginMs, toMs: dueMs, closedDays });
  return dueMs;
}

function addDuration(calendar: BusinessCalendar, startMs: number, duration: TargetDuration, trace?: BusinessTimeStep[]): number {
  checkAmount(duration.ms, 'a duration');
  checkAmount(duration.workingDays, 'a number of working days');
  if (calendar.kind === '24x7') {
    const dueMs = startMs + duration.workingDays * DAY_MS + duration.ms;
    trace?.push({ kind: 'elapsed', fromMs: startMs, toMs: dueMs });
    return dueMs;
  }
  if (duration.workingDays === 0) return walkForward(calendar, startMs, duration.ms, trace);
  const afterDaysMs = addWorkingDays(calendar, startMs, duration.workingDays, trace);
  return duration.ms > 0 ? walkForward(calendar, afterDaysMs, duration.ms, trace) : afterDaysMs;
}

// ---------------------------------------------------------------------------------------------
// The API.

/** The instant `ms` of business time after `startMs` (see the rules at the top of this file). */
export function addBusinessMs(calendar: BusinessCalendar, startMs: number, ms: number): number {
  return addDuration(calendar, startMs, { workingDays: 0, ms });
}

export function addBusinessMinutes(calendar: BusinessCalendar, startMs: number, minutes: number): number {
  return addBusinessMs(calendar, startMs, minutes * MINUTE_MS);
}

/** The due instant of a target duration (business minutes/hours, working days) counted from `startMs`. */
export function addTargetDuration(calendar: BusinessCalendar, startMs: number, duration: TargetDuration): number {
  return addDuration(calendar, startMs, duration);
}

/** Business time in [fromMs, toMs); negative when `toMs` comes first. */
export function businessMsBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  if (toMs < fromMs) return -businessMsBetween(calendar, toMs, fromMs);
  if (calendar.kind === '24x7') return toMs - fromMs;
  const days = daysOf(calendar);
  let total = 0;
  for (let plan = dayContaining(calendar, days, fromMs); plan.startMs < toMs; plan = dayPlan(calendar, days, plan.epochDay + 1)) {
    for (const interval of plan.intervals) total += Math.max(0, Math.min(interval.endMs, toMs) - Math.max(interval.startMs, fromMs));
  }
  return total;
}

/** Business minutes in [fromMs, toMs), fractional when the span is not whole minutes. */
export function businessMinutesBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  return businessMsBetween(calendar, fromMs, toMs) / MINUTE_MS;
}

/** True when `ms` lies inside a working interval (half-open: 18:00 is not inside 13:30-18:00). */
export function isWorkingInstant(calendar: BusinessCalendar, ms: number): boolean {
  if (calendar.kind === '24x7') return true;
  const plan = dayContaining(calendar, daysOf(calendar), ms);
  return plan.intervals.some((interval) => interval.startMs <= ms && ms < interval.endMs);
}

/** `addBusinessMs` with the steps taken: intervals counted, breaks, nights and closed days skipped. */
export function explainAddBusinessMs(calendar: BusinessCalendar, startMs: number, ms: number): BusinessTimeExplanation {
  return explainTargetDuration(calendar, startMs, { workingDays: 0, ms });
}

/** `addTargetDuration` with the steps taken. */
export function explainTargetDuration(calendar: BusinessCalendar, startMs: number, duration: TargetDuration): BusinessTimeExplanation {
  const steps: BusinessTimeStep[] = [];
  const dueMs = addDuration(calendar, startMs, duration, steps);
  return { startMs, dueMs, steps };
}
