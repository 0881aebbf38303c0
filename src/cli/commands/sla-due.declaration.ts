import { declareCommand } from '../declaration.js';
import type { SlaDueOptions } from './sla-due.js';

export const declaration = declareCommand<SlaDueOptions>({
  name: 'due',
  description: 'The instant a number of business minutes after a start',
  examples: ['desk sla due --minutes 240', 'desk sla due --start "2026-09-30 16:00" --minutes 1440 --calendar office'],
  flags: {
    start: { syntax: '--start <time>', description: 'count from this time (default: now)' },
    minutes: { syntax: '--minutes <n>', description: 'business minutes to add (required)' },
    calendar: { syntax: '--calendar <name>', description: "calendar of sla.yaml (default: the normal target's)" },
  },
  load: () => import('./sla-due.js'),
});
