import { UsageError } from '../../domain/errors.js';
import { planMerge } from '../../domain/links.js';
import type { Context } from '../context.js';
import { askText } from '../prompter.js';
import { readTicketRefs } from '../ticket-refs.js';
import { guardFirstVersion } from '../ticket-action.js';
import { printJson, toTicketJson } from '../render/ticket-json.js';
import { describeChanges } from '../render/ticket-view.js';
import type { CommandInput } from '../declaration.js';

export interface MergeOptions {
  into?: string;
  reason?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<MergeOptions>, ctx: Context) {
  if (options.into === undefined) throw new UsageError('--into is required: which ticket carries the case on?', `e.g. desk merge ${args[0]} --into SD-202611-00042 --reason "…"`);
  const { timezone: zone } = await ctx.settings();
  const [merged, into] = await readTicketRefs(ctx, [args[0]!, options.into]);
  const writes = await ctx.writes({ create: false });
  let reason = options.reason;
  if (!reason?.trim() && ctx.io.interactive) reason = await askText(ctx, 'Reason for merging');
  const plan = await guardFirstVersion(ctx, planMerge(reason, ctx.now()), options.ifVersion);
  const result = await writes.updatePair(merged!, into!, plan, { actor: await ctx.actor(), now: ctx.now() });
  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), { merged: toTicketJson(result.first.ticket, { zone, reveal: false }), into: toTicketJson(result.second.ticket, { zone, reveal: false }) });
    return;
  }
  const present = await ctx.presenter();
  const a = result.first;
  const b = result.second;
  ctx.io.stdout.write(`${describeChanges(a.ticket, 'merge', a.changes, present)}${b.ticket.number} ${present.words.event.note} — ${present.words.link.merged_from(a.ticket.number)}\n`);
}
