import type { QualityRecord } from '../../domain/quality.js';
import { appealRecord } from '../../app/quality.js';
import type { Context } from '../context.js';
import type { CommandInput } from '../declaration.js';
import { openInspection, reasonOf, recordChoice, type Inspection } from '../quality-run.js';
import { failedItems, recordJson } from '../render/quality.js';
import { printJson } from '../render/ticket-json.js';
import { printable } from '../render/terminal-text.js';
import { readTicketRef } from '../ticket-refs.js';

export interface QaAppealOptions {
  reason?: string;
  date?: string;
  agent?: string;
}

/** The record as a step left it: --json, or one line. */
export async function printRecordOutcome(ctx: Context, record: QualityRecord, run: Pick<Inspection, 'zone' | 'policy'>): Promise<void> {
  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), recordJson(record, run.zone));
    return;
  }
  const present = await ctx.presenter();
  const w = present.words.quality;
  const state = w.states[record.state] ?? record.state;
  const line = record.inspection ? w.scoreLine(String(record.inspection.score), failedItems(record, run.policy, present), state) : state;
  ctx.io.stdout.write(`${w.scored(record.number, printable(record.agent), line)}\n`);
}

export async function run({ args, options }: CommandInput<QaAppealOptions>, ctx: Context) {
  const run = await openInspection(ctx);
  const ticket = await run.store.getTicket(await readTicketRef(ctx, args[0]!));
  const choice = recordChoice(options, run.zone);
  const reason = await reasonOf(ctx, options.reason, '--reason', 'Why the score is wrong');
  const record = await appealRecord(run.store, run.who, ticket, choice, reason, run.write);
  await printRecordOutcome(ctx, record, run);
}
