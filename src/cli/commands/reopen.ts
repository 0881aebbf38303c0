import { planReopen } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface ReopenOptions {
  reason?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<ReopenOptions>, ctx: Context) {
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    texts: { reason: { value: options.reason, prompt: 'Reason for reopening', required: true } },
    plan: ({ now, texts }) => planReopen(texts.reason, now),
  });
}
