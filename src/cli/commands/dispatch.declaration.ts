import { declareCommand, IF_VERSION, TICKETS } from '../declaration.js';
import type { DispatchOptions } from './dispatch.js';

export const declaration = declareCommand<DispatchOptions>({
  name: 'dispatch',
  description: 'Dispatch tickets by the rules of routing.yaml, or by hand with --team/--to/--with',
  examples: ['desk dispatch --all-pending', 'desk dispatch 42 --team desktop --to sun', 'desk dispatch 42 --team network --with applications'],
  arguments: [TICKETS],
  flags: {
    allPending: { syntax: '--all-pending', description: 'every ticket waiting for dispatch (new or reopened)' },
    team: { syntax: '--team <team>', description: 'primary team' },
    to: { syntax: '--to <agent>', description: 'assign to this agent' },
    with: { syntax: '--with <teams>', description: 'collaborating teams, comma-separated' },
    force: { syntax: '--force', description: 'give the ticket to an agent who is not in the team all the same' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./dispatch.js'),
});
