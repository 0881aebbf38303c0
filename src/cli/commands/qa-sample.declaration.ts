import { declareCommand } from '../declaration.js';
import type { QaSampleOptions } from './qa-sample.js';

export const declaration = declareCommand<QaSampleOptions>({
  name: 'sample',
  description: "Draw a day's sample of each agent's records for inspection (抽检), reproducibly; a day has one sample",
  examples: ['desk qa sample --date 2026-11-30', 'desk qa sample --date 2026-11-30 --per-agent 5 --seed 7f3a --json'],
  flags: {
    date: { syntax: '--date <YYYY-MM-DD>', description: 'the day, which must be over (default: yesterday)' },
    perAgent: { syntax: '--per-agent <n>', description: "records per agent (default: quality.yaml's sampling.per_agent)" },
    seed: { syntax: '--seed <text>', description: 'the seed of the draw: the same seed draws the same records (default: a new one, recorded)' },
  },
  load: () => import('./qa-sample.js'),
});
