import { declareCommand } from '../declaration.js';

export const declaration = declareCommand({
  name: 'demo',
  description: 'Build a demo database from the sample tickets and walk through the lifecycle',
  examples: ['npx desk demo', 'desk demo --db /tmp/demo.db'],
  flags: {},
  load: () => import('./demo.js'),
});
