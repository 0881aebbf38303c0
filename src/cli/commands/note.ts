import { planNote } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';

export async function run({ args, options }: { args: string[]; options: { ifVersion?: string } }, ctx: Context) {
  const [ref, ...words] = args;
  await runTicketAction(ctx, {
    refs: [ref!],
    ifVersion: options.ifVersion,
    texts: { text: { value: words.join(' '), prompt: 'Note', required: true } },
    plan: ({ texts }) => planNote(texts.text ?? ''),
  });
}
