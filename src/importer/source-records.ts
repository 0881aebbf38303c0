// A source's rows as records of ticket fields: the format sniffed from the file's name or first
// character, then each CSV row mapped through its header, or each JSON object through its keys,
// to the fields they fill (--map first), keeping the row as written for --rejects.
import { readCsvRows } from './csv-reader.js';
import { fieldOfHeader, planColumns, type ColumnMap, type TicketColumn } from './fields.js';
import { readJsonArrayRows, readNdjsonRows } from './json-reader.js';
import type { ImportNotes, RawRecord, RowProblem } from './row.js';

export type ImportFormat = 'csv' | 'json' | 'ndjson';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['csv', 'json', 'ndjson'];

const MAX_UNKNOWN_KEYS = 50;

/** One source row: its cells by field, or why it could not be read; and the row as written, for --rejects. */
export interface SourceRecord {
  raw: RawRecord | null;
  problem?: RowProblem;
  csv?: string[];
  json?: { value: unknown; text?: string };
}

/** How a source is read: its name in messages, the column map, and what is said once for the whole file. */
export interface SourceReading {
  name: string;
  map: ColumnMap;
  /** Columns left out, as soon as the header is read; a file without even a header. */
  onWarning(text: string): void;
  /** A CSV file's header, as read. */
  onHeader(header: readonly string[]): void;
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

/** The format of the source named `name`, from its extension, else from its first character; and all its chunks again. */
export async function sniffFormat(name: string, chunks: AsyncIterable<string>): Promise<{ format: ImportFormat; chunks: AsyncIterable<string> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head = await iterator.next();
  async function* all(): AsyncIterable<string> {
    if (!head.done) yield head.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { format: detectFormat(name, head.done ? '' : head.value), chunks: all() };
}

/** The source's rows as records, a chunk's worth at a time. */
export function readSourceRecords(format: ImportFormat, chunks: AsyncIterable<string>, reading: SourceReading, notes: ImportNotes): AsyncGenerator<SourceRecord[]> {
  return format === 'csv' ? csvRecords(reading, chunks) : jsonRecords(reading, chunks, format, notes);
}

// A cell an export neutralised against formula injection ('=SUM(…)) reads back as it was.
const NEUTRALISED = new Set(['=', '+', '-', '@', '\t', '\r', "'"]);
function restoreCell(value: string): string {
  return value.length > 1 && value.charCodeAt(0) === 39 && NEUTRALISED.has(value[1]!) ? value.slice(1) : value;
}

async function* csvRecords(reading: SourceReading, chunks: AsyncIterable<string>): AsyncGenerator<SourceRecord[]> {
  const name = reading.name;
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
      const plan = planColumns(header, reading.map, `${name}:${first.line}`);
      plan.fields.forEach((field, i) => {
        if (field === null) return;
        indexes.push(i);
        fields.push(field);
        columns.push(header![i]!.trim());
      });
      if (plan.unknown.length) {
        reading.onWarning(`${name}: columns not imported: ${plan.unknown.join(', ')} (import one with --map COLUMN=FIELD, or leave it out with --map COLUMN=)`);
      }
      reading.onHeader(header);
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
  if (header === null) reading.onWarning(`${name}: empty: no header and no rows`);
}

async function* jsonRecords(reading: SourceReading, chunks: AsyncIterable<string>, format: 'json' | 'ndjson', notes: ImportNotes): AsyncGenerator<SourceRecord[]> {
  const name = reading.name;
  const map = reading.map;
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
          field = map.has(key) ? map.get(key)! : fieldOfHeader(key);
          fieldOfKey.set(key, field);
          if (field === null && !map.has(key) && key !== 'reason' && notes.unknownKeys.size < MAX_UNKNOWN_KEYS) notes.unknownKeys.add(key);
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
