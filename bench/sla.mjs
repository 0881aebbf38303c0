// Due-time throughput: the three deadlines of N generated tickets with the example calendar,
// beside the cost of only walking the same tickets. Not a test: prints a table and JSON.
//   node bench/sla.mjs [--count 1000000]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { generateTickets } from './generate.mjs';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000000' } } });
const count = Number(values.count);
const { SlaFileSchema, compileSla, dueTimes } = await import('../dist/core.js');
const sla = compileSla(SlaFileSchema.parse(parse(readFileSync(new URL('../config/sla.yaml', import.meta.url), 'utf8'))), 'Asia/Shanghai');

// Tickets are generated up front (creation times only) so both passes do the same walk.
const clocks = [];
for (const t of generateTickets({ seed: 3, count })) clocks.push({ created_at: Date.parse(t.created_at), urgency: t.urgency, type: t.type });

function pass(compute) {
  const started = process.hrtime.bigint();
  let checksum = 0;
  for (const clock of clocks) checksum += compute ? dueTimes(sla, clock).resolve_due_at % 7 : clock.created_at % 7;
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, checksum };
}

pass(true); // warm the calendar's day cache and the JIT, as a long-running import would be
const walk = pass(false);
const due = pass(true);
const result = {
  tickets: count,
  walk_only: { seconds: +walk.seconds.toFixed(3) },
  due_times: { seconds: +due.seconds.toFixed(3), tickets_per_second: Math.round(count / due.seconds) },
  peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
};
console.table({
  'walk the tickets': { seconds: result.walk_only.seconds },
  'three due times per ticket': { seconds: result.due_times.seconds, 'tickets/s': result.due_times.tickets_per_second },
});
console.log(JSON.stringify(result, null, 2));
