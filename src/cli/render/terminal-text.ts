// Ticket text is data: no byte of it reaches a terminal or a pipe as a control code. Every human
// renderer passes what it shows of a ticket through here first (before any styling of its own),
// so C0 and C1 controls, DEL and the bidirectional overrides and isolates are shown as visible
// escapes (\e, \n, \u202e); --json keeps the exact text.
import type { TicketEvent, Ticket } from '../../domain/ticket.js';

// C0 but for line feed, DEL, C1, the line and paragraph separators, and the bidi embeddings,
// overrides and isolates that can make a line read backwards.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_OR_LINE_FEED = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\u001b': '\\e', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escapeOne = (char: string) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` for one line of a terminal: every control shown as an escape, line feeds too. */
export function printable(text: string): string {
  return text.replace(UNSAFE_OR_LINE_FEED, escapeOne);
}

/** `text` for a block of lines (a description, a solution): line feeds kept, every other control escaped. */
export function printableBlock(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** Any value as shown: strings escaped, inside lists and records too (supervision orders), everything else as it is. */
export function printableValue<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableValue) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableValue(v)])) as T;
  return value;
}

// The texts an operator writes in paragraphs; every other text of a ticket is one line.
const BLOCK_FIELDS = new Set<keyof Ticket>([
  'description', 'solution', 'steps', 'remaining', 'escalation_reason', 'callback_note', 'complaint_cause', 'complaint_action', 'complaint_penalty', 'complaint_feedback',
]);

/** The ticket with every text it holds made safe to show. */
export function printableTicket<T extends Ticket>(ticket: T): T {
  const out: Record<string, unknown> = { ...(ticket as Record<string, unknown>) };
  for (const [field, value] of Object.entries(ticket)) {
    if (typeof value === 'string') out[field] = BLOCK_FIELDS.has(field as keyof Ticket) ? printableBlock(value) : printable(value);
    else if (Array.isArray(value)) out[field] = value.map(printableValue);
  }
  return out as T;
}

/** An audit event with its actor, texts and changed values made safe to show. */
export function printableEvent(event: TicketEvent): TicketEvent {
  const data = { ...event.data };
  if (data.text !== undefined) data.text = printableBlock(data.text);
  if (data.reason !== undefined) data.reason = printableBlock(data.reason);
  if (data.to !== undefined) data.to = printable(data.to);
  if (data.team !== undefined) data.team = printable(data.team);
  if (data.dispatch_rule !== undefined) data.dispatch_rule = printable(data.dispatch_rule);
  if (data.link) data.link = { ...data.link, ticket: printable(data.link.ticket) };
  if (data.supervision !== undefined) data.supervision = printableValue(data.supervision);
  if (data.assist !== undefined) data.assist = printableValue(data.assist);
  if (data.escalation !== undefined) data.escalation = printableValue(data.escalation) as typeof data.escalation;
  if (data.changes) data.changes = Object.fromEntries(Object.entries(data.changes).map(([field, pair]) => [printable(field), pair.map(printableValue) as [unknown, unknown]]));
  if (data.rules) data.rules = Object.fromEntries(Object.entries(data.rules).map(([field, rule]) => [field, printable(rule)]));
  return { ...event, actor: printable(event.actor), data };
}
