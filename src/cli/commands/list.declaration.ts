import { declareCommand, REVEAL, TICKET_FILTERS } from '../declaration.js';
import type { ListOptions } from './list.js';

export const declaration = declareCommand<ListOptions>({
  name: 'list',
  description: 'List tickets, newest first',
  examples: ['desk list --status open --team desktop', 'desk list --overdue --sort resolve_due_at', 'desk list --search 打印机 --limit 5 --json'],
  flags: {
    ...TICKET_FILTERS,
    search: { syntax: '--search <text>', description: 'text in title or description' },
    sort: { syntax: '--sort <field>', description: 'sort field; prefix - for descending', default: '-created_at' },
    limit: { syntax: '--limit <n>', description: 'at most this many tickets', default: '50' },
    reveal: REVEAL,
  },
  load: () => import('./list.js'),
});
