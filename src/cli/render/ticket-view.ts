// Human views of tickets: the detail of `show`, the rows of `list`, the one-line outcome of an action.
import type { Style } from './style.js';
import { maskContact } from '../../domain/privacy.js';
import { runningDeadlines } from '../../domain/deadlines.js';
import type { Ticket } from '../../domain/ticket.js';
import { formatLocal, formatSpan } from '../../domain/time.js';
import { truncate } from './table.js';
import { printable, printableTicket, printableValue } from './terminal-text.js';

export interface ViewOptions {
  zone: string;
  reveal: boolean;
  now: number;
  style: Style;
}

/** "resolve due in 1h20m" or "response overdue 35m" for an open ticket's next deadline. */
export function describeDue(ticket: Ticket, now: number): string {
  if (ticket.status === 'pending' && ticket.resolve_due_at !== null) return 'clock stopped';
  const next = runningDeadlines(ticket)[0];
  if (!next) return '';
  return next.due < now ? `${next.kind} overdue ${formatSpan(now - next.due)}` : `${next.kind} due in ${formatSpan(next.due - now)}`;
}

export function renderTicket(shown: Ticket, o: ViewOptions): string {
  const ticket = printableTicket(shown);
  const time = (ms: number | null) => (ms === null ? null : formatLocal(ms, o.zone));
  const deadlineLine = (due: number | null, met: boolean | null) =>
    due === null ? null : `${time(due)}${met === null ? '' : met ? ' (met)' : ' (missed)'}`;
  const due = describeDue(ticket, o.now);
  const lines: [string, string | null][] = [
    ['Status', `${ticket.status}${ticket.escalated ? ' (escalated)' : ''}${due ? `, ${due}` : ''}`],
    ['Created', time(ticket.created_at)],
    ['Channel', ticket.channel],
    ['Requester', [ticket.requester, ticket.department && `(${ticket.department})`].filter(Boolean).join(' ') || null],
    ['Contact', o.reveal ? ticket.contact : maskContact(ticket.contact)],
    ['Occurred', time(ticket.occurred_at)],
    ['Impact', ticket.impact],
    ['Type', ticket.type],
    ['Category', ticket.category],
    ['Urgency', ticket.urgency],
    ['Classified by', ticket.classified_by],
    ['Team', [ticket.team, ticket.collaborators.length ? `with ${ticket.collaborators.join(', ')}` : ''].filter(Boolean).join(' ') || null],
    ['Assignee', ticket.assignee],
    ['Dispatched', ticket.dispatched_at === null ? null : `${time(ticket.dispatched_at)} by ${ticket.dispatched_by}`],
    ['First response', time(ticket.first_response_at)],
    ['Response due', deadlineLine(ticket.response_due_at, ticket.response_met)],
    ['Dispatch due', deadlineLine(ticket.dispatch_due_at, ticket.dispatch_met)],
    ['Resolve due', deadlineLine(ticket.resolve_due_at, ticket.resolve_met)],
    ['Escalation', ticket.escalation_reason],
    ['Resolved', time(ticket.resolved_at)],
    ['Solution', ticket.solution],
    ['Steps', ticket.steps],
    ['Remaining', ticket.remaining],
    ['Closed', time(ticket.closed_at)],
    ['Satisfaction', ticket.satisfaction === null ? null : `${ticket.satisfaction}/5`],
    ['Call-back', ticket.callback_at === null ? null : `${time(ticket.callback_at)}${ticket.callback_note ? `: ${ticket.callback_note}` : ''}`],
    ['Reopened', ticket.reopen_count ? `${ticket.reopen_count} time(s)` : null],
    ['External id', ticket.external_id],
    ['Version', `${ticket.version}, last changed ${time(ticket.updated_at)} by ${ticket.updated_by}`],
  ];
  const width = Math.max(...lines.map(([label]) => label.length));
  const body = lines
    .filter(([, value]) => value !== null && value !== '')
    .map(([label, value]) => `${o.style.dim(label.padEnd(width))}  ${value}`)
    .join('\n');
  const description = ticket.description ? `\n\n${ticket.description}` : '';
  return `${o.style.bold(`${ticket.number}  ${ticket.title}`)}\n${body}${description}\n`;
}

export const LIST_HEADINGS = ['Number', 'Created', 'Status', 'Urgency', 'Team', 'Assignee', 'Requester', 'Contact', 'Title', 'Due'];

export function ticketRow(shown: Ticket, o: ViewOptions): string[] {
  const ticket = printableTicket(shown);
  const urgency = ticket.urgency ?? '';
  const due = describeDue(ticket, o.now);
  return [
    ticket.number,
    formatLocal(ticket.created_at, o.zone),
    ticket.status,
    urgency === 'critical' ? o.style.red(urgency) : urgency === 'urgent' ? o.style.yellow(urgency) : urgency,
    ticket.team ?? '',
    ticket.assignee ?? '',
    ticket.requester ?? '',
    (o.reveal ? ticket.contact : maskContact(ticket.contact)) ?? '',
    ticket.title,
    due.includes('overdue') ? o.style.red(due) : due,
  ];
}

/**
 * "SD-202611-00042 respond: status dispatched → in_progress, first_response_at 2026-11-25 14:02";
 * values longer than `valueWidth` characters are cut.
 */
export function describeChanges(ticket: Ticket, kind: string, changes: Record<string, [unknown, unknown]>, zone: string): string {
  return `${ticket.number} ${describeChange(kind, changes, zone)}\n`;
}

/** "assign: assignee ∅ → sun, status new → dispatched": a change without the ticket it was made to. */
export function describeChange(kind: string, changes: Record<string, [unknown, unknown]>, zone: string, valueWidth = 60): string {
  const show = (field: string, value: unknown) => {
    if (value === null || value === undefined) return '∅';
    if (field.endsWith('_at') && typeof value === 'number') return formatLocal(value, zone);
    if (Array.isArray(value)) return printableValue(value).join(',') || '∅';
    return truncate(printable(String(value)), valueWidth);
  };
  const parts = Object.entries(changes).map(([field, [before, after]]) =>
    before === null || before === undefined ? `${field} ${show(field, after)}` : `${field} ${show(field, before)} → ${show(field, after)}`,
  );
  return `${kind}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
