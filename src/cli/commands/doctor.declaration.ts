import { declareCommand } from '../declaration.js';
import type { DoctorOptions } from './doctor.js';

export const declaration = declareCommand<DoctorOptions>({
  name: 'doctor',
  description: 'Check the database: integrity, foreign keys, schema, audit trail, numbering, search index, file mode',
  examples: ['desk doctor', 'desk doctor --json', 'desk doctor --repair'],
  flags: {
    repair: { syntax: '--repair', description: 'first finish what an interrupted import left undone: index its tickets for search' },
  },
  load: () => import('./doctor.js'),
});
