import { describe, expect, it } from 'vitest';
import { DEFAULT_VOCABULARY, TeamDirectory } from '../../src/domain/vocabulary.js';
import { createInstantReader } from '../../src/importer/instants.js';
import { ImportNotes, knownNames, validateRow, type RowContext } from '../../src/importer/row.js';
import type { TicketColumn } from '../../src/importer/fields.js';

const NOW = Date.UTC(2026, 11, 1);
const teams = new TeamDirectory([{ key: 'desktop', name: 'Desktop', supervisor: 'zhao', members: ['sun', 'zhou'] }]);
const ctx: RowContext = { now: NOW, vocabulary: DEFAULT_VOCABULARY, instants: createInstantReader('Asia/Shanghai'), ...knownNames(teams) };

function row(cells: Record<string, unknown>, columns: Record<string, string> = {}) {
  const fields = Object.keys(cells) as TicketColumn[];
  return { line: 7, fields, cells: fields.map((f) => cells[f]), columns: fields.map((f) => columns[f] ?? f) };
}

function check(cells: Record<string, unknown>, columns?: Record<string, string>) {
  const notes = new ImportNotes();
  return { result: validateRow(row(cells, columns), ctx, notes), notes };
}

describe('a row', () => {
  it('needs only a title; everything else may be empty', () => {
    const { result } = check({ title: ' Printer jams ', channel: '', created_at: '' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ticket).toMatchObject({ title: 'Printer jams', channel: null, created_at: NOW, status: 'new', urgency: null });
    // An empty creation time is not given: --update leaves it.
    expect(result.given).toEqual(['title', 'channel']);
  });

  it('reads the values Chinese hotline exports write', () => {
    const { result } = check({ title: 't', channel: '电话', type: '故障', urgency: '特急', status: '已关闭', impact: '全公司', escalated: '是' });
    expect(result.ok && result.ticket).toMatchObject({ channel: 'phone', type: 'fault', urgency: 'critical', status: 'closed', impact: 'company', escalated: true });
  });

  it.each([
    ['4', 4],
    ['满意', 5],
    ['基本满意', 4],
    [' 不满意 ', 1],
    ['Fairly Satisfied', 4],
  ])('reads the rating %j as %i', (text, score) => {
    const { result } = check({ title: 't', status: 'closed', created_at: '2026-10-01 09:00', closed_at: '2026-10-02 09:00', satisfaction: text });
    expect(result.ok && result.ticket.satisfaction).toBe(score);
  });

  it.each([
    [{ title: '' }, 'title', 'the title is empty'],
    [{ title: 't', type: 'hardware' }, 'type', 'unknown value "hardware"', 'accepted: consultation (咨询), fault (故障), request (需求), complaint (投诉), suggestion (建议)'],
    [{ title: 't', urgency: 'high' }, 'urgency', 'unknown value "high"', 'accepted: normal (一般), urgent (紧急), critical (特急)'],
    [{ title: 't', channel: 'fax' }, 'channel', 'unknown value "fax"', 'accepted: phone (电话), email (邮件), web (网页), onsite (现场)'],
    [{ title: 't', status: 'done' }, 'status', 'unknown value "done"'],
    [{ title: 't', created_at: '2026-13-01' }, 'created_at', 'cannot read "2026-13-01" as a time'],
    [{ title: 't', created_at: '2027-01-01 09:00' }, 'created_at', '2027-01-01 09:00 is in the future'],
    [{ title: 't', created_at: '2026-10-01 09:00', resolved_at: '2026-09-30 09:00' }, 'resolved_at', '2026-09-30 09:00 is before created_at 2026-10-01 09:00'],
    [{ title: 't', satisfaction: '7' }, 'satisfaction', '"7" is not a whole number from 1 to 5'],
    [{ title: 't', satisfaction: '4.5' }, 'satisfaction', '"4.5" is not a whole number from 1 to 5'],
    [{ title: 't', reopen_count: '-1' }, 'reopen_count', '"-1" is not a whole number, 0 or more'],
    [{ title: 't', escalated: 'maybe' }, 'escalated', '"maybe" is not true or false'],
    [{ title: 't', number: '12345' }, 'number', '"12345" cannot be a ticket number'],
    [{ title: 'x'.repeat(501) }, 'title', '501 characters is too long (at most 500)'],
    [{ title: 't', description: 'x'.repeat(65_537) }, 'description', '65537 characters is too long (at most 65536)', 'shorten it, or raise limits.text in desk.yaml'],
    [{ title: 't', solution: 'x'.repeat(70_000) }, 'solution', '70000 characters is too long (at most 65536)'],
    [{ title: 't', requester: { name: 'x' } }, 'requester', 'expected text, found an object'],
  ])('%j is refused: %s', (cells, field, message, hint?: string) => {
    const { result } = check(cells, { [field]: `col-${field}` });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual(expect.objectContaining({ line: 7, field, column: `col-${field}`, message: expect.stringContaining(message) }));
    if (hint) expect(result.problems.find((p) => p.field === field)!.hint).toBe(hint);
  });

  it('quotes a long bad cell only in part', () => {
    const { result } = check({ title: 't', channel: `fax${'x'.repeat(100_000)}` });
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual([`unknown value "fax${'x'.repeat(57)}…"`]);
  });

  it('lists every problem of a row, not only the first', () => {
    const { result } = check({ title: '', urgency: 'high', satisfaction: '9' });
    expect(!result.ok && result.problems.map((p) => p.field)).toEqual(['urgency', 'satisfaction', 'title']);
  });

  it('takes its status from its times when it has none', () => {
    const status = (cells: Record<string, unknown>) => {
      const { result } = check({ title: 't', created_at: '2026-10-01 09:00', ...cells });
      return result.ok ? result.ticket.status : null;
    };
    expect(status({ closed_at: '2026-10-03 09:00' })).toBe('closed');
    expect(status({ resolved_at: '2026-10-02 09:00' })).toBe('resolved');
    expect(status({ team: 'desktop', first_response_at: '2026-10-01 09:10' })).toBe('in_progress');
    expect(status({ team: 'desktop' })).toBe('dispatched');
    expect(status({})).toBe('new');
  });

  it('accepts teams and agents that left, and counts them once', () => {
    const notes = new ImportNotes();
    for (let i = 0; i < 3; i++) expect(validateRow(row({ title: 't', team: 'old-team', assignee: 'ghost' }), ctx, notes).ok).toBe(true);
    expect([...notes.unknownTeams]).toEqual([['old-team', 3]]);
    expect([...notes.unknownAgents]).toEqual([['ghost', 3]]);
  });

  it('leaves out a contact that a masked export wrote, rather than overwrite the real one', () => {
    for (const masked of ['138****5678', 'd***@example.com', 'L**i']) {
      const { result, notes } = check({ title: 't', contact: masked });
      expect([result.ok && result.ticket.contact, notes.maskedContacts]).toEqual([null, 1]);
    }
    expect(check({ title: 't', contact: '13812345678' }).result).toMatchObject({ ok: true, ticket: { contact: '13812345678' } });
  });

  it('keeps what the source classified as its own decision, and what rules classified as theirs', () => {
    expect(check({ title: 't', type: 'fault', urgency: 'urgent' }).result).toMatchObject({ ticket: { manual_fields: ['type', 'urgency'] } });
    expect(check({ title: 't', type: 'fault', classified_by: 'printer' }).result).toMatchObject({ ticket: { manual_fields: [] } });
  });
});
