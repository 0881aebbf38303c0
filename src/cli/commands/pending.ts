import { planPending } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';

export async function run({ args, options }: { args: string[]; options: { reason?: string; ifVersion?: string } }, ctx: Context) {
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    texts: { reason: { value: options.reason, prompt: 'Waiting for', required: true } },
    plan: ({ now, texts }) => planPending(texts.reason, now),
  });
}
