import { planUpdate } from '../../domain/lifecycle.js';
import { parseInstant } from '../../domain/time.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface UpdateOptions {
  message?: string;
  eta?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<UpdateOptions>, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  const eta = options.eta === undefined ? null : parseInstant(options.eta, zone, '--eta');
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    texts: { message: { value: options.message, prompt: 'Progress update to the requester', required: true } },
    plan: ({ now, texts }) => planUpdate(texts.message, eta, now),
  });
}
