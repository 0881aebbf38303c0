import { declareCommand, REVEAL } from '../declaration.js';
import type { CallbacksOptions } from './callbacks.js';

export const declaration = declareCommand<CallbacksOptions>({
  name: 'callbacks',
  description: 'The call-back campaign: closed tickets whose requester no call-back has reached yet, with the attempts so far',
  examples: ['desk callbacks --closed-since 7d', 'desk callbacks --reveal --json'],
  flags: {
    closedSince: { syntax: '--closed-since <duration>', description: 'only tickets closed within this time, e.g. 7d' },
    limit: { syntax: '--limit <n>', description: 'at most this many', default: '1000' },
    reveal: REVEAL,
  },
  load: () => import('./callbacks.js'),
});
