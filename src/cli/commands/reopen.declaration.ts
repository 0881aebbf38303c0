import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { ReopenOptions } from './reopen.js';

export const declaration = declareCommand<ReopenOptions>({
  name: 'reopen',
  description: 'Reopen a resolved or closed ticket',
  examples: ['desk reopen 42 --reason "Printer jams again"'],
  arguments: [TICKET],
  flags: {
    reason: { syntax: '--reason <text>', description: 'why it is reopened' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./reopen.js'),
});
