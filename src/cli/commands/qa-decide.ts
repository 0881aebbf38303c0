import { UsageError } from '../../domain/errors.js';
import { decideAppeal } from '../../app/quality.js';
import type { Context } from '../context.js';
import type { CommandInput } from '../declaration.js';
import { openInspection, printRecordOutcome, reasonOf, recordChoice } from '../quality-run.js';
import { readTicketRef } from '../ticket-refs.js';

export interface QaDecideOptions {
  uphold?: boolean;
  overturn?: boolean;
  reason?: string;
  date?: string;
  agent?: string;
}

export async function run({ args, options }: CommandInput<QaDecideOptions>, ctx: Context) {
  if (Boolean(options.uphold) === Boolean(options.overturn)) {
    throw new UsageError(options.uphold ? 'give --uphold or --overturn, not both' : 'decide with --uphold (the score stands) or --overturn (the score is void)', 'e.g. desk qa decide 42 --overturn --reason "…"');
  }
  const run = await openInspection(ctx);
  const ticket = await run.store.getTicket(await readTicketRef(ctx, args[0]!));
  const choice = recordChoice(options, run.zone);
  const reason = await reasonOf(ctx, options.reason, '--reason', options.uphold ? 'Why the score stands' : 'Why the score is void');
  const record = await decideAppeal(run.store, run.who, ticket, choice, options.uphold ? 'uphold' : 'overturn', reason, run.write);
  await printRecordOutcome(ctx, record, run);
}
