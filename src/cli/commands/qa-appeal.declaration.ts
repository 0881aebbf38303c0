import { declareCommand, RECORD_FLAGS, TICKET } from '../declaration.js';
import type { QaAppealOptions } from './qa-appeal.js';

export const declaration = declareCommand<QaAppealOptions>({
  name: 'appeal',
  description: "Appeal an inspected record (质检申诉), by its agent or a supervisor of theirs; a supervisor decides it",
  examples: ['desk qa appeal SD-202611-00042 --reason "the caller hung up before the closing formula"'],
  arguments: [TICKET],
  flags: {
    reason: { syntax: '--reason <text>', description: 'why the score is wrong' },
    ...RECORD_FLAGS,
  },
  load: () => import('./qa-appeal.js'),
});
