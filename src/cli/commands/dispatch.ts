import { UsageError } from '../../domain/errors.js';
import { planDispatch } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';

interface Options {
  team?: string;
  to?: string;
  with?: string;
  ifVersion?: string;
}

export async function run({ args, options }: { args: string[]; options: Options }, ctx: Context) {
  if (!options.team && !options.to && !options.with) {
    throw new UsageError('nothing to dispatch with', 'give --team TEAM, --to AGENT and/or --with TEAM,…');
  }
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    plan: ({ now, teams }) =>
      planDispatch(
        {
          team: options.team ? teams.checkTeam(options.team.trim(), '--team') : undefined,
          agent: options.to ? teams.checkAgent(options.to.trim(), '--to') : undefined,
          collaborators: options.with?.split(',').map((t) => teams.checkTeam(t.trim(), '--with')).filter(Boolean),
        },
        teams,
        now,
      ),
  });
}
