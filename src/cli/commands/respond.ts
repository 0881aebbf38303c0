import { planRespond } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface RespondOptions {
  message?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<RespondOptions>, ctx: Context) {
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    plan: ({ now }) => planRespond(options.message, now),
  });
}
