// The contract of config/sla.yaml (DESIGN.md "SLA", issue 4): calendars and targets. The same schema
// validates the file and can publish its JSON Schema.
import { z } from 'zod';
import { suggest } from '../config/yaml-file.js';
import { TimezoneSchema } from '../config/time-zone.js';
import { URGENCIES, type Urgency } from '../domain/ticket.js';
import { DURATION_FORMS, readTargetDuration } from './target-duration.js';
import { readTierPoint } from './tier-point.js';
import { makeUpDaysOf, readInterval, WEEKDAYS, weekdayOf, type Weekday, type WorkingInterval } from './working-hours.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (no 2026-02-30). */
function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const custom = (ctx: z.RefinementCtx, message: string, path: PropertyKey[] = [], atKey = false) =>
  ctx.addIssue({ code: 'custom', message, path, ...(atKey && { params: { at: 'key' } }) });

// Unquoted 2026-10-01 reaches us as a string: loadYamlFile parses with YAML 1.2's core schema, which has no timestamps.
const DateSchema = z
  .string({ error: 'a date is written YYYY-MM-DD' })
  .superRefine((text, ctx) => {
    if (!isIsoDate(text)) custom(ctx, `"${text}" is not a date: write YYYY-MM-DD, e.g. 2026-10-01`);
  });

const IntervalSchema = z
  .string({ error: 'an interval is written "HH:MM-HH:MM"' })
  .superRefine((text, ctx) => {
    const interval = readInterval(text);
    if (typeof interval === 'string') custom(ctx, interval);
  });

const DayHoursSchema = z
  .array(IntervalSchema)
  .describe('working intervals of the day, e.g. ["09:00-12:00", "13:30-18:00"]; [] for a closed day')
  .superRefine((texts, ctx) => {
    const read = texts.map((text, index) => ({ index, text, interval: readInterval(text) }));
    const valid = read.filter((r): r is typeof r & { interval: WorkingInterval } => typeof r.interval !== 'string');
    valid.sort((a, b) => a.interval.startMinute - b.interval.startMinute);
    for (let i = 1; i < valid.length; i++) {
      const [earlier, later] = [valid[i - 1]!, valid[i]!];
      if (later.interval.startMinute < earlier.interval.endMinute) {
        custom(ctx, `"${later.text}" overlaps "${earlier.text}"`, [Math.max(earlier.index, later.index)]);
      }
    }
  });

const HoursSchema = z
  .object(Object.fromEntries(WEEKDAYS.map((day) => [day, DayHoursSchema.optional()])) as Record<Weekday, z.ZodOptional<typeof DayHoursSchema>>)
  .strict()
  .describe('working intervals per weekday; a weekday left out is closed');

const WeekdayNameSchema = z.string({ error: `name a weekday: ${WEEKDAYS.join(', ')}` }).superRefine((text, ctx) => {
  if (!(WEEKDAYS as readonly string[]).includes(text)) custom(ctx, `"${text}" is not a weekday: use ${WEEKDAYS.join(', ')}`);
});

const MakeUpDaySchema = z.union(
  [
    DateSchema.describe('a make-up working day that works Monday\'s hours'),
    z
      .record(z.string(), WeekdayNameSchema)
      .describe('2026-10-10: fri — a make-up working day that works the hours of the named weekday')
      .superRefine((entries, ctx) => {
        for (const date of Object.keys(entries)) {
          if (!isIsoDate(date)) custom(ctx, `"${date}" is not a date: write YYYY-MM-DD, e.g. 2026-10-10`, [date], true);
        }
      }),
  ],
  { error: 'a make-up day is a date (2026-10-10) or a date with the weekday it works (2026-10-10: fri)' },
);

const OfficeCalendarSchema = z
  .object({
    timezone: TimezoneSchema.optional().describe("the calendar's time zone (default: the file's)"),
    hours: HoursSchema.optional(),
    holidays: z.array(DateSchema).optional().describe('public holidays: no working time that day'),
    workdays: z.array(MakeUpDaySchema).optional().describe('make-up working days, e.g. on a weekend'),
  })
  .strict()
  .superRefine((calendar, ctx) => {
    const hours = calendar.hours ?? {};
    const hasHours = (day: Weekday) => (hours[day] ?? []).length > 0;
    if (!WEEKDAYS.some(hasHours)) {
      custom(ctx, 'a calendar needs working hours on at least one weekday (or is "24x7")', calendar.hours ? ['hours'] : []);
    }
    const holidays = new Set(calendar.holidays ?? []);
    for (const { date, worksAs, named, path } of makeUpDaysOf(calendar.workdays)) {
      if (!isIsoDate(date) || !(WEEKDAYS as readonly string[]).includes(worksAs)) continue;
      const at = ['workdays', ...path];
      // In `2026-10-10: fri` a problem with the date points at the date, one with the weekday at the weekday.
      if (holidays.has(date)) custom(ctx, `${date} is both a holiday and a make-up working day`, at, named);
      else if (!hasHours(worksAs)) {
        const problem = named
          ? `${date} works ${worksAs}'s hours, but ${worksAs} has none`
          : `${date} works Monday's hours, but mon has none: name the weekday it stands in for (${date}: fri)`;
        custom(ctx, problem, at);
      } else if (hasHours(weekdayOf(date))) {
        custom(ctx, `${date} is a ${weekdayOf(date)}, already a working day: a make-up day falls on a closed day`, at, named);
      }
    }
  });

const CalendarSchema = z.union([z.literal('24x7').describe('every instant counts: plain elapsed time'), OfficeCalendarSchema], {
  error: 'a calendar is "24x7" or a map with timezone, hours, holidays and workdays',
});

const DurationSchema = z.string({ error: `a duration: ${DURATION_FORMS}` }).superRefine((text, ctx) => {
  if (!readTargetDuration(text)) custom(ctx, `"${text}" is not a duration: ${DURATION_FORMS}`);
});

const TargetSchema = z
  .object({
    response: DurationSchema.describe('time to first response'),
    dispatch: DurationSchema.describe('time to dispatch to a team'),
    resolve: DurationSchema.describe('time to resolution'),
    update: DurationSchema.optional().describe('longest time between progress updates to the requester (e.g. 3d for complex tickets)'),
    assist: DurationSchema.optional().describe("time a collaborating team has to answer its sub-task (协办), from when it opens"),
    calendar: z.string().min(1).describe('the calendar the three durations count in (a key of calendars)'),
  })
  .strict();

const TargetOverrideSchema = TargetSchema.partial().describe("replaces these fields of the urgency's target");

const urgencyMap = <T extends z.ZodType>(schema: T) => Object.fromEntries(URGENCIES.map((u) => [u, schema])) as Record<Urgency, T>;

/**
 * Targets per urgency, and optionally per type and urgency: `types: { complaint: { urgent: { resolve: 2h } } }`
 * replaces the named fields of the urgency's target for tickets of that type; the rest is inherited.
 */
const TargetsSchema = z
  .object({
    ...urgencyMap(TargetSchema),
    types: z
      .record(z.string(), z.object(urgencyMap(TargetOverrideSchema.optional())).strict())
      .optional()
      .describe('per-type overrides: type → urgency → the fields that differ'),
  })
  .strict();

const NAME = /^[A-Za-z0-9_-]+$/;

const TierSchema = z
  .object({
    at: z.string({ error: 'a tier\'s "at": a share of the resolve time (80%), "breach", or a time after it (breach+1d)' }).superRefine((text, ctx) => {
      const point = readTierPoint(text);
      if (typeof point === 'string') custom(ctx, point);
    }).describe('when the tier is reached: a share of the resolve time (80%), the breach ("breach"), or a business time after it ("breach+1d")'),
    tell: z.string().min(1).describe('who is told: "supervisor" (the ticket\'s team\'s, else the desk\'s), "desk-supervisor" (teams.yaml), or a name'),
  })
  .strict();

export const SlaFileSchema = z
  .object({
    timezone: TimezoneSchema.optional().describe("the calendars' time zone (default: the desk's)"),
    calendars: z
      .record(z.string(), CalendarSchema)
      .superRefine((calendars, ctx) => {
        for (const name of Object.keys(calendars)) {
          if (!NAME.test(name)) custom(ctx, 'calendar names use letters, digits, - and _', [name], true);
        }
      }),
    targets: TargetsSchema,
    escalation: z
      .array(TierSchema)
      .superRefine((tiers, ctx) => {
        // A tier that comes no later than the one before it would never be reached after it.
        const order = (text: string) => {
          const point = readTierPoint(text);
          if (typeof point === 'string') return null;
          return 'share' in point ? point.share : 1 + (point.after ? point.after.workingDays * 1e9 + point.after.ms : 0);
        };
        for (let i = 1; i < tiers.length; i++) {
          const [before, after] = [order(tiers[i - 1]!.at), order(tiers[i]!.at)];
          if (before !== null && after !== null && after <= before) custom(ctx, `"${tiers[i]!.at}" comes no later than the tier before it ("${tiers[i - 1]!.at}"): list the tiers in the order a ticket reaches them`, [i, 'at']);
        }
      })
      .optional()
      .describe('escalation tiers in the order a ticket reaches them; `desk sla check --escalate` records each once per resolution'),
    return_within: DurationSchema.optional().describe(
      "how long after a dispatch the team may send a misrouted ticket back by itself, in the business time of the ticket's calendar (after it, the desk supervisor returns it)",
    ),
  })
  .strict()
  .superRefine((file, ctx) => {
    const names = Object.keys(file.calendars);
    const checkCalendar = (name: string | undefined, path: PropertyKey[]) => {
      if (name === undefined || file.calendars[name] !== undefined) return;
      const guess = suggest(name, names);
      custom(ctx, `unknown calendar "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}; calendars: ${names.join(', ') || 'none'}`, path);
    };
    for (const urgency of URGENCIES) checkCalendar(file.targets[urgency].calendar, ['targets', urgency, 'calendar']);
    for (const [type, byUrgency] of Object.entries(file.targets.types ?? {})) {
      for (const urgency of URGENCIES) checkCalendar(byUrgency[urgency]?.calendar, ['targets', 'types', type, urgency, 'calendar']);
    }
  });

export type SlaFile = z.infer<typeof SlaFileSchema>;
export type CalendarDefinition = SlaFile['calendars'][string];
export type OfficeCalendarDefinition = Exclude<CalendarDefinition, '24x7'>;

/** Every key the file may use, for "did you mean" on an unknown one. */
export const SLA_KEYS = [
  'timezone', 'calendars', 'targets', 'hours', 'holidays', 'workdays', ...WEEKDAYS,
  ...URGENCIES, 'types', 'response', 'dispatch', 'resolve', 'update', 'assist', 'calendar', 'return_within', 'escalation', 'at', 'tell',
];
