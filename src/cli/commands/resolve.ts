import { planResolve } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface ResolveOptions {
  solution?: string;
  steps?: string;
  remaining?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<ResolveOptions>, ctx: Context) {
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    texts: { solution: { value: options.solution, prompt: 'Solution', required: true } },
    plan: ({ now, texts }) => planResolve({ solution: texts.solution, steps: options.steps, remaining: options.remaining }, now),
  });
}
