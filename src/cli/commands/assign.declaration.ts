import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { AssignOptions } from './assign.js';

export const declaration = declareCommand<AssignOptions>({
  name: 'assign',
  description: 'Assign a ticket to an agent',
  examples: ['desk assign 42 --to sun'],
  arguments: [TICKET],
  flags: {
    to: { syntax: '--to <agent>', description: 'the agent (required)' },
    force: { syntax: '--force', description: "assign an agent who is not in the ticket's teams all the same" },
    ifVersion: IF_VERSION,
  },
  load: () => import('./assign.js'),
});
