import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { CallbackOptions } from './callback.js';

export const declaration = declareCommand<CallbackOptions>({
  name: 'callback',
  description: 'Record the follow-up call to the requester',
  examples: ['desk callback 42 --note "Works now" --satisfaction 4'],
  arguments: [TICKET],
  flags: {
    note: { syntax: '--note <text>', description: 'what the requester said' },
    satisfaction: { syntax: '--satisfaction <1-5>', description: "the requester's rating" },
    ifVersion: IF_VERSION,
  },
  load: () => import('./callback.js'),
});
