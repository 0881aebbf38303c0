import { declareCommand } from '../declaration.js';

export const declaration = declareCommand({
  name: 'check',
  description: 'Validate every config file; problems name file, line and column',
  examples: ['desk rules check', 'desk --config ./config rules check --json'],
  flags: {},
  load: () => import('./rules-check.js'),
});
