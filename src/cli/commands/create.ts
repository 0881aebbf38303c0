import { readFileSync } from 'node:fs';
import { UsageError } from '../../domain/errors.js';
import { buildNewTicket, missingRequired, type TicketDraft } from '../../domain/new-ticket.js';
import { formatTicketNumber, sequenceName } from '../../domain/numbering.js';
import { monthKey } from '../../domain/time.js';
import type { Plan } from '../../domain/lifecycle.js';
import { earlierTicketsOfCaller } from '../../app/callers.js';
import { planRuleClassify, planRuleDispatch, type RuleDecisions } from '../../app/routing.js';
import type { Context } from '../context.js';
import { askChoice, askText } from '../prompter.js';
import { printJson, toTicketJson } from '../render/ticket-json.js';
import { routedLines } from '../render/rule-decisions.js';
import { printSimilarSolved } from './similar.js';
import type { CommandInput } from '../declaration.js';

export interface CreateOptions {
  title?: string;
  requester?: string;
  channel?: string;
  department?: string;
  contact?: string;
  description?: string;
  descriptionFile?: string;
  occurredAt?: string;
  createdAt?: string;
  impact?: string;
  type?: string;
  category?: string;
  urgency?: string;
  team?: string;
  assignee?: string;
  collaborators?: string;
  externalId?: string;
  auto?: boolean;
  force?: boolean;
}

/** Commander's camelCase options (createdAt) as the snake_case field names of a draft (created_at). */
function toDraft(options: CreateOptions): TicketDraft {
  const draft: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key !== 'descriptionFile' && key !== 'auto' && key !== 'force' && typeof value !== 'boolean') draft[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value;
  }
  return draft as TicketDraft;
}

async function readDescription(path: string, ctx: Context): Promise<string> {
  let bytes: Buffer;
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.io.stdin) chunks.push(Buffer.from(chunk as Buffer));
    bytes = Buffer.concat(chunks);
  } else {
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new UsageError(`--description-file: cannot read ${path} (${(error as NodeJS.ErrnoException).code})`, 'give a readable file, or - for stdin');
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`--description-file: ${path === '-' ? 'stdin' : path} is not valid UTF-8`, 'convert it first, e.g. iconv -f GB18030 -t UTF-8');
  }
}

/** Classification and dispatch by the rules, each telling what it decided. */
async function routingPlans(ctx: Context, now: number, heard: { classified: RuleDecisions | null; dispatched: RuleDecisions | null }): Promise<Plan[]> {
  const [engine, teams] = [await ctx.rules(), await ctx.teams()];
  return [planRuleClassify(engine, false, (_, decisions) => (heard.classified = decisions)), planRuleDispatch(engine, teams, now, (_, decisions) => (heard.dispatched = decisions))];
}

export async function run({ options }: CommandInput<CreateOptions>, ctx: Context) {
  const settings = await ctx.settings();
  const teams = await ctx.teams();
  const draft = toDraft(options);
  if (options.descriptionFile !== undefined) {
    if (options.description !== undefined) throw new UsageError('give --description or --description-file, not both');
    draft.description = await readDescription(options.descriptionFile, ctx);
  }
  // Before any prompt: on PostgreSQL, an actor the login does not match is refused.
  const actor = await ctx.actor();
  if (ctx.io.interactive) {
    const present = await ctx.presenter();
    const channels = settings.vocabulary.channels.map((value) => ({ value, name: present.value('channel', value) }));
    for (const field of missingRequired(draft)) {
      draft[field] = field === 'channel' ? await askChoice(ctx, present.heading('channel'), channels) : await askText(ctx, present.heading(field));
    }
  }
  const now = ctx.now();
  const ticket = buildNewTicket(draft, { now, zone: settings.timezone, vocabulary: settings.vocabulary, teams, force: Boolean(options.force), limits: settings.limits });
  const heard: { classified: RuleDecisions | null; dispatched: RuleDecisions | null } = { classified: null, dispatched: null };
  const routing = (options.auto ?? settings.auto) ? await routingPlans(ctx, now, heard) : [];
  const writes = await ctx.writes();
  const { prefix, digits } = settings.numbering;
  const created = await writes.create(
    ticket,
    {
      actor,
      now,
      sequence: sequenceName(prefix, monthKey(ticket.created_at, settings.timezone)),
      formatNumber: (sequence, value) => formatTicketNumber(sequence, value, digits),
    },
    routing,
  );
  // The number alone goes to stdout, so scripts can capture it; what the rules did is status.
  for (const line of routedLines(heard.classified, heard.dispatched)) ctx.io.stderr.write(`${created.number} ${line}\n`);
  const terminal = ctx.io.interactive && !ctx.json;
  const caller = ctx.json || terminal ? await earlierTicketsOfCaller(writes.store, created) : null;
  if (ctx.json) printJson((t) => ctx.io.stdout.write(t), { ...toTicketJson(created, { zone: settings.timezone, reveal: false }), caller });
  else ctx.io.stdout.write(`${created.number}\n`);
  if (terminal && caller && caller.earlier > 0) {
    const numbers = [...caller.open_tickets, ...(caller.open > caller.open_tickets.length ? ['…'] : [])].join(', ');
    ctx.io.stderr.write(`${(await ctx.presenter()).words.caller.earlier(caller.earlier, caller.open, numbers)}\n`);
  }
  // An operator on the phone may answer at once from a ticket solved before.
  if (terminal) await printSimilarSolved(ctx, writes.store, created, settings.timezone);
}
