// Search hits and similar tickets: in a terminal two or three lines a ticket, matches highlighted
// and every line cut to the width; piped, tab-separated rows under a header line.
import type { Ticket } from '../../domain/ticket.js';
import { formatLocal } from '../../domain/time.js';
import { fieldsMatching, highlightTerms, snippetAround, type SearchTerm } from '../../search/query.js';
import type { SearchHit, SimilarHit } from '../../store/store.js';
import { padToWidth, truncateToWidth, wrapToWidth } from './display-width.js';
import { DEFAULT_WIDTH } from './fit-table.js';
import type { Style } from './style.js';
import { renderTabSeparated } from './table.js';
import { printable, printableTicket } from './terminal-text.js';
import { toTicketJson } from './ticket-json.js';

export interface ResultView {
  zone: string;
  reveal: boolean;
  style: Style;
  /** Terminal width; absent when piped. */
  width?: number;
  terminal: boolean;
}

const SEARCH_FIELDS = ['title', 'description', 'solution', 'notes'] as const;

function searchFields(hit: SearchHit): Record<(typeof SEARCH_FIELDS)[number], string | null> {
  return { title: hit.ticket.title, description: hit.ticket.description, solution: hit.ticket.solution, notes: hit.notes.join('\n') || null };
}

/** Where the terms matched, and the first match outside the title as a short excerpt. */
export function describeMatch(hit: SearchHit, terms: readonly SearchTerm[]): { matched: string[]; field: string | null; snippet: string | null } {
  const fields = searchFields(hit);
  const matched = fieldsMatching(fields, terms);
  const field = matched.find((f) => f !== 'title') ?? null;
  let text = field ? fields[field as keyof typeof fields]! : null;
  if (field === 'notes') text = hit.notes.find((n) => fieldsMatching({ n }, terms).length) ?? text;
  return { matched, field, snippet: text === null ? null : snippetAround(text, terms) };
}

export function searchHitJson(hit: SearchHit, terms: readonly SearchTerm[], o: { zone: string; reveal: boolean }) {
  const { matched, snippet } = describeMatch(hit, terms);
  return { ticket: toTicketJson(hit.ticket, o), score: hit.score, matched, snippet };
}

function header(ticket: Ticket, o: ResultView, extra: string): string {
  return `${o.style.bold(ticket.number)}  ${padToWidth(ticket.status, 11)}  ${formatLocal(ticket.created_at, o.zone).slice(0, 10)}${extra}`;
}

export function renderSearchHits(found: readonly SearchHit[], terms: readonly SearchTerm[], o: ResultView): string {
  const hits = found.map((hit) => ({ ...hit, ticket: printableTicket(hit.ticket), notes: hit.notes.map(printable) }));
  if (!o.terminal) {
    const rows = hits.map((hit) => {
      const t = hit.ticket;
      return [t.number, formatLocal(t.created_at, o.zone), t.status, t.team ?? '', t.assignee ?? '', t.title, describeMatch(hit, terms).matched.join(','), String(hit.score)];
    });
    return renderTabSeparated(['Number', 'Created', 'Status', 'Team', 'Assignee', 'Title', 'Matched', 'Score'], rows);
  }
  const width = o.width ?? DEFAULT_WIDTH;
  const mark = (text: string) => o.style.yellow(o.style.bold(text));
  // Cut first, then highlight: the cut never splits a colour code.
  const fit = (text: string, room: number) => highlightTerms(truncateToWidth(text, room), terms, mark);
  const out: string[] = [];
  for (const hit of hits) {
    const t = hit.ticket;
    const who = [t.team, t.assignee].filter(Boolean).join('/');
    out.push(truncateToWidth(header(t, o, who ? `  ${who}` : ''), width));
    out.push(`  ${fit(t.title, width - 2)}`);
    const { field, snippet } = describeMatch(hit, terms);
    if (field && snippet) out.push(`  ${o.style.dim(`${field}:`)} ${fit(snippet, width - field.length - 4)}`);
  }
  return `${out.join('\n')}\n`;
}

export function similarHitJson(hit: SimilarHit, o: { zone: string; reveal: boolean }) {
  return { ticket: toTicketJson(hit.ticket, o), score: hit.score };
}

export function renderSimilarHits(found: readonly SimilarHit[], o: ResultView): string {
  const hits = found.map((hit) => ({ ...hit, ticket: printableTicket(hit.ticket) }));
  if (!o.terminal) {
    const rows = hits.map(({ ticket: t, score }) => [t.number, t.resolved_at === null ? '' : formatLocal(t.resolved_at, o.zone), String(score), t.title, t.solution ?? '']);
    return renderTabSeparated(['Number', 'Resolved', 'Score', 'Title', 'Solution'], rows);
  }
  const width = o.width ?? DEFAULT_WIDTH;
  const out: string[] = [];
  for (const { ticket: t, score } of hits) {
    const resolved = t.resolved_at === null ? '' : `  resolved ${formatLocal(t.resolved_at, o.zone).slice(0, 10)}`;
    const who = [t.department, t.category].filter(Boolean).join(' · ');
    out.push(truncateToWidth(`${o.style.bold(t.number)}  ${Math.round(score * 100)}%${resolved}${who ? `  ${who}` : ''}`, width));
    out.push(`  ${truncateToWidth(t.title, width - 2)}`);
    for (const [i, line] of wrapToWidth(t.solution ?? '', width - 4, 3).entries()) out.push(`  ${i === 0 ? o.style.cyan('→') : ' '} ${line}`);
  }
  return `${out.join('\n')}\n`;
}
