// Import rows for property tests: valid rows with the values the README says they import as, and
// rows spoiled in one cell, with the field the error must name. Times are read in Asia/Shanghai,
// UTC+8 without daylight saving since 1992, so the expected instants are plain arithmetic.
import fc from 'fast-check';
import type { TicketColumn } from '../../src/importer/fields.js';
import { findTerm } from '../../src/domain/terms.js';
import { DEFAULT_VOCABULARY } from '../../src/domain/vocabulary.js';

export const ZONE = 'Asia/Shanghai';
const ZONE_OFFSET_MIN = 8 * 60;
/** The moment of the import: every generated time is before it. */
export const NOW_ISO = '2026-01-01T00:00:00+08:00';
export const NOW = Date.parse(NOW_ISO);
const DAY_MS = 86_400_000;
const FIRST_CREATED = Date.UTC(1992, 0, 1);
const LAST_CREATED = Date.UTC(2025, 9, 1);

export type Cell = string | number | boolean | unknown[] | Record<string, unknown> | null;

export interface RowSpec {
  /** The cells by field, as a file gives them (a JSON file may hold numbers, booleans and lists). */
  cells: Partial<Record<TicketColumn, Cell>>;
  /** What the row must import as: only the fields the row decides. */
  expected: Record<string, unknown>;
  /** The field of the spoiled cell; null for a valid row. */
  bad: TicketColumn | null;
}

// Characters that trouble parsers (quotes, delimiters, line breaks, formula starts, odd spaces)
// beside ordinary and wide text; any single grapheme now and then.
const CHAR = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'Z', '7', ' ', '中', '文', '打', '印', 'é', '😀') },
  { weight: 2, arbitrary: fc.constantFrom('"', "'", ',', ';', '|', '\t', '\n', '\r', '\\', '=', '-', '+', '@', '、', '\u2028', '\u00a0', '\ufeff', '\u0000', '\u001b') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
export const text = (maxLength = 40) => fc.string({ unit: CHAR, maxLength });
const someText = (maxLength = 40) => fc.string({ unit: CHAR, minLength: 1, maxLength }).filter((t) => t.trim() !== '');

/** A cell of a one-line field reads trimmed, and empty as absent; a multi-line field is kept as written. */
export const oneLine = (cell: string) => cell.trim() || null;
export const multiLine = (cell: string) => (cell === '' ? null : cell);

// Enumerated values as other systems write them, and the desk's name for each (README "Rows").
const ENUMS: Record<'channel' | 'type' | 'urgency' | 'status' | 'impact', [string, string][]> = {
  channel: [['phone', 'phone'], ['Phone', 'phone'], ['EMAIL', 'email'], ['web', 'web'], ['onsite', 'onsite'], ['电话', 'phone'], ['邮件', 'email'], ['网页', 'web'], ['现场', 'onsite']],
  type: [['fault', 'fault'], ['Request', 'request'], ['consultation', 'consultation'], ['complaint', 'complaint'], ['suggestion', 'suggestion'], ['故障', 'fault'], ['咨询', 'consultation'], ['投诉', 'complaint']],
  urgency: [['normal', 'normal'], ['URGENT', 'urgent'], ['critical', 'critical'], ['一般', 'normal'], ['紧急', 'urgent'], ['特急', 'critical']],
  status: [['new', 'new'], ['dispatched', 'dispatched'], ['in_progress', 'in_progress'], ['pending', 'pending'], ['resolved', 'resolved'], ['closed', 'closed'], ['reopened', 'reopened'], ['处理中', 'in_progress'], ['已解决', 'resolved'], ['已关闭', 'closed']],
  impact: [['single', 'single'], ['department', 'department'], ['company', 'company'], ['全公司', 'company']],
};
const ACCEPTED: Record<keyof typeof ENUMS, string[]> = {
  channel: ['phone', 'email', 'web', 'onsite'],
  type: ['consultation', 'fault', 'request', 'complaint', 'suggestion'],
  urgency: ['normal', 'urgent', 'critical'],
  status: ['new', 'dispatched', 'in_progress', 'pending', 'resolved', 'closed', 'reopened'],
  impact: ['single', 'department', 'company'],
};
const padded = (value: string) => fc.constantFrom(value, ` ${value}`, `${value}\t`, ` ${value} `);
const enumCell = (field: keyof typeof ENUMS) => fc.constantFrom(...ENUMS[field]).chain(([written, value]) => padded(written).map((cell) => ({ cell, value })));

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * An instant as a file writes it, in one of the accepted shapes, and the instant the text
 * denotes (the shape's precision: a date alone is midnight, minutes drop the seconds).
 */
export function timeCell(ms: number): fc.Arbitrary<{ cell: string; value: number }> {
  const shapes = ['iso+08', 'isoZ', 'iso-05', 'iso+0530', 'local', 'local-seconds', 'slashes', 'date'] as const;
  return fc.constantFrom(...shapes).map((shape) => {
    const offset = shape === 'isoZ' ? 0 : shape === 'iso-05' ? -300 : shape === 'iso+0530' ? 330 : ZONE_OFFSET_MIN;
    const local = new Date(ms + offset * 60_000);
    const [y, mo, d, h, mi, s] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()];
    const date = `${y}-${pad2(mo)}-${pad2(d)}`;
    const wall = (hh: number, mm: number, ss: number) => Date.UTC(y, mo - 1, d, hh, mm, ss) - offset * 60_000;
    switch (shape) {
      case 'iso+08':
        return { cell: `${date}T${pad2(h)}:${pad2(mi)}:${pad2(s)}+08:00`, value: wall(h, mi, s) };
      case 'isoZ':
        return { cell: `${date}T${pad2(h)}:${pad2(mi)}:${pad2(s)}Z`, value: wall(h, mi, s) };
      case 'iso-05':
        return { cell: `${date}T${pad2(h)}:${pad2(mi)}:${pad2(s)}-05:00`, value: wall(h, mi, s) };
      case 'iso+0530':
        return { cell: `${date}T${pad2(h)}:${pad2(mi)}+05:30`, value: wall(h, mi, 0) };
      case 'local':
        return { cell: `${date} ${pad2(h)}:${pad2(mi)}`, value: wall(h, mi, 0) };
      case 'local-seconds':
        return { cell: `${date} ${pad2(h)}:${pad2(mi)}:${pad2(s)}`, value: wall(h, mi, s) };
      case 'slashes':
        return { cell: `${y}/${pad2(mo)}/${pad2(d)} ${pad2(h)}:${pad2(mi)}`, value: wall(h, mi, 0) };
      default:
        return { cell: date, value: wall(0, 0, 0) };
    }
  });
}

const BOOLEANS: [Cell, boolean][] = [[true, true], [false, false], ['yes', true], ['No', false], ['1', true], ['0', false], ['是', true], ['否', false], ['TRUE', true], ['f', false]];
const TEAMS = ['desktop', 'network', 'applications', 'old-team'];

/** A row that must import: `externalId` null leaves the column empty. */
export function validRow(externalId: string | null): fc.Arbitrary<RowSpec> {
  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
  return fc
    .record({
      title: fc.oneof({ weight: 5, arbitrary: someText(60) }, { weight: 1, arbitrary: fc.integer({ min: 450, max: 500 }).map((n) => '标'.repeat(n)) }),
      requester: optional(text()),
      department: optional(text()),
      channel: optional(enumCell('channel')),
      type: optional(enumCell('type')),
      urgency: optional(enumCell('urgency')),
      impact: optional(enumCell('impact')),
      status: optional(enumCell('status')),
      times: optional(
        fc.record({
          created: fc.integer({ min: FIRST_CREATED, max: LAST_CREATED }),
          resolvedAfter: fc.option(fc.integer({ min: 2 * DAY_MS, max: 20 * DAY_MS }), { nil: undefined }),
          closedAfter: fc.option(fc.integer({ min: 2 * DAY_MS, max: 30 * DAY_MS }), { nil: undefined }),
        }).chain(({ created, resolvedAfter, closedAfter }) =>
          fc.record({
            created_at: timeCell(created),
            resolved_at: resolvedAfter === undefined ? fc.constant(undefined) : timeCell(created + resolvedAfter),
            closed_at: closedAfter === undefined ? fc.constant(undefined) : timeCell(created + closedAfter),
          }),
        ),
      ),
      description: optional(text(80)),
      solution: optional(text(80)),
      satisfaction: optional(fc.integer({ min: 1, max: 5 }).chain((n) => fc.constantFrom<{ cell: Cell; value: number }>({ cell: n, value: n }, { cell: ` ${n}`, value: n }))),
      escalated: optional(fc.constantFrom(...BOOLEANS)),
      collaborators: optional(fc.uniqueArray(fc.constantFrom(...TEAMS), { minLength: 1, maxLength: 3 })),
    })
    .map((r) => {
      const cells: RowSpec['cells'] = { title: r.title };
      const expected: Record<string, unknown> = { title: r.title.trim() };
      if (externalId !== null) {
        cells.external_id = externalId;
        expected.external_id = externalId;
      }
      for (const field of ['requester', 'department'] as const) {
        if (r[field] === undefined) continue;
        cells[field] = r[field];
        expected[field] = oneLine(r[field]);
      }
      for (const field of ['description', 'solution'] as const) {
        if (r[field] === undefined) continue;
        cells[field] = r[field];
        expected[field] = multiLine(r[field]);
      }
      for (const field of ['channel', 'type', 'urgency', 'impact', 'status'] as const) {
        if (r[field] === undefined) continue;
        cells[field] = r[field].cell;
        expected[field] = r[field].value;
      }
      if (r.times) {
        for (const field of ['created_at', 'resolved_at', 'closed_at'] as const) {
          const time = r.times[field];
          if (time === undefined) continue;
          cells[field] = time.cell;
          expected[field] = time.value;
        }
      }
      // A row without a status is as far along as its times say (README "History as it was").
      if (r.status === undefined) expected.status = r.times?.closed_at ? 'closed' : r.times?.resolved_at ? 'resolved' : 'new';
      if (r.satisfaction) {
        cells.satisfaction = r.satisfaction.cell;
        expected.satisfaction = r.satisfaction.value;
      }
      if (r.escalated) {
        cells.escalated = r.escalated[0];
        expected.escalated = r.escalated[1];
      }
      if (r.collaborators) {
        cells.collaborators = r.collaborators;
        expected.collaborators = r.collaborators;
      }
      return { cells, expected, bad: null };
    });
}

/** A value of an enumerated field that is neither one of its values nor a known alias. */
function unknownValue(field: keyof typeof ENUMS): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom('fax', 'high', 'done', '高', 'e-mail', 'phone!', '0', 'NULL', 'phone\nfax', '紧\r\n急', 'web\u001b[2J'), someText(12)).filter((t) => {
    const trimmed = t.trim();
    return trimmed !== '' && !ACCEPTED[field].includes(trimmed.toLowerCase()) && findTerm(DEFAULT_VOCABULARY.labels, field, trimmed) === null;
  });
}

// Times that are no time, impossible dates, years out of range, and times in the future.
export const BAD_TIMES = ['2025-02-30 10:00', '2025-13-01', 'yesterday', '31/12/2025', '1969-12-31 23:00', '2100-01-02', '2099-12-31 10:00', '2025-06-01 25:00', '2025-6-1x', 'NaN', '2026-06-01T00:00:00+08:00'];

/** Spoiled cells by field; `json` ones only a JSON file can hold (a CSV cell is always text). */
const SPOILED: { field: TicketColumn; cell: fc.Arbitrary<Cell>; json?: boolean }[] = [
  { field: 'title', cell: fc.constantFrom('   ', '\t') },
  { field: 'title', cell: fc.integer({ min: 501, max: 700 }).map((n) => 'x'.repeat(n)) },
  { field: 'title', cell: fc.constantFrom({ text: 'x' }, ['a', 'b']), json: true },
  { field: 'requester', cell: fc.integer({ min: 201, max: 300 }).map((n) => '名'.repeat(n)) },
  { field: 'requester', cell: fc.constant({ name: 'x' }), json: true },
  { field: 'channel', cell: unknownValue('channel') },
  { field: 'type', cell: unknownValue('type') },
  { field: 'urgency', cell: unknownValue('urgency') },
  { field: 'status', cell: unknownValue('status') },
  { field: 'created_at', cell: fc.constantFrom(...BAD_TIMES) },
  { field: 'closed_at', cell: fc.constantFrom(...BAD_TIMES) },
  { field: 'satisfaction', cell: fc.constantFrom('0', '6', '4.5', 'five', '-1') },
  { field: 'satisfaction', cell: fc.constantFrom(0, 6, 2.5, true), json: true },
  { field: 'escalated', cell: fc.constantFrom('maybe', '2', 'yes!', 'null') },
];

/** A valid row with one cell spoiled (or, for `resolved_at`, set before the row's creation). */
export function spoiledRow(externalId: string | null, json: boolean): fc.Arbitrary<RowSpec> {
  const choices = SPOILED.filter((s) => json || !s.json);
  const early = fc.integer({ min: FIRST_CREATED, max: LAST_CREATED }).chain((created) =>
    fc.tuple(timeCell(created + DAY_MS), timeCell(created - DAY_MS)).map(([c, r]) => ({ field: 'resolved_at' as TicketColumn, cells: { created_at: c.cell, resolved_at: r.cell } })),
  );
  const spoil = fc.oneof(
    { weight: choices.length, arbitrary: fc.constantFrom(...choices).chain(({ field, cell }) => cell.map((c) => ({ field, cells: { [field]: c } as RowSpec['cells'] }))) },
    { weight: 1, arbitrary: early },
  );
  return fc.tuple(validRow(externalId), spoil).map(([row, { field, cells }]) => {
    const spoiled = { ...row.cells, ...cells };
    // A spoiled creation time must not hide behind a valid time of another milestone.
    if (field === 'created_at') {
      delete spoiled.resolved_at;
      delete spoiled.closed_at;
    }
    return { cells: spoiled, expected: {}, bad: field };
  });
}
