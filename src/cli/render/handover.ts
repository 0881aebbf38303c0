// The shift handover as JSON, as Markdown (printable, mailable) and as text for a terminal.
import type { DeadlineAlert } from '../../domain/deadlines.js';
import type { Handover, HandoverRecord, OpenTicket, PendingTicket } from '../../domain/handover.js';
import type { Ticket } from '../../domain/ticket.js';
import { formatIso } from '../../domain/time.js';
import { truncateToWidth, wrapToWidth } from './display-width.js';
import { DEFAULT_WIDTH, renderAlignedTable } from './fit-table.js';
import type { Presenter } from './present.js';
import type { Style } from './style.js';
import { printable, printableTicket } from './terminal-text.js';

export interface HandoverView {
  zone: string;
  actor: string;
  now: number;
  previous: HandoverRecord | null;
  recorded: HandoverRecord | null;
  present: Presenter;
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
  const p = v.present;
  const time = (ms: number | null) => (ms === null ? '' : p.time(ms));
  const who = (t: Ticket) => [t.team, t.assignee].filter(Boolean).join('/');
  const urgency = (t: Ticket) => (t.urgency === null ? '' : p.value('urgency', t.urgency));
  const due = (o: OpenTicket) => (o.state === 'paused' ? p.words.paused : o.next ? p.due(o.next.kind, o.next.due, h.until).text : '');
  return {
    alert: (a: DeadlineAlert) => [a.ticket.number, a.ticket.title, p.due(a.kind, a.due, h.until).text, time(a.due), urgency(a.ticket), who(a.ticket)],
    opened: (t: Ticket) => [t.number, t.title, p.value('status', t.status), urgency(t), who(t)],
    resolved: (t: Ticket) => [t.number, t.title, who(t), t.solution ?? ''],
    escalated: (t: Ticket) => [t.number, t.title, who(t), t.escalation_reason ?? ''],
    open: (o: OpenTicket) => [o.ticket.number, o.ticket.title, p.value('status', o.ticket.status), urgency(o.ticket), o.ticket.assignee ?? '', due(o)],
    pending: (pending: PendingTicket) => [pending.ticket.number, pending.ticket.title, who(pending.ticket), time(pending.ticket.paused_at), pending.reason ?? ''],
  };
}

/** The column headings of each table, in the view's language. */
function headings(v: HandoverView) {
  const h = v.present.words.handover;
  const f = (field: string) => v.present.heading(field);
  return {
    alert: [f('number'), f('title'), h.deadline, f('due'), f('urgency'), f('team')],
    opened: [f('number'), f('title'), f('status'), f('urgency'), f('team')],
    resolved: [f('number'), f('title'), f('team'), f('solution')],
    escalated: [f('number'), f('title'), f('team'), h.reason],
    open: [f('number'), f('title'), f('status'), f('urgency'), f('assignee'), h.nextDue],
    pending: [f('number'), f('title'), f('team'), h.pendingSince, h.reason],
  };
}

function headline(h: Handover, v: HandoverView): { title: string; lines: string[] } {
  const p = v.present;
  const w = p.words.handover;
  const title = w.title(h.team, p.time(h.since), p.time(h.until), p.zone);
  const lines = [w.handedOver(printable(v.actor), p.time(v.now), v.recorded?.id ?? null)];
  if (v.previous) lines.push(w.previous(p.time(v.previous.at), printable(v.previous.actor)));
  const open = h.teams.reduce((sum, t) => sum + t.tickets.length, 0);
  lines.push(w.summary({ opened: h.opened.length, resolved: h.resolved.length, escalated: h.escalated.length, open, breached: h.breached.length, near: h.near.length, within: p.span(h.within), pending: h.pending.length }));
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
  const HEAD = headings(v);
  const w = v.present.words.handover;
  const { title, lines } = headline(h, v);
  const out = [`# ${title}`, '', ...lines.map((l) => `${l}  `), ''];
  const section = (heading: string, head: readonly string[], body: string[][], empty = w.none) => {
    out.push(`## ${heading}`, '', body.length ? markdownTable(head, body) : empty, '');
  };
  section(w.breached(h.breached.length), HEAD.alert, h.breached.map(r.alert));
  section(w.near(h.near.length), HEAD.alert, h.near.map(r.alert));
  section(w.opened(h.opened.length), HEAD.opened, h.opened.map(r.opened));
  section(w.resolved(h.resolved.length), HEAD.resolved, h.resolved.map(r.resolved));
  section(w.escalated(h.escalated.length), HEAD.escalated, h.escalated.map(r.escalated));
  out.push(`## ${w.openByTeam}`, '');
  if (!h.teams.length) out.push(w.none, '');
  for (const { team, tickets } of h.teams) out.push(`### ${team ?? w.notDispatched} (${tickets.length})`, '', markdownTable(HEAD.open, tickets.map(r.open)), '');
  section(w.pending(h.pending.length), HEAD.pending, h.pending.map(r.pending));
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderHandoverText(shown: Handover, v: HandoverView, o: { style: Style; width?: number }): string {
  const h = printableHandover(shown);
  const r = rows(h, v);
  const HEAD = headings(v);
  const w = v.present.words.handover;
  const { title, lines } = headline(h, v);
  const f = (field: string) => v.present.heading(field);
  const table = (head: readonly string[], body: string[][]) =>
    renderAlignedTable(head, body, { width: o.width, heading: o.style.dim, fits: head.map((c) => (c === f('title') ? { flex: true, min: 14 } : c === f('solution') || c === w.reason ? { flex: true, min: 10 } : c === f('due') || c === w.pendingSince ? { drop: 3 } : c === f('urgency') ? { drop: 2 } : c === f('team') ? { drop: 1 } : {})) });
  const width = o.width ?? DEFAULT_WIDTH;
  const out = [o.style.bold(truncateToWidth(title, width)), ...lines.flatMap((l) => wrapToWidth(l, width)), ''];
  const section = (heading: string, head: readonly string[], body: string[][], emphasis = (s: string) => o.style.bold(s)) => {
    if (!body.length) return;
    out.push(emphasis(heading), table(head, body));
  };
  section(w.breached(h.breached.length), HEAD.alert, h.breached.map(r.alert), (s) => o.style.red(o.style.bold(s)));
  section(w.near(h.near.length), HEAD.alert, h.near.map(r.alert), (s) => o.style.yellow(o.style.bold(s)));
  section(w.opened(h.opened.length), HEAD.opened, h.opened.map(r.opened));
  section(w.resolved(h.resolved.length), HEAD.resolved, h.resolved.map(r.resolved));
  section(w.escalated(h.escalated.length), HEAD.escalated, h.escalated.map(r.escalated));
  for (const { team, tickets } of h.teams) section(w.openOf(team, tickets.length), HEAD.open, tickets.map(r.open));
  section(w.pending(h.pending.length), HEAD.pending, h.pending.map(r.pending));
  return `${out.join('\n').trimEnd()}\n`;
}
