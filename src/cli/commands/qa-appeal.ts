import { appealRecord } from '../../app/quality.js';
import type { Context } from '../context.js';
import type { CommandInput } from '../declaration.js';
import { openInspection, printRecordOutcome, reasonOf, recordChoice } from '../quality-run.js';
import { readTicketRef } from '../ticket-refs.js';

export interface QaAppealOptions {
  reason?: string;
  date?: string;
  agent?: string;
}

export async function run({ args, options }: CommandInput<QaAppealOptions>, ctx: Context) {
  const run = await openInspection(ctx);
  const ticket = await run.store.getTicket(await readTicketRef(ctx, args[0]!));
  const choice = recordChoice(options, run.zone);
  const reason = await reasonOf(ctx, options.reason, '--reason', 'Why the score is wrong');
  const record = await appealRecord(run.store, run.who, ticket, choice, reason, run.write);
  await printRecordOutcome(ctx, record, run);
}
