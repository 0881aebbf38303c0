import { NotFoundError, UsageError } from '../../domain/errors.js';
import type { RuleReturns } from '../../report/case-facts.js';
import { checkValue } from '../../domain/vocabulary.js';
import type { TermKind } from '../../domain/terms.js';
import type { RuleInput } from '../../rules/engine.js';
import type { RuleDecision } from '../../app/routing.js';
import { ruleTestLines, ruleTrace } from '../render/rule-decisions.js';
import type { Context } from '../context.js';
import { printJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

export interface RulesTestOptions {
  title?: string;
  description?: string;
  department?: string;
  requester?: string;
  channel?: string;
  type?: string;
  category?: string;
  urgency?: string;
  impact?: string;
  explain?: boolean;
}

/** How often the tickets of the rule that chose the team came back; null where there is no desk yet to ask. */
async function returnsOf(ctx: Context, rule: string): Promise<RuleReturns | null> {
  try {
    return await (await ctx.openStore({ create: false })).ruleReturns(rule);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export async function run({ options }: CommandInput<RulesTestOptions>, ctx: Context) {
  if (!options.title?.trim()) throw new UsageError('rules test needs --title', 'e.g. desk rules test --title "打印机卡纸"');
  const [{ vocabulary }, teams, engine] = [await ctx.settings(), await ctx.teams(), await ctx.rules()];
  const optional = (value: string | undefined, kind: TermKind, flag: string) => (value === undefined ? null : checkValue(vocabulary, kind, value, flag));
  const input: RuleInput = {
    title: options.title.trim(),
    description: options.description ?? null,
    department: options.department ?? null,
    requester: options.requester ?? null,
    channel: optional(options.channel, 'channel', '--channel'),
    type: optional(options.type, 'type', '--type'),
    category: options.category ?? null,
    urgency: optional(options.urgency, 'urgency', '--urgency'),
    impact: optional(options.impact, 'impact', '--impact'),
  };
  const explain = Boolean(options.explain);
  const classified = engine.classify(input, new Set(), explain);
  const after: RuleInput = { ...input };
  for (const [field, d] of Object.entries(classified.decided)) after[field as keyof typeof classified.decided] = d.value;
  const dispatched = engine.dispatch(after, explain);
  const supervisor = teams.supervisorOf(dispatched.team?.value ?? null);
  const returns = dispatched.team ? await returnsOf(ctx, dispatched.team.rule) : null;

  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), {
      classification: classified.decided,
      dispatch: { team: dispatched.team ?? null, collaborators: dispatched.collaborators ?? null, assign: dispatched.assign ?? null, notify: dispatched.notify.length ? supervisor : null, returns },
      ...(explain && { trace: { classify: classified.trace, dispatch: dispatched.trace } }),
    });
    return;
  }
  const fields: [string, RuleDecision | undefined, string | null][] = [
    ['type', classified.decided.type, input.type],
    ['category', classified.decided.category, input.category],
    ['urgency', classified.decided.urgency, input.urgency],
    ['impact', classified.decided.impact, input.impact],
    ['team', dispatched.team, null],
    ['collaborators', dispatched.collaborators, null],
    ['assign', dispatched.assign, null],
  ];
  ctx.io.stdout.write(ruleTestLines(fields, dispatched.notify.length ? { supervisor, rules: dispatched.notify } : null, returns));
  if (explain) ctx.io.stdout.write(`\nclassify rules:\n${ruleTrace(classified.trace)}dispatch rules:\n${ruleTrace(dispatched.trace)}`);
}
