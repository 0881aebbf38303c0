// The shift handover as JSON, as Markdown (printable, mailable) and as text for a terminal.
import type { DeadlineAlert } from '../../domain/deadlines.js';
import type { Handover, HandoverRecord, OpenTicket, PendingTicket } from '../../domain/handover.js';
import type { Ticket } from '../../domain/ticket.js';
import { formatIso, formatLocal } from '../../domain/time.js';
import { truncateToWidth, wrapToWidth } from './display-width.js';
import { DEFAULT_WIDTH, renderAlignedTable } from './fit-table.js';
import { formatRelativeDue } from './relative-due.js';
import type { Style } from './style.js';
import { printable, printableTicket } from './terminal-text.js';

export interface HandoverView {
  zone: string;
  actor: string;
  now: number;
  previous: HandoverRecord | null;
  recorded: HandoverRecord | null;
}

const minutes = (ms: number) => Math.round(ms / 60_000);

function ticketJson(t: Ticket, zone: string) {
  const iso = (ms: number | null) => (ms === null ? null : formatIso(ms, zone));
  return { number: t.number, title: t.title, status: t.status, urgency: t.urgency, team: t.team, assignee: t.assignee, created_at: iso(t.created_at), resolved_at: iso(t.resolved_at) };
}

function alertJson(a: DeadlineAlert, now: number, zone: string) {
  const t = a.ticket;
  return { number: t.number, title: t.title, kind: a.kind, due_at: formatIso(a.due, zone), minutes: minutes(a.breached ? now - a.due : a.due - now), urgency: t.urgency, team: t.team, assignee: t.assignee };
}

export function handoverJson(h: Handover, v: HandoverView) {
  const iso = (ms: number) => formatIso(ms, v.zone);
  const record = (r: HandoverRecord | null) => (r === null ? null : { id: r.id, at: iso(r.at), actor: r.actor, since: iso(r.since) });
  return {
    since: iso(h.since),
    until: iso(h.until),
    actor: v.actor,
    team: h.team,
    within_minutes: minutes(h.within),
    previous: record(v.previous),
    recorded: record(v.recorded),
    opened: h.opened.map((t) => ticketJson(t, v.zone)),
    resolved: h.resolved.map((t) => ({ ...ticketJson(t, v.zone), solution: t.solution })),
    escalated: h.escalated.map((t) => ({ ...ticketJson(t, v.zone), escalation_reason: t.escalation_reason })),
    breached: h.breached.map((a) => alertJson(a, h.until, v.zone)),
    near: h.near.map((a) => alertJson(a, h.until, v.zone)),
    open_by_team: h.teams.map(({ team, tickets }) => ({
      team,
      tickets: tickets.map(({ ticket: t, state, next }) => ({
        number: t.number,
        title: t.title,
        status: t.status,
        urgency: t.urgency,
        assignee: t.assignee,
        state,
        next_due: next === null ? null : { kind: next.kind, due_at: iso(next.due), minutes: minutes(next.due - h.until) },
      })),
    })),
    pending: h.pending.map(({ ticket: t, reason }) => ({
      number: t.number,
      title: t.title,
      team: t.team,
      assignee: t.assignee,
      pending_since: t.paused_at === null ? null : iso(t.paused_at),
      reason,
    })),
  };
}

/** The cells every format shares. */
function rows(h: Handover, v: HandoverView) {
  const time = (ms: number | null) => (ms === null ? '' : formatLocal(ms, v.zone));
  const who = (t: Ticket) => [t.team, t.assignee].filter(Boolean).join('/');
  const due = (o: OpenTicket) => (o.state === 'paused' ? 'paused' : o.next ? `${o.next.kind} ${formatRelativeDue(o.next.due, h.until)}` : '');
  return {
    alert: (a: DeadlineAlert) => [a.ticket.number, a.ticket.title, `${a.kind} ${formatRelativeDue(a.due, h.until)}`, time(a.due), a.ticket.urgency ?? '', who(a.ticket)],
    opened: (t: Ticket) => [t.number, t.title, t.status, t.urgency ?? '', who(t)],
    resolved: (t: Ticket) => [t.number, t.title, who(t), t.solution ?? ''],
    escalated: (t: Ticket) => [t.number, t.title, who(t), t.escalation_reason ?? ''],
    open: (o: OpenTicket) => [o.ticket.number, o.ticket.title, o.ticket.status, o.ticket.urgency ?? '', o.ticket.assignee ?? '', due(o)],
    pending: (p: PendingTicket) => [p.ticket.number, p.ticket.title, who(p.ticket), time(p.ticket.paused_at), p.reason ?? ''],
  };
}

const HEAD = {
  alert: ['Number', 'Title', 'Deadline', 'Due', 'Urgency', 'Team'],
  opened: ['Number', 'Title', 'Status', 'Urgency', 'Team'],
  resolved: ['Number', 'Title', 'Team', 'Solution'],
  escalated: ['Number', 'Title', 'Team', 'Reason'],
  open: ['Number', 'Title', 'Status', 'Urgency', 'Assignee', 'Next due'],
  pending: ['Number', 'Title', 'Team', 'Pending since', 'Reason'],
};

function headline(h: Handover, v: HandoverView): { title: string; lines: string[] } {
  const time = (ms: number) => formatLocal(ms, v.zone);
  const title = `Shift handover${h.team ? ` of ${h.team}` : ''}: ${time(h.since)} to ${time(h.until)} (${v.zone})`;
  const lines = [`Handed over by ${printable(v.actor)} at ${time(v.now)}${v.recorded ? ` (recorded as handover ${v.recorded.id})` : ' (not recorded)'}.`];
  if (v.previous) lines.push(`Previous handover: ${time(v.previous.at)} by ${printable(v.previous.actor)}.`);
  const open = h.teams.reduce((sum, t) => sum + t.tickets.length, 0);
  lines.push(
    `Opened ${h.opened.length}, resolved ${h.resolved.length}, escalated ${h.escalated.length} during the shift; ` +
      `${open} open, ${h.breached.length} breached, ${h.near.length} due within ${minutes(h.within) >= 60 && minutes(h.within) % 60 === 0 ? `${minutes(h.within) / 60}h` : `${minutes(h.within)}m`}, ${h.pending.length} pending.`,
  );
  return { title, lines };
}

function markdownCell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

function markdownTable(head: readonly string[], body: readonly (readonly string[])[]): string {
  return [head, head.map(() => '---'), ...body].map((r) => `| ${r.map(markdownCell).join(' | ')} |`).join('\n');
}

/** The handover with every ticket text in it made safe to show. */
function printableHandover(h: Handover): Handover {
  const alert = (a: DeadlineAlert) => ({ ...a, ticket: printableTicket(a.ticket) });
  return {
    ...h,
    team: h.team === null ? null : printable(h.team),
    opened: h.opened.map(printableTicket),
    resolved: h.resolved.map(printableTicket),
    escalated: h.escalated.map(printableTicket),
    breached: h.breached.map(alert),
    near: h.near.map(alert),
    teams: h.teams.map((q) => ({ team: q.team === null ? null : printable(q.team), tickets: q.tickets.map((o) => ({ ...o, ticket: printableTicket(o.ticket) })) })),
    pending: h.pending.map((p) => ({ ticket: printableTicket(p.ticket), reason: p.reason === null ? null : printable(p.reason) })),
  };
}

export function renderHandoverMarkdown(shown: Handover, v: HandoverView): string {
  const h = printableHandover(shown);
  const r = rows(h, v);
  const { title, lines } = headline(h, v);
  const out = [`# ${title}`, '', ...lines.map((l) => `${l}  `), ''];
  const section = (heading: string, head: readonly string[], body: string[][], empty = 'None.') => {
    out.push(`## ${heading}`, '', body.length ? markdownTable(head, body) : empty, '');
  };
  section(`Breached (${h.breached.length})`, HEAD.alert, h.breached.map(r.alert));
  section(`Due soon (${h.near.length})`, HEAD.alert, h.near.map(r.alert));
  section(`Opened during the shift (${h.opened.length})`, HEAD.opened, h.opened.map(r.opened));
  section(`Resolved during the shift (${h.resolved.length})`, HEAD.resolved, h.resolved.map(r.resolved));
  section(`Escalated during the shift (${h.escalated.length})`, HEAD.escalated, h.escalated.map(r.escalated));
  out.push(`## Open tickets by team`, '');
  if (!h.teams.length) out.push('None.', '');
  for (const { team, tickets } of h.teams) out.push(`### ${team ?? 'Not dispatched'} (${tickets.length})`, '', markdownTable(HEAD.open, tickets.map(r.open)), '');
  section(`Pending, waiting on requesters (${h.pending.length})`, HEAD.pending, h.pending.map(r.pending));
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderHandoverText(shown: Handover, v: HandoverView, o: { style: Style; width?: number }): string {
  const h = printableHandover(shown);
  const r = rows(h, v);
  const { title, lines } = headline(h, v);
  const table = (head: readonly string[], body: string[][]) =>
    renderAlignedTable(head, body, { width: o.width, heading: o.style.dim, fits: head.map((c) => (c === 'Title' ? { flex: true, min: 14 } : c === 'Solution' || c === 'Reason' ? { flex: true, min: 10 } : c === 'Due' || c === 'Pending since' ? { drop: 3 } : c === 'Urgency' ? { drop: 2 } : c === 'Team' ? { drop: 1 } : {})) });
  const width = o.width ?? DEFAULT_WIDTH;
  const out = [o.style.bold(truncateToWidth(title, width)), ...lines.flatMap((l) => wrapToWidth(l, width)), ''];
  const section = (heading: string, head: readonly string[], body: string[][], emphasis = (s: string) => o.style.bold(s)) => {
    if (!body.length) return;
    out.push(emphasis(heading), table(head, body));
  };
  section(`Breached (${h.breached.length})`, HEAD.alert, h.breached.map(r.alert), (s) => o.style.red(o.style.bold(s)));
  section(`Due soon (${h.near.length})`, HEAD.alert, h.near.map(r.alert), (s) => o.style.yellow(o.style.bold(s)));
  section(`Opened during the shift (${h.opened.length})`, HEAD.opened, h.opened.map(r.opened));
  section(`Resolved during the shift (${h.resolved.length})`, HEAD.resolved, h.resolved.map(r.resolved));
  section(`Escalated during the shift (${h.escalated.length})`, HEAD.escalated, h.escalated.map(r.escalated));
  for (const { team, tickets } of h.teams) section(`Open: ${team ?? 'not dispatched'} (${tickets.length})`, HEAD.open, tickets.map(r.open));
  section(`Pending, waiting on requesters (${h.pending.length})`, HEAD.pending, h.pending.map(r.pending));
  return `${out.join('\n').trimEnd()}\n`;
}
