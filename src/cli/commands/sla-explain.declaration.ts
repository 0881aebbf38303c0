import { declareCommand, TICKET } from '../declaration.js';

export const declaration = declareCommand({
  name: 'explain',
  description: 'How each deadline of a ticket was computed',
  examples: ['desk sla explain SD-202611-00042'],
  arguments: [TICKET],
  flags: {},
  load: () => import('./sla-explain.js'),
});
