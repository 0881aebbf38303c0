import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { ExtendOptions } from './extend.js';

export const declaration = declareCommand<ExtendOptions>({
  name: 'extend',
  description: 'Ask for a later resolution deadline, or decide the request (a supervisor of the team)',
  examples: ['desk extend 42 --until "2026-11-30 18:00" --reason "Waiting for the vendor\'s part"', 'desk extend 42 --approve', 'desk extend 42 --reject --reason "Ask the vendor for a loan unit"'],
  arguments: [TICKET],
  flags: {
    until: { syntax: '--until <time>', description: 'the resolution deadline asked for' },
    reason: { syntax: '--reason <text>', description: 'why more time is needed; why it is rejected (required); a note to an approval' },
    approve: { syntax: '--approve', description: 'approve the request: the resolution deadline moves to the time asked for' },
    reject: { syntax: '--reject', description: 'reject the request: the deadline stays' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./extend.js'),
});
