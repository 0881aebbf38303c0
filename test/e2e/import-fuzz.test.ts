// Fuzzed CSV and JSON files imported by the built binary into a real database (issue #8): the
// import ends with exit 0 and every good row in, whole, or with exit 2, a one-line message per
// problem naming the file, line and column, and the database exactly as it was. Which rows are
// bad is known from how the file was made, not from what desk says.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TicketColumn } from '../../src/importer/fields.js';
import { multiLine, NOW, NOW_ISO, oneLine, spoiledRow, text, validRow, type Cell, type RowSpec } from '../unit/import-arbitraries.js';
import { sandbox, type Sandbox } from './helpers.js';

// Header names a file may use for each field: the field itself and names from README "Columns".
const NAMES: Partial<Record<TicketColumn, string[]>> = {
  external_id: ['external_id', 'External ID', '工单编号'],
  title: ['title', '标题', 'Subject'],
  requester: ['requester', '姓名'],
  department: ['department', '部门'],
  channel: ['channel', '渠道'],
  type: ['type', '类型'],
  urgency: ['urgency', '紧急程度', 'Priority'],
  impact: ['impact', '影响范围'],
  status: ['status', '状态'],
  created_at: ['created_at', '创建时间', 'Created At'],
  resolved_at: ['resolved_at', '解决时间'],
  closed_at: ['closed_at', '关闭时间'],
  description: ['description', '问题描述'],
  solution: ['solution', '解决方案'],
  satisfaction: ['satisfaction', '满意度'],
  escalated: ['escalated', '是否升级'],
  collaborators: ['collaborators', '协办组'],
};
const FIELDS = Object.keys(NAMES) as TicketColumn[];
const FREE_TEXT = new Set(['title', 'requester', 'department', 'description', 'solution']);
const BAD_JSON_ELEMENTS = ['42', '"text"', 'null', '[1, 2]', '{"title": "x",}', '{"title": }'];

type Entry = { kind: 'row'; spec: RowSpec } | { kind: 'raw'; json: string };
type Breakage = 'not-utf8' | 'unclosed-quote' | 'no-title-column' | 'two-title-columns' | 'unclosed-array';

interface FileSpec {
  format: 'csv' | 'json' | 'ndjson';
  entries: Entry[];
  ids: boolean;
  repeats: (number | null)[];
  names: Record<string, string>;
  extra: string | null;
  delimiter: string;
  newline: string;
  bom: boolean;
  joiner: string;
  pretty: boolean;
  breakage: Breakage | null;
  skip: boolean;
}

function fileSpec(format: FileSpec['format']): fc.Arbitrary<FileSpec> {
  const json = format !== 'csv';
  const entry = fc.oneof(
    { weight: 12, arbitrary: validRow('id').map((spec): Entry => ({ kind: 'row', spec })) },
    { weight: 3, arbitrary: spoiledRow('id', json).map((spec): Entry => ({ kind: 'row', spec })) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_JSON_ELEMENTS).map((raw): Entry => ({ kind: 'raw', json: raw })) },
  );
  const breakages: Breakage[] = format === 'csv' ? ['not-utf8', 'unclosed-quote', 'no-title-column', 'two-title-columns'] : format === 'json' ? ['not-utf8', 'unclosed-array'] : ['not-utf8'];
  return fc.record({
    format: fc.constant(format),
    entries: fc.array(entry, { minLength: 1, maxLength: 7 }),
    ids: fc.boolean(),
    repeats: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(6) }), { minLength: 7, maxLength: 7 }),
    names: fc.record(Object.fromEntries(FIELDS.map((f) => [f, fc.constantFrom(...NAMES[f]!)]))) as fc.Arbitrary<Record<string, string>>,
    extra: fc.option(fc.oneof(text(10), fc.constantFrom('备注\n附件', 'note\r')).map((t) => `x-${t}`), { freq: 2 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    newline: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    joiner: fc.constantFrom(';', ', ', '、', '|'),
    pretty: fc.boolean(),
    breakage: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...breakages) }),
    skip: fc.boolean(),
  });
}

/** How a row must end: imported with these values, refused (naming this column, if any), or skipped as blank. */
type Outcome = { line: number } & ({ kind: 'imported'; expected: Record<string, unknown> } | { kind: 'refused'; column: string | null } | { kind: 'blank' });

interface Written {
  name: string;
  outcomes: Outcome[];
  /** The one-line error that stops the import, for a broken file. */
  stop: RegExp | null;
}

/** README "Export": import takes away the apostrophe an export put before =, +, -, @, a tab, a CR or an apostrophe. */
const restore = (cell: string) => (cell.length > 1 && cell[0] === "'" && "=+-@\t\r'".includes(cell[1]!) ? cell.slice(1) : cell);
const linesBefore = (input: string) => input.split('\n').length;

/** Writes the file of `spec` and says how each of its rows must end. */
function writeFile(dir: string, name: string, spec: FileSpec, token: string): Written {
  const csv = spec.format === 'csv';
  // External ids: unique in the run, or an earlier row's (a repeat), or no column at all.
  const rows = spec.entries.map((entry, i) => {
    if (entry.kind === 'raw') return entry;
    const cells = { ...entry.spec.cells };
    const expected = { ...entry.spec.expected };
    delete cells.external_id;
    delete expected.external_id;
    if (spec.ids) {
      const repeat = spec.repeats[i];
      const id = repeat !== null && repeat !== undefined && i > 0 ? `${token}-${repeat % i}` : `${token}-${i}`;
      cells.external_id = id;
      expected.external_id = id;
    }
    if (csv) {
      for (const field of FREE_TEXT) {
        const cell = cells[field as TicketColumn];
        if (typeof cell !== 'string') continue;
        expected[field] = field === 'title' ? restore(cell).trim() : field === 'description' || field === 'solution' ? multiLine(restore(cell)) : oneLine(restore(cell));
      }
    }
    return { kind: 'row' as const, cells, expected, bad: entry.spec.bad ?? (expected.title === '' ? ('title' as const) : null) };
  });
  let fields = FIELDS.filter((f) => f === 'title' || rows.some((r) => r.kind === 'row' && r.cells[f] !== undefined));
  if (spec.breakage === 'no-title-column') fields = [...fields.filter((f) => f !== 'title'), ...(fields.length === 1 ? ['requester' as const] : [])];
  const header = fields.map((f) => spec.names[f]!);
  const secondTitle = spec.names.title === 'title' ? '标题' : 'title';
  if (spec.breakage === 'two-title-columns') header.push(secondTitle);
  if (spec.extra !== null) header.push(spec.extra);

  const asText = (cell: Cell | undefined) => (cell === undefined || cell === null ? '' : Array.isArray(cell) ? cell.join(spec.joiner) : String(cell));
  let body = '';
  const csvValues: string[][] = [];
  const starts: number[] = [];
  const lines: number[] = [];
  if (csv) {
    const quote = (v: string) => (v.includes(spec.delimiter) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    body = `${header.map(quote).join(spec.delimiter)}${spec.newline}`;
    rows.forEach((row, i) => {
      starts.push(body.length);
      lines.push(linesBefore(body));
      let values: string[];
      if (row.kind === 'raw') values = [...header.map((_, c) => (c === 0 ? 'raw' : '')), 'surplus'];
      else {
        values = fields.map((f) => asText(row.cells[f]));
        if (spec.breakage === 'two-title-columns') values.push(asText(row.cells.title));
        if (spec.extra !== null) values.push(`附件 ${i}`);
      }
      body += `${values.map(quote).join(spec.delimiter)}${spec.newline}`;
      csvValues.push(values);
    });
    if (spec.breakage === 'unclosed-quote') {
      lines.push(linesBefore(body));
      body += `"never closed${spec.delimiter}x${spec.newline}more${spec.newline}`;
    }
  } else {
    const objects = rows.map((row, i) => {
      if (row.kind === 'raw') return row.json;
      const object: Record<string, unknown> = {};
      for (const f of fields) if (row.cells[f] !== undefined) object[spec.names[f]!] = row.cells[f];
      if (spec.extra !== null) object[spec.extra] = `附件 ${i}`;
      return spec.pretty && spec.format === 'json' ? JSON.stringify(object, null, 2) : JSON.stringify(object);
    });
    if (spec.format === 'json') body = '[\n';
    objects.forEach((object, i) => {
      starts.push(body.length);
      lines.push(linesBefore(body));
      body += spec.format === 'json' ? `${object}${i < objects.length - 1 ? ',' : ''}\n` : `${object}${spec.newline}`;
    });
    if (spec.format === 'json' && spec.breakage !== 'unclosed-array') body += ']\n';
  }

  let bytes = Buffer.from(`${spec.bom ? '\ufeff' : ''}${body}`);
  let stop: RegExp | null = null;
  const at = (line: number) => `^desk: ${name.replace('.', '\\.')}:${line}: `;
  switch (spec.breakage) {
    case 'not-utf8': {
      // A byte that is not UTF-8 where the last row starts.
      const offset = Buffer.byteLength(`${spec.bom ? '\ufeff' : ''}${body.slice(0, starts.at(-1))}`);
      bytes = Buffer.concat([bytes.subarray(0, offset), Buffer.from([0xff]), bytes.subarray(offset)]);
      stop = new RegExp(`${at(lines[starts.length - 1]!)}not valid UTF-8 \\(byte 0xFF\\)$`);
      break;
    }
    case 'unclosed-quote':
      stop = new RegExp(`${at(lines.at(-1)!)}a quoted field opened on this line is never closed$`);
      break;
    case 'no-title-column':
      stop = new RegExp(`${at(1)}no title column`);
      break;
    case 'two-title-columns':
      stop = new RegExp(`${at(1)}columns "${spec.names.title}" and "${secondTitle}" both fill title$`);
      break;
    case 'unclosed-array':
      stop = new RegExp(`^desk: ${name.replace('.', '\\.')}:\\d+: the JSON array is never closed`);
      break;
  }
  writeFileSync(join(dir, name), bytes);

  // The first good row with an external id keeps it; a later good row with the same id is refused.
  const seen = new Set<unknown>();
  const outcomes = rows.map((row, i): Outcome => {
    const line = lines[i]!;
    if (row.kind === 'raw') return { line, kind: 'refused', column: null };
    if (csv && csvValues[i]!.every((v) => v.trim() === '')) return { line, kind: 'blank' };
    if (row.bad !== null) return { line, kind: 'refused', column: spec.names[row.bad]! };
    if (spec.ids && seen.has(row.expected.external_id)) return { line, kind: 'refused', column: spec.names.external_id! };
    seen.add(row.expected.external_id);
    return { line, kind: 'imported', expected: row.expected };
  });
  return { name, outcomes, stop };
}

function snapshot(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return JSON.stringify({
      tickets: db.prepare('SELECT * FROM tickets ORDER BY id').all(),
      events: db.prepare('SELECT * FROM events ORDER BY id').all(),
      sequences: db.prepare('SELECT * FROM sequences ORDER BY name').all(),
    });
  } finally {
    db.close();
  }
}

function newTickets(path: string, afterId: number): { ticket: Record<string, unknown>; events: { kind: string; data: string }[] }[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tickets = db.prepare('SELECT * FROM tickets WHERE id > ? ORDER BY id').all(afterId) as Record<string, unknown>[];
    const events = db.prepare('SELECT kind, data FROM events WHERE ticket_id = ? ORDER BY id');
    return tickets.map((ticket) => ({ ticket, events: events.all(ticket.id) as { kind: string; data: string }[] }));
  } finally {
    db.close();
  }
}

function maxId(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COALESCE(MAX(id), 0) FROM tickets').pluck().get() as number) ?? 0;
  } finally {
    db.close();
  }
}

/** Imports the file and checks the outcome against how the file was made. */
function importAndCheck(box: Sandbox, file: Written, spec: FileSpec): void {
  const env = { DESK_NOW: NOW_ISO };
  const before = snapshot(box.db);
  const lastId = maxId(box.db);
  const args = ['import', file.name, '--json', ...(spec.skip && !file.stop ? ['--on-error', 'skip'] : [])];
  const result = box.desk(args, { env });
  const refused = file.outcomes.filter((o) => o.kind === 'refused');
  const imported = file.outcomes.filter((o): o is Outcome & { kind: 'imported' } => o.kind === 'imported');
  const fails = file.stop !== null || (refused.length > 0 && !args.includes('skip'));
  const context = `${file.name} (${args.join(' ')}):\n${result.stderr}`;

  expect(result.code, context).toBe(fails ? 2 : 0);
  // stderr: problems, warnings and at most one error with its hint — one line each, no stack trace.
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  const problemLine = new RegExp(`^${file.name.replace('.', '\\.')}:(\\d+): `);
  for (const l of lines) expect(l, context).toMatch(new RegExp(`${problemLine.source}|^warning: |^desk: |^hint: `));
  const errors = lines.filter((l) => l.startsWith('desk: '));
  expect(errors.length, context).toBe(fails ? 1 : 0);
  if (file.stop) expect(errors[0], context).toMatch(file.stop);
  else if (fails) expect(errors[0], context).toBe(`desk: ${refused.length} bad row(s) in ${file.name}: nothing was imported`);

  // Every refused row, and only those, is reported with its line (and the column, for a cell).
  const reported = lines.map((l) => problemLine.exec(l)).filter((m) => m !== null);
  const reportedLines = new Set(reported.map((m) => Number(m[1])));
  const refusedLines = new Set(refused.map((o) => o.line));
  for (const n of reportedLines) expect([...refusedLines], context).toContain(n);
  if (file.stop === null || /quote|array/.test(file.stop.source)) {
    const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
    if (file.stop === null) expect(sorted(reportedLines), context).toEqual(sorted(refusedLines));
    for (const o of refused) {
      if (o.kind !== 'refused' || o.column === null || !reportedLines.has(o.line)) continue;
      expect(lines.some((l) => l.startsWith(`${file.name}:${o.line}: column "${o.column}"`)), `${context}\nline ${o.line}, column ${o.column}`).toBe(true);
    }
  }

  if (fails) {
    expect(snapshot(box.db), context).toBe(before);
    return;
  }
  const summary = JSON.parse(result.stdout);
  expect(summary, context).toMatchObject({ read: imported.length + refused.length, inserted: imported.length, updated: 0, skipped: 0, rejected: refused.length });
  const added = newTickets(box.db, lastId);
  expect(added.length, context).toBe(imported.length);
  added.forEach(({ ticket, events }, i) => {
    const { expected, line } = imported[i]!;
    for (const [field, value] of Object.entries(expected)) {
      const stored = field === 'collaborators' ? JSON.parse(ticket[field] as string) : field === 'escalated' ? ticket[field] === 1 : ticket[field];
      expect([field, stored], `${context}\nline ${line}`).toEqual([field, value]);
    }
    if (!('created_at' in expected)) expect(ticket.created_at).toBe(NOW);
    if (!('urgency' in expected)) expect(ticket.urgency).toBe('normal');
    expect(events.map((e) => e.kind)).toEqual(['import']);
    expect(JSON.parse(events[0]!.data)).toMatchObject({ source: file.name, line });
  });

  // Idempotent: the same file again adds nothing.
  if (spec.ids && imported.length) {
    const after = snapshot(box.db);
    const again = box.desk(args, { env });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout), again.stderr).toMatchObject({ inserted: 0, skipped: imported.length, rejected: refused.length });
    expect(snapshot(box.db)).toBe(after);
  }
}

describe('a fuzzed import file', () => {
  it('imports whole or not at all, with one clear line per problem, into an intact database', () => {
    const box = sandbox();
    const env = { DESK_NOW: NOW_ISO };
    expect(box.desk(['create', '--title', '打印机卡纸', '--requester', '王芳', '--channel', 'phone'], { env }).code).toBe(0);
    writeFileSync(join(box.dir, 'seed.csv'), 'external_id,title,created_at\nseed-1,Seed one,2025-03-01 09:00\nseed-2,Seed two,2025-03-02 09:00\n');
    expect(box.desk(['import', 'seed.csv'], { env }).code).toBe(0);

    let run = 0;
    fc.assert(
      fc.property(fileSpec('csv'), fc.oneof(fileSpec('json'), fileSpec('ndjson')), (csvSpec, jsonSpec) => {
        run++;
        for (const [spec, n] of [[csvSpec, 0], [jsonSpec, 1]] as const) {
          const name = `in-${run}-${n}.${spec.format}`;
          importAndCheck(box, writeFile(box.dir, name, spec, `fz${run}.${n}`), spec);
        }
      }),
      { numRuns: 16, seed: 20260101, endOnFailure: true },
    );

    const db = new Database(box.db, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 120_000);
});
