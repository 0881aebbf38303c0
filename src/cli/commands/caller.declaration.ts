import { declareCommand, REVEAL } from '../declaration.js';
import type { CallerOptions } from './caller.js';

export const declaration = declareCommand<CallerOptions>({
  name: 'caller',
  description: "A caller's tickets (open first), satisfaction, complaints and calls in the last 30 days, by phone, mail or name",
  examples: ['desk caller 13812345678', 'desk caller "+86 138-1234-5678" --json', 'desk caller 李雷', 'desk caller li.lei@example.com --reveal'],
  arguments: [{ syntax: '<caller...>', description: 'a phone number or mail address (however written), else the name the caller gave' }],
  flags: {
    limit: { syntax: '--limit <n>', description: 'at most this many tickets in the list (the figures count them all)', default: '20' },
    reveal: REVEAL,
  },
  load: () => import('./caller.js'),
});
