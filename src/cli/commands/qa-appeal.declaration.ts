import { declareCommand, TICKET } from '../declaration.js';
import type { QaAppealOptions } from './qa-appeal.js';

export const declaration = declareCommand<QaAppealOptions>({
  name: 'appeal',
  description: "Appeal an inspected record (质检申诉), by its agent or a supervisor of theirs; a supervisor decides it",
  examples: ['desk qa appeal SD-202611-00042 --reason "the caller hung up before the closing formula"'],
  arguments: [TICKET],
  flags: {
    reason: { syntax: '--reason <text>', description: 'why the score is wrong' },
    date: { syntax: '--date <YYYY-MM-DD>', description: "the record's day, when the ticket was sampled on several" },
    agent: { syntax: '--agent <name>', description: "the record's agent, when the ticket was sampled for several" },
  },
  load: () => import('./qa-appeal.js'),
});
