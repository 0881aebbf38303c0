import { NotFoundError } from '../../domain/errors.js';
import { teamsOf } from '../../domain/queue.js';
import { formatIso, parseDuration } from '../../domain/time.js';
import type { Context } from '../context.js';
import { renderQueue } from '../render/queue.js';
import { loadStyle } from '../render/style.js';
import { printJson, toTicketJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

export interface QueueOptions {
  within?: string;
  /** The queue as `desk` alone shows it in a terminal. */
  dashboard?: boolean;
}

const DEFAULT_WITHIN = '1h';
const LIMIT = 20;

export async function run({ options }: CommandInput<QueueOptions>, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  const within = options.within ?? DEFAULT_WITHIN;
  const now = ctx.now();
  const soonUntil = now + parseDuration(within, '--within');
  let store;
  try {
    store = await ctx.openStore({ create: false });
  } catch (error) {
    // `desk` alone on a machine without a database: exit 3 like every command, saying how to start.
    if (!(options.dashboard && error instanceof NotFoundError)) throw error;
    throw new NotFoundError(error.message, 'start with `desk init` (or try `desk demo`); `desk --help` lists the commands');
  }
  const actor = await ctx.actor();
  const teams = teamsOf(actor, await ctx.teams());
  const facts = await store.queueFacts({ actor, teams, now, soonUntil, limit: LIMIT });
  if (ctx.json) {
    const section = (s: { total: number; tickets: Parameters<typeof toTicketJson>[0][] }) => ({ total: s.total, tickets: s.tickets.map((t) => toTicketJson(t, { zone, reveal: false })) });
    printJson((t) => ctx.io.stdout.write(t), {
      actor,
      teams,
      at: formatIso(now, zone),
      within_minutes: Math.round((soonUntil - now) / 60_000),
      mine: section(facts.mine),
      breached: section(facts.breached),
      due_soon: section(facts.dueSoon),
      unassigned: section(facts.unassigned),
      supervision: section(facts.supervision),
      assists: section(facts.assists),
    });
    return 0;
  }
  const style = await loadStyle(ctx.color);
  ctx.io.stdout.write(renderQueue(facts, { actor, teams, now, present: await ctx.presenter(), within, style, width: ctx.io.columns, height: ctx.io.rows }));
  return 0;
}
