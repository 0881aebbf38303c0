import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { VisitOptions } from './visit.js';

export const declaration = declareCommand<VisitOptions>({
  name: 'visit',
  description: "Record an on-site visit: who went, hours, parts, costs, fault cause and the requester's opinion",
  examples: ['desk visit 42 --staff sun,zhou --hours 2.5 --parts "pickup roller" --materials-cost 85 --transport-cost 20 --cause "worn roller" --opinion "satisfied"'],
  arguments: [TICKET],
  flags: {
    date: { syntax: '--date <time>', description: 'when the visit took place (default: now)' },
    staff: { syntax: '--staff <names>', description: 'who went, comma-separated (required)' },
    hours: { syntax: '--hours <n>', description: 'hours on site' },
    parts: { syntax: '--parts <text>', description: 'parts replaced' },
    materialsCost: { syntax: '--materials-cost <amount>', description: 'cost of materials, e.g. 85.50' },
    transportCost: { syntax: '--transport-cost <amount>', description: 'cost of transport' },
    cause: { syntax: '--cause <text>', description: 'the cause of the fault found' },
    opinion: { syntax: '--opinion <text>', description: "the requester's opinion of the visit" },
    ifVersion: IF_VERSION,
  },
  load: () => import('./visit.js'),
});
