// The appraisal in each output format: one row per agent; the HTML is one printable page per team.
import { stringify } from 'csv-stringify/sync';
import { spreadsheetRows } from '../../importer/export-rows.js';
import type { AppraisalReport, AppraisalRow } from '../../report/appraisal.js';
import type { Lang } from '../../domain/terms.js';
import type { Presenter } from './present.js';
import type { ReportFormat } from './report.js';
import { renderTable } from './table.js';
import { number, percent } from './report-format.js';
import { escapeHtml } from './report-html.js';
import { markdownTable } from './report-text.js';
import { printable } from './terminal-text.js';

const EN = {
  title: 'Agent appraisal',
  all_teams: 'all teams',
  no_team: 'Not in a team',
  columns: {
    rank: 'Rank', agent: 'Agent', team: 'Team', logged: 'Logged', handled: 'Handled', resolved: 'Resolved',
    first_response: 'First response (median, min)', response_on_time: 'Responses on time', resolution_sla: 'Resolution SLA',
    satisfaction: 'Satisfaction', quality_points: 'Quality points', unqualified: 'Unqualified / inspected', complaints: 'Complaints found true',
    returns: 'Returns', reopens: 'Reopens', score: 'Score',
  },
  weights: (parts: string, complaint: number) => `Score: ${parts}, each part 0–100; ${complaint} points off for each complaint found true.`,
  parts: { quality: 'quality', response: 'responses on time', accuracy: 'accuracy', resolution: 'resolution SLA', satisfaction: 'satisfaction' } as Record<string, string>,
  pointsRule: (monthly: number, perDay: number, deduct: number) => `Quality points: ${monthly} a month, ${deduct} off for each inspected day with ${perDay} or more unqualified records.`,
  band: (agent: string, points: number, below: number, effect: string) => `${agent}: ${points} points, below ${below}: ${effect}`,
  empty: 'nobody to appraise in this period',
  list: ', ',
};

type AppraisalLabels = typeof EN;

const ZH: AppraisalLabels = {
  title: '坐席绩效考核',
  all_teams: '全部处理组',
  no_team: '未分组',
  columns: {
    rank: '排名', agent: '坐席', team: '处理组', logged: '受理量', handled: '处理量', resolved: '办结量',
    first_response: '首次响应（中位数，分钟）', response_on_time: '及时响应率', resolution_sla: '办结及时率',
    satisfaction: '满意度', quality_points: '质检得分', unqualified: '不合格 / 抽检', complaints: '有效投诉',
    returns: '退单', reopens: '重开', score: '综合得分',
  },
  weights: (parts: string, complaint: number) => `综合得分：${parts}，各项满分 100；每件有效投诉扣 ${complaint} 分。`,
  parts: { quality: '质检', response: '及时响应', accuracy: '准确率', resolution: '办结及时', satisfaction: '满意度' },
  pointsRule: (monthly: number, perDay: number, deduct: number) => `质检得分：每月 ${monthly} 分，抽检日不合格记录达 ${perDay} 条扣 ${deduct} 分。`,
  band: (agent: string, points: number, below: number, effect: string) => `${agent}：${points} 分，低于 ${below} 分：${effect}`,
  empty: '本期没有可考核的坐席',
  list: '、',
};

export const appraisalLabelsFor = (lang: Lang): AppraisalLabels => (lang === 'zh' ? ZH : EN);

const COLUMNS = ['rank', 'agent', 'team', 'logged', 'handled', 'resolved', 'first_response', 'response_on_time', 'resolution_sla', 'satisfaction', 'quality_points', 'unqualified', 'complaints', 'returns', 'reopens', 'score'] as const;


function cells(r: AppraisalRow, present: Presenter): string[] {
  return [
    number(r.rank),
    printable(r.agent),
    present.team(r.team),
    String(r.logged),
    String(r.handled),
    String(r.resolved),
    number(r.first_response.median_business_minutes),
    percent(r.first_response.on_time_rate),
    percent(r.resolution_sla.rate),
    number(r.satisfaction.average),
    r.quality.inspected ? String(r.quality.points) : '—',
    `${r.quality.unqualified} / ${r.quality.inspected}`,
    String(r.complaints_verified),
    String(r.returns),
    String(r.reopens),
    number(r.score),
  ];
}

function titleOf(r: AppraisalReport, l: AppraisalLabels, present: Presenter): string {
  const window = r.period.kind === 'period' ? `${r.period.from} – ${r.period.to}` : r.period.name;
  return `${l.title} · ${window} · ${r.team === null ? l.all_teams : present.team(r.team)} (${r.timezone})`;
}

/** The notes under the table: how the score is weighted, the points rule, and who fell into a band. */
function notes(r: AppraisalReport, rows: readonly AppraisalRow[], l: AppraisalLabels, lang: Lang): string[] {
  const parts = Object.entries(r.weights).filter(([, w]) => w > 0).map(([part, w]) => `${l.parts[part] ?? part} ${w}`).join(l.list);
  const banded = rows.flatMap((row) => (row.quality.inspected && row.quality.band ? [l.band(printable(row.agent), row.quality.points, row.quality.band.below, printable(row.quality.band.effect[lang]))] : []));
  return [l.weights(parts, r.complaint_deduction), l.pointsRule(r.points.monthly, r.points.unqualified_per_day, r.points.deduct), ...banded];
}

/** One page per team, in teams.yaml's order, the agents outside any team last; each ranked as in the whole appraisal. */
function pages(r: AppraisalReport, present: Presenter, l: AppraisalLabels): { name: string; rows: AppraisalRow[] }[] {
  const teams = [...new Set(r.agents.map((a) => a.team))];
  return teams.map((team) => ({ name: team === null ? l.no_team : present.team(team), rows: r.agents.filter((a) => a.team === team) }));
}

function renderHtml(r: AppraisalReport, present: Presenter, l: AppraisalLabels, lang: Lang): string {
  const head = COLUMNS.map((c) => `<th>${escapeHtml(l.columns[c])}</th>`).join('');
  const body = pages(r, present, l)
    .map(({ name, rows }) => {
      const trs = rows.map((row) => `<tr>${cells(row, present).map((cell, i) => `<td${i === 1 || i === 2 ? '' : ' class="n"'}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('');
      const notesHtml = notes(r, rows, l, lang).map((n) => `<p>${escapeHtml(n)}</p>`).join('');
      return `<section class="page"><h1>${escapeHtml(titleOf(r, l, present))}</h1><h2>${escapeHtml(name)}</h2><table><thead><tr>${head}</tr></thead><tbody>${trs}</tbody></table>${notesHtml}</section>`;
    })
    .join('\n');
  const css = [
    'body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}',
    'h1{font-size:18px;margin:0 0 4px}h2{font-size:15px;margin:0 0 12px;color:#555}',
    'table{border-collapse:collapse;width:100%;font-size:12px}th,td{border:1px solid #ccc;padding:4px 6px}th{background:#f3f3f3;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}',
    'p{font-size:12px;color:#444;margin:6px 0}.page{break-after:page;page-break-after:always;margin-bottom:32px}.page:last-child{break-after:auto;page-break-after:auto}',
    '@page{size:A4 landscape;margin:12mm}',
  ].join('\n');
  return `<!DOCTYPE html>\n<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(titleOf(r, l, present))}</title><style>\n${css}\n</style></head><body>\n${body || `<p>${escapeHtml(l.empty)}</p>`}\n</body></html>\n`;
}

export interface AppraisalRenderOptions {
  format: ReportFormat;
  lang: Lang;
  present: Presenter;
  terminal: boolean;
  color: boolean;
}

export async function renderAppraisal(r: AppraisalReport, o: AppraisalRenderOptions): Promise<string> {
  const l = appraisalLabelsFor(o.lang);
  const head = COLUMNS.map((c) => l.columns[c]);
  const rows = r.agents.map((row) => cells(row, o.present));
  switch (o.format) {
    case 'json':
      return `${JSON.stringify(r, null, 2)}\n`;
    case 'csv':
      return stringify(spreadsheetRows([head, ...rows]));
    case 'html':
      return renderHtml(r, o.present, l, o.lang);
    case 'md':
      return `# ${titleOf(r, l, o.present)}\n\n${rows.length ? markdownTable(head, rows) : `${l.empty}\n`}\n${notes(r, r.agents, l, o.lang).map((n) => `- ${n}`).join('\n')}\n`;
    case 'table': {
      const table = rows.length ? await renderTable(head, rows, { boxed: o.terminal, color: o.color }) : `${l.empty}\n`;
      return `${titleOf(r, l, o.present)}\n\n${table}\n${notes(r, r.agents, l, o.lang).join('\n')}\n`;
    }
  }
}
