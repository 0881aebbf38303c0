import { forceReason, planResolve } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface ResolveOptions {
  solution?: string;
  steps?: string;
  remaining?: string;
  force?: boolean;
  reason?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<ResolveOptions>, ctx: Context) {
  const force = forceReason(options.force, options.reason);
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    texts: { solution: { value: options.solution, prompt: 'Solution', required: true } },
    plan: ({ now, actor, texts }) =>
      planResolve({ solution: texts.solution, steps: options.steps, remaining: options.remaining, ...(force !== undefined && { force: { reason: force, by: actor } }) }, now),
  });
}
