import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { EscalateOptions } from './escalate.js';

export const declaration = declareCommand<EscalateOptions>({
  name: 'escalate',
  description: 'Escalate a ticket to the supervisor',
  examples: ['desk escalate 42 --reason "Needs a vendor visit"'],
  arguments: [TICKET],
  flags: {
    reason: { syntax: '--reason <text>', description: 'why it cannot be solved at this level' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./escalate.js'),
});
