import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { RespondOptions } from './respond.js';

export const declaration = declareCommand<RespondOptions>({
  name: 'respond',
  description: 'Record a response to the requester (the first one starts the work)',
  examples: ['desk respond 42 --message "Technician on the way"'],
  arguments: [TICKET],
  flags: {
    message: { syntax: '--message <text>', description: 'what the requester was told' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./respond.js'),
});
