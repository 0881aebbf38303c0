import Papa from 'papaparse';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toTicketJson } from '../../src/cli/render/ticket-json.js';
import { createCsvFormatter, createJsonFormatter, csvCell, csvHeader, neutraliseFormula } from '../../src/importer/export-rows.js';
import { emptyImportTicket } from '../../src/importer/row.js';

describe('CSV cells of an export', () => {
  it('neutralise what a spreadsheet would run as a formula, and only that', () => {
    expect(['=SUM(A1)', '+86 138', '-5 degrees', '@cmd', '\tx', '\rx', "'quoted", 'plain', '5-4'].map(neutraliseFormula)).toEqual([
      "'=SUM(A1)", "'+86 138", "'-5 degrees", "'@cmd", "'\tx", "'\rx", "''quoted", 'plain', '5-4',
    ]);
  });

  it('read back as they were written, whatever they hold', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '中', '=') }), { minLength: 2, maxLength: 4 }), (cells) => {
        const line = cells.map(csvCell).join(',');
        const parsed = Papa.parse<string[]>(`${line}\r\n`, { newline: '\r\n', delimiter: ',' }).data[0];
        expect(parsed).toEqual(cells);
      }),
      { numRuns: 500 },
    );
  });
});

describe('an exported ticket', () => {
  const text = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '=', '-', '中', ' ', '\\', '\u2028') });
  const time = fc.option(fc.integer({ min: 0, max: Date.UTC(2099, 0, 1) }), { nil: null });
  const ticket = fc.record({
    id: fc.nat(), number: text, external_id: fc.option(text, { nil: null }), created_at: fc.integer({ min: 0, max: Date.UTC(2099, 0, 1) }),
    title: text, description: fc.option(text, { nil: null }), contact: fc.option(text, { nil: null }), collaborators: fc.array(fc.constantFrom('network', 'desktop')),
    resolved_at: time, callback_at: time, escalated: fc.boolean(), response_met: fc.option(fc.boolean(), { nil: null }), satisfaction: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    version: fc.integer({ min: 1, max: 99 }), updated_at: fc.integer({ min: 0, max: Date.UTC(2099, 0, 1) }), updated_by: text,
  }).map((fields) => ({ ...emptyImportTicket(), ...fields }) as never);

  it.each([true, false])('as JSON is exactly the --json object (reveal %s)', (reveal) => {
    for (const zone of ['Asia/Shanghai', 'UTC']) {
      const json = createJsonFormatter({ zone, reveal });
      fc.assert(
        fc.property(ticket, (t) => {
          expect(json(t, [])).toBe(JSON.stringify({ ...toTicketJson(t, { zone, reveal }), links: [] }));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('as CSV reads back, under the header, to the --json values (lists joined, formulas neutralised)', () => {
    const csv = createCsvFormatter({ zone: 'Asia/Shanghai', reveal: true });
    fc.assert(
      fc.property(ticket, (t) => {
        const [header, row] = Papa.parse<string[]>(csvHeader() + csv(t, []), { newline: '\r\n', delimiter: ',' }).data;
        const expected: Record<string, unknown> = { ...toTicketJson(t, { zone: 'Asia/Shanghai', reveal: true }), links: [] };
        header!.forEach((field, i) => {
          const value = expected[field];
          const cell = value === null ? '' : Array.isArray(value) ? neutraliseFormula(value.join(';')) : typeof value === 'string' ? neutraliseFormula(value) : String(value);
          expect(row![i]).toBe(cell);
        });
      }),
      { numRuns: 300 },
    );
  });
});
