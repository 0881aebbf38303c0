// Links of a ticket as `show` lists them, and the outcome of `desk link` (README, "JSON output").
import { formatIso } from '../../domain/time.js';
import type { LinkWrite } from '../../domain/links.js';
import type { LinkRole, Ticket } from '../../domain/ticket.js';
import type { LinkedTicket } from '../../store/store.js';
import type { Presenter } from './present.js';
import { printable } from './terminal-text.js';

export function toLinksJson(links: readonly LinkedTicket[], zone: string) {
  return links.map((l) => ({ as: l.as, number: l.ticket.number, title: l.ticket.title, status: l.ticket.status, linked_at: formatIso(l.linked_at, zone), linked_by: l.linked_by }));
}

/** One line a link under the ticket `show` prints: "parent of SD-202611-00043  Printer jams (in_progress)". */
export function renderLinks(links: readonly LinkedTicket[], present: Presenter): string {
  if (!links.length) return '';
  const lines = links.map((l) => `  ${present.words.link[l.as](printable(l.ticket.number))}  ${printable(l.ticket.title)} (${present.value('status', l.ticket.status)})`);
  return `\n${present.words.links}\n${lines.join('\n')}\n`;
}

export type LinkAction = 'linked' | 'removed' | 'unchanged';

export interface LinkOutcome {
  ticket: Ticket;
  other: Ticket;
  action: LinkAction;
  /** How the first ticket stands to the other now (or stood, when the link was removed). */
  as: LinkRole | null;
  was: LinkRole | null;
}

/** `asked`: the link asked for, as the first ticket stands to the other (null for a removal). */
export function outcomeOf(ticket: Ticket, other: Ticket, write: LinkWrite, note: { as: LinkRole; was?: LinkRole } | undefined, asked: LinkRole | null): LinkOutcome {
  if (write === null) return { ticket, other, action: 'unchanged', as: asked, was: null };
  return { ticket, other, action: 'remove' in write ? 'removed' : 'linked', as: note?.as ?? null, was: 'remove' in write ? null : (note?.was ?? null) };
}

export function toLinkOutcomeJson(o: LinkOutcome) {
  return { ticket: o.ticket.number, linked: o.other.number, action: o.action, as: o.as, was: o.was };
}

export function renderLinkOutcome(o: LinkOutcome, present: Presenter): string {
  const w = present.words;
  const [a, b] = [printable(o.ticket.number), printable(o.other.number)];
  if (o.action === 'removed') return `${w.unlinked(a, b)}\n`;
  const phrase = `${a} ${w.link[o.as!](b)}`;
  if (o.action === 'unchanged') return `${a} ${w.alreadyLinked(w.link[o.as!](b))}\n`;
  return `${phrase}${o.was ? ` (${w.linkWas(w.link[o.was](b))})` : ''}\n`;
}
