import { formatIso } from '../../domain/time.js';
import type { Context } from '../context.js';
import { recordReveal } from '../reveal.js';
import { readTicketRef } from '../ticket-refs.js';
import { renderHistory } from '../render/history.js';
import { presentChanges, presentRecordTimes, printJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

export interface HistoryOptions {
  reveal?: boolean;
}

export async function run({ args, options }: CommandInput<HistoryOptions>, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  const reveal = Boolean(options.reveal);
  const ref = await readTicketRef(ctx, args[0]!);
  const store = await ctx.openStore({ create: false });
  const ticket = await store.getTicket(ref);
  if (reveal) await recordReveal(ctx, store, 'history', [ticket.id]);
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
        outcome: e.data.outcome ?? null,
        team: e.data.team ?? null,
        dispatch_rule: e.data.dispatch_rule ?? null,
        link: e.data.link ?? null,
        supervision: e.data.supervision ? presentRecordTimes(e.data.supervision, zone) : null,
        assist: e.data.assist ? presentRecordTimes(e.data.assist, zone) : null,
        escalation: e.data.escalation ?? null,
      })),
    );
    return;
  }
  ctx.io.stdout.write(renderHistory(events, { present: await ctx.presenter({ reveal }), width: ctx.io.stdoutIsTTY ? ctx.io.columns : undefined }));
}
