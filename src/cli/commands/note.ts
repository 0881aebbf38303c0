import { planNote } from '../../domain/lifecycle.js';
import type { Context } from '../context.js';
import { runTicketAction } from '../ticket-action.js';
import type { CommandInput } from '../declaration.js';

export interface NoteOptions {
  ifVersion?: string;
}

export async function run({ args, options }: CommandInput<NoteOptions>, ctx: Context) {
  const [ref, ...words] = args;
  await runTicketAction(ctx, {
    refs: [ref!],
    ifVersion: options.ifVersion,
    texts: { text: { value: words.join(' '), prompt: 'Note', required: true } },
    plan: ({ texts }) => planNote(texts.text ?? ''),
  });
}
