// generateTickets() of generate.mjs, each ticket also saying which earlier ticket it is the
// near-duplicate "twin" of (about 5%: same problem, slots and department as a recent ticket, other
// wording), to measure `desk similar`. The copy is instrumented at load time and draws the same
// random numbers, so its tickets are exactly those of generate.mjs.
import { readFileSync } from 'node:fs';

let source = readFileSync(new URL('./generate.mjs', import.meta.url), 'utf8');
const EDITS = [
  ['ring[ringN++ % 256] = { tpl, lang, sv, dept, prob, urgency };', 'ring[ringN++ % 256] = { tpl, lang, sv, dept, prob, urgency, n };'],
  ['    yield {\n', '    yield { twin_of: prev ? prev.n : null,\n'],
];
for (const [from, to] of EDITS) {
  if (!source.includes(from)) throw new Error(`bench/twins.mjs: generate.mjs changed, cannot find: ${from}`);
  source = source.replace(from, to);
}
source = source.replace(/\nconst script = [\s\S]*$/, '\n');
const instrumented = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);

/** Like generateTickets(), with `twin_of`: the 1-based position of the ticket this one repeats, or null. */
export const generateWithTwins = instrumented.generateTickets;
export const FIELDS = instrumented.FIELDS;
