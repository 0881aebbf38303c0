import { UsageError } from '../../domain/errors.js';
import { chooseRecord, foldRecords, parseItemVerdicts, type ItemVerdict, type QualityPolicy } from '../../domain/quality.js';
import { checkLength } from '../../domain/text-limits.js';
import { inspectRecord } from '../../app/quality.js';
import type { Context } from '../context.js';
import type { CommandInput } from '../declaration.js';
import { askChoice, askText } from '../prompter.js';
import { openInspection, printRecordOutcome, recordChoice } from '../quality-run.js';
import { readTicketRef } from '../ticket-refs.js';

export interface QaScoreOptions {
  items?: string;
  comment?: string;
  date?: string;
  agent?: string;
}

/** Each item asked in turn, by its label in the operator's language. */
async function askVerdicts(ctx: Context, policy: QualityPolicy): Promise<Record<string, ItemVerdict>> {
  const present = await ctx.presenter();
  const words = present.words.quality.verdict;
  const verdicts: Record<string, ItemVerdict> = {};
  for (const item of policy.items) {
    verdicts[item.id] = (await askChoice(ctx, `${item.label[present.lang]} (${item.weight})`, (['pass', 'fail', 'na'] as const).map((v) => ({ value: v, name: words[v]! })))) as ItemVerdict;
  }
  return verdicts;
}

export async function run({ args, options }: CommandInput<QaScoreOptions>, ctx: Context) {
  const run = await openInspection(ctx);
  const ticket = await run.store.getTicket(await readTicketRef(ctx, args[0]!));
  const choice = recordChoice(options, run.zone);
  let verdicts: Record<string, ItemVerdict>;
  let comment = options.comment?.trim() || null;
  if (options.items !== undefined) verdicts = parseItemVerdicts(options.items, run.policy.items);
  else if (ctx.io.interactive) {
    // Ask only for a record there is to score.
    chooseRecord(foldRecords(await run.store.qualityEvents({ ticketId: ticket.id })), ticket.number, choice, ['to_inspect'], 'score');
    verdicts = await askVerdicts(ctx, run.policy);
    if (options.comment === undefined) comment = (await askText(ctx, 'Comment (optional)', false)).trim() || null;
  } else {
    throw new UsageError('--items is needed: score every item of the checklist', `e.g. --items ${run.policy.items.map((i) => `${i.id}=pass`).join(',')}`);
  }
  checkLength(comment, 'comment', '--comment', (await ctx.settings()).limits);
  const record = await inspectRecord(run.store, run.who, ticket, choice, verdicts, comment, run.write);
  await printRecordOutcome(ctx, record, run);
}
