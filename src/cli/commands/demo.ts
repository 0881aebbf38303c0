import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STATUSES } from '../../domain/ticket.js';
import type { Context } from '../context.js';
import { exampleConfigDir } from '../assets.js';
import { loadSampleTickets } from '../sample.js';
import { lastMonth } from '../../report/month.js';
import { buildMonthlyReport } from '../../report/monthly.js';
import { renderReport } from '../render/report.js';
import { printJson, toTicketJson } from '../render/ticket-json.js';
import { renderTable } from '../render/table.js';
import type { CommandInput } from '../declaration.js';

export async function run(_input: CommandInput<Record<string, never>>, ctx: Context) {
  const db = ctx.globals.db ?? join(mkdtempSync(join(tmpdir(), 'desk-demo-')), 'desk.db');
  const demo = ctx.derive({ db, config: ctx.globals.config ?? exampleConfigDir });
  const { timezone: zone, repeatCallWindow } = await demo.settings();
  const results = await loadSampleTickets(demo);
  // The report of the last whole month of the sample, whatever today's date.
  const latest = Math.max(...results.map((r) => r.ticket.created_at));
  const month = lastMonth(latest, zone);
  const report = await buildMonthlyReport(await demo.openStore(), { month, zone, repeatCallWindow, now: demo.now() });
  await demo.dispose();
  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), {
      database: db,
      tickets: results.map((r) => ({ ...toTicketJson(r.ticket, { zone, reveal: false }), steps: r.steps })),
      report,
    });
    return;
  }
  const out = (text: string) => ctx.io.stdout.write(text);
  out(`Demo database: ${db} (config: ${ctx.globals.config ?? exampleConfigDir})\n\n`);
  out(await renderTable(['Number', 'Title', 'What happened'], results.map((r) => [r.ticket.number, [...r.ticket.title].slice(0, 36).join(''), r.steps.join(' → ')]), { boxed: ctx.io.stdoutIsTTY, color: ctx.color }));
  const counts = STATUSES.map((s) => [s, results.filter((r) => r.ticket.status === s).length] as const).filter(([, n]) => n > 0);
  out(`\n${results.length} tickets: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}\n`);
  out(`\n${await renderReport(report, { format: 'table', lang: await ctx.lang(), present: await ctx.presenter(), compare: false, terminal: ctx.io.stdoutIsTTY, color: ctx.color })}`);
  out(`\nTry it:\n  desk --db ${db} list --status open\n  desk --db ${db} show ${results[0]?.ticket.number ?? 1}\n  desk --db ${db} history ${results[0]?.ticket.number ?? 1}\n  desk --db ${db} report monthly --month ${month} --format html --out report.html\n`);
}
