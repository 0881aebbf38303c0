import { declareCommand } from '../declaration.js';
import type { ReportOptions } from './report.js';

/** The flags every report takes, whatever its window (src/cli/commands/report-periods.declaration.ts too). */
export const REPORT_FLAGS = {
  format: { syntax: '--format <format>', description: 'table, json, csv, md or html (default: table; json with --json)' },
  out: { syntax: '--out <file>', description: 'write to this file (atomically) instead of stdout' },
  team: { syntax: '--team <team>', description: 'only tickets of this primary team' },
  requester: { syntax: '--requester <name>', description: "only the caller's tickets, by name (case and spacing ignored)" },
  contact: { syntax: '--contact <phone|mail>', description: "only the caller's tickets, by phone or mail, however written" },
  compare: { syntax: '--compare', description: 'show the previous month beside each figure' },
  encoding: { syntax: '--encoding <name>', description: 'with --format csv: utf-8 (default) or e.g. gb18030 for Chinese Excel' },
  bom: { syntax: '--bom', description: 'with --format csv: start UTF-8 with a byte order mark (Excel reads Chinese text right)' },
} as const;

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
