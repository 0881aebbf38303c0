import { parseLinkKind, planLink, planUnlink } from '../../domain/links.js';
import { guardFirstVersion } from '../ticket-action.js';
import type { Context } from '../context.js';
import { readTicketRefs } from '../ticket-refs.js';
import { outcomeOf, renderLinkOutcome, toLinkOutcomeJson } from '../render/links.js';
import { printJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

export interface LinkOptions {
  as?: string;
  remove?: boolean;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<LinkOptions>, ctx: Context) {
  const kind = options.remove && options.as === undefined ? undefined : parseLinkKind(options.as);
  const [first, second] = await readTicketRefs(ctx, args);
  const writes = await ctx.writes({ create: false });
  const plan = await guardFirstVersion(ctx, options.remove ? planUnlink(kind) : planLink(kind!), options.ifVersion);
  const result = await writes.updatePair(first!, second!, plan, { actor: await ctx.actor(), now: ctx.now() });
  const asked = options.remove ? null : kind === 'parent' ? 'parent_of' : kind!;
  const outcome = outcomeOf(result.first.ticket, result.second.ticket, result.link, result.first.change?.link, asked);
  if (ctx.json) printJson((t) => ctx.io.stdout.write(t), toLinkOutcomeJson(outcome));
  else ctx.io.stdout.write(renderLinkOutcome(outcome, await ctx.presenter()));
}
