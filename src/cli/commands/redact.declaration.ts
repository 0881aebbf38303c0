import { declareCommand, TICKET } from '../declaration.js';
import type { RedactOptions } from './redact.js';

export const declaration = declareCommand<RedactOptions>({
  name: 'redact',
  description: "Erase a requester's name and contact from a ticket and its history (supervisors only)",
  examples: ['desk --actor chen redact 42 --reason "privacy request of 2026-11-25"'],
  arguments: [TICKET],
  flags: {
    reason: { syntax: '--reason <text>', description: 'why (required; recorded)' },
  },
  load: () => import('./redact.js'),
});
