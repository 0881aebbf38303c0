// The common path of every command that changes tickets: resolve the reference, ask for missing
// texts in a terminal, apply the domain plan in one transaction, print the outcome.
import { escapeControls, UsageError } from '../domain/errors.js';
import type { Ticket } from '../domain/ticket.js';
import { expectVersion, type Plan } from '../domain/lifecycle.js';
import { expectFirstVersion, type PairPlan } from '../domain/links.js';
import { formatLocal } from '../domain/time.js';
import type { TeamDirectory } from '../domain/vocabulary.js';
import type { UpdateResult } from '../store/store.js';
import type { Context } from './context.js';
import { askText } from './prompter.js';
import { readTicketRefs } from './ticket-refs.js';
import { printJson, toTicketJson } from './render/ticket-json.js';
import { describeChanges } from './render/ticket-view.js';
import type { Presenter } from './render/present.js';

export interface PlanContext {
  now: number;
  /** Who makes the change. */
  actor: string;
  teams: TeamDirectory;
  texts: Record<string, string | undefined>;
}

export interface TicketAction {
  refs: string[];
  ifVersion?: unknown;
  /**
   * Free texts the action takes; in a terminal, required ones that are missing are asked for
   * (`required` may depend on the ticket as it is).
   */
  texts?: Record<string, { value: string | undefined; prompt: string; required: boolean | ((ticket: Ticket) => boolean) }>;
  plan(ctx: PlanContext): Plan;
  /** The --json shape of the outcome, always a list, when the command has its own (dispatch's is the rules' shape). */
  json?: (result: UpdateResult, zone: string) => unknown;
}

function parseVersion(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) throw new UsageError(`--if-version: "${value}" is not a version number`, 'use the version shown by `desk show N`');
  return version;
}

/** A pair plan (link, merge) guarded by --if-version of its first ticket, when given. */
export async function guardFirstVersion(ctx: Context, plan: PairPlan, ifVersion: unknown): Promise<PairPlan> {
  const version = parseVersion(ifVersion);
  if (version === undefined) return plan;
  const { timezone } = await ctx.settings();
  return expectFirstVersion(plan, version, (ms) => formatLocal(ms, timezone));
}

export async function runTicketAction(ctx: Context, action: TicketAction): Promise<void> {
  const settings = await ctx.settings();
  const teams = await ctx.teams();
  const refs = await readTicketRefs(ctx, action.refs);
  const writes = await ctx.writes({ create: false });
  const store = writes.store;
  const actor = await ctx.actor();
  let version = parseVersion(action.ifVersion);
  if (version !== undefined && refs.length > 1) throw new UsageError('--if-version applies to one ticket at a time', 'give a single ticket');

  const texts: Record<string, string | undefined> = {};
  const wanted = Object.entries(action.texts ?? {}).filter(([key, t]) => {
    texts[key] = t.value;
    return t.required !== false && !t.value?.trim();
  });
  if (wanted.length && ctx.io.interactive && refs.length === 1) {
    // What the operator types answers the ticket as it is now; if it changes meanwhile, stop.
    const ticket = await store.getTicket(refs[0]!);
    const missing = wanted.filter(([, t]) => (typeof t.required === 'function' ? t.required(ticket) : t.required));
    if (missing.length) {
      version ??= ticket.version;
      ctx.io.stdout.write(`${ticket.number}  ${escapeControls(ticket.title)}  (${ticket.status})\n`);
      for (const [key, t] of missing) texts[key] = await askText(ctx, t.prompt);
    }
  }

  const now = ctx.now();
  let plan = action.plan({ now, actor, teams, texts });
  if (version !== undefined) plan = expectVersion(plan, version, (ms) => formatLocal(ms, settings.timezone));
  const options = { actor, now };
  const results = refs.length === 1 ? [await writes.update(refs[0]!, plan, options)] : await writes.updateAll(refs, plan, options);
  if (ctx.json && action.json) {
    printJson((t) => ctx.io.stdout.write(t), results.map((r) => action.json!(r, settings.timezone)));
    return;
  }
  printResults(ctx, results, settings.timezone, refs.length > 1, await ctx.presenter());
}

function printResults(ctx: Context, results: UpdateResult[], zone: string, many: boolean, present: Presenter): void {
  if (ctx.json) {
    const tickets = results.map((r) => toTicketJson(r.ticket, { zone, reveal: false }));
    printJson((t) => ctx.io.stdout.write(t), many ? tickets : tickets[0]);
    return;
  }
  for (const r of results) ctx.io.stdout.write(r.change ? describeChanges(r.ticket, r.change.kind, r.changes, present) : `${r.ticket.number} unchanged\n`);
}
