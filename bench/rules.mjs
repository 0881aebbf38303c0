// Rule classification throughput: N generated tickets against R keyword rules, beside the cost of
// only reading and parsing the same rows. Not a test: prints a table and JSON.
//   node bench/rules.mjs [--count 1000000] [--rules 500]
import { createReadStream, existsSync, mkdirSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { generateTickets } from './generate.mjs';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000000' }, rules: { type: 'string', default: '500' } } });
const count = Number(values.count);
const ruleCount = Number(values.rules);
const { RuleEngine } = await import('../dist/core.js');

const cacheDir = new URL('./.cache/', import.meta.url);
mkdirSync(cacheDir, { recursive: true });
const data = new URL(`tickets-${count}.ndjson`, cacheDir);
if (!existsSync(data)) {
  const out = createWriteStream(data);
  for (const ticket of generateTickets({ seed: 1, count })) {
    if (!out.write(`${JSON.stringify(ticket)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

// Synthetic rule set: words the generator uses plus made-up ones, three keywords a rule, so most
// rules never match and a few do, as in a real desk's long tail of rules.
const words = ['打印机', '卡纸', 'printer', 'vpn', '网络', 'wifi', '密码', 'password', 'erp', '邮箱', 'outlook', '空调', '门禁', '投诉', 'complaint', '显示器', 'monitor', '报销', '审批', 'crm'];
const file = {
  classify: Array.from({ length: ruleCount }, (_, i) => ({
    name: `rule-${i}`,
    when: { keywords: [words[i % words.length], `词${i}`, `term-${i}`] },
    set: { type: ['fault', 'request', 'consultation'][i % 3], category: `cat/${i % 40}` },
  })),
  dispatch: [{ name: 'fallback', team: 'service-desk' }],
};
const engine = new RuleEngine(file);

async function pass(classify) {
  const started = process.hrtime.bigint();
  let rows = 0;
  let decided = 0;
  const lines = createInterface({ input: createReadStream(data), crlfDelay: Infinity });
  for await (const line of lines) {
    const t = JSON.parse(line);
    rows++;
    if (classify) {
      const outcome = engine.classify({ title: t.title, description: t.description, department: t.department, channel: t.channel, requester: t.requester, type: null, category: null, urgency: t.urgency, impact: t.impact });
      if (outcome.decided.type) decided++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rows, decided, seconds, perSecond: Math.round(rows / seconds) };
}

const read = await pass(false);
const classify = await pass(true);
const result = {
  tickets: count,
  rules: ruleCount,
  read_only: { seconds: +read.seconds.toFixed(2), tickets_per_second: read.perSecond },
  read_and_classify: { seconds: +classify.seconds.toFixed(2), tickets_per_second: classify.perSecond, classified: classify.decided },
  classify_alone_tickets_per_second: Math.round(count / Math.max(classify.seconds - read.seconds, 1e-9)),
  ratio_to_reading: +(classify.seconds / read.seconds).toFixed(2),
  peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
};
console.table({
  'read + parse rows': { seconds: result.read_only.seconds, 'tickets/s': result.read_only.tickets_per_second },
  [`read + parse + classify (${ruleCount} rules)`]: { seconds: result.read_and_classify.seconds, 'tickets/s': result.read_and_classify.tickets_per_second },
});
console.log(JSON.stringify(result, null, 2));
