import { declareCommand } from '../declaration.js';
import type { RulesTestOptions } from './rules-test.js';

export const declaration = declareCommand<RulesTestOptions>({
  name: 'test',
  description: 'Show how the rules would classify and dispatch a ticket, and which rule decided each field',
  examples: ['desk rules test --title "VPN 无法连接" --department 财务部', 'desk rules test --title "Printer jams" --channel phone --explain'],
  flags: {
    title: { syntax: '--title <text>', description: 'title of the imagined ticket (required)' },
    description: { syntax: '--description <text>', description: 'its description' },
    department: { syntax: '--department <name>', description: "requester's department" },
    requester: { syntax: '--requester <name>', description: 'requester' },
    channel: { syntax: '--channel <channel>', description: 'channel' },
    type: { syntax: '--type <type>', description: 'type, as if set by hand' },
    category: { syntax: '--category <path>', description: 'category, as if set by hand' },
    urgency: { syntax: '--urgency <urgency>', description: 'urgency, as if set by hand' },
    impact: { syntax: '--impact <scope>', description: 'impact' },
    explain: { syntax: '--explain', description: 'list every rule, matched or not, and why' },
  },
  load: () => import('./rules-test.js'),
});
