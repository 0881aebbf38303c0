// Human views of tickets: the detail of `show`, the rows of `list`, the one-line outcome of an action.
import { assistOnTime } from '../../domain/assists.js';
import type { Style } from './style.js';
import { maskContact } from '../../domain/privacy.js';
import type { Escalation } from '../../domain/escalations.js';
import { isOpen, type Ticket } from '../../domain/ticket.js';
import { displayWidth, padToWidth } from './display-width.js';
import type { Presenter } from './present.js';
import { printable, printableTicket } from './terminal-text.js';

export interface ViewOptions {
  present: Presenter;
  reveal: boolean;
  now: number;
  style: Style;
  /** Every escalation, oldest first, listed in place of the latest reason (show reads them from the trail). */
  escalations?: readonly Escalation[];
}

export function renderTicket(shown: Ticket, o: ViewOptions): string {
  const ticket = printableTicket(shown);
  const p = o.present;
  const w = p.words;
  const time = (ms: number | null) => (ms === null ? null : p.time(ms));
  const deadlineLine = (due: number | null, met: boolean | null) =>
    due === null ? null : `${p.time(due)}${met === null ? '' : ` (${met ? w.met : w.missed})`}`;
  const due = ticket.status === 'pending' && ticket.resolve_due_at !== null ? w.clockStopped : p.nextDue(ticket, o.now).text;
  const lines: [string, string | null][] = [
    ['status', `${p.value('status', ticket.status)}${ticket.escalated ? ` (${p.fieldName('escalated')})` : ''}${due ? `${w.sep}${due}` : ''}`],
    ['created_at', time(ticket.created_at)],
    ['channel', ticket.channel && p.value('channel', ticket.channel)],
    ['requester', [ticket.requester, ticket.department && `(${ticket.department})`].filter(Boolean).join(' ') || null],
    ['contact', o.reveal ? ticket.contact : maskContact(ticket.contact)],
    ['occurred_at', time(ticket.occurred_at)],
    ['impact', ticket.impact && p.value('impact', ticket.impact)],
    ['type', ticket.type && p.value('type', ticket.type)],
    ['category', ticket.category],
    ['urgency', ticket.urgency && p.value('urgency', ticket.urgency)],
    ['classified_by', ticket.classified_by && p.how(ticket.classified_by)],
    ['team', ticket.team === null ? null : [p.team(ticket.team), ticket.collaborators.length ? w.withTeams(ticket.collaborators.map((t) => p.team(t)).join(', ')) : ''].filter(Boolean).join(' ')],
    ['assignee', ticket.assignee],
    ['dispatched_at', ticket.dispatched_at === null ? null : `${p.time(ticket.dispatched_at)} ${p.how(ticket.dispatched_by)}`],
    ['first_response_at', time(ticket.first_response_at)],
    ['response_due_at', deadlineLine(ticket.response_due_at, ticket.response_met)],
    ['dispatch_due_at', deadlineLine(ticket.dispatch_due_at, ticket.dispatch_met)],
    ['resolve_due_at', deadlineLine(ticket.resolve_due_at, ticket.resolve_met)],
    ['original_resolve_due_at', time(ticket.original_resolve_due_at)],
    ['extension_until', time(ticket.extension_until)],
    ['update_due_at', isOpen(ticket.status) ? deadlineLine(ticket.update_due_at, null) : null],
    ['eta_at', time(ticket.eta_at)],
    ...(o.escalations?.length ? escalationLines(o.escalations, p) : [['escalation_reason', ticket.escalation_reason] as [string, string | null]]),
    ['resolved_at', time(ticket.resolved_at)],
    ['solution', ticket.solution],
    ['steps', ticket.steps],
    ['remaining', ticket.remaining],
    ['closed_at', time(ticket.closed_at)],
    ['satisfaction', ticket.satisfaction === null ? null : w.outOf5(ticket.satisfaction)],
    ['callback_at', ticket.callback_at === null ? null : `${p.time(ticket.callback_at)}${ticket.callback_note ? `: ${ticket.callback_note}` : ''}`],
    ['callback_attempts', ticket.callback_attempts ? w.attempts(ticket.callback_attempts, p.fieldValue('callback_outcome', ticket.callback_outcome)) : null],
    ['reopen_count', ticket.reopen_count ? w.times(ticket.reopen_count) : null],
    ...ticket.supervisions.map((order): [string, string] => [
      'supervisions',
      [
        w.supervision.order(w.supervision.level(order.level), p.team(order.team), p.time(order.reply_by)),
        order.note,
        order.replied_at === null ? (order.reply_by < o.now ? w.overdue(p.span(o.now - order.reply_by)) : w.supervision.waiting) : `${w.supervision.replied(p.time(order.replied_at), order.replied_by ?? p.empty, order.replied_at <= order.reply_by)}: ${order.reply}`,
      ].join(' — '),
    ]),
    ['urge_count', ticket.urge_count ? w.times(ticket.urge_count) : null],
    ...ticket.assists.map((a): [string, string] => [
      'assists',
      [
        `${w.assist.of(p.team(a.team), a.due_at === null ? null : p.time(a.due_at))}${a.assignee ? ` ${w.assist.to(a.assignee)}` : ''}`,
        a.note,
        a.cancelled_at !== null
          ? `${w.assist.cancelled(p.time(a.cancelled_at), a.cancelled_by ?? p.empty)}: ${a.cancel_reason}`
          : a.replied_at !== null
            ? `${w.assist.replied(p.time(a.replied_at), a.replied_by ?? p.empty, assistOnTime(a))}: ${a.reply}`
            : a.due_at !== null && a.due_at < o.now ? w.overdue(p.span(o.now - a.due_at)) : w.assist.waiting,
      ].filter(Boolean).join(' — '),
    ]),
    ['complaint_against', ticket.complaint_against],
    ['complaint_verified', ticket.complaint_verified === null ? null : `${p.fieldValue('complaint_verified', ticket.complaint_verified)} (${time(ticket.complaint_verified_at)})`],
    ['complaint_cause', ticket.complaint_cause],
    ['complaint_action', ticket.complaint_action],
    ['complaint_penalty', ticket.complaint_penalty],
    ['complaint_feedback', ticket.complaint_feedback === null ? null : `${time(ticket.complaint_feedback_at)}: ${ticket.complaint_feedback}`],
    ['external_id', ticket.external_id],
    ['version', w.lastChanged(ticket.version, p.time(ticket.updated_at), ticket.updated_by)],
  ];
  const shownLines = lines.filter(([, value]) => value !== null && value !== '').map(([field, value]) => [field === '' ? '' : p.heading(field), value!] as const);
  const width = Math.max(...shownLines.map(([label]) => displayWidth(label)));
  const body = shownLines.map(([label, value]) => `${o.style.dim(padToWidth(label, width))}  ${value}`).join('\n');
  const description = ticket.description ? `\n\n${ticket.description}` : '';
  return `${o.style.bold(`${ticket.number}  ${ticket.title}`)}\n${body}${description}\n`;
}

/** One line per escalation, the heading on the first: "2026-11-03 10:00 li: Vendor needed". */
function escalationLines(escalations: readonly Escalation[], p: Presenter): [string, string][] {
  return escalations.map((e, i) => {
    const who = [e.at === null ? null : p.time(e.at), e.actor === null ? null : printable(e.actor)].filter(Boolean).join(' ');
    // A tier's reason is the desk's own words: told in the operator's language.
    const reason = e.tier !== null ? p.escalationTier(e.tier.tier, printable(e.tier.at), e.tier.to === null ? null : printable(e.tier.to)) : e.reason === null ? p.empty : printable(e.reason);
    return [i === 0 ? 'escalations' : '', who ? `${who}: ${reason}` : reason];
  });
}

export const LIST_FIELDS = ['number', 'created_at', 'status', 'urgency', 'team', 'assignee', 'requester', 'contact', 'title', 'due'] as const;

/** The headings of a list: English words piped, for scripts; the operator's language in a terminal. */
export function listHeadings(present: Presenter): string[] {
  return LIST_FIELDS.map((field) => present.heading(field));
}

export function ticketRow(shown: Ticket, o: ViewOptions): string[] {
  const ticket = printableTicket(shown);
  const p = o.present;
  const urgency = ticket.urgency === null ? '' : p.value('urgency', ticket.urgency);
  const due = p.nextDue(ticket, o.now);
  return [
    ticket.number,
    p.time(ticket.created_at),
    p.value('status', ticket.status),
    ticket.urgency === 'critical' ? o.style.red(urgency) : ticket.urgency === 'urgent' ? o.style.yellow(urgency) : urgency,
    ticket.team ?? '',
    ticket.assignee ?? '',
    ticket.requester ?? '',
    (o.reveal ? ticket.contact : maskContact(ticket.contact)) ?? '',
    ticket.title,
    due.overdue ? o.style.red(due.text) : due.text,
  ];
}

/** "SD-202611-00042 respond: status dispatched → in_progress, first response 2026-11-25 14:02, response met (2 min)". */
export function describeChanges(ticket: Ticket, kind: string, changes: Record<string, [unknown, unknown]>, present: Presenter): string {
  return `${ticket.number} ${present.change(kind, changes, { width: 60 })}\n`;
}
