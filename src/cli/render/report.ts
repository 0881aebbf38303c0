// The monthly report in each output format.
import { stringify } from 'csv-stringify/sync';
import type { MonthlyReport } from '../../report/monthly.js';
import { flatFigures } from './report-format.js';
import { renderReportHtml } from './report-html.js';
import { labelsFor, type Lang } from './report-labels.js';
import { renderReportMarkdown, renderReportText } from './report-text.js';
import { loadStyle } from './style.js';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  format: ReportFormat;
  lang: Lang;
  compare: boolean;
  terminal: boolean;
  color: boolean;
}

export async function renderReport(report: MonthlyReport, o: RenderOptions): Promise<string> {
  const labels = labelsFor(o.lang);
  switch (o.format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return stringify([['section', 'metric', 'value'], ...flatFigures(report, labels)]);
    case 'md':
      return renderReportMarkdown(report, labels, o.compare);
    case 'html':
      return renderReportHtml(report, labels, o.lang, o.compare);
    case 'table':
      return await renderReportText(report, labels, { boxed: o.terminal, color: o.color, compare: o.compare, style: await loadStyle(o.color) });
  }
}

