// The monthly report as terminal tables and as Markdown.
import { printable } from './terminal-text.js';
import type { Style } from './style.js';
import type { MonthlyReport } from '../../report/monthly.js';
import { BREAKDOWNS, caseRows, fieldRows, supervisionRows, number, percent, summaryRows, periodName, periodWords } from './report-format.js';
import type { Labels } from './report-labels.js';
import { renderTable } from './table.js';

const BAR_WIDTH = 24;

/** A unicode bar of `value` against `max`, eighths for the last cell. */
function bar(value: number, max: number): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * BAR_WIDTH * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + (eighths % 8 ? '▏▎▍▌▋▊▉'[(eighths % 8) - 1] : '');
}

function heading(r: MonthlyReport, l: Labels): string {
  return `${periodWords(r, l).title} · ${periodName(r)} · ${r.team ?? l.all_teams}${r.caller === null ? '' : ` · ${r.caller}`} (${r.timezone})`;
}

export async function renderReportText(report: MonthlyReport, l: Labels, o: { boxed: boolean; color: boolean; compare: boolean; style: Style }): Promise<string> {
  const r = printableReport(report);
  const table = async (head: string[], rows: string[][]) => renderTable(head, rows, { boxed: o.boxed, color: o.color });
  const title = (text: string) => `\n${o.style.bold(text)}\n`;
  const summary = summaryRows(r, l);
  let out = `${o.style.bold(heading(r, l))}\n`;
  out += title(l.volume);
  out += await table(
    o.compare ? [l.item, periodName(r), `${periodWords(r, l).previous} ${periodName(r.previous)}`, l.change] : [l.item, periodName(r)],
    summary.map((row) => (o.compare ? [row.label, row.value, row.previous, row.change] : [row.label, row.value])),
  );
  for (const key of BREAKDOWNS) {
    const entries = Object.entries(r[key]);
    if (!entries.length) continue;
    const max = Math.max(...entries.map(([, n]) => n));
    out += title(l[key]);
    out += await table([l[key].replace(/^By |^按/, '') || l.item, l.count, ''], entries.map(([name, n]) => [name || l.none, String(n), o.style.cyan(bar(n, max))]));
  }
  out += title(l.sla);
  out += await table([l.item, l.met, l.missed, l.rate], (['response', 'resolution'] as const).map((k) => [l[k], String(r.sla[k].met), String(r.sla[k].missed), percent(r.sla[k].rate)]));
  out += title(l.durations);
  out += await table(
    [l.item, `${l.median} (${l.wall})`, `${l.p90} (${l.wall})`, `${l.median} (${l.business})`, `${l.p90} (${l.business})`],
    ([['first_response', l.response], ['resolution', l.resolution]] as const).map(([k, label]) => [
      label,
      number(r.durations[k].wall.median),
      number(r.durations[k].wall.p90),
      number(r.durations[k].business.median),
      number(r.durations[k].business.p90),
    ]),
  );
  const dist = Object.entries(r.satisfaction.distribution);
  const most = Math.max(...dist.map(([, n]) => n));
  out += title(`${l.satisfaction}: ${l.average} ${number(r.satisfaction.average)} · ${l.response_rate} ${percent(r.satisfaction.response_rate)} · ${l.callback_rate} ${percent(r.callback.rate)}`);
  out += await table(['★', l.count, ''], dist.map(([score, n]) => [score, String(n), o.style.yellow(bar(n, most))]));
  out += title(l.complaints);
  out += await table([l.received, l.resolved, l.closed, l.open, l.satisfaction], [[r.complaints.received, r.complaints.resolved, r.complaints.closed, r.complaints.open, r.complaints.satisfaction].map(number)]);
  const cases = supervisionRows(r, l);
  out += title(l.verification) + (await table([l.item, l.value], cases.verification));
  if (cases.byCause.length) out += title(l.by_cause) + (await table([l.item, l.count], cases.byCause));
  if (cases.byTarget.length) out += title(l.by_target) + (await table(cases.targetHead, cases.byTarget));
  if (cases.agents.length) out += title(l.against_agents) + (await table(cases.agentHead, cases.agents));
  if (cases.supervision.length) out += title(l.supervision) + (await table(cases.supervisionHead, cases.supervision));
  if (cases.assists.length) out += title(l.assists) + (await table(cases.assistHead, cases.assists));
  const field = fieldRows(r, l);
  out += title(l.field);
  out += await table([l.item, l.value], field.totals.map(([k, v]) => [k, v]));
  if (field.byTeam.length) out += title(l.by_team_field) + (await table(field.head, field.byTeam));
  if (field.byCategory.length) out += title(l.by_category_field) + (await table(field.head, field.byCategory));
  out += title(`${l.updates}: ${l.met} ${r.updates.met} · ${l.missed} ${r.updates.missed} · ${l.rate} ${percent(r.updates.rate)}`);
  out += title(l.case_handling) + (await table([l.item, l.count], caseRows(r, l).map(([k, v]) => [printable(k), v])));
  if (r.agents.length) {
    out += title(l.agents);
    out += await table([l.agent, l.handled, l.resolved, l.sla_rate, l.satisfaction], r.agents.map((a) => [a.agent, String(a.handled), String(a.resolved), percent(a.sla_rate), number(a.satisfaction)]));
  }
  return out;
}

export function markdownTable(head: string[], rows: string[][]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return `| ${head.map(escape).join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n${rows.map((row) => `| ${row.map(escape).join(' | ')} |`).join('\n')}\n`;
}

export function renderReportMarkdown(report: MonthlyReport, l: Labels, compare: boolean): string {
  const r = printableReport(report);
  const summary = summaryRows(r, l);
  let out = `# ${heading(r, l)}\n\n## ${l.volume}\n\n`;
  out += markdownTable(
    compare ? [l.item, periodName(r), `${periodWords(r, l).previous} ${periodName(r.previous)}`, l.change] : [l.item, periodName(r)],
    summary.map((row) => (compare ? [row.label, row.value, row.previous, row.change] : [row.label, row.value])),
  );
  for (const key of BREAKDOWNS) {
    const entries = Object.entries(r[key]);
    if (entries.length) out += `\n## ${l[key]}\n\n${markdownTable([l.item, l.count], entries.map(([name, n]) => [name || l.none, String(n)]))}`;
  }
  out += `\n## ${l.sla}\n\n${markdownTable([l.item, l.met, l.missed, l.rate], (['response', 'resolution'] as const).map((k) => [l[k], String(r.sla[k].met), String(r.sla[k].missed), percent(r.sla[k].rate)]))}`;
  out += `\n## ${l.durations}\n\n${markdownTable(
    [l.item, `${l.median} (${l.wall})`, `${l.p90} (${l.wall})`, `${l.median} (${l.business})`, `${l.p90} (${l.business})`],
    ([['first_response', l.response], ['resolution', l.resolution]] as const).map(([k, label]) => [label, number(r.durations[k].wall.median), number(r.durations[k].wall.p90), number(r.durations[k].business.median), number(r.durations[k].business.p90)]),
  )}`;
  out += `\n## ${l.satisfaction}\n\n${l.average}: ${number(r.satisfaction.average)} · ${l.response_rate}: ${percent(r.satisfaction.response_rate)} · ${l.callback_rate}: ${percent(r.callback.rate)}\n\n`;
  out += markdownTable(['★', l.count], Object.entries(r.satisfaction.distribution).map(([score, n]) => [score, String(n)]));
  out += `\n## ${l.complaints}\n\n${markdownTable([l.received, l.resolved, l.closed, l.open, l.satisfaction], [[r.complaints.received, r.complaints.resolved, r.complaints.closed, r.complaints.open, r.complaints.satisfaction].map(number)])}`;
  const cases = supervisionRows(r, l);
  out += `\n### ${l.verification}\n\n${markdownTable([l.item, l.value], cases.verification)}`;
  if (cases.byCause.length) out += `\n### ${l.by_cause}\n\n${markdownTable([l.item, l.count], cases.byCause)}`;
  if (cases.byTarget.length) out += `\n### ${l.by_target}\n\n${markdownTable(cases.targetHead, cases.byTarget)}`;
  if (cases.agents.length) out += `\n### ${l.against_agents}\n\n${markdownTable(cases.agentHead, cases.agents)}`;
  if (cases.supervision.length) out += `\n## ${l.supervision}\n\n${markdownTable(cases.supervisionHead, cases.supervision)}`;
  if (cases.assists.length) out += `\n## ${l.assists}\n\n${markdownTable(cases.assistHead, cases.assists)}`;
  const field = fieldRows(r, l);
  out += `\n## ${l.field}\n\n${markdownTable([l.item, l.value], field.totals.map(([k, v]) => [k, v]))}`;
  if (field.byTeam.length) out += `\n### ${l.by_team_field}\n\n${markdownTable(field.head, field.byTeam)}`;
  if (field.byCategory.length) out += `\n### ${l.by_category_field}\n\n${markdownTable(field.head, field.byCategory)}`;
  out += `\n## ${l.updates}\n\n${l.met}: ${r.updates.met} · ${l.missed}: ${r.updates.missed} · ${l.rate}: ${percent(r.updates.rate)}\n`;
  out += `\n## ${l.case_handling}\n\n${markdownTable([l.item, l.count], caseRows(r, l).map(([k, v]) => [printable(k), v]))}`;
  if (r.agents.length) {
    out += `\n## ${l.agents}\n\n${markdownTable([l.agent, l.handled, l.resolved, l.sla_rate, l.satisfaction], r.agents.map((a) => [a.agent, String(a.handled), String(a.resolved), percent(a.sla_rate), number(a.satisfaction)]))}`;
  }
  return out;
}

/** The report with the names that come from tickets (departments, categories, teams, agents) made safe to show. */
function printableReport(r: MonthlyReport): MonthlyReport {
  const keys = <T>(map: Record<string, T>) => Object.fromEntries(Object.entries(map).map(([key, value]) => [printable(key), value]));
  return {
    ...r,
    team: r.team === null ? null : printable(r.team),
    caller: r.caller === null ? null : printable(r.caller),
    by_type: keys(r.by_type),
    by_urgency: keys(r.by_urgency),
    by_channel: keys(r.by_channel),
    by_department: keys(r.by_department),
    by_category: keys(r.by_category),
    by_team: keys(r.by_team),
    agents: r.agents.map((a) => ({ ...a, agent: printable(a.agent) })),
    field: { ...r.field, by_team: keys(r.field.by_team), by_category: keys(r.field.by_category) },
    complaints: {
      ...r.complaints,
      verification: { ...r.complaints.verification, by_cause: keys(r.complaints.verification.by_cause), by_target: keys(r.complaints.verification.by_target), agents: keys(r.complaints.verification.agents) },
    },
    supervision: { by_team: keys(r.supervision.by_team) },
    assists: { by_team: keys(r.assists.by_team) },
  };
}
