import { UsageError } from '../../domain/errors.js';
import { planAssign } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface AssignOptions {
  to?: string;
  force?: boolean;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<AssignOptions>, ctx: Context) {
  const agent = options.to?.trim();
  if (!agent) throw new UsageError('assign needs --to AGENT', 'e.g. desk assign 42 --to sun');
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    plan: ({ now, teams }) => planAssign(teams.checkAgent(agent, '--to'), teams, now, Boolean(options.force)),
  });
}
