import { UsageError } from '../../domain/errors.js';
import { planDispatch } from '../../domain/lifecycle.js';
import { planRuleDispatch } from '../../app/routing.js';
import type { Context } from '../context.js';
import { runRules } from '../rule-run.js';
import { decisionJson, type HandDecision } from '../render/rule-decisions.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface DispatchOptions {
  allPending?: boolean;
  team?: string;
  to?: string;
  with?: string;
  force?: boolean;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<DispatchOptions>, ctx: Context) {
  const manual = Boolean(options.team || options.to || options.with);
  if (!manual) {
    const [engine, teams] = [await ctx.rules(), await ctx.teams()];
    await runRules(
      ctx,
      {
        refs: args,
        all: { flag: '--all-pending', statuses: ['new', 'reopened'] },
        plan: (decisions) => planRuleDispatch(engine, teams, ctx.now(), (ticket, decided) => decisions.set(ticket.id, decided)),
      },
      Boolean(options.allPending),
    );
    return;
  }
  if (options.allPending) throw new UsageError('--all-pending runs the rules; it does not take --team, --to or --with', 'dispatch by hand one ticket number at a time');
  if (!args.length) throw new UsageError('which tickets?', 'give ticket numbers');
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    plan: ({ now, teams }) =>
      planDispatch(
        {
          team: options.team ? teams.checkTeam(options.team.trim(), '--team') : undefined,
          agent: options.to ? teams.checkAgent(options.to.trim(), '--to') : undefined,
          collaborators: options.with?.split(',').map((t) => teams.checkTeam(t.trim(), '--with')).filter(Boolean),
          force: Boolean(options.force),
        },
        teams,
        now,
      ),
    json: (result, zone) => decisionJson(result, { decided: decidedByHand(result.changes), notify: null }, zone),
  });
}

/** The dispatch fields a change by hand set, as a rule run reports them. */
function decidedByHand(changes: Record<string, [unknown, unknown]>): Record<string, HandDecision> {
  const decided: Record<string, HandDecision> = {};
  for (const [field, key] of [['team', 'team'], ['collaborators', 'with'], ['assignee', 'assignee']] as const) {
    if (changes[field]) decided[key] = { value: changes[field][1], rule: null };
  }
  return decided;
}
