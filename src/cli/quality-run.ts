// What every `desk qa` command starts from: quality.yaml, the store, who acts and what the desk says of them.
import { UsageError } from '../domain/errors.js';
import { requireText } from '../domain/lifecycle.js';
import { checkLength } from '../domain/text-limits.js';
import type { QualityPolicy, QualityRecord } from '../domain/quality.js';
import { periodWindow } from '../report/period.js';
import type { Inspector, RecordChoice } from '../app/quality.js';
import type { Store, WriteOptions } from '../store/store.js';
import type { Context } from './context.js';
import { askText } from './prompter.js';
import { failedItems, recordJson } from './render/quality.js';
import { printable } from './render/terminal-text.js';
import { printJson } from './render/ticket-json.js';


export interface Inspection {
  store: Store;
  who: Inspector;
  policy: QualityPolicy;
  zone: string;
  write: WriteOptions;
}

export async function requireQuality(ctx: Context): Promise<QualityPolicy> {
  const policy = await ctx.quality();
  if (policy) return policy;
  const dir = await ctx.configDir();
  throw new UsageError(`there is no quality.yaml${dir ? ` in ${dir}` : ''}: quality inspection needs its checklist`, 'desk init writes an example config/quality.yaml; copy it beside the other config files and edit it');
}

export async function openInspection(ctx: Context): Promise<Inspection> {
  const policy = await requireQuality(ctx);
  const [{ timezone: zone }, teams] = [await ctx.settings(), await ctx.teams()];
  const store = await ctx.openStore({ create: false, write: true });
  const actor = await ctx.actor();
  return { store, policy, zone, who: { actor, teams, policy, session: store.session }, write: { actor, now: ctx.now() } };
}

/** The local day --date names: the window of YYYY-MM-DD in the desk's zone. */
export function dayOf(text: string, zone: string): { date: string; start: number; end: number } {
  return periodWindow('daily', text, zone).days[0]!;
}

/** Which of a ticket's records --date and --agent name. */
export function recordChoice(options: { date?: string; agent?: string }, zone: string): RecordChoice {
  return { ...(options.date !== undefined && { day: dayOf(options.date, zone).date }), ...(options.agent !== undefined && { agent: options.agent }) };
}

/** A reason the flag gives, or one asked for in a terminal; never empty, never past the desk's limit. */
export async function reasonOf(ctx: Context, given: string | undefined, flag: string, prompt: string): Promise<string> {
  const text = given === undefined && ctx.io.interactive ? await askText(ctx, prompt) : given;
  const reason = requireText(text, flag);
  checkLength(reason, 'reason', flag, (await ctx.settings()).limits);
  return reason;
}

/** The record as a step left it: --json, or one line. */
export async function printRecordOutcome(ctx: Context, record: QualityRecord, run: Pick<Inspection, 'zone' | 'policy'>): Promise<void> {
  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), recordJson(record, run.zone));
    return;
  }
  const present = await ctx.presenter();
  const w = present.words.quality;
  const state = w.states[record.state] ?? record.state;
  const line = record.inspection ? w.scoreLine(String(record.inspection.score), failedItems(record, run.policy, present), state) : state;
  ctx.io.stdout.write(`${w.scored(record.number, printable(record.agent), line)}\n`);
}
