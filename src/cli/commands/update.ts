import { planUpdate } from '../../domain/lifecycle.js';
import { parseInstant } from '../../domain/time.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';

export async function run({ args, options }: { args: string[]; options: { message?: string; eta?: string; ifVersion?: string } }, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  const eta = options.eta === undefined ? null : parseInstant(options.eta, zone, '--eta');
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    texts: { message: { value: options.message, prompt: 'Progress update to the requester', required: true } },
    plan: ({ now, texts }) => planUpdate(texts.message, eta, now),
  });
}
