// The monthly report in each output format.
import { stringify } from 'csv-stringify/sync';
import { spreadsheetRows } from '../../importer/export-rows.js';
import type { MonthlyReport } from '../../report/monthly.js';
import { flatFigures, flatHead } from './report-format.js';
import { renderReportHtml } from './report-html.js';
import { labelsFor, type Lang } from './report-labels.js';
import { renderReportMarkdown, renderReportText } from './report-text.js';
import { loadStyle } from './style.js';
import type { Presenter } from './present.js';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  format: ReportFormat;
  lang: Lang;
  /** Writes the breakdowns' values by their labels; JSON keeps the stored values. */
  present?: Presenter;
  compare: boolean;
  terminal: boolean;
  color: boolean;
}

export async function renderReport(stored: MonthlyReport, o: RenderOptions): Promise<string> {
  const labels = labelsFor(o.lang);
  if (o.format === 'json') return `${JSON.stringify(stored, null, 2)}\n`;
  const report = o.present ? labelledReport(stored, o.present) : stored;
  switch (o.format) {
    case 'csv':
      return stringify(spreadsheetRows([flatHead(labels), ...flatFigures(report, labels)]));
    case 'md':
      return renderReportMarkdown(report, labels, o.compare);
    case 'html':
      return renderReportHtml(report, labels, o.lang, o.compare);
    case 'table':
      return await renderReportText(report, labels, { boxed: o.terminal, color: o.color, compare: o.compare, style: await loadStyle(o.color) });
  }
}


/** The report with the values of its breakdowns (types, urgencies, channels, teams) written by their labels. */
function labelledReport(r: MonthlyReport, p: Presenter): MonthlyReport {
  const relabel = <T>(map: Record<string, T>, label: (key: string) => string): Record<string, T> => {
    const entries = Object.entries(map).map(([key, value]) => [key === '' ? key : label(key), value] as const);
    // Two values that share a label keep their own names.
    return new Set(entries.map(([key]) => key)).size === entries.length ? Object.fromEntries(entries) : map;
  };
  const team = (key: string) => p.team(key);
  return {
    ...r,
    team: r.team === null ? null : p.team(r.team),
    by_type: relabel(r.by_type, (key) => p.value('type', key)),
    by_urgency: relabel(r.by_urgency, (key) => p.value('urgency', key)),
    by_channel: relabel(r.by_channel, (key) => p.value('channel', key)),
    by_team: relabel(r.by_team, team),
    field: { ...r.field, by_team: relabel(r.field.by_team, team) },
  };
}
