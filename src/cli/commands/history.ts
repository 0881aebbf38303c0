import { parseTicketRef } from '../../domain/numbering.js';
import { formatIso, formatLocal } from '../../domain/time.js';
import type { Context } from '../context.js';
import { presentChanges, printJson } from '../render/ticket-json.js';
import { describeChanges } from '../render/ticket-view.js';

export async function run({ args, options }: { args: string[]; options: { reveal?: boolean } }, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  const reveal = Boolean(options.reveal);
  const store = await ctx.openStore({ create: false });
  const ticket = await store.getTicket(parseTicketRef(args[0]!));
  const events = await store.listEvents(ticket.id);
  if (ctx.json) {
    printJson(
      (t) => ctx.io.stdout.write(t),
      events.map((e) => ({
        id: e.id,
        number: ticket.number,
        at: formatIso(e.at, zone),
        actor: e.actor,
        kind: e.kind,
        changes: presentChanges(e.data.changes ?? {}, { zone, reveal }),
        text: e.data.text ?? null,
        reason: e.data.reason ?? null,
        rules: e.data.rules ?? null,
        to: e.data.to ?? null,
      })),
    );
    return;
  }
  for (const event of events) {
    const changes = presentChanges(event.data.changes ?? {}, { zone, reveal });
    delete changes.description;
    const words = [
      event.data.reason && `reason: ${event.data.reason}`,
      event.data.text,
      event.data.to && `to ${event.data.to} (${event.data.team})`,
      event.data.rules && `by rule ${[...new Set(Object.values(event.data.rules))].join(', ')}`,
    ].filter(Boolean).join(' — ');
    const line = describeChanges(ticket, event.kind, changes, zone).trimEnd().slice(ticket.number.length + 1);
    ctx.io.stdout.write(`${formatLocal(event.at, zone)}  ${event.actor}  ${line}${words ? `  ${words}` : ''}\n`);
  }
}
