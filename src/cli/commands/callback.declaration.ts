import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { CallbackOptions } from './callback.js';

export const declaration = declareCommand<CallbackOptions>({
  name: 'callback',
  description: 'Record an attempt at the follow-up call to the requester',
  examples: ['desk callback 42 --note "Works now" --satisfaction 满意', 'desk callback 42 --outcome unreachable --note "No answer, try after 17:00"'],
  arguments: [TICKET],
  flags: {
    outcome: { syntax: '--outcome <outcome>', description: 'reached (the default), unreachable or refused; or 已联系, 未接通, 拒绝回访' },
    note: { syntax: '--note <text>', description: 'what the requester said, or why the call failed' },
    satisfaction: { syntax: '--satisfaction <rating>', description: "the requester's rating: 1 to 5, or a label of desk.yaml (满意, 基本满意, 不满意, …); reached call-backs only" },
    ifVersion: IF_VERSION,
  },
  load: () => import('./callback.js'),
});
