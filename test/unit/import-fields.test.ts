import { describe, expect, it } from 'vitest';
import { toTicketJson } from '../../src/cli/render/ticket-json.js';
import { UsageError } from '../../src/domain/errors.js';
import { parseColumnMap, planColumns, TICKET_COLUMNS } from '../../src/importer/fields.js';
import { emptyImportTicket } from '../../src/importer/row.js';
import { thrown } from './thrown.js';

describe('the columns', () => {
  it('are the fields of the --json ticket object, in its order', () => {
    const ticket = { ...emptyImportTicket(), id: 1, number: 'SD-202611-00001', version: 1, updated_at: 0, updated_by: 'x' };
    expect(TICKET_COLUMNS).toEqual(Object.keys(toTicketJson(ticket as never, { zone: 'UTC', reveal: true })));
  });

  it('match headers in English and Chinese, and report the rest once', () => {
    const plan = planColumns(['工单编号', '创建时间', '标题', '紧急程度', 'External-ID ', '备注'], new Map([['External-ID', null]]), 'x.csv:1');
    expect(plan.fields).toEqual(['external_id', 'created_at', 'title', 'urgency', null, null]);
    expect(plan.unknown).toEqual(['备注']);
  });

  it('refuse two columns filling one field, and a file without a title column', () => {
    expect(thrown(() => planColumns(['title', '标题'], new Map(), 'x.csv:1')).message).toBe('x.csv:1: columns "title" and "标题" both fill title');
    expect(thrown(() => planColumns(['name'], new Map(), 'x.csv:1')).message).toBe('x.csv:1: no title column (columns: name)');
  });

  it('read --map, and refuse a field that does not exist', () => {
    expect([...parseColumnMap(['备注=description,附件=', 'Ticket=external_id'])]).toEqual([
      ['备注', 'description'],
      ['附件', null],
      ['Ticket', 'external_id'],
    ]);
    const error = thrown(() => parseColumnMap(['备注=notes']));
    expect([error.constructor, error.message]).toEqual([UsageError, '--map: unknown field "notes" for column "备注"']);
  });
});
