// Due times of a ticket (DESIGN.md "SLA"): which target applies and when each deadline falls. Pure:
// the caller brings the ticket's times and stores the results.
import type { SemanticIssue } from '../config/yaml-file.js';
import { UsageError } from '../domain/errors.js';
import { addTargetDuration, explainTargetDuration, type BusinessTimeExplanation } from './business-time.js';
import { URGENCIES, type Ticket, type Urgency } from '../domain/ticket.js';
import { compileCalendar, type BusinessCalendar } from './business-calendar.js';
import type { SlaFile } from './schema.js';
import { DURATION_FORMS, readTargetDuration, type TargetDuration } from './target-duration.js';
import { readTierPoint, type EscalationTier } from './tier-point.js';

export const DUE_KINDS = ['response', 'dispatch', 'resolve'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

/** A target length as written in the file and as read. */
export interface TargetLength {
  text: string;
  duration: TargetDuration;
}

export interface SlaTarget {
  calendar: string;
  response: TargetLength;
  dispatch: TargetLength;
  resolve: TargetLength;
  /** Longest time between progress updates, when the desk sets one. */
  update: TargetLength | null;
  /** Time a collaborating team has to answer its sub-task, when the desk sets one. */
  assist: TargetLength | null;
}

export interface SlaPolicy {
  calendars: ReadonlyMap<string, BusinessCalendar>;
  byUrgency: Readonly<Record<Urgency, SlaTarget>>;
  /** Type → urgency → the target with that type's overrides applied. */
  byType: ReadonlyMap<string, Readonly<Record<Urgency, SlaTarget>>>;
  /** How long after a dispatch its team may return the ticket (sla.yaml `return_within`); null: no limit. */
  returnWithin: TargetLength | null;
  /** The escalation tiers (sla.yaml `escalation`), in the order a ticket reaches them. */
  escalation: EscalationTier[];
}

/** What due times depend on. A ticket without urgency is held to the normal target. */
export interface TicketClock {
  created_at: number;
  urgency: string | null;
  type: string | null;
}

export interface DueTimes {
  response_due_at: number;
  dispatch_due_at: number;
  resolve_due_at: number;
}

function readLength(text: string): TargetLength {
  const duration = readTargetDuration(text);
  if (!duration) throw new Error(`compileSla: "${text}" is not a duration (validate with SlaFileSchema first)`);
  return { text, duration };
}

type TargetFields = { [K in keyof SlaTarget]?: string };

function compileTarget(fields: TargetFields & Required<Pick<TargetFields, 'calendar' | 'response' | 'dispatch' | 'resolve'>>): SlaTarget {
  return {
    calendar: fields.calendar,
    response: readLength(fields.response),
    dispatch: readLength(fields.dispatch),
    resolve: readLength(fields.resolve),
    update: fields.update === undefined ? null : readLength(fields.update),
    assist: fields.assist === undefined ? null : readLength(fields.assist),
  };
}

/** Compiles a validated sla.yaml; calendars without a time zone use the file's, else `deskTimezone`. */
export function compileSla(file: SlaFile, deskTimezone: string): SlaPolicy {
  const fileTimezone = file.timezone ?? deskTimezone;
  const calendars = new Map(Object.entries(file.calendars).map(([name, definition]) => [name, compileCalendar(definition, fileTimezone)]));
  const perUrgency = (override: (urgency: Urgency) => TargetFields = () => ({})) =>
    Object.fromEntries(URGENCIES.map((u) => [u, compileTarget({ ...file.targets[u], ...override(u) })])) as Record<Urgency, SlaTarget>;
  return {
    calendars,
    byUrgency: perUrgency(),
    byType: new Map(Object.entries(file.targets.types ?? {}).map(([type, overrides]) => [type, perUrgency((u) => overrides[u] ?? {})])),
    returnWithin: file.return_within === undefined ? null : readLength(file.return_within),
    escalation: (file.escalation ?? []).map((t, i) => {
      const point = readTierPoint(t.at);
      if (typeof point === 'string') throw new Error(`compileSla: ${point} (validate with SlaFileSchema first)`);
      return { tier: i + 1, at: t.at, point, tell: t.tell };
    }),
  };
}

/** The target of a ticket: its type's override for the urgency first, then the urgency's. */
export function targetFor(sla: SlaPolicy, urgency: string | null, type: string | null): SlaTarget {
  const key = (urgency ?? 'normal') as Urgency;
  if (!(URGENCIES as readonly string[]).includes(key)) {
    throw new UsageError(`no SLA target for urgency "${urgency}"`, `sla.yaml sets targets for ${URGENCIES.join(', ')}`);
  }
  return (type !== null && sla.byType.get(type)?.[key]) || sla.byUrgency[key];
}

/** The calendar a ticket's deadlines count in. */
export function calendarFor(sla: SlaPolicy, urgency: string | null, type: string | null): BusinessCalendar {
  return calendarOf(sla, targetFor(sla, urgency, type));
}

function calendarOf(sla: SlaPolicy, target: SlaTarget): BusinessCalendar {
  const calendar = sla.calendars.get(target.calendar);
  if (!calendar) throw new Error(`SLA target names unknown calendar "${target.calendar}" (validate with SlaFileSchema first)`);
  return calendar;
}

/**
 * When the window for its team to return `ticket` closes: `return_within` of business time in the
 * ticket's calendar after it reached the team; null without a window (or a team).
 */
export function returnWindowEnd(sla: SlaPolicy | null, ticket: Pick<Ticket, 'urgency' | 'type' | 'routed_at' | 'dispatched_at'>): number | null {
  const since = ticket.routed_at ?? ticket.dispatched_at;
  if (!sla?.returnWithin || since === null) return null;
  return addTargetDuration(calendarFor(sla, ticket.urgency, ticket.type), since, sla.returnWithin.duration);
}

/**
 * When a collaborating team's sub-task opened at `openedAt` is due: after `duration` (a --due
 * written as the targets are) or else the ticket's assist target, in the ticket's calendar; null
 * without either. Without sla.yaml a duration counts in plain elapsed time.
 */
export function assistDue(sla: SlaPolicy | null, ticket: Omit<TicketClock, 'created_at'>, openedAt: number, duration: string | null): number | null {
  const given = duration === null ? null : readTargetDuration(duration);
  if (duration !== null && !given) throw new UsageError(`--due: "${duration}" is not a duration`, `${DURATION_FORMS}, e.g. --due 4h`);
  if (!sla) return given ? openedAt + given.workingDays * 86_400_000 + given.ms : null;
  const target = targetFor(sla, ticket.urgency, ticket.type);
  const length = given ?? target.assist?.duration;
  return length ? addTargetDuration(calendarOf(sla, target), openedAt, length) : null;
}

/** When the next progress update is due after one given at `since`, or null without an update target. */
export function updateDue(sla: SlaPolicy, ticket: Omit<TicketClock, 'created_at'>, since: number): number | null {
  const target = targetFor(sla, ticket.urgency, ticket.type);
  return target.update ? addTargetDuration(calendarOf(sla, target), since, target.update.duration) : null;
}

/** The three deadlines of a ticket, counted from its creation in the target's calendar. */
export function dueTimes(sla: SlaPolicy, ticket: TicketClock): DueTimes {
  const target = targetFor(sla, ticket.urgency, ticket.type);
  const calendar = calendarOf(sla, target);
  const due = (kind: DueKind) => addTargetDuration(calendar, ticket.created_at, target[kind].duration);
  return { response_due_at: due('response'), dispatch_due_at: due('dispatch'), resolve_due_at: due('resolve') };
}

export interface DueExplanation extends BusinessTimeExplanation {
  target: string;
  calendar: string;
}

/** `dueTimes` with each computation's steps, for `desk sla explain`. */
export function explainDueTimes(sla: SlaPolicy, ticket: TicketClock): Record<DueKind, DueExplanation> {
  const target = targetFor(sla, ticket.urgency, ticket.type);
  const calendar = calendarOf(sla, target);
  const explain = (kind: DueKind): DueExplanation => ({
    target: target[kind].text,
    calendar: target.calendar,
    ...explainTargetDuration(calendar, ticket.created_at, target[kind].duration),
  });
  return { response: explain('response'), dispatch: explain('dispatch'), resolve: explain('resolve') };
}

/** Problems with per-type overrides naming types the desk does not know (pass as loadYamlFile's `check`). */
export function slaTypeIssues(file: SlaFile, knownTypes: readonly string[]): SemanticIssue[] {
  return Object.keys(file.targets.types ?? {})
    .filter((type) => !knownTypes.includes(type))
    .map((type) => ({ path: ['targets', 'types', type], message: `unknown ticket type "${type}"; types: ${knownTypes.join(', ')}`, at: 'key' as const }));
}
