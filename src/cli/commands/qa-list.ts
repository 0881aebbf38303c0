import { listRecords } from '../../app/quality.js';
import type { Context } from '../context.js';
import type { CommandInput } from '../declaration.js';
import { dayOf } from '../quality-run.js';
import { recordJson, renderRecords } from '../render/quality.js';
import { printJson } from '../render/ticket-json.js';

export interface QaListOptions {
  date?: string;
  agent?: string;
  pending?: boolean;
}

export async function run({ options }: CommandInput<QaListOptions>, ctx: Context) {
  const { timezone: zone } = await ctx.settings();
  const day = options.date === undefined ? null : dayOf(options.date, zone);
  const store = await ctx.openStore({ create: false });
  // A day's sample is drawn once the day is over, so its events come after its end.
  const pending = options.pending || (day === null && options.agent === undefined);
  const records = await listRecords(store, { ...(day && { day: day.date }), ...(options.agent !== undefined && { agent: options.agent }), pending }, day?.end ?? 0);
  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), records.map((r) => recordJson(r, zone)));
    return;
  }
  const present = await ctx.presenter();
  if (!records.length) {
    if (ctx.io.stdoutIsTTY || pending) ctx.io.stderr.write(`${present.words.quality.nothingPending}\n`);
    return;
  }
  ctx.io.stdout.write(await renderRecords(records, await ctx.quality(), present, { terminal: ctx.io.stdoutIsTTY, color: ctx.color, width: ctx.io.columns }));
}
