import { planCallback } from '../../domain/lifecycle.js';
import { parseSatisfaction } from '../../domain/satisfaction.js';
import { parseOutcome } from '../../domain/callback-outcome.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface CallbackOptions {
  outcome?: string;
  note?: string;
  satisfaction?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<CallbackOptions>, ctx: Context) {
  const outcome = options.outcome === undefined ? undefined : parseOutcome(options.outcome, '--outcome');
  const { satisfactionLabels } = await ctx.settings();
  const satisfaction = options.satisfaction === undefined ? undefined : parseSatisfaction(options.satisfaction, '--satisfaction', satisfactionLabels);
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    plan: ({ now }) => planCallback({ outcome, note: options.note, satisfaction }, now),
  });
}
