// Runs the routing rules over tickets in batches, one transaction each, and reports what every
// rule decided.
import { UsageError } from '../domain/errors.js';
import type { Plan } from '../domain/lifecycle.js';
import { withClock } from '../app/ticket-clock.js';
import type { TicketRef } from '../domain/numbering.js';
import type { Status, Ticket } from '../domain/ticket.js';
import type { UpdateResult } from '../store/store.js';
import type { Context } from './context.js';
import { readTicketRefs } from './ticket-refs.js';
import { printJson, toTicketJson } from './render/ticket-json.js';

const BATCH = 500;

export interface RuleDecisions {
  /** field → value and the rule that decided it */
  decided: Record<string, { value: unknown; rule: string }>;
  notify?: string;
}

export interface RuleRun {
  refs: string[];
  /** With no refs: every ticket in these statuses. */
  all?: { flag: string; statuses: Status[] };
  plan(decisions: Map<number, RuleDecisions>): Plan;
}

async function selectTickets(ctx: Context, run: RuleRun, allGiven: boolean): Promise<TicketRef[]> {
  if (allGiven && run.refs.length) throw new UsageError(`give ticket numbers or ${run.all!.flag}, not both`);
  if (!allGiven && !run.refs.length) throw new UsageError('which tickets?', `give ticket numbers or ${run.all!.flag}`);
  if (!allGiven) {
    // Every reference is settled before the first batch is written: one that is ambiguous or
    // names no ticket stops the run with nothing changed.
    const refs = await readTicketRefs(ctx, run.refs);
    const store = await ctx.openStore({ create: false });
    const ids: TicketRef[] = [];
    for (const ref of refs) ids.push({ id: (await store.getTicket(ref)).id });
    return ids;
  }
  const store = await ctx.openStore({ create: false });
  const tickets = await store.listTickets({ statuses: run.all!.statuses, sort: { field: 'created_at', descending: false }, limit: Number.MAX_SAFE_INTEGER });
  return tickets.map((t) => ({ id: t.id }));
}

export async function runRules(ctx: Context, run: RuleRun, allGiven: boolean): Promise<void> {
  const { timezone: zone } = await ctx.settings();
  await ctx.rules();
  const refs = await selectTickets(ctx, run, allGiven);
  const store = await ctx.openStore({ create: false, write: true });
  const decisions = new Map<number, RuleDecisions>();
  const sla = await ctx.sla();
  const results: UpdateResult[] = [];
  for (let start = 0; start < refs.length; start += BATCH) {
    const now = ctx.now();
    const plan = withClock(run.plan(decisions), sla, now);
    results.push(...(await store.updateTickets(refs.slice(start, start + BATCH), plan, { actor: ctx.actor, now })));
  }

  if (ctx.json) {
    printJson(
      (t) => ctx.io.stdout.write(t),
      results.map((r) => decisionJson(r, decisions.get(r.ticket.id) ?? { decided: {} }, zone)),
    );
    return;
  }
  const perRule = new Map<string, number>();
  for (const r of results) {
    const d = decisions.get(r.ticket.id);
    ctx.io.stdout.write(`${r.ticket.number}  ${describeDecisions(r.ticket, d, r.change !== null)}\n`);
    for (const rule of new Set(Object.values(d?.decided ?? {}).map((x) => x.rule))) perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
  }
  const changed = results.filter((r) => r.change).length;
  const rules = [...perRule].map(([rule, n]) => `${rule} ${n}`).join(', ');
  ctx.io.stdout.write(`${results.length} ticket(s), ${changed} changed${rules ? `; rules: ${rules}` : ''}\n`);
}

/** What a rule run, or a dispatch by hand (`rule: null`), decided for one ticket, in the --json shape. */
export function decisionJson(result: UpdateResult, d: { decided: Record<string, { value: unknown; rule: string | null }>; notify?: string }, zone: string) {
  return { ticket: toTicketJson(result.ticket, { zone, reveal: false }), changed: result.change !== null, decided: d.decided, notify: d.notify ?? null };
}

function describeDecisions(ticket: Ticket, d: RuleDecisions | undefined, changed: boolean): string {
  const entries = Object.entries(d?.decided ?? {});
  if (!entries.length) return 'no rule matched';
  const byRule = new Map<string, string[]>();
  for (const [field, { value, rule }] of entries) {
    byRule.set(rule, [...(byRule.get(rule) ?? []), `${field} ${Array.isArray(value) ? value.join(',') : value}`]);
  }
  const text = [...byRule].map(([rule, fields]) => `${fields.join(', ')} (${rule})`).join('; ');
  return `${text}${d?.notify ? `; notify ${d.notify}` : ''}${changed ? '' : ' — unchanged'}`;
}
