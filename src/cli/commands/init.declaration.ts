import { declareCommand } from '../declaration.js';
import type { InitOptions } from './init.js';

export const declaration = declareCommand<InitOptions>({
  name: 'init',
  description: 'Write a config scaffold and create an empty database',
  examples: ['desk init', 'desk --config ~/.config/desk init --sample'],
  flags: {
    sample: { syntax: '--sample', description: 'fill the database with the sample tickets of fixtures/' },
  },
  load: () => import('./init.js'),
});
