import { UsageError } from '../../domain/errors.js';
import { STATUSES } from '../../domain/ticket.js';
import type { Context } from '../context.js';
import { bashScript, completionSpec, DYNAMIC_KINDS, fishScript, zshScript, type DynamicKind } from '../render/completion-scripts.js';
import { SORT_FIELDS, sortWords } from '../ticket-filters.js';
import type { CommandInput } from '../declaration.js';

export interface CompletionOptions {
  /** Asked by the scripts: the words of one kind (teams, agents, tickets …). */
  values?: string;
}

const SHELLS = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;
const RECENT_TICKETS = 30;
// `desk list --sort <field>` and `desk search --sort <order>`.
const SORTS = new Map([
  ['field', sortWords(SORT_FIELDS)],
  ['order', ['relevance', ...sortWords(SORT_FIELDS)]],
]);

/** The words of a kind, for the scripts; a completion never prints an error, it offers nothing. */
async function values(kind: DynamicKind, ctx: Context): Promise<string[]> {
  switch (kind) {
    case 'teams':
      return (await ctx.teams()).teams().map((t) => t.key);
    case 'agents':
      return (await ctx.teams()).agents();
    case 'statuses':
      return [...STATUSES, 'open'];
    case 'tickets': {
      const store = await ctx.openStore({ create: false });
      const recent = await store.listTickets({ sort: { field: 'updated_at', descending: true }, limit: RECENT_TICKETS });
      return recent.map((t) => t.number);
    }
    default: {
      const { vocabulary } = await ctx.settings();
      return [...{ channels: vocabulary.channels, types: vocabulary.types, urgencies: vocabulary.urgencies, impacts: vocabulary.impacts }[kind]];
    }
  }
}

export async function run({ args, options, tree }: CommandInput<CompletionOptions>, ctx: Context) {
  if (options.values !== undefined) {
    if (!(DYNAMIC_KINDS as readonly string[]).includes(options.values)) return 0;
    try {
      const words = await values(options.values as DynamicKind, ctx);
      if (words.length) ctx.io.stdout.write(`${words.join('\n')}\n`);
    } catch {
      // No database or a broken config: nothing to offer.
    }
    return 0;
  }
  const shell = args[0];
  if (shell === undefined || !(shell in SHELLS)) {
    throw new UsageError(shell === undefined ? 'which shell? give bash, zsh or fish' : `unknown shell "${shell}"`, 'e.g. source <(desk completion bash)');
  }
  ctx.io.stdout.write(SHELLS[shell as keyof typeof SHELLS](completionSpec(tree(), SORTS)));
  return 0;
}
