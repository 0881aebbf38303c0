import { UsageError } from '../../domain/errors.js';
import { planExtendDecision, planExtendRequest } from '../../domain/extensions.js';
import { formatLocal, parseInstant } from '../../domain/time.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface ExtendOptions {
  until?: string;
  reason?: string;
  approve?: boolean;
  reject?: boolean;
  ifVersion?: string;
}

/** What the operator asks: a request with --until, or a supervisor's decision with --approve or --reject. */
function actionOf(options: ExtendOptions): 'request' | 'approve' | 'reject' {
  const given = [options.until !== undefined && '--until', options.approve && '--approve', options.reject && '--reject'].filter((f): f is string => Boolean(f));
  if (given.length === 1) return options.approve ? 'approve' : options.reject ? 'reject' : 'request';
  throw new UsageError(
    given.length ? `give one of ${given.join(', ')}, not several` : 'extend needs --until TIME (a request), or --approve or --reject (a decision)',
    'e.g. desk extend 42 --until "2026-11-30 18:00" --reason "…", then desk extend 42 --approve',
  );
}

export async function run({ args, options }: CommandInput<ExtendOptions>, ctx: Context) {
  const action = actionOf(options);
  const { timezone: zone } = await ctx.settings();
  const until = action === 'request' ? parseInstant(options.until!, zone, '--until') : null;
  // On PostgreSQL the server's roles say who is a supervisor, but for the desk's owner, who acts
  // in others' names: then teams.yaml does, as on SQLite.
  const session = action === 'request' ? null : (await ctx.openStore({ create: false, write: true })).session;
  const serverSupervisor = !session || session.rights === 'owner' ? null : session.rights === 'supervisor';
  const describeTime = (ms: number) => formatLocal(ms, zone);
  await runTicketAction(ctx, {
    refs: args,
    ifVersion: options.ifVersion,
    texts: {
      reason: { value: options.reason, prompt: action === 'request' ? 'Why more time is needed' : 'Why the extension is rejected', required: action !== 'approve' },
    },
    plan: ({ now, actor, teams, texts }) =>
      action === 'request'
        ? planExtendRequest(until!, texts.reason, { now, actor, teams, describeTime })
        : planExtendDecision(action === 'approve', texts.reason, { now, actor, teams, describeTime, serverSupervisor }),
  });
}
