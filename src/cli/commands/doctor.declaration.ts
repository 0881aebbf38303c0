import { declareCommand } from '../declaration.js';

export const declaration = declareCommand({
  name: 'doctor',
  description: 'Check the database: integrity, foreign keys, schema, audit trail, numbering, file mode',
  examples: ['desk doctor', 'desk doctor --json'],
  flags: {},
  load: () => import('./doctor.js'),
});
