// The audit trail as an operator reads it: time, actor, then what happened. The event text wraps
// by display width under its own column, so a long note or a Chinese solution stays inside the
// terminal instead of running past its edge.
import type { TicketEvent } from '../../domain/ticket.js';
import { displayWidth, padToWidth, truncateToWidth, wrapToWidth } from './display-width.js';
import { DEFAULT_WIDTH } from './fit-table.js';
import type { Presenter } from './present.js';
import { printableEvent } from './terminal-text.js';

export interface HistoryView {
  present: Presenter;
  /** Terminal width; 80 columns when not a terminal. */
  width?: number;
}

const GAP = '  ';
/** The event text keeps at least this many columns; a longer actor name is cut to leave them. */
const MIN_TEXT_WIDTH = 30;

/** "note — The printer jams again", "escalate: escalated false → true — reason: VIP". */
function describeEvent(event: TicketEvent, { present }: HistoryView): string {
  const data = event.data;
  const w = present.words;
  const changes = { ...data.changes };
  delete changes.description;
  // The reason is shown once, after the changes.
  if (data.reason !== undefined && changes.escalation_reason?.[1] === data.reason) delete changes.escalation_reason;
  // Likewise a call-back's note, and its outcome: told for every attempt, changed or not.
  if (data.text !== undefined && changes.callback_note?.[1] === data.text) delete changes.callback_note;
  if (data.outcome !== undefined) delete changes.callback_outcome;
  const what = present.change(event.kind, changes, { at: event.at });
  const link = data.link && `${w.link[data.link.as](data.link.ticket)}${data.link.was ? ` (${w.linkWas(w.link[data.link.was](data.link.ticket))})` : ''}`;
  return [
    what,
    data.outcome && `${w.outcomeWord}${w.colon}${present.fieldValue('callback_outcome', data.outcome)}`,
    link,
    data.supervision && present.supervision(event.kind, data.supervision),
    data.assist && present.assist(event.kind, data.assist),
    data.qa && present.qualityNote(event.kind, data.qa),
    data.escalation ? present.escalationTier(data.escalation.tier, data.escalation.at, data.escalation.to) : data.reason && `${w.reason}${w.colon}${data.reason}`,
    data.text,
    data.to && w.to(data.to, data.team ?? present.empty),
    event.kind === 'return' && data.team && w.returnedBy(present.team(data.team), data.dispatch_rule),
    data.rules && w.byRule([...new Set(Object.values(data.rules))].join(', ')),
  ]
    .filter(Boolean)
    .join(' — ');
}

export function renderHistory(events: readonly TicketEvent[], view: HistoryView): string {
  const width = view.width ?? DEFAULT_WIDTH;
  const rows = events.map(printableEvent).map((event) => ({ at: view.present.time(event.at), actor: event.actor, text: describeEvent(event, view) }));
  const atWidth = Math.max(0, ...rows.map((r) => displayWidth(r.at)));
  const actorRoom = Math.max(4, width - atWidth - 2 * GAP.length - MIN_TEXT_WIDTH);
  const actorWidth = Math.min(actorRoom, Math.max(0, ...rows.map((r) => displayWidth(r.actor))));
  const indent = atWidth + actorWidth + 2 * GAP.length;
  const textWidth = Math.max(1, width - indent);
  const out: string[] = [];
  for (const row of rows) {
    const lines = row.text.split(/\r?\n/).flatMap((paragraph) => wrapToWidth(paragraph, textWidth));
    const head = `${padToWidth(row.at, atWidth)}${GAP}${padToWidth(truncateToWidth(row.actor, actorWidth), actorWidth)}${GAP}`;
    lines.forEach((line, i) => out.push(`${i === 0 ? head : ' '.repeat(indent)}${line}`.trimEnd()));
    if (!lines.length) out.push(head.trimEnd());
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
