import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { MergeOptions } from './merge.js';

export const declaration = declareCommand<MergeOptions>({
  name: 'merge',
  description: 'Close an open duplicate as merged into the ticket that carries the case on (and is called back)',
  examples: ['desk merge 43 --into 42 --reason "Same outage, second caller"'],
  arguments: [TICKET],
  flags: {
    into: { syntax: '--into <ticket>', description: 'the ticket it is merged into: open or resolved, not closed or merged' },
    reason: { syntax: '--reason <text>', description: 'why they are one case; added to the other ticket as a note' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./merge.js'),
});
