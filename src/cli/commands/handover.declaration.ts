import { declareCommand } from '../declaration.js';
import type { HandoverOptions } from './handover.js';

export const declaration = declareCommand<HandoverOptions>({
  name: 'handover',
  description: 'The shift handover: opened, resolved and escalated in the shift, everything open by team, breaches first',
  examples: ['desk handover', 'desk handover --since 12h --team desktop --format md > handover.md', 'desk handover --json --no-record'],
  flags: {
    since: { syntax: '--since <duration>', description: 'length of the shift, or a time it began (default 8h)' },
    team: { syntax: '--team <team>', description: 'only tickets of this primary team' },
    within: { syntax: '--within <duration>', description: 'deadlines this close count as near (default 2h)' },
    format: { syntax: '--format <format>', description: 'text or md (default: text in a terminal, md when piped)' },
    record: { syntax: '--no-record', description: 'print the handover without recording it' },
  },
  load: () => import('./handover.js'),
});
