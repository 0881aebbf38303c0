import { replaySampleTicket, type ReplayResult, type SampleTicket } from '../app/sample.js';
import { readSampleTickets } from './assets.js';
import type { Context } from './context.js';
import { routingPath } from '../rules/load.js';

/** Replays the sample tickets of fixtures/ into the context's database, as they happened. */
export async function loadSampleTickets(ctx: Context): Promise<ReplayResult[]> {
  const settings = await ctx.settings();
  const teams = await ctx.teams();
  const writes = await ctx.writes({ create: true });
  const configDir = await ctx.configDir();
  const rules = configDir && routingPath(configDir) ? await ctx.rules() : undefined;
  const replay = { writes, zone: settings.timezone, vocabulary: settings.vocabulary, teams, numbering: settings.numbering, operator: await ctx.actor(), now: ctx.now(), rules };
  const results: ReplayResult[] = [];
  // One after another: numbers follow the order of the sample file.
  for (const sample of readSampleTickets() as SampleTicket[]) results.push(await replaySampleTicket(sample, replay));
  return results;
}
