import { randomBytes } from 'node:crypto';
import { UsageError } from '../../domain/errors.js';
import { formatIso } from '../../domain/time.js';
import { sampleDay } from '../../app/quality.js';
import { lastPeriod } from '../../report/period.js';
import type { Context } from '../context.js';
import type { CommandInput } from '../declaration.js';
import { dayOf, openInspection } from '../quality-run.js';
import { recordJson, renderRecords } from '../render/quality.js';
import { printJson } from '../render/ticket-json.js';

export interface QaSampleOptions {
  date?: string;
  perAgent?: string;
  seed?: string;
}

function perAgentOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`--per-agent: "${text}" is not a number of records from 1 to 1000`, 'e.g. --per-agent 20');
  return n;
}

export async function run({ options }: CommandInput<QaSampleOptions>, ctx: Context) {
  const perAgent = perAgentOf(options.perAgent);
  const seed = options.seed?.trim() || null;
  if (options.seed !== undefined && !seed) throw new UsageError('--seed must not be empty', 'e.g. --seed 2026-11-30a, or leave it out for a new one');
  const run = await openInspection(ctx);
  const day = dayOf(options.date ?? lastPeriod('daily', run.write.now, run.zone), run.zone);
  const outcome = await sampleDay(run.store, run.who, day, { seed, newSeed: randomBytes(4).toString('hex'), perAgent }, run.write);
  if (ctx.json) {
    const { records, drawn_at, ...rest } = outcome;
    printJson((t) => ctx.io.stdout.write(t), { ...rest, drawn_at: formatIso(drawn_at, run.zone), records: records.map((r) => recordJson(r, run.zone)) });
    return;
  }
  const present = await ctx.presenter();
  const w = present.words.quality;
  if (outcome.drawn_before) ctx.io.stderr.write(`${w.drawnBefore(outcome.day, outcome.inspector, present.time(outcome.drawn_at))}\n`);
  else if (!outcome.records.length) ctx.io.stderr.write(`${w.nothingHandled(outcome.day)}\n`);
  else ctx.io.stderr.write(`${w.drawn(outcome.day, outcome.records.length, outcome.seed, outcome.inspector)}\n`);
  if (outcome.records.length) ctx.io.stdout.write(await renderRecords(outcome.records, run.policy, present, { terminal: ctx.io.stdoutIsTTY, color: ctx.color, width: ctx.io.columns }));
}
