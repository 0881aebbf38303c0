import { declareCommand } from '../declaration.js';
import type { QueueOptions } from './queue.js';

export const declaration = declareCommand<QueueOptions>({
  name: 'queue',
  description: "The operator's queue: assigned to me, breached, due soon, unassigned (also `desk` alone in a terminal)",
  examples: ['desk queue', 'desk --actor sun queue --json'],
  flags: {
    within: { syntax: '--within <duration>', description: 'deadlines this close count as due soon (default 1h)' },
    dashboard: { syntax: '--dashboard', description: '', hidden: true },
  },
  load: () => import('./queue.js'),
});
