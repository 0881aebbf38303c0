import { declareCommand, REVEAL, TICKET } from '../declaration.js';
import type { SimilarOptions } from './similar.js';

export const declaration = declareCommand<SimilarOptions>({
  name: 'similar',
  description: 'Resolved tickets most like this one, with their solutions: the knowledge base of the desk',
  examples: ['desk similar SD-202611-00042', 'desk similar 42 --limit 3 --json'],
  arguments: [TICKET],
  flags: {
    limit: { syntax: '--limit <n>', description: 'at most this many tickets', default: '5' },
    reveal: REVEAL,
  },
  load: () => import('./similar.js'),
});
