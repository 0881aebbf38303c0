import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { SuperviseOptions } from './supervise.js';

export const declaration = declareCommand<SuperviseOptions>({
  name: 'supervise',
  description: "Issue a supervision order (督办) to the ticket's team (supervisors only), or give the team's reply",
  examples: [
    'desk supervise 42 --reply-by 2d --note "third call about the pothole: report the repair date" --level 2',
    'desk supervise 42 --reply "road repair booked for 28 November"',
  ],
  arguments: [TICKET],
  flags: {
    replyBy: { syntax: '--reply-by <time>', description: 'when the team must reply: a time, or a duration from now (2d, 4h)' },
    note: { syntax: '--note <text>', description: 'what the order asks of the team' },
    level: { syntax: '--level <level>', description: '1 general (default), 2 key, 3 special' },
    reply: { syntax: '--reply <text>', description: "the team's reply; it answers the oldest order still open" },
    ifVersion: IF_VERSION,
  },
  load: () => import('./supervise.js'),
});
