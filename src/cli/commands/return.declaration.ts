import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { ReturnOptions } from './return.js';

export const declaration = declareCommand<ReturnOptions>({
  name: 'return',
  description: "Send a misrouted ticket back for re-dispatch (its team, within sla.yaml's return_within; after it, the desk supervisor)",
  examples: ['desk return 42 --reason "Not a printer: the ERP rejects the voucher"'],
  arguments: [TICKET],
  flags: {
    reason: { syntax: '--reason <text>', description: 'why the ticket is not this team\'s' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./return.js'),
});
