import { planPending } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface PendingOptions {
  reason?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<PendingOptions>, ctx: Context) {
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    texts: { reason: { value: options.reason, prompt: 'Waiting for', required: true } },
    plan: ({ now, texts }) => planPending(texts.reason, now),
  });
}
