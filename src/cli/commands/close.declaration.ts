import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { CloseOptions } from './close.js';

export const declaration = declareCommand<CloseOptions>({
  name: 'close',
  description: 'Close a resolved ticket (or an open one solved at first contact, with --solution)',
  examples: ['desk close 42 --satisfaction 5 --callback "Requester confirmed"', 'desk close 43 --solution "Explained the leave form"'],
  arguments: [TICKET],
  flags: {
    satisfaction: { syntax: '--satisfaction <rating>', description: "the requester's rating: 1 to 5, or a label of desk.yaml (满意, 基本满意, 不满意, …)" },
    callback: { syntax: '--callback <note>', description: 'record the reached call-back with this note' },
    solution: { syntax: '--solution <text>', description: 'solution, when closing a ticket that was not resolved' },
    steps: { syntax: '--steps <text>', description: 'steps taken' },
    remaining: { syntax: '--remaining <text>', description: 'remaining issues' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./close.js'),
});
