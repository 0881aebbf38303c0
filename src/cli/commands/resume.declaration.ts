import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { ResumeOptions } from './resume.js';

export const declaration = declareCommand<ResumeOptions>({
  name: 'resume',
  description: 'Resume work on a pending ticket',
  examples: ['desk resume 42'],
  arguments: [TICKET],
  flags: { ifVersion: IF_VERSION },
  load: () => import('./resume.js'),
});
