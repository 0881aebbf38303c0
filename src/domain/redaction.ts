// A privacy request: the requester's name and contact leave the ticket, its free text, its visits
// and its audit trail, replaced by a marker. The ticket and its statistics stay.
import type { Ticket, TicketPatch } from './ticket.js';

export const REDACTED = '[redacted]';

const FREE_TEXT = [
  'title', 'description', 'solution', 'steps', 'remaining', 'callback_note', 'escalation_reason',
  'complaint_cause', 'complaint_action', 'complaint_penalty', 'complaint_feedback',
] as const;

/** The personal values to remove: the requester's name and contact as written. */
export function secretsOf(ticket: Ticket): string[] {
  return [ticket.requester, ticket.contact].filter((v): v is string => Boolean(v && v.trim() && v !== REDACTED)).sort((a, b) => b.length - a.length);
}

export function redactText(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

/** Every string inside a JSON value, redacted. */
export function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, secrets)]));
  return value;
}

export function redactionPatch(ticket: Ticket, secrets: readonly string[]): TicketPatch {
  const patch: TicketPatch = { requester: ticket.requester === null ? null : REDACTED, contact: ticket.contact === null ? null : REDACTED };
  for (const field of FREE_TEXT) {
    const value = ticket[field];
    if (value !== null) patch[field] = redactText(value, secrets);
  }
  // A supervisor's order, a sub-task's note or a team's reply may name the caller too.
  if (ticket.supervisions.length) patch.supervisions = redactValue(ticket.supervisions, secrets) as Ticket['supervisions'];
  if (ticket.assists.length) patch.assists = redactValue(ticket.assists, secrets) as Ticket['assists'];
  return patch;
}
