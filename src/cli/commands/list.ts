import type { TicketQuery } from '../../store/store.js';
import type { Context } from '../context.js';
import { recordReveal } from '../reveal.js';
import { printJson, toTicketJson } from '../render/ticket-json.js';
import { renderTicketList } from '../render/ticket-list.js';
import { loadStyle } from '../render/style.js';
import { parseLimit, parseSort, parseTicketFilters } from '../ticket-filters.js';
import type { CommandInput, TicketFilterOptions } from '../declaration.js';

export interface ListOptions extends TicketFilterOptions {
  search?: string;
  sort: string;
  limit: string;
  reveal?: boolean;
}

export async function run({ options }: CommandInput<ListOptions>, ctx: Context) {
  const { timezone: zone, vocabulary } = await ctx.settings();
  const now = ctx.now();
  const query: TicketQuery = {
    ...parseTicketFilters(options, { zone, vocabulary, now }),
    sort: parseSort(options.sort),
    limit: parseLimit(options.limit),
  };
  const store = await ctx.openStore({ create: false });
  const tickets = await store.listTickets(query);
  const reveal = Boolean(options.reveal);
  if (reveal) await recordReveal(ctx, store, 'list', tickets.map((t) => t.id));
  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), tickets.map((t) => toTicketJson(t, { zone, reveal })));
    return;
  }
  if (!tickets.length) {
    ctx.io.stderr.write('no tickets match\n');
    return;
  }
  const view = { present: await ctx.presenter({ reveal }), reveal, now, style: await loadStyle(ctx.color) };
  ctx.io.stdout.write(await renderTicketList(tickets, view, ctx.io, ctx.color));
}
