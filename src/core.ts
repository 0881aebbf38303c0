// The pure core as a library entry (dist/core.js), for benchmarks and scripts that want the
// desk's own rules and time arithmetic without going through the command line.
export { RuleEngine } from './rules/engine.js';
export { RoutingFileSchema } from './rules/schema.js';
export { toRuleInput } from './app/routing.js';
export { SlaFileSchema } from './sla/schema.js';
export { compileSla, dueTimes } from './sla/targets.js';
