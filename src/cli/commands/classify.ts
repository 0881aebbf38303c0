import { UsageError } from '../../domain/errors.js';
import { planClassify } from '../../domain/lifecycle.js';
import { checkEnum } from '../../domain/vocabulary.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';

interface Options {
  type?: string;
  category?: string;
  urgency?: string;
  ifVersion?: string;
}

export async function run({ args, options }: { args: string[]; options: Options }, ctx: Context) {
  const { vocabulary } = await ctx.settings();
  if (options.type === undefined && options.category === undefined && options.urgency === undefined) {
    throw new UsageError('nothing to classify with', 'give --type, --category and/or --urgency');
  }
  const category = options.category?.trim();
  if (category !== undefined && !/^[^/\s][^/]*(\/[^/]+)*$/.test(category)) {
    throw new UsageError(`--category: "${options.category}" is not a category path`, 'use words separated by /, e.g. hardware/printer');
  }
  const input = {
    type: options.type === undefined ? undefined : checkEnum(options.type, vocabulary.types, '--type'),
    category,
    urgency: options.urgency === undefined ? undefined : checkEnum(options.urgency, vocabulary.urgencies, '--urgency'),
  };
  await runTicketAction(ctx, { refs: args, ifVersion: options.ifVersion, plan: () => planClassify(input) });
}
