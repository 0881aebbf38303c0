import { planAssist, planAssistCancel, planAssistReply } from '../../domain/assists.js';
import { UsageError } from '../../domain/errors.js';
import { assistDue } from '../../sla/targets.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface AssistOptions {
  team?: string;
  to?: string;
  due?: string;
  note?: string;
  reply?: string;
  cancel?: boolean;
  reason?: string;
  ifVersion?: string;
}

/** What the operator asks: open a sub-task, answer it (--reply) or withdraw it (--cancel). */
function actionOf(options: AssistOptions): 'open' | 'reply' | 'cancel' {
  if (options.reply !== undefined && options.cancel) throw new UsageError('give --reply or --cancel, not both', 'a sub-task is answered or withdrawn');
  const action = options.reply !== undefined ? 'reply' : options.cancel ? 'cancel' : 'open';
  if (action !== 'open') {
    const extra = (['to', 'due', 'note'] as const).find((k) => options[k] !== undefined);
    if (extra) throw new UsageError(`--${action} takes no --${extra}`, `--${extra} belongs to opening a sub-task`);
  }
  if (action !== 'cancel' && options.reason !== undefined) throw new UsageError('--reason goes with --cancel', 'e.g. desk assist 42 --team network --cancel --reason "solved without them"');
  return action;
}

export async function run({ args, options }: CommandInput<AssistOptions>, ctx: Context) {
  const action = actionOf(options);
  const team = options.team?.trim();
  if (!team) throw new UsageError('assist needs --team: which collaborating team?', 'e.g. desk assist 42 --team network --note "check the switch on floor 3"');
  if (action === 'reply') {
    await runTicketAction(ctx, { refs: args, ifVersion: options.ifVersion, plan: ({ now, actor, teams }) => planAssistReply(team, options.reply, now, actor, teams) });
    return;
  }
  if (action === 'cancel') {
    await runTicketAction(ctx, {
      refs: args,
      ifVersion: options.ifVersion,
      texts: { reason: { value: options.reason, prompt: 'Why the sub-task is withdrawn', required: true } },
      plan: ({ now, actor, texts }) => planAssistCancel(team, texts.reason, now, actor),
    });
    return;
  }
  const sla = await ctx.sla();
  const due = options.due?.trim() ?? null;
  // Refused before anything is written: the same reading the plan makes.
  assistDue(null, { urgency: null, type: null }, 0, due);
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    plan: ({ now, actor, teams }) =>
      planAssist({ team, agent: options.to?.trim() || null, note: options.note?.trim() || null, due }, now, actor, teams, (ticket, at, duration) => assistDue(sla, ticket, at, duration)),
  });
}
