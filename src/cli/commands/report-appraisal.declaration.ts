import { declareCommand, REPORT_FLAGS } from '../declaration.js';
import type { AppraisalOptions } from './report-appraisal.js';

const { format, out, team, encoding, bom } = REPORT_FLAGS;

export const declaration = declareCommand<AppraisalOptions>({
  name: 'appraisal',
  description: "Each agent's figures, quality points, weighted score and rank (绩效考核), for a month or any other period",
  examples: ['desk report appraisal', 'desk report appraisal --month 2026-11 --team service-desk --format html --out 2026-11-appraisal.html', 'desk report appraisal --quarter 2026-Q4 --json'],
  flags: {
    month: { syntax: '--month <YYYY-MM>', description: 'the month (default: the previous month)' },
    week: { syntax: '--week <YYYY-Www>', description: 'an ISO week instead' },
    quarter: { syntax: '--quarter <YYYY-Qn>', description: 'a quarter instead' },
    year: { syntax: '--year <YYYY>', description: 'a year instead' },
    date: { syntax: '--date <YYYY-MM-DD>', description: 'one day instead' },
    from: { syntax: '--from <YYYY-MM-DD>', description: 'with --to: any run of days instead, both included' },
    to: { syntax: '--to <YYYY-MM-DD>', description: 'the last day, with --from' },
    format,
    out,
    encoding,
    bom,
    team: { ...team, description: "only this team's agents (teams.yaml), appraised on all their tickets" },
  },
  load: () => import('./report-appraisal.js'),
});
