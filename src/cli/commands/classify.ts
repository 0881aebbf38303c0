import { UsageError } from '../../domain/errors.js';
import { planClassify } from '../../domain/lifecycle.js';
import { planRuleClassify } from '../../app/routing.js';
import { checkValue } from '../../domain/vocabulary.js';
import type { Context } from '../context.js';
import { runRules } from '../rule-run.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface ClassifyOptions {
  allNew?: boolean;
  force?: boolean;
  type?: string;
  category?: string;
  urgency?: string;
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<ClassifyOptions>, ctx: Context) {
  const manual = options.type !== undefined || options.category !== undefined || options.urgency !== undefined;
  if (!manual) {
    const engine = await ctx.rules();
    await runRules(
      ctx,
      {
        refs: args,
        all: { flag: '--all-new', statuses: ['new'] },
        plan: (decisions) =>
          planRuleClassify(engine, Boolean(options.force), (ticket, decided) => decisions.set(ticket.id, decided)),
      },
      Boolean(options.allNew),
    );
    return;
  }
  if (options.allNew) throw new UsageError('--all-new runs the rules; it does not take --type, --category or --urgency', 'classify by hand one ticket number at a time');
  if (!args.length) throw new UsageError('which tickets?', 'give ticket numbers');
  const { vocabulary } = await ctx.settings();
  const category = options.category?.trim();
  if (category !== undefined && !/^[^/\s][^/]*(\/[^/]+)*$/.test(category)) {
    throw new UsageError(`--category: "${options.category}" is not a category path`, 'use words separated by /, e.g. hardware/printer');
  }
  const input = {
    type: options.type === undefined ? undefined : checkValue(vocabulary, 'type', options.type, '--type'),
    category,
    urgency: options.urgency === undefined ? undefined : checkValue(vocabulary, 'urgency', options.urgency, '--urgency'),
  };
  await runTicketAction(ctx, { refs: args, ifVersion: options.ifVersion, plan: () => planClassify(input) });
}
