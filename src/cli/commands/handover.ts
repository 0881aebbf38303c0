import { UsageError } from '../../domain/errors.js';
import { buildHandover, summarizeHandover } from '../../domain/handover.js';
import { parseDuration, parseInstant } from '../../domain/time.js';
import { checkEnum } from '../../domain/vocabulary.js';
import type { Context } from '../context.js';
import { handoverJson, renderHandoverMarkdown, renderHandoverText } from '../render/handover.js';
import { loadStyle } from '../render/style.js';
import { printJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

export interface HandoverOptions {
  since?: string;
  team?: string;
  within?: string;
  format?: string;
  /** False with --no-record. */
  record: boolean;
}

const DEFAULT_SHIFT = '8h';
const DEFAULT_WITHIN = '2h';

/** `--since 8h` (the shift's length) or `--since "2026-11-25 08:00"` (when it began). */
function parseSince(text: string, now: number, zone: string): number {
  const since = /^\s*\d/.test(text) && /[smhdw]\s*$/i.test(text) ? now - parseDuration(text, '--since') : parseInstant(text, zone, '--since');
  if (since >= now) throw new UsageError(`--since: ${text} is not before now`, 'give the length of the shift (8h) or the time it began');
  return since;
}

export async function run({ options }: CommandInput<HandoverOptions>, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  const now = ctx.now();
  const since = parseSince(options.since ?? DEFAULT_SHIFT, now, zone);
  const within = parseDuration(options.within ?? DEFAULT_WITHIN, '--within');
  const team = options.team === undefined ? undefined : (await ctx.teams()).checkTeam(options.team, '--team');
  const format = options.format === undefined ? (ctx.io.stdoutIsTTY ? 'text' : 'md') : checkEnum(options.format, ['text', 'md'], '--format');
  const store = await ctx.openStore({ create: false, write: Boolean(options.record) });
  const actor = await ctx.actor();
  const previous = await store.lastHandover(now + 1, team ?? null);
  const handover = buildHandover(await store.shiftActivity({ since, until: now, team }), { since, until: now, within, team });
  const recorded = options.record ? await store.recordHandover({ since, team: team ?? null, summary: summarizeHandover(handover) }, { actor, now }) : null;
  const view = { zone, actor, now, previous, recorded, present: await ctx.presenter() };
  if (ctx.json) printJson((t) => ctx.io.stdout.write(t), handoverJson(handover, view));
  else if (format === 'md') ctx.io.stdout.write(renderHandoverMarkdown(handover, view));
  else ctx.io.stdout.write(renderHandoverText(handover, view, { style: await loadStyle(ctx.color), width: ctx.io.columns }));
}
