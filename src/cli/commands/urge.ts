import { planUrge } from '../../domain/supervision.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface UrgeOptions {
  note?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<UrgeOptions>, ctx: Context) {
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    texts: { note: { value: options.note, prompt: 'What the reminder says', required: true } },
    plan: ({ texts }) => planUrge(texts.note),
  });
}
