import { declareCommand } from '../declaration.js';
import type { CreateOptions } from './create.js';

export const declaration = declareCommand<CreateOptions>({
  name: 'create',
  description: 'Log a new request; prompts for missing fields in a terminal',
  examples: [
    'desk create --title "Printer jams on floor 3" --requester "Li Lei" --channel phone',
    'desk create --title "VPN 无法连接" --requester 王芳 --channel email --department 财务部 --urgency urgent --json',
  ],
  flags: {
    title: { syntax: '--title <text>', description: 'short summary (required)' },
    requester: { syntax: '--requester <name>', description: 'who asked (required)' },
    channel: { syntax: '--channel <channel>', description: 'phone, email, web, onsite (required; list in desk.yaml)' },
    department: { syntax: '--department <name>', description: "requester's department" },
    contact: { syntax: '--contact <contact>', description: 'phone or e-mail of the requester' },
    description: { syntax: '--description <text>', description: "the problem in the requester's words" },
    descriptionFile: { syntax: '--description-file <path>', description: 'read the description from a file (- for stdin)' },
    occurredAt: { syntax: '--occurred-at <time>', description: 'when the problem started' },
    createdAt: { syntax: '--created-at <time>', description: 'when the request came in, for tickets logged after the call' },
    impact: { syntax: '--impact <scope>', description: 'single, department or company' },
    type: { syntax: '--type <type>', description: 'consultation, fault, request, complaint, suggestion' },
    category: { syntax: '--category <path>', description: 'category path such as hardware/printer' },
    urgency: { syntax: '--urgency <urgency>', description: 'normal (default), urgent or critical' },
    team: { syntax: '--team <team>', description: 'dispatch at once to this team' },
    assignee: { syntax: '--assignee <agent>', description: 'dispatch at once to this agent' },
    collaborators: { syntax: '--collaborators <teams>', description: 'collaborating teams, comma-separated' },
    externalId: { syntax: '--external-id <id>', description: 'identifier in another system (unique)' },
    auto: [
      { syntax: '--auto', description: 'classify and dispatch by the rules at once (default: auto in desk.yaml)' },
      { syntax: '--no-auto', description: 'do not run the rules, whatever desk.yaml says' },
    ],
    force: { syntax: '--force', description: 'give the ticket to an assignee who is not in --team all the same' },
  },
  load: () => import('./create.js'),
});
