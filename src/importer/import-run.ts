// The import itself (DESIGN.md "Import and export"): source rows → validated tickets → batches,
// each batch one transaction. With `--on-error abort` (the default) nothing may be written if any
// row is bad, so a first pass checks every row, and a second pass reads the source again and
// writes; with `skip` one pass writes the good rows and sets the bad ones aside.
import { DeskError, UsageError } from '../domain/errors.js';
import type { Plan } from '../domain/lifecycle.js';
import type { RuleEngine } from '../rules/engine.js';
import type { SlaPolicy } from '../sla/targets.js';
import type { ImportSession } from '../store/store.js';
import { classifyImported, startImportedClock } from './complete-ticket.js';
import type { ColumnMap } from './fields.js';
import type { RejectsFile } from './rejects.js';
import { ImportNotes, validateRow, type RowContext, type RowProblem } from './row.js';
import type { TextSource } from './source.js';
import { previewImportRecords, resolvedLinks, writeImportRecords, type ImportCounts, type ImportRecord, type ImportWriteOptions, type LinksOfRun } from './import-write.js';
import { readSourceRecords, sniffFormat, type ImportFormat, type SourceReading, type SourceRecord } from './source-records.js';

export interface ImportProgress {
  /** check: reading and validating; write: writing what the check parked; import: both at once; index: indexing the written tickets for search. */
  phase: 'check' | 'write' | 'import' | 'index';
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
  /** How tickets are numbered and written; plansForNewAt(now) gives the plans for new tickets (the dispatch plan, with --dispatch). */
  write: Omit<ImportWriteOptions, 'now' | 'plansForNew' | 'batchSize'> & { plansForNewAt: (now: number) => readonly Plan[] };
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

/** One pass that writes as it checks (--on-error skip, and the dry run). */
const CHECK_AND_COMPLETE: CheckSteps = { repeats: true, complete: true };
/** The first pass of a two-pass import: checks every row, writes nothing. */
const CHECK_ONLY: CheckSteps = { repeats: true, complete: false };
/** The second pass: the first found any repeats already. */
const COMPLETE_ONLY: CheckSteps = { repeats: false, complete: true };

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
  const sniffed = await sniffFormat(run.source.name, run.source.chunks());
  const format = run.format ?? sniffed.format;
  const reading: SourceReading = { name: run.source.name, map: run.map, onWarning: warn, onHeader: (header) => run.rejects?.header(header) };
  const sources = readSourceRecords(format, sniffed.chunks, reading, notes);

  const problems: RowProblem[] = [];
  const counts: ImportCounts = { inserted: 0, updated: 0, skipped: 0 };
  let read = 0;
  let rejectedRows = 0;
  let written = 0;
  const progress = (phase: ImportProgress['phase'], toWrite: number | null) =>
    run.onProgress?.({ phase, rows: read, bytes: run.source.bytesRead(), totalBytes: run.source.size, written, toWrite });
  // Once the rows are in, the store indexes them for search: `written` of `toWrite` tickets indexed.
  // The links the rows name go in last, once both ends of each are in.
  const linksOfRun: LinksOfRun = { links: [], renumbered: new Map() };
  const flush = async () => {
    await session.flush((indexed, total) => run.onProgress?.({ phase: 'index', rows: read, bytes: run.source.bytesRead(), totalBytes: run.source.size, written: indexed, toWrite: total }));
    const missing = await session.writeLinks(resolvedLinks(linksOfRun));
    if (missing.length) {
      const shown = missing.slice(0, 5).join(', ');
      warn(`links to ${missing.length} ticket(s) left out, no ticket has the number: ${shown}${missing.length > 5 ? ', …' : ''} (import the file that has them, then this one again)`);
    }
  };
  /** Counts the batch's rows and reports its bad ones (and keeps them in --rejects). */
  const reportChecked = (batch: CheckedBatch) => {
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
  const addCounts = (more: ImportCounts) => {
    counts.inserted += more.inserted;
    counts.updated += more.updated;
    counts.skipped += more.skipped;
  };
  const write = async (records: ImportRecord[]) => {
    const now = run.now();
    addCounts(await writeImportRecords(session, records, { ...run.write, batchSize: run.batchSize, now, plansForNew: run.write.plansForNewAt(now), links: linksOfRun }));
    written += records.length;
  };

  if (run.dryRun) {
    for await (const batch of checkedBatches(run, session, notes, sources, CHECK_AND_COMPLETE)) {
      reportChecked(batch);
      addCounts(await previewImportRecords(session, batch.records, run.write));
      progress('check', null);
    }
  } else if (run.onError === 'skip') {
    try {
      for await (const batch of checkedBatches(run, session, notes, sources, CHECK_AND_COMPLETE)) {
        reportChecked(batch);
        await write(batch.records);
        progress('import', null);
      }
    } catch (error) {
      // A file that breaks off (an unclosed quote, bytes that are not text): the good rows before
      // it go in, as --on-error skip promises, and the message says so.
      if (!(error instanceof DeskError) || written === 0) throw error;
      await flush();
      throw new UsageError(error.message, `${error.hint ? `${error.hint}; ` : ''}the ${counts.inserted + counts.updated} good row(s) before it were written, and importing the fixed file again skips them`);
    }
    await flush();
  } else {
    // Nothing may be written if any row is bad: a first pass checks every row, and only then a
    // second pass reads the same bytes again and writes. Reading twice costs less than keeping
    // the checked rows, and memory stays flat.
    for await (const batch of checkedBatches(run, session, notes, sources, CHECK_ONLY)) {
      reportChecked(batch);
      progress('check', null);
    }
    if (rejectedRows === 0) {
      // The second reading says nothing the first one said already.
      const reread = run.source.again();
      const silent: SourceReading = { ...reading, onWarning: () => {}, onHeader: () => {} };
      const rows = readSourceRecords(format, reread.chunks(), silent, new ImportNotes());
      const toWrite = read;
      for await (const batch of checkedBatches(run, session, new ImportNotes(), rows, COMPLETE_ONLY)) {
        if (batch.rejected.length) {
          const p = batch.rejected[0]!.problems[0]!;
          throw new UsageError(`${run.source.name}:${p.line}: a row that passed the check failed on the second reading (${p.message})`, 'was the file changed meanwhile? the rows before it were imported; import the file again to complete it');
        }
        await write(batch.records);
        progress('write', toWrite);
      }
      await flush();
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
