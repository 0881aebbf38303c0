import { declareCommand } from '../declaration.js';
import type { SlaCheckOptions } from './sla-check.js';

export const declaration = declareCommand<SlaCheckOptions>({
  name: 'check',
  description: 'Open tickets past a deadline or due soon; exit 5 when any is breached (for cron)',
  examples: ['desk sla check', 'desk sla check --within 1h --json', 'desk sla check --escalate'],
  flags: {
    within: { syntax: '--within <duration>', description: 'also list deadlines falling within this time', default: '30m' },
    escalate: { syntax: '--escalate', description: "escalate every ticket that reached a tier of sla.yaml's escalation it has not reached yet (for cron)" },
  },
  load: () => import('./sla-check.js'),
});
