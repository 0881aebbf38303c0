import { planEscalate } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface EscalateOptions {
  reason?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<EscalateOptions>, ctx: Context) {
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    texts: { reason: { value: options.reason, prompt: 'Reason for escalation', required: true } },
    plan: ({ texts }) => planEscalate(texts.reason),
  });
}
