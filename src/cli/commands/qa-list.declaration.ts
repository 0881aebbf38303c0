import { declareCommand } from '../declaration.js';
import type { QaListOptions } from './qa-list.js';

export const declaration = declareCommand<QaListOptions>({
  name: 'list',
  description: 'The sampled records and where each stands; without --date or --agent, those still to inspect or to decide',
  examples: ['desk qa list', 'desk qa list --date 2026-11-30', 'desk qa list --agent li --pending --json'],
  flags: {
    date: { syntax: '--date <YYYY-MM-DD>', description: "only the records of this day's sample" },
    agent: { syntax: '--agent <name>', description: "only this agent's records" },
    pending: { syntax: '--pending', description: 'only records to inspect, and appeals to decide' },
  },
  load: () => import('./qa-list.js'),
});
