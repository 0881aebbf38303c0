import { declareCommand, REVEAL, TICKET } from '../declaration.js';
import type { HistoryOptions } from './history.js';

export const declaration = declareCommand<HistoryOptions>({
  name: 'history',
  description: "Show a ticket's audit trail",
  examples: ['desk history SD-202611-00042', 'desk history 42 --json'],
  arguments: [TICKET],
  flags: { reveal: REVEAL },
  load: () => import('./history.js'),
});
