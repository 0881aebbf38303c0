// Due times as an operator reads them at a glance: "in 25 min", "overdue 2 h".
import { runningDeadlines } from '../../domain/deadlines.js';
import type { Ticket } from '../../domain/ticket.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "25 min", "2 h", "3 d": the span rounded down to its largest unit (at least 1 min). */
export function formatRelativeSpan(ms: number): string {
  const span = Math.abs(ms);
  if (span < HOUR) return `${Math.max(1, Math.floor(span / MINUTE))} min`;
  if (span < 2 * DAY) return `${Math.floor(span / HOUR)} h`;
  return `${Math.floor(span / DAY)} d`;
}

/** "in 25 min" before `due`, "overdue 2 h" after it. */
export function formatRelativeDue(due: number, now: number): string {
  return due < now ? `overdue ${formatRelativeSpan(now - due)}` : `in ${formatRelativeSpan(due - now)}`;
}

export interface RelativeDue {
  text: string;
  overdue: boolean;
}

/** The next running deadline of an open ticket, "resolve in 25 min" or "response overdue 2 h"; "paused" while pending. */
export function describeRelativeDue(ticket: Ticket, now: number): RelativeDue {
  if (ticket.status === 'pending' && (ticket.resolve_due_at !== null || ticket.response_due_at !== null)) return { text: 'paused', overdue: false };
  const next = runningDeadlines(ticket)[0];
  if (!next) return { text: '', overdue: false };
  return { text: `${next.kind} ${formatRelativeDue(next.due, now)}`, overdue: next.due < now };
}
