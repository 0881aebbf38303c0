import { planResume } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface ResumeOptions {
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<ResumeOptions>, ctx: Context) {
  await runTicketAction(ctx, { refs: args, ifVersion: options.ifVersion, plan: () => planResume() });
}
