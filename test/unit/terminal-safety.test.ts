// Ticket text is data: whatever a ticket holds, no human renderer lets a control code through
// (C0, C1, DEL, the bidi overrides and isolates). Tickets with hostile text are written to a real
// store, and every human view of them is checked, without colour: whatever control byte comes out
// was not written by the renderer itself (only line feeds, and tabs between piped columns).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderHandoverMarkdown, renderHandoverText } from '../../src/cli/render/handover.js';
import { renderHistory } from '../../src/cli/render/history.js';
import { renderQueue } from '../../src/cli/render/queue.js';
import { labelsFor } from '../../src/cli/render/report-labels.js';
import { renderReportMarkdown, renderReportText } from '../../src/cli/render/report-text.js';
import { renderSearchHits, renderSimilarHits } from '../../src/cli/render/search-results.js';
import { renderServiceReportMarkdown } from '../../src/cli/render/service-report.js';
import { PLAIN } from '../../src/cli/render/style.js';
import { printable, printableBlock } from '../../src/cli/render/terminal-text.js';
import { Presenter } from '../../src/cli/render/present.js';
import type { Lang } from '../../src/domain/terms.js';
import { renderTicketList } from '../../src/cli/render/ticket-list.js';
import { describeChanges, renderTicket } from '../../src/cli/render/ticket-view.js';
import { buildHandover } from '../../src/domain/handover.js';
import { planClose, planNote, planPending, planRespond } from '../../src/domain/lifecycle.js';
import type { NewTicket } from '../../src/domain/ticket.js';
import { buildMonthlyReport } from '../../src/report/monthly.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { ticketWith } from './ticket-factory.js';

/** What no renderer may pass on: every control but the line feed and the tab, and the bidi controls. */
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** What single-line output (a table cell, a list row) may not hold either: a tab or a line feed of the data's own. */
const HOSTILE = ['\u001b[2J', '\u001b]0;owned\u0007', '\r', '\n', '\t', '\u0000', '\u007f', '\u009b', '\u202e', '\u2066', '\u2028', '\u0008'];

const hostile = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 6 }), fc.constantFrom('打印机', 'VPN', ' ')), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
const NOW = Date.parse('2026-11-25T15:00:00+08:00');
const CREATED = Date.parse('2026-11-25T09:00:00+08:00');

describe('printable', () => {
  it.each([
    ['X \u001b[2J', 'X \\e[2J'],
    ['a\u001b]0;title\u0007b', 'a\\e]0;title\\u0007b'],
    ['line\nbreak\r', 'line\\nbreak\\r'],
    ['tab\there', 'tab\\there'],
    ['\u202eevil', '\\u202eevil'],
    ['\u009b31m', '\\u009b31m'],
    ['打印机卡纸', '打印机卡纸'],
  ])('shows %j as %j', (text, shown) => {
    expect(printable(text)).toBe(shown);
  });

  it('keeps the line feeds of a block of text and escapes the rest', () => {
    expect(printableBlock('one\ntwo\r\n\u001b[1mthree')).toBe('one\ntwo\\r\n\\e[1mthree');
  });
});

describe('every human renderer', () => {
  it('shows hostile ticket text as visible escapes, never as control codes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ title: hostile, requester: hostile, department: hostile, category: hostile, assignee: hostile, description: hostile, solution: hostile, note: hostile, team: hostile }), fc.constantFrom<Lang>('en', 'zh'), async (text, lang) => {
        const store = openSqliteStore(':memory:', { create: true });
        try {
          const options = { actor: text.assignee, now: CREATED, sequence: 'SD-202611', formatNumber: (s: string, n: number) => `${s}-${String(n).padStart(5, '0')}` };
          const base = ticketWith({ ...text, created_at: CREATED, status: 'dispatched', dispatched_at: CREATED, response_due_at: CREATED + 600_000, resolve_due_at: NOW + 1_800_000 });
          const { id: _id, number: _number, version: _version, updated_at: _at, updated_by: _by, ...fields } = base;
          const open = await store.createTicket(fields as NewTicket, options);
          const closed = await store.createTicket({ ...(fields as NewTicket), title: `${text.title} 2` }, options);
          await store.updateTicket({ id: open.id }, planNote(`${text.note}x`), { ...options, now: CREATED + 60_000 });
          const responded = await store.updateTicket({ id: open.id }, planRespond(text.note, CREATED + 120_000), { ...options, now: CREATED + 120_000 });
          await store.updateTicket({ id: open.id }, planPending(`${text.note}y`, CREATED + 180_000), { ...options, now: CREATED + 180_000 });
          await store.updateTicket({ id: closed.id }, planClose({ solution: `${text.solution}z`, satisfaction: 4 }, CREATED + 240_000, text.assignee), { ...options, now: CREATED + 240_000 });
          const tickets = await store.listTickets({ sort: { field: 'created_at', descending: true }, limit: 10 });
          const present = new Presenter({ zone: 'Asia/Shanghai', lang, reveal: true });
          const view = { present, reveal: true, now: NOW, style: PLAIN };
          const events = await store.listEvents(open.id);
          const result = { zone: 'Asia/Shanghai', reveal: true, style: PLAIN };
          const searchHit = { ticket: tickets[0]!, score: 1, notes: [text.note] };
          const handover = buildHandover(await store.shiftActivity({ since: CREATED - 3_600_000, until: NOW }), { since: CREATED - 3_600_000, until: NOW, within: 3_600_000 });
          const queue = await store.queueFacts({ actor: text.assignee, teams: null, now: NOW, soonUntil: NOW + 3_600_000, limit: 20 });
          const report = await buildMonthlyReport(store, { month: '2026-11', zone: 'Asia/Shanghai', repeatCallWindow: 7 * 86_400_000, now: NOW });
          const outputs: Record<string, string> = {
            show: tickets.map((t) => renderTicket(t, view)).join(''),
            'list (piped)': await renderTicketList(tickets, view, { stdoutIsTTY: false, columns: undefined }, false),
            'list (terminal)': await renderTicketList(tickets, view, { stdoutIsTTY: true, columns: 60 }, false),
            'action outcome': describeChanges(responded.ticket, 'respond', responded.changes, present),
            history: renderHistory(events, { present, width: 80 }),
            'search (terminal)': renderSearchHits([searchHit], [], { ...result, terminal: true, width: 80 }),
            'search (piped)': renderSearchHits([searchHit], [], { ...result, terminal: false }),
            similar: renderSimilarHits([{ ticket: tickets[0]!, score: 0.5 }], { ...result, terminal: true, width: 80 }),
            queue: renderQueue(queue, { actor: text.assignee, teams: null, now: NOW, present, within: '1h', style: PLAIN, width: 120 }),
            'handover (text)': renderHandoverText(handover, { zone: 'Asia/Shanghai', actor: text.assignee, now: NOW, previous: null, recorded: null, present }, { style: PLAIN, width: 100 }),
            'handover (md)': renderHandoverMarkdown(handover, { zone: 'Asia/Shanghai', actor: text.assignee, now: NOW, previous: null, recorded: null, present }),
            'report (md)': renderReportMarkdown(report, labelsFor('en'), false),
            'report (table)': await renderReportText(report, labelsFor('zh'), { boxed: false, color: false, compare: false, style: PLAIN }),
            'service report': renderServiceReportMarkdown({ ticket: tickets[0]!, visits: [], present, currency: 'CNY', contact: tickets[0]!.contact }),
          };
          for (const [renderer, output] of Object.entries(outputs)) {
            const bad = FORBIDDEN.exec(output);
            expect(bad && `${renderer}: U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} in ${JSON.stringify(output.slice(Math.max(0, bad.index - 20), bad.index + 20))}`).toBeNull();
          }
          // Piped rows keep their columns: the data's own tabs and line feeds are escaped.
          const rows = outputs['list (piped)']!.trimEnd().split('\n');
          for (const row of rows) expect(row.split('\t')).toHaveLength(rows[0]!.split('\t').length);
        } finally {
          store.close();
        }
      }),
      { numRuns: 40, seed: 20261202 },
    );
  });
});
