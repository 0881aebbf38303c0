import { declareCommand, IF_VERSION, TICKETS } from '../declaration.js';
import type { ClassifyOptions } from './classify.js';

export const declaration = declareCommand<ClassifyOptions>({
  name: 'classify',
  description: 'Classify tickets by the rules of routing.yaml, or by hand with --type/--category/--urgency',
  examples: ['desk classify --all-new', 'desk classify 42 --force', 'desk classify 42 --type fault --category hardware/printer --urgency urgent'],
  arguments: [TICKETS],
  flags: {
    allNew: { syntax: '--all-new', description: 'every ticket still new' },
    force: { syntax: '--force', description: 'let the rules overwrite a classification set by hand' },
    type: { syntax: '--type <type>', description: 'ticket type' },
    category: { syntax: '--category <path>', description: 'category path, e.g. network/vpn' },
    urgency: { syntax: '--urgency <urgency>', description: 'normal, urgent or critical' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./classify.js'),
});
