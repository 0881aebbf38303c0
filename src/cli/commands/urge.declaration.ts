import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { UrgeOptions } from './urge.js';

export const declaration = declareCommand<UrgeOptions>({
  name: 'urge',
  description: "Send a reminder (催办) to the ticket's team; the ticket counts them",
  examples: ['desk urge 42 --note "caller rang again at 10:20"'],
  arguments: [TICKET],
  flags: {
    note: { syntax: '--note <text>', description: 'what the reminder says' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./urge.js'),
});
