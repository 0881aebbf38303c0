import { declareCommand, RECORD_FLAGS, TICKET } from '../declaration.js';
import type { QaDecideOptions } from './qa-decide.js';

export const declaration = declareCommand<QaDecideOptions>({
  name: 'decide',
  description: "Decide an appeal (申诉裁定) as a supervisor: --uphold keeps the score, --overturn voids it",
  examples: ['desk qa decide SD-202611-00042 --overturn --reason "recording confirms the caller hung up"', 'desk qa decide SD-202611-00042 --uphold --reason "closing formula missing"'],
  arguments: [TICKET],
  flags: {
    uphold: { syntax: '--uphold', description: 'the score stands' },
    overturn: { syntax: '--overturn', description: 'the score is void: the record counts as qualified' },
    reason: { syntax: '--reason <text>', description: 'why' },
    ...RECORD_FLAGS,
  },
  load: () => import('./qa-decide.js'),
});
