import { UsageError } from '../../domain/errors.js';
import { parseTarget, parseVerdict, planComplaint, type ComplaintInput } from '../../domain/complaint.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface ComplaintOptions {
  against?: string;
  verified?: string;
  cause?: string;
  action?: string;
  penalty?: string;
  feedback?: string;
  ifVersion?: string;
}

const VERIFICATION = ['against', 'verified', 'cause', 'action'] as const;

export async function run({ args, options }: CommandInput<ComplaintOptions>, ctx: Context) {
  const given = VERIFICATION.filter((k) => options[k] !== undefined);
  const input: ComplaintInput = { feedback: options.feedback };
  if (given.length || options.penalty !== undefined) {
    const missing = VERIFICATION.filter((k) => options[k] === undefined);
    if (missing.length) throw new UsageError(`the verification needs ${missing.map((k) => `--${k}`).join(', ')} too`, 'give --against, --verified, --cause and --action together (--penalty if any)');
    const teams = await ctx.teams();
    input.verification = { against: parseTarget(options.against!, teams), verified: parseVerdict(options.verified!), cause: options.cause, action: options.action, penalty: options.penalty };
  }
  await runTicketAction(ctx, { refs: args, ifVersion: options.ifVersion, plan: ({ now }) => planComplaint(input, now) });
}
