import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { ComplaintOptions } from './complaint.js';

export const declaration = declareCommand<ComplaintOptions>({
  name: 'complaint',
  description: 'Record the verification of a complaint (whom, verdict, cause, action, penalty) and the feedback to the complainant',
  examples: [
    'desk complaint 42 --against agent:wang --verified partly --cause "no call-back as promised" --action "call-back checklist" --penalty "1 quality point"',
    'desk complaint 42 --feedback "told the caller the outcome; accepted"',
  ],
  arguments: [TICKET],
  flags: {
    against: { syntax: '--against <target>', description: 'whom it is about: agent:NAME, team:NAME or department:NAME' },
    verified: { syntax: '--verified <verdict>', description: 'yes (查实), partly (部分属实) or no (不属实)' },
    cause: { syntax: '--cause <text>', description: 'the root cause found' },
    action: { syntax: '--action <text>', description: 'the corrective action' },
    penalty: { syntax: '--penalty <text>', description: 'any penalty given' },
    feedback: { syntax: '--feedback <text>', description: 'what the complainant was told of the outcome' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./complaint.js'),
});
