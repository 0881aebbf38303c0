// What `desk caller` shows of a caller: the names and contacts they gave, their figures and their
// tickets; contacts masked unless revealed, every text escaped for the terminal.
import type { CallerLookup } from '../../domain/caller.js';
import { maskContact } from '../../domain/privacy.js';
import type { CallerFacts } from '../../store/store.js';
import type { Presenter } from './present.js';
import { printable } from './terminal-text.js';
import { toTicketJson } from './ticket-json.js';

export interface CallerView {
  /** What the operator typed. */
  typed: string;
  lookup: CallerLookup;
  zone: string;
  reveal: boolean;
  days: number;
}

const shownContact = (contact: string, reveal: boolean) => (reveal ? contact : maskContact(contact)!);

function satisfactionAverage(f: CallerFacts): number | null {
  return f.rated === 0 ? null : Math.round((f.satisfaction_sum / f.rated) * 100) / 100;
}

/** The --json shape of `desk caller` (README, "JSON output"). */
export function callerJson(f: CallerFacts, v: CallerView) {
  return {
    // Masked as its key: +86 138… would mask to 861****.
    lookup: { by: v.lookup.by, value: v.lookup.by === 'contact' ? (v.reveal ? v.typed.trim() : maskContact(v.lookup.key)!) : v.typed.trim() },
    requesters: f.requesters,
    contacts: f.contacts.map((c) => shownContact(c, v.reveal)),
    total: f.total,
    open: f.open,
    complaints: f.complaints,
    recent: { days: v.days, tickets: f.recent },
    satisfaction: { average: satisfactionAverage(f), rated: f.rated },
    tickets: f.tickets.map((t) => toTicketJson(t, { zone: v.zone, reveal: v.reveal })),
  };
}

/** The lines above the caller's ticket list. */
export function renderCallerHeading(f: CallerFacts, v: CallerView, present: Presenter): string {
  const w = present.words.caller;
  const contacts = f.contacts.map((c) => shownContact(c, v.reveal));
  const [who, ...also] = v.lookup.by === 'contact' ? [...contacts, ...f.requesters] : [...f.requesters, ...contacts];
  const average = satisfactionAverage(f);
  const lines = [
    w.heading(printable(who ?? v.typed.trim()), also.map(printable).join(present.words.sep)),
    w.summary({ total: f.total, open: f.open, recent: f.recent, days: v.days, complaints: f.complaints }) + (average === null ? w.unrated : w.satisfaction(average.toFixed(1), f.rated)),
  ];
  return `${lines.join('\n')}\n\n`;
}
