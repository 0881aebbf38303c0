import { planClose } from '../../domain/lifecycle.js';
import { parseSatisfaction } from '../../domain/satisfaction.js';
import { isOpen } from '../../domain/ticket.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface CloseOptions {
  satisfaction?: string;
  callback?: string;
  solution?: string;
  steps?: string;
  remaining?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<CloseOptions>, ctx: Context) {
  const { satisfactionLabels } = await ctx.settings();
  const satisfaction = options.satisfaction === undefined ? undefined : parseSatisfaction(options.satisfaction, '--satisfaction', satisfactionLabels);
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    // An open ticket closed at first contact needs its solution: asked for in a terminal.
    texts: { solution: { value: options.solution, prompt: 'Solution', required: (ticket) => isOpen(ticket.status) } },
    plan: ({ now, actor, texts }) =>
      planClose({ satisfaction, callbackNote: options.callback, solution: texts.solution, steps: options.steps, remaining: options.remaining }, now, actor),
  });
}
