import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { LinkOptions } from './link.js';

export const declaration = declareCommand<LinkOptions>({
  name: 'link',
  description: 'Link two tickets (related, duplicate, or the first the parent of the second), or remove their link',
  examples: ['desk link 42 43 --as related', 'desk link SD-202611-00042 SD-202611-00050 --as parent', 'desk link 42 43 --remove'],
  arguments: [TICKET, { syntax: '<other>', description: 'the ticket to link it to, named the same way' }],
  flags: {
    as: { syntax: '--as <link>', description: 'related, duplicate, or parent (the first ticket is the parent of the second); a link the two already have gives way to it' },
    remove: { syntax: '--remove', description: 'remove the link between the two (of the kind --as names, when given)' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./link.js'),
});
