import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { ResolveOptions } from './resolve.js';

export const declaration = declareCommand<ResolveOptions>({
  name: 'resolve',
  description: 'Resolve a ticket with its solution',
  examples: ['desk resolve 42 --solution "Replaced the toner" --steps "Checked the tray"', 'desk resolve 42 --solution "Road repaired" --force --reason "the network team closed its part by phone"'],
  arguments: [TICKET],
  flags: {
    solution: { syntax: '--solution <text>', description: 'how it was solved' },
    steps: { syntax: '--steps <text>', description: 'steps taken' },
    remaining: { syntax: '--remaining <text>', description: 'remaining issues' },
    force: { syntax: '--force', description: "resolve although collaborating teams' sub-tasks are open (withdraws them; needs --reason)" },
    reason: { syntax: '--reason <text>', description: 'why, with --force' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./resolve.js'),
});
