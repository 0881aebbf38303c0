import { readCallerLookup, RECENT_CALL_DAYS } from '../../domain/caller.js';
import { NotFoundError, UsageError } from '../../domain/errors.js';
import { maskContact } from '../../domain/privacy.js';
import type { Context } from '../context.js';
import { recordReveal } from '../reveal.js';
import { callerJson, renderCallerHeading } from '../render/caller.js';
import { loadStyle } from '../render/style.js';
import { printable } from '../render/terminal-text.js';
import { printJson } from '../render/ticket-json.js';
import { renderTicketList } from '../render/ticket-list.js';
import { parseLimit } from '../ticket-filters.js';
import type { CommandInput } from '../declaration.js';

export interface CallerOptions {
  limit: string;
  reveal?: boolean;
}

const DAY = 86_400_000;

export async function run({ args, options }: CommandInput<CallerOptions>, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  const typed = args.join(' ');
  const lookup = readCallerLookup(typed);
  if (lookup === null) throw new UsageError('desk caller: name a caller', 'a phone number, a mail address or a name, e.g. desk caller 13812345678');
  const limit = parseLimit(options.limit, 1000, 'e.g. --limit 50; desk list --contact or --requester for more');
  const now = ctx.now();
  const store = await ctx.openStore({ create: false });
  const facts = await store.callerFacts({ ...lookup, since: now - RECENT_CALL_DAYS * DAY, limit });
  const reveal = Boolean(options.reveal);
  if (facts.total === 0) {
    const shown = lookup.by === 'contact' && !reveal ? maskContact(lookup.key)! : printable(typed.trim());
    throw new NotFoundError(`no tickets of caller ${shown}`, lookup.by === 'contact' ? 'the number or address as any ticket gives it; or the name: desk caller 李雷' : 'the name as the tickets give it; or the phone or mail: desk caller 13812345678');
  }
  if (reveal) await recordReveal(ctx, store, 'caller', facts.tickets.map((t) => t.id));
  const view = { typed, lookup, zone, reveal, days: RECENT_CALL_DAYS };
  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), callerJson(facts, view));
    return;
  }
  const present = await ctx.presenter({ reveal });
  ctx.io.stdout.write(renderCallerHeading(facts, view, present));
  ctx.io.stdout.write(await renderTicketList(facts.tickets, { present, reveal, now, style: await loadStyle(ctx.color) }, ctx.io, ctx.color));
  if (facts.tickets.length < facts.total) ctx.io.stderr.write(`${present.words.caller.shown(facts.tickets.length, facts.total)}\n`);
}
