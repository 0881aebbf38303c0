import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { PendingOptions } from './pending.js';

export const declaration = declareCommand<PendingOptions>({
  name: 'pending',
  description: 'Pause a ticket while waiting on the requester or a third party',
  examples: ['desk pending 42 --reason "Waiting for the spare part"'],
  arguments: [TICKET],
  flags: {
    reason: { syntax: '--reason <text>', description: 'what the ticket waits for' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./pending.js'),
});
