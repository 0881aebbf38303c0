// The importer's pure parts fed arbitrary rows, cells, headers and bytes (issue #8): each ends in
// a correct result or the importer's own error, which names the line and the column — never
// another exception, never a message that breaks over several lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeskError, UsageError } from '../../src/domain/errors.js';
import { parseInstant } from '../../src/domain/time.js';
import { STATUSES } from '../../src/domain/ticket.js';
import { DEFAULT_VOCABULARY, TeamDirectory } from '../../src/domain/vocabulary.js';
import { readCsvRows } from '../../src/importer/csv-reader.js';
import { EXPORT_COLUMNS, parseColumnMap, planColumns, type TicketColumn } from '../../src/importer/fields.js';
import { createInstantReader } from '../../src/importer/instants.js';
import { readJsonArrayRows, readNdjsonRows } from '../../src/importer/json-reader.js';
import { describeProblem, ImportNotes, knownNames, validateRow, type RawRecord, type RowContext } from '../../src/importer/row.js';
import { BAD_TIMES, NOW, spoiledRow, text, timeCell, validRow, ZONE, type RowSpec } from './import-arbitraries.js';
import { chunked, collect } from './chunks.js';

const teams = new TeamDirectory([{ key: 'desktop', name: 'Desktop', supervisor: 'zhao', members: ['sun', 'zhou'] }]);
const ctx: RowContext = { now: NOW, vocabulary: DEFAULT_VOCABULARY, instants: createInstantReader(ZONE), ...knownNames(teams) };
const RUNS = { numRuns: 300, seed: 20260108 };
const TIMES = ['created_at', 'occurred_at', 'first_response_at', 'dispatched_at', 'resolved_at', 'closed_at', 'callback_at', 'last_update_at', 'updated_at'] as const;
const TOLERANCE_MS = 5 * 60_000;
const HUGE = 'x'.repeat(1_000_001);
const pad = (n: number) => String(n).padStart(2, '0');

/** The error `fn` throws, or null; anything but the desk's own errors fails the test. */
function deskErrorOf(fn: () => unknown): DeskError | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (!(error instanceof DeskError)) throw error;
    return error;
  }
}

async function deskErrorOfAsync(fn: () => Promise<unknown>): Promise<DeskError | null> {
  try {
    await fn();
    return null;
  } catch (error) {
    if (!(error instanceof DeskError)) throw error;
    return error;
  }
}

/** A message the terminal shows on one line: no line break, nor any other control character but a tab. */
function expectOneLine(message: string): void {
  expect(message.length).toBeGreaterThan(0);
  expect(message).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/);
}

/** An error message that main.ts prints after `desk: ` (escaping what is left): no line break. */
function expectNoLineBreak(message: string): void {
  expect(message.length).toBeGreaterThan(0);
  expect(message).not.toMatch(/[\r\n]/);
}

/** `cells` by field as a raw record read from columns named `names` (one per field). */
function rawOf(cells: RowSpec['cells'], names: readonly string[], line: number): RawRecord {
  const fields = Object.keys(cells) as TicketColumn[];
  return { line, fields, cells: fields.map((f) => cells[f]), columns: fields.map((f, i) => names[i] ?? f) };
}

const cell = fc.oneof(
  { weight: 6, arbitrary: text() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_TIMES, '2025-03-05 10:00', '2025-03-05T10:00:00Z', 'phone', '电话', 'urgent', 'closed', '3', 'yes', '') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 500 }).map((n) => '长'.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom(HUGE, ` ${'y'.repeat(501)} `) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 })) },
);
const columnName = fc.oneof(fc.string({ maxLength: 12 }), text(12), fc.constantFrom('标题', 'External ID', '紧急程度', 'a\nb'));
const line = fc.integer({ min: 1, max: 10_000_000 });

describe('a row of any cells', () => {
  it('becomes a ticket or problems that each name the line and the column, never an exception', () => {
    const anyCells = fc.uniqueArray(fc.constantFrom(...EXPORT_COLUMNS), { maxLength: 14 }).chain((fields) =>
      fc.record({ fields: fc.constant(fields), cells: fc.array(cell, { minLength: fields.length, maxLength: fields.length }), columns: fc.array(columnName, { minLength: fields.length, maxLength: fields.length }), line }),
    );
    // A valid row with one or two of its cells replaced: often still a ticket.
    const nearlyValid = validRow(null).chain((row) => {
      const fields = Object.keys(row.cells) as TicketColumn[];
      return fc.record({ replaced: fc.subarray(fields, { maxLength: 2 }), cells: fc.array(cell, { minLength: 2, maxLength: 2 }), columns: fc.array(columnName, { minLength: fields.length, maxLength: fields.length }), line }).map(({ replaced, cells, columns, line }) => ({
        line,
        fields,
        cells: fields.map((f) => (replaced.includes(f) ? cells[replaced.indexOf(f)] : row.cells[f])),
        columns,
      }));
    });
    let tickets = 0;
    fc.assert(
      fc.property(fc.oneof(anyCells, nearlyValid), (raw) => {
        const result = validateRow(raw, ctx, new ImportNotes());
        if (result.ok) {
          tickets++;
          const t = result.ticket;
          expect(t.title.length).toBeGreaterThan(0);
          expect(t.title.length).toBeLessThanOrEqual(500);
          expect(t.title).toBe(t.title.trim());
          expect(STATUSES).toContain(t.status);
          for (const field of TIMES) {
            const at = t[field];
            if (at !== null) expect(at).toBeLessThanOrEqual(NOW + TOLERANCE_MS);
          }
          return;
        }
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of result.problems) {
          expect(p.line).toBe(raw.line);
          expect(p.field).not.toBeNull();
          const index = raw.fields.indexOf(p.field as TicketColumn);
          // A problem of a cell names its source column; a missing title names the field.
          expect(p.column).toBe(index === -1 ? p.field : raw.columns[index]);
          if (index === -1) expect(p.field).toBe('title');
          const described = describeProblem('in.csv', p);
          expect(described.startsWith(`in.csv:${raw.line}: column "`)).toBe(true);
          expectOneLine(described);
        }
      }),
      RUNS,
    );
    expect(tickets).toBeGreaterThan(RUNS.numRuns / 10);
  });

  it('that is valid imports as the values it gives, whatever the columns are called', () => {
    const spec = fc.tuple(fc.option(fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s !== ''), { nil: null }), fc.array(columnName, { minLength: 20, maxLength: 20 }), line);
    fc.assert(
      fc.property(spec.chain(([id, names, at]) => validRow(id).map((row) => ({ row, names, at }))), ({ row, names, at }) => {
        const result = validateRow(rawOf(row.cells, names, at), ctx, new ImportNotes());
        if (!result.ok) throw new Error(`refused: ${result.problems.map((p) => describeProblem('in', p)).join('; ')}`);
        const ticket = result.ticket as unknown as Record<string, unknown>;
        for (const [field, value] of Object.entries(row.expected)) expect([field, ticket[field]]).toEqual([field, value]);
        // What the row does not give stays empty: no value comes from another cell.
        for (const field of ['requester', 'department', 'channel', 'type', 'impact', 'urgency', 'description', 'solution', 'satisfaction', 'resolved_at', 'closed_at'] as const) {
          if (!(field in row.expected)) expect([field, ticket[field]]).toEqual([field, null]);
        }
        if (!('created_at' in row.expected)) expect(ticket.created_at).toBe(NOW);
      }),
      RUNS,
    );
  });

  it('with one cell spoiled is refused, naming that cell\'s line and column', () => {
    const spec = fc.tuple(fc.boolean(), fc.array(columnName, { minLength: 20, maxLength: 20 }), line);
    fc.assert(
      fc.property(spec.chain(([json, names, at]) => spoiledRow(null, json).map((row) => ({ row, names, at }))), ({ row, names, at }) => {
        const raw = rawOf(row.cells, names, at);
        const result = validateRow(raw, ctx, new ImportNotes());
        expect(result.ok).toBe(false);
        if (result.ok) return;
        const column = raw.columns[raw.fields.indexOf(row.bad!)];
        expect(result.problems).toContainEqual(expect.objectContaining({ line: at, field: row.bad, column }));
        for (const p of result.problems) expectOneLine(describeProblem('in.json', p));
      }),
      RUNS,
    );
  });
});

describe('a time cell', () => {
  const reader = createInstantReader(ZONE);
  const number = (digits: number) => fc.integer({ min: 0, max: 10 ** digits - 1 }).map((n) => String(n).padStart(digits, '0'));
  // Shapes close to the fast path's: separators, field widths and offsets slightly off.
  const dateLike = fc
    .tuple(number(4), fc.constantFrom('-', '/', '.'), number(2), number(2), fc.constantFrom('', ' ', 'T', 't', '  '), number(2), number(2), fc.option(number(2), { nil: undefined }), fc.constantFrom('', 'Z', '+08:00', '-05:30', '+18:00', '+19:00', '+0800', ' +08:00', '.123Z'))
    .map(([y, sep, mo, d, t, h, mi, s, zone]) => `${y}${sep}${mo}${sep}${d}${t === '' ? '' : `${t}${h}:${mi}${s === undefined ? '' : `:${s}`}${zone}`}`);

  it('reads as an instant from 1970 to 2099, or fails with a usage error naming the field', () => {
    fc.assert(
      fc.property(fc.oneof(text(), dateLike, fc.constantFrom(...BAD_TIMES)), (t) => {
        const error = deskErrorOf(() => {
          const ms = reader.read(t, 'created_at');
          expect(ms).toBeGreaterThanOrEqual(Date.UTC(1969, 11, 31, 10));
          expect(ms).toBeLessThan(Date.UTC(2100, 0, 1, 14));
        });
        if (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect(error.message.startsWith('created_at: ')).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('reads the accepted shapes as the instant they denote', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2099, 0, 1) }).chain(timeCell), ({ cell: t, value }) => {
        expect(reader.read(t, 'created_at')).toBe(value);
      }),
      RUNS,
    );
  });

  it('reads a date with slashes as the same date with dashes, also on a day the clocks change', () => {
    // The last week of March and October: Europe's daylight-saving changes fall on its Sunday.
    const local = fc.tuple(fc.integer({ min: 1980, max: 2098 }), fc.constantFrom(3, 10), fc.integer({ min: 25, max: 31 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom(' ', 'T', ''));
    fc.assert(
      fc.property(local, fc.constantFrom('Europe/Berlin', 'America/New_York', ZONE), ([y, mo, d, h, mi, t], zone) => {
        const time = t === '' ? '' : `${t}${pad(h)}:${pad(mi)}`;
        const read = (sep: string) => {
          try {
            return createInstantReader(zone).read(`${y}${sep}${pad(mo)}${sep}${pad(d)}${time}`, 'created_at');
          } catch (error) {
            if (!(error instanceof UsageError)) throw error;
            return 'refused';
          }
        };
        expect(read('/')).toBe(read('-'));
        expect(read('-')).not.toBe('refused');
      }),
      RUNS,
    );
  });

  it('agrees with the desk\'s other time reader wherever that one reads the text', () => {
    // Around the valid ranges, so that most times are read and compared, some just outside.
    const between = (min: number, max: number, digits: number) => fc.integer({ min, max }).map((n) => String(n).padStart(digits, '0'));
    const plausible = fc
      .tuple(between(1965, 2105, 4), fc.constantFrom('-', '-', '/'), between(0, 13, 2), between(0, 32, 2), fc.constantFrom(' ', 'T'), between(0, 24, 2), between(0, 60, 2), fc.constantFrom('', '', ':00Z', ':00+08:00'))
      .map(([y, sep, mo, d, t, h, mi, zone]) => `${y}${sep}${mo}${sep}${d}${t}${h}:${mi}${zone}`);
    let compared = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 6, arbitrary: plausible }, dateLike, text()), fc.constantFrom(ZONE, 'Europe/Berlin', 'UTC'), (t, zone) => {
        let expected: number;
        try {
          expected = parseInstant(t, zone, 'created_at');
        } catch {
          return;
        }
        compared++;
        expect(createInstantReader(zone).read(t, 'created_at')).toBe(expected);
      }),
      RUNS,
    );
    expect(compared).toBeGreaterThan(RUNS.numRuns / 10);
  });
});

const linesBefore = (input: string, end: number) => {
  let n = 1;
  for (let i = input.indexOf('\n'); i !== -1 && i < end; i = input.indexOf('\n', i + 1)) n++;
  return n;
};
const chunkSizes = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 });

describe('the CSV reader', () => {
  const table = fc.integer({ min: 2, max: 5 }).chain((width) => fc.array(fc.array(text(12), { minLength: width, maxLength: width }), { maxLength: 8 }).map((rows) => ({ width, rows })));

  it('gives back every non-blank row as written, with the line it starts on, however the text is cut', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom(',', ';', '\t', '|'), fc.constantFrom('\n', '\r\n'), chunkSizes, async ({ width, rows }, delimiter, newline, sizes) => {
        const quote = (v: string) => (v.includes(delimiter) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
        const header = Array.from({ length: width }, (_, i) => `c${i}`);
        let input = `${header.join(delimiter)}${newline}`;
        const expected = [{ line: 1, values: header }];
        for (const values of rows) {
          const start = input.length;
          input += `${values.map(quote).join(delimiter)}${newline}`;
          if (values.some((v) => v.trim() !== '')) expected.push({ line: linesBefore(input, start), values });
        }
        expect(await collect(readCsvRows(chunked(input, sizes), 'in.csv'))).toEqual(expected);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('reads any text into rows in line order, or stops with a usage error naming the line', async () => {
    const input = fc.oneof(fc.string({ unit: fc.constantFrom('a', ',', ';', '"', '\n', '\r', ' ', '中', '\t') }), fc.string({ unit: 'binary' }));
    await fc.assert(
      fc.asyncProperty(input, chunkSizes, async (t, sizes) => {
        let last = 0;
        const error = await deskErrorOfAsync(async () => {
          for await (const batch of readCsvRows(chunked(t, sizes), 'in.csv')) {
            for (const row of batch) {
              expect(row.line).toBeGreaterThan(last);
              last = row.line;
            }
          }
        });
        if (error) {
          expect(error.message).toMatch(/^in\.csv:\d+: /);
          expectNoLineBreak(error.message);
        }
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});

describe('the JSON readers', () => {
  const element = fc.oneof({ weight: 3, arbitrary: fc.dictionary(text(8), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });

  it('give back each element of an array, with the line it starts on, however it is laid out and cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(element, fc.constantFrom(0, 2, '\t'), fc.constantFrom(',', ',\n', ' ,\r\n  ', ',\n\n')), { maxLength: 6 }), chunkSizes, async (elements, sizes) => {
        let input = '[\n';
        const expected: { line: number; value: unknown }[] = [];
        elements.forEach(([value, indent, separator], i) => {
          expected.push({ line: linesBefore(input, input.length), value: JSON.parse(JSON.stringify(value)) });
          input += JSON.stringify(value, null, indent) + (i < elements.length - 1 ? separator : '\n');
        });
        input += ']\n';
        const rows = await collect(readJsonArrayRows(chunked(input, sizes), 'in.json'));
        expect(rows.map((r) => ({ line: r.line, value: r.value }))).toEqual(expected);
      }),
      { numRuns: 200, seed: 13 },
    );
  });

  it('give back each line of NDJSON, however it is cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(element, fc.constantFrom('\n', '\r\n', '\n\n')), { maxLength: 6 }), chunkSizes, async (elements, sizes) => {
        let input = '';
        const expected: { line: number; value: unknown }[] = [];
        for (const [value, newline] of elements) {
          expected.push({ line: linesBefore(input, input.length), value: JSON.parse(JSON.stringify(value)) });
          input += JSON.stringify(value) + newline;
        }
        const rows = await collect(readNdjsonRows(chunked(input, sizes), 'in.ndjson'));
        expect(rows.map((r) => ({ line: r.line, value: r.value }))).toEqual(expected);
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it('read any text into elements or bad rows with their lines, or stop with a usage error naming the line', async () => {
    const input = fc.oneof(
      fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', ',', ':', '1', 'a', ' ', '\n', 'n', 'u', 'l', '中') }),
      fc.array(fc.jsonValue({ maxDepth: 2 })).map((v) => JSON.stringify(v, null, 1)).chain((s) => fc.nat(s.length).map((cut) => s.slice(0, cut))),
      fc.string({ unit: 'binary' }),
    );
    await fc.assert(
      fc.asyncProperty(input, chunkSizes, fc.boolean(), async (t, sizes, ndjson) => {
        let last = 0;
        const error = await deskErrorOfAsync(async () => {
          const reader = ndjson ? readNdjsonRows(chunked(t, sizes), 'in.json') : readJsonArrayRows(chunked(t, sizes), 'in.json');
          for await (const batch of reader) {
            for (const row of batch) {
              expect(row.line).toBeGreaterThan(ndjson ? last : last - 1);
              last = row.line;
              if (row.problem !== undefined) expectOneLine(describeProblem('in.json', { line: row.line, column: null, field: null, message: row.problem }));
            }
          }
        });
        if (error) {
          expect(error.message).toMatch(/^in\.json:\d+: /);
          expectNoLineBreak(error.message);
        }
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});

describe('a header and --map', () => {
  it('plan the columns or fail with a usage error; every planned field is filled by one column', () => {
    const header = fc.array(fc.oneof(fc.constantFrom(...EXPORT_COLUMNS, '标题', '工单编号', 'External ID', 'reason', '', 'title\n2', '标\r\n题'), text(10)), { maxLength: 8 });
    const map = fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('备注=description', 'x=', '=title', 'a=b=c', 'title=title', ',,')), { maxLength: 3 });
    fc.assert(
      fc.property(header, map, (names, specs) => {
        const error = deskErrorOf(() => {
          const plan = planColumns(names, parseColumnMap(specs), 'in.csv:1');
          expect(plan.fields).toHaveLength(names.length);
          const filled = plan.fields.filter((f) => f !== null);
          expect(new Set(filled).size).toBe(filled.length);
          expect(filled).toContain('title');
        });
        if (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect(error.message).toMatch(/^(in\.csv:1: |--map: )/);
          // Header cells come from the file, and may hold line breaks; the message is still one line.
          if (!/^--map: "/.test(error.message)) for (const text of [error.message, error.hint ?? 'x']) expectNoLineBreak(text);
        }
      }),
      RUNS,
    );
  });
});
