import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { AssistOptions } from './assist.js';

export const declaration = declareCommand<AssistOptions>({
  name: 'assist',
  description: "Open a collaborating team's sub-task (协办) on a ticket, answer it with --reply, or withdraw it with --cancel",
  examples: [
    'desk assist 42 --team network --to zhao --due 4h --note "check the switch on floor 3"',
    'desk assist 42 --team network --reply "port 12 replaced"',
    'desk assist 42 --team network --cancel --reason "the printer was unplugged"',
  ],
  arguments: [TICKET],
  flags: {
    team: { syntax: '--team <team>', description: 'the collaborating team' },
    to: { syntax: '--to <agent>', description: "the team's agent who takes it" },
    due: { syntax: '--due <duration>', description: "how long the team has (business time, e.g. 4h, 1d); default sla.yaml's assist target" },
    note: { syntax: '--note <text>', description: 'what the lead team asks of it' },
    reply: { syntax: '--reply <text>', description: "the team's answer, which closes its sub-task" },
    cancel: { syntax: '--cancel', description: 'withdraw the sub-task (needs --reason)' },
    reason: { syntax: '--reason <text>', description: 'why it is withdrawn' },
    ifVersion: IF_VERSION,
  },
  load: () => import('./assist.js'),
});
