import { declareCommand } from '../declaration.js';
import type { ImportOptions } from './import.js';

export const declaration = declareCommand<ImportOptions>({
  name: 'import',
  description: 'Import tickets from a CSV, JSON or NDJSON file (- for stdin): validated, batched, idempotent on external id',
  examples: [
    'desk import tickets.csv',
    'desk import 工单.csv --encoding gb18030 --on-error skip --rejects rejects.csv',
    'desk import history.ndjson --classify --dispatch --dry-run',
    'gunzip -c tickets.csv.gz | desk import - --format csv --json',
  ],
  arguments: [{ syntax: '<file>', description: 'the file to import, or - for stdin' }],
  flags: {
    format: { syntax: '--format <format>', description: 'csv, json or ndjson (default: from the extension, else from the first character)' },
    encoding: { syntax: '--encoding <name>', description: 'text encoding: utf-8 (default, BOM or not), gb18030, gbk, …' },
    map: { syntax: '--map <col=field,...>', description: 'read a column as a field (备注=description), or leave it out (附件=); repeatable', repeatable: true },
    onError: { syntax: '--on-error <mode>', description: 'abort: nothing is written if any row is bad (default); skip: import the good rows' },
    rejects: { syntax: '--rejects <file>', description: 'write the bad rows there, with a reason column, to fix and import again' },
    dryRun: { syntax: '--dry-run', description: 'check every row and report, writing nothing' },
    update: { syntax: '--update', description: 'update tickets already imported (same external id) instead of skipping them' },
    classify: { syntax: '--classify', description: 'classify rows without a type by the rules of routing.yaml' },
    dispatch: { syntax: '--dispatch', description: 'dispatch open rows without a team by the rules of routing.yaml' },
    batchSize: { syntax: '--batch-size <n>', description: 'rows per transaction (default 5000)' },
  },
  load: () => import('./import.js'),
});
