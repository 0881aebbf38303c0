import type { TicketLink } from '../../domain/links.js';
import { resolve } from 'node:path';
import { checkEnum } from '../../domain/vocabulary.js';
import { createCsvFormatter, createJsonFormatter, csvHeader, EXPORT_FORMATS, type ExportFormat } from '../../importer/export-rows.js';
import { checkEncoding } from '../../importer/source.js';
import type { ExportQuery } from '../../store/store.js';
import type { Context } from '../context.js';
import { openSink } from '../output-sink.js';
import { recordReveal } from '../reveal.js';
import { parseTicketFilters } from '../ticket-filters.js';
import { printJson } from '../render/ticket-json.js';
import type { CommandInput, TicketFilterOptions } from '../declaration.js';

export interface ExportOptions extends TicketFilterOptions {
  format?: string;
  out?: string;
  reveal?: boolean;
  encoding?: string;
  bom?: boolean;
  search?: string;
}

function formatOf(options: ExportOptions): ExportFormat {
  if (options.format !== undefined) return checkEnum(options.format, EXPORT_FORMATS, '--format') as ExportFormat;
  const ext = options.out?.toLowerCase().match(/\.(csv|ndjson|jsonl|json)$/)?.[1];
  return ext === 'jsonl' ? 'ndjson' : ((ext as ExportFormat | undefined) ?? 'csv');
}

const NO_LINKS: readonly TicketLink[] = [];

export async function run({ options }: CommandInput<ExportOptions>, ctx: Context) {
  const { timezone: zone, vocabulary } = await ctx.settings();
  const now = ctx.now();
  const format = formatOf(options);
  const encoding = await checkEncoding(options.encoding ?? 'utf-8');
  const query: ExportQuery = parseTicketFilters(options, { zone, vocabulary, now });
  const store = await ctx.openStore({ create: false });
  const jsonText = createJsonFormatter({ zone, reveal: Boolean(options.reveal) });
  const csvLine = createCsvFormatter({ zone, reveal: Boolean(options.reveal) });
  // An export holds the desk's tickets (their contacts too, with --reveal): for its owner alone.
  const sink = await openSink(ctx, options.out, { encoding, bom: Boolean(options.bom), mode: 0o600 });
  let count = 0;
  try {
    if (format === 'csv') await sink.write(csvHeader());
    if (format === 'json') await sink.write('[');
    for await (const { tickets, links } of store.exportTickets(query)) {
      if (options.reveal) await recordReveal(ctx, store, 'export', tickets.map((t) => t.id));
      const linksOf = (t: { id: number }) => links.get(t.id) ?? NO_LINKS;
      if (format === 'csv') await sink.write(tickets.map((t) => csvLine(t, linksOf(t))).join(''));
      else if (format === 'ndjson') await sink.write(`${tickets.map((t) => jsonText(t, linksOf(t))).join('\n')}\n`);
      else await sink.write(`${count ? ',' : ''}\n${tickets.map((t) => jsonText(t, linksOf(t))).join(',\n')}`);
      count += tickets.length;
    }
    if (format === 'json') await sink.write(count ? '\n]\n' : ']\n');
    sink.commit();
  } catch (error) {
    sink.abandon();
    throw error;
  }
  if (options.out === undefined) return;
  if (ctx.json) printJson((t) => ctx.io.stdout.write(t), { file: resolve(ctx.cwd, options.out), format, tickets: count });
  else ctx.io.stdout.write(`${count} ticket(s) → ${options.out}\n`);
}
