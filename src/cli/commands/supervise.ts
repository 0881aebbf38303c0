import { UsageError } from '../../domain/errors.js';
import { checkMaySupervise, parseSupervisionLevel, planSupervise, planSupervisionReply } from '../../domain/supervision.js';
import { parseDeadline } from '../../domain/time.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface SuperviseOptions {
  replyBy?: string;
  note?: string;
  level?: string;
  reply?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<SuperviseOptions>, ctx: Context) {
  if (options.reply !== undefined) {
    const extra = (['replyBy', 'note', 'level'] as const).find((k) => options[k] !== undefined);
    if (extra) throw new UsageError(`--reply answers an order: it takes no --${extra === 'replyBy' ? 'reply-by' : extra}`, 'give the reply alone, or issue a new order without --reply');
    await runTicketAction(ctx, { refs: args, ifVersion: options.ifVersion, plan: ({ now, actor, teams }) => planSupervisionReply(options.reply, now, actor, teams) });
    return;
  }
  if (options.replyBy === undefined) throw new UsageError('supervise needs --reply-by (or --reply to answer an order)', 'e.g. desk supervise 42 --reply-by 2d --note "report the repair date"');
  const { timezone: zone } = await ctx.settings();
  const replyBy = parseDeadline(options.replyBy, zone, ctx.now(), '--reply-by');
  const level = options.level === undefined ? 1 : parseSupervisionLevel(options.level);
  const store = await ctx.openStore({ create: false, write: true });
  const actor = await ctx.actor();
  checkMaySupervise(actor, store.session?.rights, await ctx.teams());
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    texts: { note: { value: options.note, prompt: 'What the order asks of the team', required: true } },
    plan: ({ now, texts }) => planSupervise({ level, replyBy, note: texts.note }, now, actor),
  });
}
