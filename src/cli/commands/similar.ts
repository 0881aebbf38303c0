import type { Ticket } from '../../domain/ticket.js';
import type { Store } from '../../store/store.js';
import type { Context } from '../context.js';
import { recordReveal } from '../reveal.js';
import { readTicketRef } from '../ticket-refs.js';
import { renderSimilarHits, similarHitJson } from '../render/search-results.js';
import { loadStyle } from '../render/style.js';
import { printJson } from '../render/ticket-json.js';
import { parseLimit } from '../ticket-filters.js';
import type { CommandInput } from '../declaration.js';

export interface SimilarOptions {
  limit: string;
  reveal?: boolean;
}

const MAX = 50;

export async function run({ args, options }: CommandInput<SimilarOptions>, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  const limit = parseLimit(options.limit, MAX, 'e.g. --limit 5');
  const ref = await readTicketRef(ctx, args[0]!);
  const store = await ctx.openStore({ create: false });
  const hits = await store.similarTickets(ref, limit);
  const reveal = Boolean(options.reveal);
  if (reveal) await recordReveal(ctx, store, 'similar', hits.map((hit) => hit.ticket.id));
  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), hits.map((hit) => similarHitJson(hit, { zone, reveal })));
    return;
  }
  if (!hits.length) {
    ctx.io.stderr.write('no similar resolved ticket\n');
    return;
  }
  const view = { zone, reveal, style: await loadStyle(ctx.color), terminal: ctx.io.stdoutIsTTY, width: ctx.io.columns };
  ctx.io.stdout.write(renderSimilarHits(hits, view));
}

const AFTER_CREATE = 3;

/** After `desk create` in a terminal: the few solved tickets most like the new one. */
export async function printSimilarSolved(ctx: Context, store: Store, ticket: Ticket, zone: string): Promise<void> {
  try {
    const hits = await store.similarTickets({ id: ticket.id }, AFTER_CREATE);
    if (!hits.length) return;
    const style = await loadStyle(ctx.color);
    ctx.io.stdout.write(`\n${style.bold('Solved before:')}\n${renderSimilarHits(hits, { zone, reveal: false, style, terminal: true, width: ctx.io.columns })}`);
  } catch {
    // The ticket is created; a knowledge-base lookup that fails must not turn that into an error.
  }
}
