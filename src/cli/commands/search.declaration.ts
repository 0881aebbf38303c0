import { declareCommand, REVEAL, TICKET_FILTERS } from '../declaration.js';
import type { SearchOptions } from './search.js';

export const declaration = declareCommand<SearchOptions>({
  name: 'search',
  description: 'Full-text search of title, description, solution and notes; best match first, then newest',
  examples: ['desk search 打印机 卡纸', 'desk search "vpn certificate" --status open', 'desk search 打印 --team desktop --limit 5 --json', 'desk search 打印机 --status open --sort -urgency'],
  arguments: [{ syntax: '<query...>', description: 'words or "quoted phrases"; every one must occur (any substring, Chinese included)' }],
  flags: {
    ...TICKET_FILTERS,
    sort: { syntax: '--sort <order>', description: 'relevance (best match, then newest) or a sort field of list; prefix - for descending', default: 'relevance' },
    limit: { syntax: '--limit <n>', description: 'at most this many tickets', default: '20' },
    reveal: REVEAL,
  },
  load: () => import('./search.js'),
});
