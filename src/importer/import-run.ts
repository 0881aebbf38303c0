// The import itself (DESIGN.md "Import and export"): source rows → validated tickets → batches,
// each batch one transaction. With `--on-error abort` (the default) nothing may be written if any
// row is bad, so a first pass checks every row, and a second pass reads the source again and
// writes; with `skip` one pass writes the good rows and sets the bad ones aside.
import { DeskError, UsageError } from '../domain/errors.js';
import type { Plan } from '../domain/lifecycle.js';
import type { RuleEngine } from '../rules/engine.js';
import type { SlaPolicy } from '../sla/targets.js';
import type { ImportCounts, ImportRecord, ImportSession, ImportWriteOptions } from '../store/store.js';
import { classifyImported, startImportedClock } from './complete-ticket.js';
import { readCsvRows } from './csv-reader.js';
import { fieldOfHeader, planColumns, type ColumnMap, type TicketColumn } from './fields.js';
import { readJsonArrayRows, readNdjsonRows } from './json-reader.js';
import type { RejectsFile } from './rejects.js';
import { ImportNotes, validateRow, type RawRecord, type RowContext, type RowProblem } from './row.js';
import type { TextSource } from './source.js';

export type ImportFormat = 'csv' | 'json' | 'ndjson';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['csv', 'json', 'ndjson'];

export interface ImportProgress {
  /** check: reading and validating; write: writing what the check parked; import: both at once. */
  phase: 'check' | 'write' | 'import';
  rows: number;
  bytes: number;
  totalBytes: number | null;
  /** Rows written so far, and how many there are to write (known in the write phase). */
  written: number;
  toWrite: number | null;
}

export interface ImportRun {
  source: TextSource;
  /** null: from the file's extension, else from its first character. */
  format: ImportFormat | null;
  map: ColumnMap;
  onError: 'abort' | 'skip';
  dryRun: boolean;
  batchSize: number;
  rejects: RejectsFile | null;
  /** The rules, when --classify: rows without a type are classified before they are written. */
  classify: RuleEngine | null;
  sla: SlaPolicy | null;
  rows: Omit<RowContext, 'now'>;
  /** How tickets are numbered and written; `then` holds the dispatch plan when --dispatch. */
  write: Omit<ImportWriteOptions, 'now' | 'then' | 'batchSize'> & { then: (now: number) => readonly Plan[] };
  now(): number;
  /** Each bad row's problems, as they are found. */
  onProblem(problem: RowProblem): void;
  /** Something said once for the whole file (unknown columns as soon as the header is read). */
  onWarning(text: string): void;
  onProgress?(progress: ImportProgress): void;
}

export interface ImportSummary {
  source: string;
  format: ImportFormat;
  dry_run: boolean;
  on_error: 'abort' | 'skip';
  read: number;
  inserted: number;
  updated: number;
  skipped: number;
  rejected: number;
  elapsed_seconds: number;
  rows_per_second: number;
  warnings: string[];
  /** The first problems found (all of them are reported on stderr as they are found). */
  problems: RowProblem[];
  rejects_file: string | null;
}

const MAX_PROBLEMS_KEPT = 1000;
const MAX_UNKNOWN_KEYS = 50;

/** One source row: its cells by field, or why it could not be read; and the row as written, for --rejects. */
interface SourceRecord {
  raw: RawRecord | null;
  problem?: RowProblem;
  csv?: string[];
  json?: { value: unknown; text?: string };
}

function detectFormat(name: string, first: string): ImportFormat {
  const lower = name.toLowerCase();
  const start = first.replace(/^[\s\ufeff]+/, '')[0];
  if (/\.(csv|tsv|txt)$/.test(lower)) return 'csv';
  if (/\.(ndjson|jsonl)$/.test(lower)) return 'ndjson';
  if (start === '[') return 'json';
  if (start === '{') return 'ndjson';
  return lower.endsWith('.json') ? 'json' : 'csv';
}

/** The first chunk, for sniffing the format, and all the chunks again. */
async function peek(chunks: AsyncIterable<string>): Promise<{ first: string; all: AsyncIterable<string> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head = await iterator.next();
  const first = head.done ? '' : head.value;
  async function* all(): AsyncIterable<string> {
    if (!head.done) yield head.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { first, all: all() };
}

// A cell an export neutralised against formula injection ('=SUM(…)) reads back as it was.
const NEUTRALISED = new Set(['=', '+', '-', '@', '\t', '\r', "'"]);
function restoreCell(value: string): string {
  return value.length > 1 && value.charCodeAt(0) === 39 && NEUTRALISED.has(value[1]!) ? value.slice(1) : value;
}

async function* csvRecords(run: ImportRun, chunks: AsyncIterable<string>): AsyncGenerator<SourceRecord[]> {
  const name = run.source.name;
  let header: string[] | null = null;
  // The source columns that fill a field, and those fields and column names.
  let indexes: number[] = [];
  let fields: TicketColumn[] = [];
  let columns: string[] = [];
  for await (const rows of readCsvRows(chunks, name)) {
    let start = 0;
    if (header === null) {
      const first = rows[0]!;
      header = first.values;
      const plan = planColumns(header, run.map, `${name}:${first.line}`);
      plan.fields.forEach((field, i) => {
        if (field === null) return;
        indexes.push(i);
        fields.push(field);
        columns.push(header![i]!.trim());
      });
      if (plan.unknown.length) {
        run.onWarning(`${name}: columns not imported: ${plan.unknown.join(', ')} (import one with --map COLUMN=FIELD, or leave it out with --map COLUMN=)`);
      }
      run.rejects?.header(header);
      start = 1;
    }
    const out: SourceRecord[] = [];
    const width = header.length;
    for (let r = start; r < rows.length; r++) {
      const row = rows[r]!;
      if (row.problem) {
        out.push({ raw: null, problem: { line: row.line, column: null, field: null, message: row.problem }, csv: row.values });
        continue;
      }
      const values = row.values;
      if (values.length !== width && !(values.length > width && values.slice(width).every((v) => v.trim() === ''))) {
        const message = `${values.length} field${values.length === 1 ? '' : 's'} where the header has ${width}`;
        out.push({ raw: null, problem: { line: row.line, column: null, field: null, message, hint: 'quote a field that contains the delimiter or a line break' }, csv: values });
        continue;
      }
      const cells = new Array<string>(indexes.length);
      for (let i = 0; i < indexes.length; i++) cells[i] = restoreCell(values[indexes[i]!]!);
      out.push({ raw: { line: row.line, fields, cells, columns }, csv: values });
    }
    if (out.length) yield out;
  }
  if (header === null) run.onWarning(`${name}: empty: no header and no rows`);
}

async function* jsonRecords(run: ImportRun, chunks: AsyncIterable<string>, format: 'json' | 'ndjson', notes: ImportNotes): AsyncGenerator<SourceRecord[]> {
  const name = run.source.name;
  const fieldOfKey = new Map<string, TicketColumn | null>();
  const reader = format === 'json' ? readJsonArrayRows(chunks, name) : readNdjsonRows(chunks, name);
  for await (const rows of reader) {
    const out: SourceRecord[] = [];
    for (const row of rows) {
      const json = { value: row.value, text: row.text };
      if (row.problem) {
        out.push({ raw: null, problem: { line: row.line, column: null, field: null, message: row.problem }, json });
        continue;
      }
      const value = row.value;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        const found = Array.isArray(value) ? 'a list' : value === null ? 'null' : `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
        out.push({ raw: null, problem: { line: row.line, column: null, field: null, message: `expected an object with the ticket's fields, found ${found}` }, json });
        continue;
      }
      const fields: TicketColumn[] = [];
      const cells: unknown[] = [];
      const columns: string[] = [];
      let clash: RowProblem | undefined;
      for (const key of Object.keys(value)) {
        let field = fieldOfKey.get(key);
        if (field === undefined) {
          field = run.map.has(key) ? run.map.get(key)! : fieldOfHeader(key);
          fieldOfKey.set(key, field);
          if (field === null && !run.map.has(key) && key !== 'reason' && notes.unknownKeys.size < MAX_UNKNOWN_KEYS) notes.unknownKeys.add(key);
        }
        if (field === null) continue;
        const other = fields.indexOf(field);
        if (other !== -1) {
          clash ??= { line: row.line, column: key, field, message: `keys "${columns[other]}" and "${key}" both fill ${field}`, hint: `leave one out with --map "${key}="` };
          continue;
        }
        fields.push(field);
        cells.push((value as Record<string, unknown>)[key]);
        columns.push(key);
      }
      out.push(clash ? { raw: null, problem: clash, json } : { raw: { line: row.line, fields, cells, columns }, json });
    }
    if (out.length) yield out;
  }
}

interface CheckedBatch {
  records: ImportRecord[];
  rejected: { source: SourceRecord; problems: RowProblem[] }[];
  /** Source rows in this batch. */
  read: number;
}

interface CheckSteps {
  /** Find external ids repeated inside the file (the first pass of a two-pass import does). */
  repeats: boolean;
  /** Classify and start the clock: what is written needs it, a check alone does not. */
  complete: boolean;
}

/** Validates each row, finds external ids repeated inside the file, classifies and starts the clock. */
async function* checkedBatches(run: ImportRun, session: ImportSession, notes: ImportNotes, sources: AsyncIterable<SourceRecord[]>, steps: CheckSteps): AsyncGenerator<CheckedBatch> {
  for await (const batch of sources) {
    const now = run.now();
    const context: RowContext = { ...run.rows, now };
    const rejected: CheckedBatch['rejected'] = [];
    const good: { source: SourceRecord; record: ImportRecord }[] = [];
    for (const source of batch) {
      if (!source.raw) {
        rejected.push({ source, problems: [source.problem!] });
        continue;
      }
      const result = validateRow(source.raw, context, notes);
      if (!result.ok) rejected.push({ source, problems: result.problems });
      else good.push({ source, record: { line: source.raw.line, ticket: result.ticket, given: result.given, events: [], settlements: [] } });
    }
    const earlier = steps.repeats
      ? await session.markSeen(
          good.map((g) => g.record.ticket.external_id),
          good.map((g) => g.record.line),
        )
      : [];
    const records: ImportRecord[] = [];
    good.forEach((g, i) => {
      const first = earlier[i];
      if (first !== null && first !== undefined) {
        const raw = g.source.raw!;
        const column = raw.columns[raw.fields.indexOf('external_id')] ?? 'external_id';
        rejected.push({ source: g.source, problems: [{ line: g.record.line, column, field: 'external_id', message: `"${g.record.ticket.external_id}" already appears on line ${first}`, hint: 'external ids are unique: keep one of the rows' }] });
        return;
      }
      if (steps.complete) {
        if (run.classify) {
          const event = classifyImported(run.classify, g.record.ticket);
          if (event) g.record.events.push(event);
        }
        const started = startImportedClock(run.sla, g.record.ticket, g.record.given, now);
        g.record.ticket = started.ticket;
        g.record.settlements = started.settlements;
      }
      records.push(g.record);
    });
    rejected.sort((a, b) => a.problems[0]!.line - b.problems[0]!.line);
    yield { records, rejected, read: batch.length };
  }
}

function describeNotes(notes: ImportNotes, name: string): string[] {
  const warnings: string[] = [];
  const counted = (map: Map<string, number>) => [...map].map(([key, n]) => `"${key}" (${n} row${n === 1 ? '' : 's'})`).join(', ');
  if (notes.unknownKeys.size) warnings.push(`${name}: keys not imported: ${[...notes.unknownKeys].join(', ')} (import one with --map KEY=FIELD)`);
  if (notes.unknownTeams.size) warnings.push(`teams not in teams.yaml, imported as written: ${counted(notes.unknownTeams)}`);
  if (notes.unknownAgents.size) warnings.push(`agents not in teams.yaml, imported as written: ${counted(notes.unknownAgents)}`);
  if (notes.maskedContacts) warnings.push(`${notes.maskedContacts} contact(s) look masked (like 138****5678) and were left out; export with --reveal to keep contacts`);
  if (notes.withoutIdentity) warnings.push(`${notes.withoutIdentity} row(s) have neither external_id nor number: importing the file again would add them again`);
  return warnings;
}

export async function runImport(session: ImportSession, run: ImportRun): Promise<ImportSummary> {
  const started = performance.now();
  const notes = new ImportNotes();
  const warnings: string[] = [];
  const warn = (text: string) => {
    warnings.push(text);
    run.onWarning(text);
  };
  const { first, all } = await peek(run.source.chunks());
  const format = run.format ?? detectFormat(run.source.name, first);
  const sources = format === 'csv' ? csvRecords({ ...run, onWarning: warn }, all) : jsonRecords(run, all, format, notes);

  const problems: RowProblem[] = [];
  const counts: ImportCounts = { inserted: 0, updated: 0, skipped: 0 };
  let read = 0;
  let rejectedRows = 0;
  let written = 0;
  const progress = (phase: ImportProgress['phase'], toWrite: number | null) =>
    run.onProgress?.({ phase, rows: read, bytes: run.source.bytesRead(), totalBytes: run.source.size, written, toWrite });
  const take = (batch: CheckedBatch) => {
    read += batch.read;
    for (const { source, problems: found } of batch.rejected) {
      rejectedRows++;
      for (const p of found) {
        if (problems.length < MAX_PROBLEMS_KEPT) problems.push(p);
        run.onProblem(p);
      }
      const reason = found.map((p) => `${p.field ? `${p.field}: ` : ''}${p.message}`).join('; ');
      if (run.rejects && source.csv) run.rejects.csvRow(source.csv, reason);
      else if (run.rejects && source.json) run.rejects.jsonRow(source.json.value, source.json.text, reason);
    }
  };
  const add = (more: ImportCounts) => {
    counts.inserted += more.inserted;
    counts.updated += more.updated;
    counts.skipped += more.skipped;
  };
  const write = async (records: ImportRecord[]) => {
    const now = run.now();
    add(await session.write(records, { ...run.write, batchSize: run.batchSize, now, then: run.write.then(now) }));
    written += records.length;
  };

  const everything: CheckSteps = { repeats: true, complete: true };
  if (run.dryRun) {
    for await (const batch of checkedBatches(run, session, notes, sources, everything)) {
      take(batch);
      add(await session.preview(batch.records, { ...run.write, batchSize: run.batchSize, now: run.now(), then: [] }));
      progress('check', null);
    }
  } else if (run.onError === 'skip') {
    try {
      for await (const batch of checkedBatches(run, session, notes, sources, everything)) {
        take(batch);
        await write(batch.records);
        progress('import', null);
      }
    } catch (error) {
      // A file that breaks off (an unclosed quote, bytes that are not text): the good rows before
      // it go in, as --on-error skip promises, and the message says so.
      if (!(error instanceof DeskError) || written === 0) throw error;
      await session.flush();
      throw new UsageError(error.message, `${error.hint ? `${error.hint}; ` : ''}the ${counts.inserted + counts.updated} good row(s) before it were written, and importing the fixed file again skips them`);
    }
    await session.flush();
  } else {
    // Nothing may be written if any row is bad: a first pass checks every row, and only then a
    // second pass reads the same bytes again and writes. Reading twice costs less than keeping
    // the checked rows, and memory stays flat.
    for await (const batch of checkedBatches(run, session, notes, sources, { repeats: true, complete: false })) {
      take(batch);
      progress('check', null);
    }
    if (rejectedRows === 0) {
      const again = run.source.again();
      const quiet: ImportRun = { ...run, source: again, rejects: null, onWarning: () => {} };
      const rows = format === 'csv' ? csvRecords(quiet, again.chunks()) : jsonRecords(quiet, again.chunks(), format, new ImportNotes());
      const toWrite = read;
      for await (const batch of checkedBatches(quiet, session, new ImportNotes(), rows, { repeats: false, complete: true })) {
        if (batch.rejected.length) {
          const p = batch.rejected[0]!.problems[0]!;
          throw new UsageError(`${run.source.name}:${p.line}: a row that passed the check failed on the second reading (${p.message})`, 'was the file changed meanwhile? the rows before it were imported; import the file again to complete it');
        }
        await write(batch.records);
        progress('write', toWrite);
      }
      await session.flush();
    }
  }
  for (const text of describeNotes(notes, run.source.name)) warn(text);

  const elapsed = (performance.now() - started) / 1000;
  return {
    source: run.source.name,
    format,
    dry_run: run.dryRun,
    on_error: run.onError,
    read,
    ...counts,
    rejected: rejectedRows,
    elapsed_seconds: Math.round(elapsed * 1000) / 1000,
    rows_per_second: elapsed > 0 ? Math.round(read / elapsed) : read,
    warnings,
    problems,
    rejects_file: run.rejects?.path ?? null,
  };
}
