import { UsageError } from '../../domain/errors.js';
import { planAssign } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';

export async function run({ args, options }: { args: string[]; options: { to?: string; force?: boolean; ifVersion?: string } }, ctx: Context) {
  const agent = options.to?.trim();
  if (!agent) throw new UsageError('assign needs --to AGENT', 'e.g. desk assign 42 --to sun');
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    plan: ({ now, teams }) => planAssign(teams.checkAgent(agent, '--to'), teams, now, Boolean(options.force)),
  });
}
