import { declareCommand } from '../declaration.js';
import type { RolesAddOptions } from './roles-add.js';

export const declaration = declareCommand<RolesAddOptions>({
  name: 'add',
  description: 'Create a login role in one of the desk\'s groups (PostgreSQL; run as the desk\'s owner)',
  examples: ['desk roles add wang.fang --as operator', 'printf %s "$PASSWORD" | desk roles add chen --as supervisor --password-stdin'],
  arguments: [{ syntax: '<name>', description: 'the login: lower-case letters, digits, _, . and -; it is the actor of every change made as it' }],
  flags: {
    as: { syntax: '--as <group>', description: 'operator, supervisor (may also redact) or auditor (reads only; what it reveals is recorded)' },
    passwordStdin: { syntax: '--password-stdin', description: 'read the password from stdin (asked without echo in a terminal); without it the role has none, for peer, trust or certificate logins' },
  },
  load: () => import('./roles-add.js'),
});
