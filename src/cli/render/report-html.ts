// The monthly report as one self-contained HTML file: inline CSS and SVG charts, nothing fetched,
// printable, ready to mail on.
import type { MonthlyReport } from '../../report/monthly.js';
import { BREAKDOWNS, caseRows, fieldRows, supervisionRows, number, percent, summaryRows, periodName, periodWords } from './report-format.js';
import type { Labels, Lang } from './report-labels.js';

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function table(head: string[], rows: string[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell, i) => `<td${i ? ' class="n"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The step between a count axis's ticks: 1, 2 or 5 times a power of ten, at most five steps up to `max`. */
function tickStep(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough)!);
}

/**
 * Columns, one per day, over a scale of counts with gridlines: a printed copy is read without
 * hovering. Each column shows its count when the columns are wide enough, else the highest alone.
 */
function dayChart(days: { date: string; count: number }[], label: string): string {
  const width = 720;
  const height = 200;
  const left = 36;
  const bottom = height - 20;
  const top = 16;
  const max = Math.max(0, ...days.map((d) => d.count));
  const step = tickStep(Math.max(1, max));
  const scale = Math.ceil(Math.max(1, max) / step) * step;
  const y = (count: number) => bottom - (count / scale) * (bottom - top);
  const ticks = Array.from({ length: scale / step + 1 }, (_, i) => i * step)
    .map((n) => `<line class="grid" x1="${left}" y1="${y(n).toFixed(1)}" x2="${width}" y2="${y(n).toFixed(1)}"/><text class="tick" x="${left - 4}" y="${(y(n) + 4).toFixed(1)}" text-anchor="end">${n}</text>`)
    .join('');
  const column = (width - left) / Math.max(days.length, 1);
  // A year's columns are under 2 px wide: their gaps shrink with them, or no column would show.
  const gap = Math.min(2, column / 5);
  // About 7 px a digit at 12 px: narrower columns would run their counts together.
  const everyCount = String(max).length * 7 + 2 <= column;
  const highest = days.findIndex((d) => d.count === max && max > 0);
  // Within a month the day of the month names a day; over longer windows its month is needed too.
  const dayLabel = (date: string) => (days.length > 31 ? date.slice(5) : date.slice(8));
  const every = days.length <= 14 ? 1 : 5 * Math.ceil((dayLabel(days[0]!.date).length * 7 + 8) / (5 * column));
  const columns = days
    .map((d, i) => {
      const x = left + i * column;
      const h = bottom - y(d.count);
      return `<rect class="day" x="${(x + gap).toFixed(1)}" y="${y(d.count).toFixed(1)}" width="${(column - 2 * gap).toFixed(1)}" height="${h.toFixed(1)}"><title>${escapeHtml(d.date)}: ${d.count}</title></rect>` +
        (d.count > 0 && (everyCount || i === highest) ? `<text class="count" x="${(x + column / 2).toFixed(1)}" y="${(y(d.count) - 3).toFixed(1)}" text-anchor="middle">${d.count}</text>` : '') +
        (i % every === 0 ? `<text class="date" x="${(x + column / 2).toFixed(1)}" y="${height - 5}" text-anchor="middle">${escapeHtml(dayLabel(d.date))}</text>` : '');
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${ticks}${columns}<line x1="${left}" y1="${bottom}" x2="${width}" y2="${bottom}" class="axis"/></svg>`;
}

/** Horizontal bars for named counts (or rates when `asPercent`). */
function barChart(entries: [string, number][], label: string, asPercent = false): string {
  const width = 720;
  const row = 24;
  const height = Math.max(row, entries.length * row);
  const max = asPercent ? 1 : Math.max(1, ...entries.map(([, n]) => n));
  const bars = entries
    .map(([name, n], i) => {
      const w = Math.max(n > 0 ? 2 : 0, Math.round((n / max) * (width - 260)));
      const shown = asPercent ? percent(n) : String(n);
      return `<text x="0" y="${i * row + 16}">${escapeHtml(name)}</text><rect class="bar" x="180" y="${i * row + 4}" width="${w}" height="${row - 8}"><title>${escapeHtml(name)}: ${escapeHtml(shown)}</title></rect><text x="${186 + w}" y="${i * row + 16}">${escapeHtml(shown)}</text>`;
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${bars}</svg>`;
}

export function renderReportHtml(r: MonthlyReport, l: Labels, lang: Lang, compare: boolean): string {
  const title = `${periodWords(r, l).title} · ${periodName(r)} · ${r.team ?? l.all_teams}${r.caller === null ? '' : ` · ${r.caller}`}`;
  const summary = summaryRows(r, l);
  const sections: string[] = [];
  sections.push(
    `<section><h2>${escapeHtml(l.volume)}</h2>${table(
      compare ? [l.item, periodName(r), `${periodWords(r, l).previous} ${periodName(r.previous)}`, l.change] : [l.item, periodName(r)],
      summary.map((row) => (compare ? [row.label, row.value, row.previous, row.change] : [row.label, row.value])),
    )}</section>`,
  );
  sections.push(`<section><h2>${escapeHtml(l.created_by_day)}</h2>${dayChart(r.created_by_day, l.created_by_day)}</section>`);
  for (const key of BREAKDOWNS) {
    const entries = Object.entries(r[key]).map(([name, n]) => [name || l.none, n] as [string, number]);
    if (entries.length) sections.push(`<section class="half"><h2>${escapeHtml(l[key])}</h2>${barChart(entries, l[key])}</section>`);
  }
  const slaRates = (['response', 'resolution'] as const).map((k) => [l[k], r.sla[k].rate ?? 0] as [string, number]);
  sections.push(
    `<section><h2>${escapeHtml(l.sla)}</h2>${barChart(slaRates, l.sla, true)}${table([l.item, l.met, l.missed, l.rate], (['response', 'resolution'] as const).map((k) => [l[k], String(r.sla[k].met), String(r.sla[k].missed), percent(r.sla[k].rate)]))}</section>`,
  );
  sections.push(
    `<section><h2>${escapeHtml(l.durations)}</h2>${table(
      [l.item, `${l.median} (${l.wall})`, `${l.p90} (${l.wall})`, `${l.median} (${l.business})`, `${l.p90} (${l.business})`],
      ([['first_response', l.response], ['resolution', l.resolution]] as const).map(([k, label]) => [label, number(r.durations[k].wall.median), number(r.durations[k].wall.p90), number(r.durations[k].business.median), number(r.durations[k].business.p90)]),
    )}</section>`,
  );
  sections.push(
    `<section><h2>${escapeHtml(l.satisfaction)}</h2><p>${escapeHtml(`${l.average} ${number(r.satisfaction.average)} · ${l.response_rate} ${percent(r.satisfaction.response_rate)} · ${l.callback_rate} ${percent(r.callback.rate)}`)}</p>${barChart(
      Object.entries(r.satisfaction.distribution).map(([score, n]) => [`★ ${score}`, n]),
      l.satisfaction,
    )}</section>`,
  );
  sections.push(`<section><h2>${escapeHtml(l.complaints)}</h2>${table([l.received, l.resolved, l.closed, l.open, l.satisfaction], [[r.complaints.received, r.complaints.resolved, r.complaints.closed, r.complaints.open, r.complaints.satisfaction].map(number)])}</section>`);
  const cases = supervisionRows(r, l);
  sections.push(
    `<section><h2>${escapeHtml(l.verification)}</h2>${table([l.item, l.value], cases.verification)}${
      cases.byCause.length ? `<h3>${escapeHtml(l.by_cause)}</h3>${barChart(Object.entries(r.complaints.verification.by_cause).map(([k, n]) => [k || l.none, n]), l.by_cause)}${table([l.item, l.count], cases.byCause)}` : ''
    }${cases.byTarget.length ? `<h3>${escapeHtml(l.by_target)}</h3>${table(cases.targetHead, cases.byTarget)}` : ''}${
      cases.agents.length ? `<h3>${escapeHtml(l.against_agents)}</h3>${table(cases.agentHead, cases.agents)}` : ''
    }</section>`,
  );
  if (cases.supervision.length) sections.push(`<section><h2>${escapeHtml(l.supervision)}</h2>${table(cases.supervisionHead, cases.supervision)}</section>`);
  if (cases.assists.length) sections.push(`<section><h2>${escapeHtml(l.assists)}</h2>${table(cases.assistHead, cases.assists)}</section>`);
  const field = fieldRows(r, l);
  sections.push(
    `<section><h2>${escapeHtml(l.field)}</h2>${table([l.item, l.value], field.totals.map(([k, v]) => [k, v]))}${
      field.byTeam.length ? `<h3>${escapeHtml(l.by_team_field)}</h3>${barChart(Object.entries(r.field.by_team).map(([k, g]) => [k || l.none, g.visits]), l.by_team_field)}${table(field.head, field.byTeam)}` : ''
    }${field.byCategory.length ? `<h3>${escapeHtml(l.by_category_field)}</h3>${table(field.head, field.byCategory)}` : ''}</section>`,
  );
  sections.push(`<section><h2>${escapeHtml(l.updates)}</h2>${table([l.met, l.missed, l.rate], [[String(r.updates.met), String(r.updates.missed), percent(r.updates.rate)]])}</section>`);
  sections.push(`<section><h2>${escapeHtml(l.case_handling)}</h2>${table([l.item, l.count], caseRows(r, l))}</section>`);
  if (r.agents.length) {
    sections.push(`<section><h2>${escapeHtml(l.agents)}</h2>${table([l.agent, l.handled, l.resolved, l.sla_rate, l.satisfaction], r.agents.map((a) => [a.agent, String(a.handled), String(a.resolved), percent(a.sla_rate), number(a.satisfaction)]))}</section>`);
  }
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; margin: 2em auto; max-width: 760px; color: #1a1a1a; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; } h2 { font-size: 1.1em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; } th, td { padding: 4px 8px; border-bottom: 1px solid #eee; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 12px; } svg .bar { fill: #3b73b9; } svg .day { fill: #5a9bd5; } svg .axis { stroke: #999; } svg .grid { stroke: #e4e4e4; } svg .tick, svg .date { fill: #555; }
.meta { color: #666; font-size: 0.9em; }
@media print { body { margin: 0; max-width: none; } section { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(`${periodWords(r, l).window} ${periodName(r)} · ${r.timezone} · ${l.generated}`)}</p>
${sections.join('\n')}
</body>
</html>
`;
}
