import { planResume } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';

export async function run({ args, options }: { args: string[]; options: { ifVersion?: string } }, ctx: Context) {
  await runTicketAction(ctx, { refs: args, ifVersion: options.ifVersion, plan: () => planResume() });
}
