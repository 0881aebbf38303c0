import { declareCommand, TICKET_FILTERS } from '../declaration.js';
import type { ExportOptions } from './export.js';

export const declaration = declareCommand<ExportOptions>({
  name: 'export',
  description: 'Export tickets as CSV, NDJSON or JSON, with the filters of list; contacts masked unless --reveal',
  examples: ['desk export --out tickets.csv', 'desk export --status closed --from 2026-10-01 --to 2026-11-01 --format ndjson', 'desk export --format json --reveal --out all.json'],
  flags: {
    format: { syntax: '--format <format>', description: 'csv (default), ndjson or json; else from the extension of --out' },
    out: { syntax: '--out <file>', description: 'write to this file (atomically, mode 0600) instead of stdout' },
    reveal: { syntax: '--reveal', description: 'export contact details unmasked' },
    encoding: { syntax: '--encoding <name>', description: 'text encoding: utf-8 (default) or e.g. gb18030 for Chinese Excel' },
    bom: { syntax: '--bom', description: 'start a UTF-8 file with a byte order mark (Excel reads Chinese text right)' },
    ...TICKET_FILTERS,
    search: { syntax: '--search <text>', description: 'text in title or description' },
  },
  load: () => import('./export.js'),
});
