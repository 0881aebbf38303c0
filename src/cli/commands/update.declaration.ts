import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { UpdateOptions } from './update.js';

export const declaration = declareCommand<UpdateOptions>({
  name: 'update',
  description: 'Give the requester a progress update (restarts the update clock of sla.yaml)',
  examples: ['desk update 42 --message "Vendor part ordered" --eta "2026-11-28 17:00"'],
  arguments: [TICKET],
  flags: {
    message: { syntax: '--message <text>', description: 'what the requester was told' },
    eta: { syntax: '--eta <time>', description: 'the resolution time promised' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./update.js'),
});
