import { parseTicketRef } from '../../domain/numbering.js';
import type { Context } from '../context.js';
import { loadStyle } from '../render/style.js';
import { printJson, toTicketJson } from '../render/ticket-json.js';
import { renderTicket } from '../render/ticket-view.js';

export async function run({ args, options }: { args: string[]; options: { reveal?: boolean } }, ctx: Context) {
  const { timezone } = await ctx.settings();
  const store = await ctx.openStore({ create: false });
  const ticket = await store.getTicket(parseTicketRef(args[0]!));
  const reveal = Boolean(options.reveal);
  if (ctx.json) printJson((t) => ctx.io.stdout.write(t), toTicketJson(ticket, { zone: timezone, reveal }));
  else ctx.io.stdout.write(renderTicket(ticket, { zone: timezone, reveal, now: ctx.now(), style: await loadStyle(ctx.color) }));
}
