// The monthly statistics a service-desk supervisor reports and appraises agents by. Every metric is
// defined here, once, from the month's facts (README, "Monthly report", gives the definitions).
import type { Store } from '../store/store.js';
import type { DeadlineCount, FieldCosts, MonthFacts, MonthSummaryFacts, Percentiles, SupervisionFacts, TargetFacts } from './facts.js';
import type { CaseFacts } from './case-facts.js';
import { periodWindow, previousPeriod, type PeriodKind, type ReportPeriod } from './period.js';

/** numerator ÷ denominator as a fraction 0–1, rounded to 4 places; null when there is nothing to divide. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;
}

export function average(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round((sum / count) * 100) / 100;
}

function minutes(p: Percentiles): { count: number; median: number | null; p90: number | null } {
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return { count: p.count, median: round(p.median), p90: round(p.p90) };
}

/** Costs in currency units (two decimals exact: they are summed in cents). */
function money(c: FieldCosts) {
  return { materials: c.materials_cents / 100, transport: c.transport_cents / 100, total: (c.materials_cents + c.transport_cents) / 100 };
}

function attainment(d: DeadlineCount) {
  return { met: d.met, missed: d.missed, rate: rate(d.met, d.met + d.missed) };
}

export type Totals = Pick<MonthSummaryFacts, 'created' | 'resolved' | 'closed' | 'reopened' | 'escalated' | 'merged' | 'backlog_end'>;

function totalsOf(f: MonthSummaryFacts): Totals {
  return { created: f.created, resolved: f.resolved, closed: f.closed, reopened: f.reopened, escalated: f.escalated, merged: f.merged, backlog_end: f.backlog_end };
}

/** A duplicate merged into another ticket is answered there: it is left out of the tickets the rate divides by. */
function resolutionRate(f: MonthSummaryFacts): number | null {
  return rate(f.created_resolved, f.created - f.created_merged);
}

function targets(groups: Record<string, TargetFacts>) {
  return Object.fromEntries(Object.entries(groups).map(([k, t]) => [k, { complaints: t.complaints, upheld: t.upheld }]));
}

function summarise(f: MonthFacts, c: SupervisionFacts) {
  const closed = f.closed;
  const v = c.verification;
  const verified = v.yes + v.partly + v.no;
  return {
    totals: totalsOf(f),
    resolution_rate: resolutionRate(f),
    by_type: f.breakdowns.type,
    by_urgency: f.breakdowns.urgency,
    by_channel: f.breakdowns.channel,
    by_department: f.breakdowns.department,
    by_category: f.breakdowns.category,
    by_team: f.breakdowns.team,
    created_by_day: f.created_by_day,
    sla: { response: attainment(f.sla.response), resolution: attainment(f.sla.resolution) },
    durations: {
      first_response: { wall: minutes(f.durations.first_response.wall), business: minutes(f.durations.first_response.business) },
      resolution: { wall: minutes(f.durations.resolution.wall), business: minutes(f.durations.resolution.business) },
    },
    satisfaction: {
      average: average(f.satisfaction.sum, f.satisfaction.rated),
      distribution: f.satisfaction.distribution,
      rated: f.satisfaction.rated,
      closed,
      response_rate: rate(f.satisfaction.rated, closed),
    },
    callback: { called: f.callbacks, closed, rate: rate(f.callbacks, closed) },
    complaints: {
      received: f.complaints.received,
      resolved: f.complaints.resolved,
      closed: f.complaints.closed,
      open: f.complaints.open,
      satisfaction: average(f.complaints.satisfaction_sum, f.complaints.satisfaction_count),
      verification: {
        verified,
        yes: v.yes,
        partly: v.partly,
        no: v.no,
        verified_rate: rate(v.yes + v.partly, verified),
        by_cause: v.by_cause,
        by_target: targets(v.by_target),
        agents: targets(v.agents),
      },
    },
    supervision: {
      by_team: Object.fromEntries(Object.entries(c.supervision).map(([team, s]) => [team, { ...s, on_time_rate: rate(s.on_time, s.answered) }])),
    },
    assists: {
      by_team: Object.fromEntries(Object.entries(c.assists).map(([team, a]) => [team, { ...a, on_time_rate: rate(a.on_time, a.replied) }])),
    },
    reopen_rate: rate(f.reopened, f.resolved),
    updates: attainment(f.updates),
    field: {
      visits: f.field.visits,
      person_times: f.field.person_times,
      days: f.field.days,
      parts: f.field.parts,
      cost: money(f.field),
      by_team: Object.fromEntries(Object.entries(f.field.by_team).map(([k, c]) => [k, { visits: c.visits, person_times: c.person_times, cost: money(c) }])),
      by_category: Object.fromEntries(Object.entries(f.field.by_category).map(([k, c]) => [k, { visits: c.visits, person_times: c.person_times, cost: money(c) }])),
    },
    agents: f.agents.map((a) => ({
      agent: a.agent,
      handled: a.handled,
      resolved: a.resolved,
      sla_rate: rate(a.sla_met, a.sla_met + a.sla_missed),
      satisfaction: average(a.satisfaction_sum, a.satisfaction_count),
    })),
  };
}

export type MonthSummary = ReturnType<typeof summarise>;

/**
 * Returns by the team that sent the ticket back, and extensions: requests, decisions, and how the
 * deadlines they moved were met — within the original deadline, only within the extended one, or not.
 */
function caseHandling(f: CaseFacts) {
  const e = f.extensions;
  return {
    returns: { total: Object.values(f.returns).reduce((n, v) => n + v, 0), by_team: f.returns },
    extensions: {
      requested: e.requested,
      approved: e.approved,
      rejected: e.rejected,
      resolved_within_original: e.resolved_within_original,
      resolved_within_extended: e.resolved_within_extended,
      missed_extended: e.missed_extended,
    },
  };
}

/** The window of a report other than a month's, as its JSON names it. */
export interface PeriodLabel {
  kind: PeriodKind;
  name: string;
  from: string;
  to: string;
}

export interface MonthlyReport extends Omit<MonthSummary, 'field'>, ReturnType<typeof caseHandling> {
  /** A monthly report names its month; a report of another period names the period instead. */
  month?: string;
  period?: PeriodLabel;
  timezone: string;
  team: string | null;
  /** The caller whose tickets alone are counted, as the report names them (a contact masked); null for all. */
  caller: string | null;
  field: MonthSummary['field'] & { currency: string };
  repeat_calls: RepeatCalls;
  previous: { month?: string; period?: PeriodLabel } & Pick<MonthSummary, 'totals' | 'resolution_rate' | 'reopen_rate'> & {
    sla: { response: { rate: number | null }; resolution: { rate: number | null } };
    satisfaction: { average: number | null };
    repeat_calls: { rate: number | null };
  };
}

export interface RepeatCalls {
  window_days: number;
  /** Tickets created in the month whose caller left a contact. */
  tickets: number;
  repeats: number;
  rate: number | null;
}

export interface ReportRequest {
  month: string;
  /** The window when not a month (src/report/period.ts); `month` is then ignored. */
  period?: ReportPeriod;
  /** How far back an earlier ticket of the caller makes a ticket a repeat call (ms). */
  repeatCallWindow: number;
  zone: string;
  /** Currency of visit costs, named in the report. */
  currency?: string;
  team?: string;
  /** Only the tickets of one caller (src/domain/caller.ts keys). */
  requesterKey?: string;
  contactKey?: string;
  /** How the report names that caller. */
  caller?: string;
  now: number;
}

/** The headline figures of a month, as shown beside the next month's. */
function headline(f: MonthSummaryFacts) {
  return {
    totals: totalsOf(f),
    resolution_rate: resolutionRate(f),
    reopen_rate: rate(f.reopened, f.resolved),
    sla: { response: { rate: attainment(f.sla.response).rate }, resolution: { rate: attainment(f.sla.resolution).rate } },
    satisfaction: { average: average(f.satisfaction.sum, f.satisfaction.rated) },
  };
}

/**
 * The report of a month, or of any period (request.period): every figure is counted in the
 * window's bounds by the same facts, so a period report of a month's days equals the month's.
 */
export async function buildMonthlyReport(store: Store, request: ReportRequest): Promise<MonthlyReport> {
  const scope = { team: request.team, requesterKey: request.requesterKey, contactKey: request.contactKey };
  const window = request.period ?? periodWindow('monthly', request.month, request.zone);
  const before = previousPeriod(window, request.zone);
  const query = (p: ReportPeriod) => ({ start: p.start, end: p.end, days: p.days, ...scope, now: request.now });
  const current = summarise(await store.monthFacts(query(window)), await store.supervisionFacts(query(window)));
  const cases = caseHandling(await store.caseFacts(query(window)));
  const previous = headline(await store.monthSummaryFacts(query(before)));
  const repeatCalls = async (p: ReportPeriod): Promise<RepeatCalls> => {
    const f = await store.repeatCallFacts({ start: p.start, end: p.end, ...scope, window: request.repeatCallWindow });
    return { window_days: Math.round((request.repeatCallWindow / 86_400_000) * 100) / 100, tickets: f.tickets, repeats: f.repeats, rate: rate(f.repeats, f.tickets) };
  };
  const name = (p: ReportPeriod) => (p.kind === 'monthly' ? { month: p.name } : { period: { kind: p.kind, name: p.name, from: p.from, to: p.to } });
  return {
    ...name(window),
    timezone: request.zone,
    team: request.team ?? null,
    caller: request.caller ?? null,
    ...current,
    field: { currency: request.currency ?? 'CNY', ...current.field },
    ...cases,
    repeat_calls: await repeatCalls(window),
    previous: { ...name(before), ...previous, repeat_calls: { rate: (await repeatCalls(before)).rate } },
  };
}
