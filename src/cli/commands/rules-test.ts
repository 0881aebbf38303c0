import { UsageError } from '../../domain/errors.js';
import { checkValue } from '../../domain/vocabulary.js';
import type { TermKind } from '../../domain/terms.js';
import type { RuleInput, RuleTrace } from '../../rules/engine.js';
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

function describeTrace(trace: RuleTrace[]): string {
  return trace
    .map((t) => {
      if (!t.matched) return `  ✗ ${t.rule}: ${t.failed} did not match\n`;
      const decided = t.decided.length ? `decided ${t.decided.join(', ')}` : 'matched, but every field it sets was already decided';
      return `  ✓ ${t.rule}: ${decided}${t.stopped ? ' — stop' : ''}\n`;
    })
    .join('');
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
  const supervisor = teams.teams().find((t) => t.key === dispatched.team?.value)?.supervisor ?? null;

  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), {
      classification: classified.decided,
      dispatch: { team: dispatched.team ?? null, collaborators: dispatched.collaborators ?? null, assign: dispatched.assign ?? null, notify: dispatched.notify.length ? supervisor : null },
      ...(explain && { trace: { classify: classified.trace, dispatch: dispatched.trace } }),
    });
    return;
  }
  const out = (text: string) => ctx.io.stdout.write(text);
  const line = (field: string, d: { value: unknown; rule: string } | undefined, fallback: string | null) =>
    out(`${field.padEnd(14)}${d ? `${Array.isArray(d.value) ? d.value.join(', ') : d.value}  ← ${d.rule}` : fallback ?? '—'}\n`);
  line('type', classified.decided.type, input.type);
  line('category', classified.decided.category, input.category);
  line('urgency', classified.decided.urgency, input.urgency);
  line('impact', classified.decided.impact, input.impact);
  line('team', dispatched.team, null);
  line('collaborators', dispatched.collaborators, null);
  line('assign', dispatched.assign, null);
  if (dispatched.notify.length) out(`notify        ${supervisor ?? '(team has no supervisor)'}  ← ${dispatched.notify.join(', ')}\n`);
  if (explain) out(`\nclassify rules:\n${describeTrace(classified.trace)}dispatch rules:\n${describeTrace(dispatched.trace)}`);
}
