// The appraisal of agents (绩效考核) over any period: per agent, the volume, timeliness, resolution,
// satisfaction and quality figures the regulations appraise by, each part scored 0–100, weighted
// as quality.yaml says, less each complaint against them found true; ranked. The figures the
// monthly report also has (handled, resolved, SLA, satisfaction) are its own, from the same facts.
import { APPRAISAL_PARTS, foldRecords, qualityPoints, type AppraisalPart, type PointsBand, type QualityPolicy, type QualityPoints, type QualityRecord } from '../domain/quality.js';
import type { TeamDirectory } from '../domain/vocabulary.js';
import type { Store } from '../store/store.js';
import type { AgentFacts, AppraisalFacts, SupervisionFacts } from './facts.js';
import { average, rate, type PeriodLabel } from './monthly.js';
import type { ReportPeriod } from './period.js';

export interface AppraisalRow {
  agent: string;
  /** The agent's first team in teams.yaml; null for one it does not list. */
  team: string | null;
  logged: number;
  handled: number;
  resolved: number;
  first_response: { count: number; median_business_minutes: number | null; on_time: number; late: number; on_time_rate: number | null };
  resolution_sla: { met: number; missed: number; rate: number | null };
  satisfaction: { average: number | null; rated: number };
  quality: QualityPoints;
  complaints_verified: number;
  returns: number;
  reopens: number;
  /** Each part of the score, 0–100; null when there is nothing to measure it by. */
  parts: Record<AppraisalPart, number | null>;
  score: number | null;
  rank: number | null;
}

export interface AppraisalReport {
  period: PeriodLabel;
  timezone: string;
  team: string | null;
  weights: Readonly<Record<AppraisalPart, number>>;
  complaint_deduction: number;
  points: { monthly: number; unqualified_per_day: number; deduct: number; bands: readonly PointsBand[] };
  agents: AppraisalRow[];
}

/** The appraisal's rules when the desk has no quality.yaml: the regulations' points rule and the default weights, no inspections. */
export type AppraisalRules = Pick<QualityPolicy, 'points' | 'appraisal'>;

const round1 = (v: number) => Math.round(v * 10) / 10;

/** The value at rank ⌈n/2⌉ of the sorted values (as the monthly report's medians): business minutes, one decimal. */
function medianMinutes(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round1(sorted[Math.max(Math.ceil(sorted.length * 0.5), 1) - 1]! / 60_000);
}

/**
 * Each part from 0 to 100: quality = points ÷ the month's points; response = first responses on
 * time; accuracy = 1 − (returns + reopens) ÷ (logged + resolved); resolution = resolution deadlines
 * met; satisfaction = the average rating ÷ 5.
 */
function partsOf(r: Omit<AppraisalRow, 'parts' | 'score' | 'rank'>, rules: AppraisalRules): Record<AppraisalPart, number | null> {
  const percent = (v: number | null) => (v === null ? null : round1(v * 100));
  const work = r.logged + r.resolved;
  return {
    quality: r.quality.inspected ? percent(r.quality.points / rules.points.monthly) : null,
    response: percent(r.first_response.on_time_rate),
    accuracy: work ? percent(Math.max(0, 1 - (r.returns + r.reopens) / work)) : null,
    resolution: percent(r.resolution_sla.rate),
    satisfaction: r.satisfaction.average === null ? null : percent(r.satisfaction.average / 5),
  };
}

/** The weighted mean of the parts measured (a part without figures gives its weight to the others), less the complaints; null when none is measured. */
export function appraisalScore(parts: Readonly<Record<AppraisalPart, number | null>>, complaints: number, rules: AppraisalRules): number | null {
  const measured = APPRAISAL_PARTS.filter((p) => parts[p] !== null && rules.appraisal.weights[p] > 0);
  const weight = measured.reduce((sum, p) => sum + rules.appraisal.weights[p], 0);
  if (!weight) return null;
  const mean = measured.reduce((sum, p) => sum + rules.appraisal.weights[p] * parts[p]!, 0) / weight;
  return round1(Math.max(0, mean - complaints * rules.appraisal.complaint));
}

/** Ranks by score, highest first; equal scores share a rank (1, 2, 2, 4); an agent without a score has none. */
export function rankRows<T extends { score: number | null; agent: string }>(rows: readonly T[]): (T & { rank: number | null })[] {
  const sorted = [...rows].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0));
  return sorted.map((row) => ({ ...row, rank: row.score === null ? null : sorted.findIndex((other) => other.score === row.score) + 1 }));
}

export interface AppraisalInputs {
  agents: readonly AgentFacts[];
  appraisal: AppraisalFacts;
  supervision: SupervisionFacts;
  records: readonly QualityRecord[];
}

/**
 * The rows of the appraisal. When teams.yaml names the desk's people, they are the ones appraised
 * (every member, idle or not; a supervisor who handled tickets): the actors of scripts and
 * imports are not. Otherwise, everyone who did anything counted.
 */
export function appraiseAgents(inputs: AppraisalInputs, rules: AppraisalRules, teams: TeamDirectory, team: string | null): AppraisalRow[] {
  const byAgent = new Map(inputs.agents.map((a) => [a.agent, a]));
  const active = new Set([
    ...byAgent.keys(), ...Object.keys(inputs.appraisal.logged), ...Object.keys(inputs.appraisal.responses), ...Object.keys(inputs.appraisal.returns),
    ...Object.keys(inputs.appraisal.reopens), ...inputs.records.map((r) => r.agent), ...Object.keys(inputs.supervision.verification.agents),
  ]);
  const members = teams.teams().filter((t) => team === null || t.key === team).flatMap((t) => t.members);
  const supervisors = teams.teams().filter((t) => team === null || t.key === team).flatMap((t) => (t.supervisor ? [t.supervisor] : []));
  const names = teams.configured ? [...new Set([...members, ...supervisors.filter((s) => active.has(s))])] : [...active];
  const rows = names.map((agent) => {
    const a = byAgent.get(agent);
    const responses = inputs.appraisal.responses[agent] ?? { business_ms: [], on_time: 0, late: 0 };
    const row = {
      agent,
      team: teams.teamOf(agent),
      logged: inputs.appraisal.logged[agent] ?? 0,
      handled: a?.handled ?? 0,
      resolved: a?.resolved ?? 0,
      first_response: {
        count: responses.business_ms.length,
        median_business_minutes: medianMinutes(responses.business_ms),
        on_time: responses.on_time,
        late: responses.late,
        on_time_rate: rate(responses.on_time, responses.on_time + responses.late),
      },
      resolution_sla: { met: a?.sla_met ?? 0, missed: a?.sla_missed ?? 0, rate: rate(a?.sla_met ?? 0, (a?.sla_met ?? 0) + (a?.sla_missed ?? 0)) },
      satisfaction: { average: average(a?.satisfaction_sum ?? 0, a?.satisfaction_count ?? 0), rated: a?.satisfaction_count ?? 0 },
      quality: qualityPoints(inputs.records.filter((r) => r.agent === agent), rules.points),
      complaints_verified: inputs.supervision.verification.agents[agent]?.upheld ?? 0,
      returns: inputs.appraisal.returns[agent] ?? 0,
      reopens: inputs.appraisal.reopens[agent] ?? 0,
    };
    const parts = partsOf(row, rules);
    return { ...row, parts, score: appraisalScore(parts, row.complaints_verified, rules) };
  });
  return rankRows(rows);
}

export interface AppraisalRequest {
  window: ReportPeriod;
  zone: string;
  team: string | null;
  rules: AppraisalRules;
  teams: TeamDirectory;
  now: number;
}

/** The appraisal of the window: its facts counted over every ticket (an agent is appraised on all their work, whichever team's ticket). */
export async function buildAppraisal(store: Store, request: AppraisalRequest): Promise<AppraisalReport> {
  const w = request.window;
  const query = { start: w.start, end: w.end, days: w.days, now: request.now };
  // A day's sample is drawn after the day, so the window's records are among the events since it began.
  const records = foldRecords(await store.qualityEvents({ since: w.start })).filter((r) => r.day >= w.from && r.day <= w.to);
  const inputs = {
    agents: (await store.monthFacts(query)).agents,
    appraisal: await store.appraisalFacts(query),
    supervision: await store.supervisionFacts(query),
    records,
  };
  return {
    period: { kind: w.kind, name: w.name, from: w.from, to: w.to },
    timezone: request.zone,
    team: request.team,
    weights: request.rules.appraisal.weights,
    complaint_deduction: request.rules.appraisal.complaint,
    points: { monthly: request.rules.points.monthly, unqualified_per_day: request.rules.points.unqualifiedPerDay, deduct: request.rules.points.deduct, bands: request.rules.points.bands },
    agents: appraiseAgents(inputs, request.rules, request.teams, request.team),
  };
}
