import { readCallerLookup } from '../../domain/caller.js';
import { maskContact } from '../../domain/privacy.js';
import { parseSearchText } from '../../search/query.js';
import type { Context } from '../context.js';
import { recordReveal } from '../reveal.js';
import { renderSearchHits, searchHitJson } from '../render/search-results.js';
import { loadStyle } from '../render/style.js';
import { printJson } from '../render/ticket-json.js';
import { parseLimit, parseSearchSort, parseTicketFilters } from '../ticket-filters.js';
import type { CommandInput, TicketFilterOptions } from '../declaration.js';

export interface SearchOptions extends TicketFilterOptions {
  sort: string;
  limit: string;
  reveal?: boolean;
}

export async function run({ args, options }: CommandInput<SearchOptions>, ctx: Context) {
  const { timezone: zone, vocabulary } = await ctx.settings();
  const text = args.join(' ');
  const terms = parseSearchText(text);
  const filters = parseTicketFilters(options, { zone, vocabulary, now: ctx.now() });
  const query = { ...filters, text, sort: parseSearchSort(options.sort), limit: parseLimit(options.limit) };
  const store = await ctx.openStore({ create: false });
  const hits = await store.searchTickets(query);
  const reveal = Boolean(options.reveal);
  if (reveal) await recordReveal(ctx, store, 'search', hits.map((hit) => hit.ticket.id));
  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), hits.map((hit) => searchHitJson(hit, terms, { zone, reveal })));
    return;
  }
  if (!hits.length) {
    ctx.io.stderr.write(`no tickets match (${noMatchHint(text)})\n`);
    return;
  }
  const view = { zone, reveal, style: await loadStyle(ctx.color), terminal: ctx.io.stdoutIsTTY, width: ctx.io.columns };
  ctx.io.stdout.write(renderSearchHits(hits, terms, view));
}

/** Operators search for a caller by number or name; the index holds neither, so the miss says where a caller is found. */
function noMatchHint(text: string): string {
  const lookup = readCallerLookup(text);
  const where = 'search reads titles, descriptions, solutions and notes';
  if (lookup?.by === 'contact') return `${where}; a caller's tickets: desk caller ${maskContact(lookup.key)}, or --contact`;
  return `${where}; a caller's tickets: desk caller NAME|PHONE, or --requester/--contact`;
}
