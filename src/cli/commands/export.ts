import type { TicketLink } from '../../domain/links.js';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../../domain/errors.js';
import { checkEnum } from '../../domain/vocabulary.js';
import { createCsvFormatter, createJsonFormatter, csvHeader, EXPORT_FORMATS, type ExportFormat } from '../../importer/export-rows.js';
import { checkEncoding } from '../../importer/source.js';
import type { ExportQuery } from '../../store/store.js';
import type { Context } from '../context.js';
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

/** Where the export goes: stdout (waiting when the reader is slower), or a file written whole or not at all. */
interface Sink {
  write(text: string): Promise<void>;
  commit(): void;
  abandon(): void;
}

async function openSink(ctx: Context, out: string | undefined, encoding: string, bom: boolean): Promise<Sink> {
  const encode = encoding === 'utf8' ? (text: string) => Buffer.from(text, 'utf8') : await (async () => {
    const iconv = (await import('iconv-lite')).default;
    return (text: string) => iconv.encode(text, encoding);
  })();
  let first = bom;
  const bytesOf = (text: string) => {
    if (!first) return encode(text);
    first = false;
    return Buffer.concat([encoding === 'utf8' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), encode(text)]);
  };
  if (out === undefined) {
    const stdout = ctx.io.stdout as NodeJS.WritableStream & { write(chunk: Buffer): boolean };
    return {
      async write(text) {
        if (!stdout.write(bytesOf(text)) && typeof stdout.once === 'function') await new Promise((done) => stdout.once('drain', done));
      },
      commit() {},
      abandon() {},
    };
  }
  const target = resolve(ctx.cwd, out);
  // Written beside the target and renamed over it at the end: a reader never sees half an export.
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(temporary, 'wx', 0o600);
  } catch (error) {
    throw new UsageError(`--out: cannot write ${out} (${(error as NodeJS.ErrnoException).code})`, 'give a file in a writable directory');
  }
  return {
    async write(text) {
      const bytes = bytesOf(text);
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
    },
    commit() {
      fsyncSync(fd);
      closeSync(fd);
      renameSync(temporary, target);
    },
    abandon() {
      closeSync(fd);
      rmSync(temporary, { force: true });
    },
  };
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
  const sink = await openSink(ctx, options.out, encoding, Boolean(options.bom));
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
