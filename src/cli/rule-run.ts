// Runs the routing rules over tickets in batches, one transaction each, and reports what every
// rule decided.
import { UsageError } from '../domain/errors.js';
import type { Plan } from '../domain/lifecycle.js';
import type { TicketRef } from '../domain/numbering.js';
import type { Status } from '../domain/ticket.js';
import type { RuleDecisions } from '../app/routing.js';
import type { UpdateResult } from '../store/store.js';
import type { Context } from './context.js';
import { readTicketRefs } from './ticket-refs.js';
import { printJson } from './render/ticket-json.js';
import { decisionJson, decisionLine, decisionSummary } from './render/rule-decisions.js';

const BATCH = 500;

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
  const writes = await ctx.writes({ create: false });
  const actor = await ctx.actor();
  const decisions = new Map<number, RuleDecisions>();
  const results: UpdateResult[] = [];
  for (let start = 0; start < refs.length; start += BATCH) {
    const now = ctx.now();
    results.push(...(await writes.updateAll(refs.slice(start, start + BATCH), run.plan(decisions), { actor, now })));
  }

  if (ctx.json) {
    printJson(
      (t) => ctx.io.stdout.write(t),
      results.map((r) => decisionJson(r, decisions.get(r.ticket.id), zone)),
    );
    return;
  }
  for (const r of results) ctx.io.stdout.write(`${r.ticket.number}  ${decisionLine(decisions.get(r.ticket.id), r.change !== null)}\n`);
  ctx.io.stdout.write(`${decisionSummary(results, decisions)}\n`);
}
