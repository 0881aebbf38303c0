import { readFileSync } from 'node:fs';
import { UsageError } from '../../domain/errors.js';
import { buildNewTicket, missingRequired, type TicketDraft } from '../../domain/new-ticket.js';
import { formatTicketNumber, sequenceName } from '../../domain/numbering.js';
import { monthKey } from '../../domain/time.js';
import type { Plan } from '../../domain/lifecycle.js';
import { startClock, withClock } from '../../app/ticket-clock.js';
import { planRuleClassify, planRuleDispatch } from '../../app/routing.js';
import type { Context } from '../context.js';
import { askChoice, askText } from '../prompter.js';
import { printJson, toTicketJson } from '../render/ticket-json.js';
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

/** Classification and dispatch by the rules, reporting each decision into `routed`. */
async function routingPlans(ctx: Context, now: number, routed: string[]): Promise<Plan[]> {
  const [engine, teams] = [await ctx.rules(), await ctx.teams()];
  const describe = (decided: Record<string, { value: unknown; rule: string } | undefined>) =>
    Object.entries(decided)
      .filter(([, d]) => d)
      .map(([field, d]) => `${field} ${Array.isArray(d!.value) ? d!.value.join(',') : d!.value} (${d!.rule})`)
      .join(', ');
  return [
    planRuleClassify(engine, false, (_, outcome) => {
      const text = describe(outcome.decided);
      if (text) routed.push(`classified: ${text}`);
    }),
    planRuleDispatch(engine, teams, now, (ticket, outcome, agent) => {
      const team = outcome.team?.value ?? ticket.team;
      const text = describe({ team: outcome.team, with: outcome.collaborators, assignee: agent && outcome.assign ? { value: agent, rule: outcome.assign.rule } : undefined });
      if (text) routed.push(`dispatched: ${text}`);
      const supervisor = teams.teams().find((t) => t.key === team)?.supervisor;
      if (outcome.notify.length && supervisor) routed.push(`notify ${supervisor}, supervisor of ${team} (${outcome.notify.join(', ')})`);
    }),
  ];
}

export async function run({ options }: CommandInput<CreateOptions>, ctx: Context) {
  const settings = await ctx.settings();
  const teams = await ctx.teams();
  const draft = toDraft(options);
  if (options.descriptionFile !== undefined) {
    if (options.description !== undefined) throw new UsageError('give --description or --description-file, not both');
    draft.description = await readDescription(options.descriptionFile, ctx);
  }
  if (ctx.io.interactive) {
    const present = await ctx.presenter();
    const channels = settings.vocabulary.channels.map((value) => ({ value, name: present.value('channel', value) }));
    for (const field of missingRequired(draft)) {
      draft[field] = field === 'channel' ? await askChoice(ctx, present.heading('channel'), channels) : await askText(ctx, present.heading(field));
    }
  }
  const now = ctx.now();
  const sla = await ctx.sla();
  const { ticket, settlements } = startClock(sla, buildNewTicket(draft, { now, zone: settings.timezone, vocabulary: settings.vocabulary, teams, force: Boolean(options.force), limits: settings.limits }));
  const routed: string[] = [];
  const then = ((options.auto ?? settings.auto) ? await routingPlans(ctx, now, routed) : []).map((plan) => withClock(plan, sla, now));
  const store = await ctx.openStore({ write: true });
  const { prefix, digits } = settings.numbering;
  const created = await store.createTicket(
    ticket,
    {
      actor: ctx.actor,
      now,
      sequence: sequenceName(prefix, monthKey(ticket.created_at, settings.timezone)),
      formatNumber: (sequence, value) => formatTicketNumber(sequence, value, digits),
      settlements,
    },
    then,
  );
  // The number alone goes to stdout, so scripts can capture it; what the rules did is status.
  for (const line of routed) ctx.io.stderr.write(`${created.number} ${line}\n`);
  if (ctx.json) printJson((t) => ctx.io.stdout.write(t), toTicketJson(created, { zone: settings.timezone, reveal: false }));
  else ctx.io.stdout.write(`${created.number}\n`);
  // An operator on the phone may answer at once from a ticket solved before.
  if (ctx.io.interactive && !ctx.json) await printSimilarSolved(ctx, store, created, settings.timezone);
}
