import { declareCommand, REPORT_FLAGS } from '../declaration.js';
import type { ReportOptions } from './report.js';


export const declaration = declareCommand<ReportOptions>({
  name: 'monthly',
  description: 'The monthly statistics: volume, timeliness, resolution, satisfaction and per-agent figures',
  examples: ['desk report monthly', 'desk report monthly --month 2026-10 --compare --lang zh', 'desk report monthly --format html --out report.html', 'desk report monthly --lang zh --format csv --encoding gb18030 --out 月报.csv'],
  flags: {
    month: { syntax: '--month <YYYY-MM>', description: 'the month (default: the previous month)' },
    ...REPORT_FLAGS,
  },
  load: () => import('./report.js'),
});
