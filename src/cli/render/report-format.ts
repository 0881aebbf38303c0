// Shared pieces of the monthly report's renderings: the rows every format shows, and number style.
import type { MonthlyReport } from '../../report/monthly.js';
import type { Labels } from './report-labels.js';

/** How the report names its window: the month, or the period (its days when not a week, quarter or year). */
export function periodName(r: Pick<MonthlyReport, 'month' | 'period'>): string {
  if (r.month !== undefined) return r.month;
  const p = r.period!;
  return p.kind === 'period' ? `${p.from} – ${p.to}` : p.name;
}

/** The words of a report's window: its title, what the window is called, what the window before it is called. */
export function periodWords(r: Pick<MonthlyReport, 'period'>, l: Labels): { title: string; window: string; previous: string } {
  return r.period ? { title: l.titles[r.period.kind] ?? l.title, window: l.period, previous: l.previous_period } : { title: l.title, window: l.month, previous: l.previous };
}

export const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
export const number = (value: number | null) => (value === null ? '—' : String(value));

/** "+12", "−3.5 pts" or "" for a figure beside its previous-month value. */
export function change(current: number | null, previous: number | null, isRate = false): string {
  if (current === null || previous === null) return '';
  const delta = isRate ? (current - previous) * 100 : current - previous;
  const shown = isRate ? `${Math.abs(delta).toFixed(1)} pts` : String(Math.abs(Math.round(delta * 100) / 100));
  return delta === 0 ? '±0' : `${delta > 0 ? '+' : '−'}${shown}`;
}

export interface SummaryRow {
  label: string;
  value: string;
  previous: string;
  change: string;
}

/** The headline figures, with the previous month beside each. */
export function summaryRows(r: MonthlyReport, l: Labels): SummaryRow[] {
  const p = r.previous;
  const count = (label: string, value: number, before: number) => ({ label, value: String(value), previous: String(before), change: change(value, before) });
  const ratio = (label: string, value: number | null, before: number | null) => ({ label, value: percent(value), previous: percent(before), change: change(value, before, true) });
  return [
    count(l.created, r.totals.created, p.totals.created),
    count(l.resolved, r.totals.resolved, p.totals.resolved),
    count(l.closed, r.totals.closed, p.totals.closed),
    count(l.reopened, r.totals.reopened, p.totals.reopened),
    count(l.escalated, r.totals.escalated, p.totals.escalated),
    count(l.merged, r.totals.merged, p.totals.merged),
    count(r.period ? l.backlog_end_period : l.backlog_end, r.totals.backlog_end, p.totals.backlog_end),
    ratio(l.resolution_rate, r.resolution_rate, p.resolution_rate),
    ratio(`${l.sla} · ${l.response}`, r.sla.response.rate, p.sla.response.rate),
    ratio(`${l.sla} · ${l.resolution}`, r.sla.resolution.rate, p.sla.resolution.rate),
    { label: `${l.satisfaction} · ${l.average}`, value: number(r.satisfaction.average), previous: number(p.satisfaction.average), change: change(r.satisfaction.average, p.satisfaction.average) },
    ratio(l.reopen_rate, r.reopen_rate, p.reopen_rate),
    ratio(l.repeat_call_rate, r.repeat_calls.rate, p.repeat_calls.rate),
  ];
}

export const BREAKDOWNS = ['by_type', 'by_urgency', 'by_channel', 'by_department', 'by_category', 'by_team'] as const;

/** The column names of the flat list: the section, the metric, its value. */
export function flatHead(l: Labels): [string, string, string] {
  return [l.flat_section, l.flat_metric, l.flat_value];
}

/** Every figure as section/metric/value, for CSV and for anything that wants a flat list. */
export function flatFigures(r: MonthlyReport, l: Labels): [string, string, string][] {
  const rows: [string, string, string][] = [];
  for (const row of summaryRows(r, l)) rows.push([l.volume, row.label, row.value]);
  for (const day of r.created_by_day) rows.push([l.created_by_day, day.date, String(day.count)]);
  for (const key of BREAKDOWNS) for (const [name, n] of Object.entries(r[key])) rows.push([l[key], name || l.none, String(n)]);
  for (const kind of ['response', 'resolution'] as const) {
    const s = r.sla[kind];
    rows.push([l.sla, `${l[kind]} · ${l.met}`, String(s.met)], [l.sla, `${l[kind]} · ${l.missed}`, String(s.missed)]);
  }
  for (const [kind, label] of [['first_response', l.response], ['resolution', l.resolution]] as const) {
    for (const clock of ['wall', 'business'] as const) {
      const d = r.durations[kind][clock];
      rows.push([l.durations, `${label} · ${l[clock]} · ${l.median}`, number(d.median)], [l.durations, `${label} · ${l[clock]} · ${l.p90}`, number(d.p90)]);
    }
  }
  for (const [score, n] of Object.entries(r.satisfaction.distribution)) rows.push([l.satisfaction, l.rated_score(score), String(n)]);
  rows.push([l.satisfaction, l.response_rate, percent(r.satisfaction.response_rate)], [l.satisfaction, l.callback_rate, percent(r.callback.rate)]);
  for (const key of ['received', 'resolved', 'closed', 'open'] as const) rows.push([l.complaints, l[key], String(r.complaints[key])]);
  rows.push([l.complaints, `${l.satisfaction} · ${l.average}`, number(r.complaints.satisfaction)]);
  const cases = supervisionRows(r, l);
  for (const [label, value] of cases.verification) rows.push([l.verification, label, value]);
  for (const [cause, n] of cases.byCause) rows.push([l.by_cause, cause!, n!]);
  for (const [target, n, upheld] of cases.byTarget) rows.push([l.by_target, target!, n!], [l.by_target, `${target} · ${l.upheld}`, upheld!]);
  for (const [agent, n, upheld] of cases.agents) rows.push([l.against_agents, agent!, n!], [l.against_agents, `${agent} · ${l.upheld}`, upheld!]);
  for (const [team, orders, answered, onTime, onTimeRate, reminders] of cases.supervision) {
    rows.push([l.supervision, `${team} · ${l.orders}`, orders!], [l.supervision, `${team} · ${l.answered}`, answered!], [l.supervision, `${team} · ${l.on_time}`, onTime!]);
    rows.push([l.supervision, `${team} · ${l.on_time_rate}`, onTimeRate!], [l.supervision, `${team} · ${l.reminders}`, reminders!]);
  }
  for (const [team, opened, replied, onTime, onTimeRate, withdrawn] of cases.assists) {
    rows.push([l.assists, `${team} · ${l.opened}`, opened!], [l.assists, `${team} · ${l.replied}`, replied!], [l.assists, `${team} · ${l.on_time}`, onTime!]);
    rows.push([l.assists, `${team} · ${l.on_time_rate}`, onTimeRate!], [l.assists, `${team} · ${l.withdrawn}`, withdrawn!]);
  }
  const field = fieldRows(r, l);
  for (const [label, value] of field.totals) rows.push([l.field, label, value]);
  for (const [section, groups] of [[l.by_team_field, field.byTeam], [l.by_category_field, field.byCategory]] as const) {
    for (const [name, ...values] of groups) values.forEach((value, i) => rows.push([section, `${name} · ${field.head[i + 1]}`, value]));
  }
  rows.push([l.updates, l.met, String(r.updates.met)], [l.updates, l.missed, String(r.updates.missed)], [l.updates, l.rate, percent(r.updates.rate)]);
  for (const [label, value] of caseRows(r, l)) rows.push([l.case_handling, label, value]);
  for (const a of r.agents) {
    rows.push([l.agents, `${a.agent} · ${l.handled}`, String(a.handled)], [l.agents, `${a.agent} · ${l.resolved}`, String(a.resolved)]);
    rows.push([l.agents, `${a.agent} · ${l.sla_rate}`, percent(a.sla_rate)], [l.agents, `${a.agent} · ${l.satisfaction}`, number(a.satisfaction)]);
  }
  return rows;
}

/** The complaint verification and supervision sections as headers and rows. */
export function supervisionRows(r: MonthlyReport, l: Labels) {
  const v = r.complaints.verification;
  const targets = (groups: Record<string, { complaints: number; upheld: number }>) => Object.entries(groups).map(([name, t]) => [name || l.none, String(t.complaints), String(t.upheld)]);
  return {
    verification: [
      [l.verified, String(v.verified)], [l.verdict_yes, String(v.yes)], [l.verdict_partly, String(v.partly)], [l.verdict_no, String(v.no)], [l.verified_rate, percent(v.verified_rate)],
    ] as [string, string][],
    byCause: Object.entries(v.by_cause).map(([cause, n]) => [cause || l.none, String(n)]),
    targetHead: [l.target, l.complaints, l.upheld],
    byTarget: targets(v.by_target),
    agentHead: [l.agent, l.complaints, l.upheld],
    agents: targets(v.agents),
    supervisionHead: [l.team, l.orders, l.answered, l.on_time, l.on_time_rate, l.reminders],
    supervision: Object.entries(r.supervision.by_team).map(([team, s]) => [team || l.none, String(s.orders), String(s.answered), String(s.on_time), percent(s.on_time_rate), String(s.reminders)]),
    assistHead: [l.team, l.opened, l.replied, l.on_time, l.on_time_rate, l.withdrawn],
    assists: Object.entries(r.assists.by_team).map(([team, a]) => [team || l.none, String(a.opened), String(a.replied), String(a.on_time), percent(a.on_time_rate), String(a.cancelled)]),
  };
}

/** Returns, by team, and extensions: one item and its count a row. */
export function caseRows(r: MonthlyReport, l: Labels): [string, string][] {
  const e = r.extensions;
  return [
    [l.returns, String(r.returns.total)],
    ...Object.entries(r.returns.by_team).map(([team, n]): [string, string] => [l.returns_of(team || l.none), String(n)]),
    [l.extensions_requested, String(e.requested)],
    [l.extensions_approved, String(e.approved)],
    [l.extensions_rejected, String(e.rejected)],
    [l.within_original, String(e.resolved_within_original)],
    [l.within_extended, String(e.resolved_within_extended)],
    [l.missed_extended, String(e.missed_extended)],
  ];
}

/** The field-service section as header and rows: totals, then by team and by category. */
export function fieldRows(r: MonthlyReport, l: Labels): { totals: [string, string][]; head: string[]; byTeam: string[][]; byCategory: string[][] } {
  const f = r.field;
  const money = (n: number) => `${n.toFixed(2)} ${f.currency}`;
  const rows = (groups: Record<string, { visits: number; person_times: number; cost: { materials: number; transport: number; total: number } }>) =>
    Object.entries(groups).map(([name, g]) => [name || l.none, String(g.visits), String(g.person_times), money(g.cost.materials), money(g.cost.transport), money(g.cost.total)]);
  return {
    totals: [
      [l.visits, String(f.visits)],
      [l.person_times, String(f.person_times)],
      [l.days, String(f.days)],
      [l.parts, String(f.parts)],
      [l.materials, money(f.cost.materials)],
      [l.transport, money(f.cost.transport)],
      [l.total, money(f.cost.total)],
    ],
    head: [l.item, l.visits, l.person_times, l.materials, l.transport, l.total],
    byTeam: rows(f.by_team),
    byCategory: rows(f.by_category),
  };
}
