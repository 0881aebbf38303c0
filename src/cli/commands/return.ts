import { planReturn } from '../../domain/returns.js';
import { formatLocal } from '../../domain/time.js';
import { returnWindowEnd } from '../../sla/targets.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface ReturnOptions {
  reason?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<ReturnOptions>, ctx: Context) {
  const [sla, { timezone: zone }] = [await ctx.sla(), await ctx.settings()];
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    texts: { reason: { value: options.reason, prompt: 'Why it is not this team\'s (for the re-dispatch)', required: true } },
    plan: ({ now, actor, teams, texts }) =>
      planReturn({ reason: texts.reason, now, actor, teams, windowEnd: (ticket) => returnWindowEnd(sla, ticket), describeTime: (ms) => formatLocal(ms, zone) }),
  });
}
