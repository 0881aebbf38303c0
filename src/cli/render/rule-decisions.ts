// What the routing rules decided, as every command that runs them shows it: `create --auto` (on
// stderr, beside the new number), `classify` and `dispatch` (a line per ticket, a summary, or
// --json), and `rules test` (a line per field, and the trace with --explain).
import type { RuleReturns } from '../../report/case-facts.js';
import type { RuleDecision, RuleDecisions } from '../../app/routing.js';
import type { RuleTrace } from '../../rules/engine.js';
import type { UpdateResult } from '../../store/store.js';
import { toTicketJson } from './ticket-json.js';

const valueText = (value: unknown, separator = ',') => (Array.isArray(value) ? value.join(separator) : String(value));

const fieldsText = (decided: Record<string, RuleDecision>) =>
  Object.entries(decided)
    .map(([field, d]) => `${field} ${valueText(d.value)} (${d.rule})`)
    .join(', ');

/** The lines `create --auto` writes after the ticket's number: classified, dispatched, notified. */
export function routedLines(classified: RuleDecisions | null, dispatched: RuleDecisions | null): string[] {
  const lines: string[] = [];
  if (classified && Object.keys(classified.decided).length) lines.push(`classified: ${fieldsText(classified.decided)}`);
  if (dispatched && Object.keys(dispatched.decided).length) lines.push(`dispatched: ${fieldsText(dispatched.decided)}`);
  const notify = dispatched?.notify;
  if (notify) lines.push(`notify ${notify.to}, supervisor of ${notify.team} (${notify.rules.join(', ')})`);
  return lines;
}

/** One ticket of a rule run: the fields each rule set, whom to tell, and whether it changed anything. */
export function decisionLine(decisions: RuleDecisions | undefined, changed: boolean): string {
  const entries = Object.entries(decisions?.decided ?? {});
  if (!entries.length) return 'no rule matched';
  const byRule = new Map<string, string[]>();
  for (const [field, { value, rule }] of entries) byRule.set(rule, [...(byRule.get(rule) ?? []), `${field} ${valueText(value)}`]);
  const text = [...byRule].map(([rule, fields]) => `${fields.join(', ')} (${rule})`).join('; ');
  return `${text}${decisions?.notify ? `; notify ${decisions.notify.to}` : ''}${changed ? '' : ' — unchanged'}`;
}

/** The last line of a rule run: how many tickets, how many changed, and how many each rule decided. */
export function decisionSummary(results: readonly UpdateResult[], decisions: ReadonlyMap<number, RuleDecisions>): string {
  const perRule = new Map<string, number>();
  for (const r of results) {
    for (const rule of new Set(Object.values(decisions.get(r.ticket.id)?.decided ?? {}).map((d) => d.rule))) perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
  }
  const changed = results.filter((r) => r.change).length;
  const rules = [...perRule].map(([rule, n]) => `${rule} ${n}`).join(', ');
  return `${results.length} ticket(s), ${changed} changed${rules ? `; rules: ${rules}` : ''}`;
}

/** A field set by hand, in the shape of a rule's decision (`rule: null`). */
export type HandDecision = { value: unknown; rule: null };

/** What a rule run, or a dispatch by hand, decided for one ticket, in the --json shape. */
export function decisionJson(result: UpdateResult, decisions: { decided: Record<string, RuleDecision | HandDecision>; notify: RuleDecisions['notify'] } | undefined, zone: string) {
  return {
    ticket: toTicketJson(result.ticket, { zone, reveal: false }),
    changed: result.change !== null,
    decided: decisions?.decided ?? {},
    notify: decisions?.notify?.to ?? null,
  };
}

/** `rules test`: a line per field, decided by a rule (`← rule`), given, or empty. */
export function ruleTestLines(
  fields: readonly [string, RuleDecision | undefined, string | null][],
  notify: { supervisor: string | null; rules: string[] } | null,
  returns: RuleReturns | null = null,
): string {
  const lines = fields.map(([field, d, given]) => `${field.padEnd(14)}${d ? `${valueText(d.value, ', ')}  ← ${d.rule}` : (given ?? '—')}\n`);
  if (notify) lines.push(`notify        ${notify.supervisor ?? '(team has no supervisor)'}  ← ${notify.rules.join(', ')}\n`);
  if (returns) lines.push(`returned      ${returns.returned} of ${returns.dispatched} tickets rule ${returns.rule} dispatched\n`);
  return lines.join('');
}

/** `rules test --explain`: every rule, matched or not, and why. */
export function ruleTrace(trace: readonly RuleTrace[]): string {
  return trace
    .map((t) => {
      if (!t.matched) return `  ✗ ${t.rule}: ${t.failed} did not match\n`;
      const decided = t.decided.length ? `decided ${t.decided.join(', ')}` : 'matched, but every field it sets was already decided';
      return `  ✓ ${t.rule}: ${decided}${t.stopped ? ' — stop' : ''}\n`;
    })
    .join('');
}
