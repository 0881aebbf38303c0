import { parseSatisfaction, planCallback } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface CallbackOptions {
  note?: string;
  satisfaction?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<CallbackOptions>, ctx: Context) {
  const satisfaction = options.satisfaction === undefined ? undefined : parseSatisfaction(options.satisfaction, '--satisfaction');
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    plan: ({ now }) => planCallback({ note: options.note, satisfaction }, now),
  });
}
