import { declareCommand } from '../declaration.js';
import type { InitOptions } from './init.js';

export const declaration = declareCommand<InitOptions>({
  name: 'init',
  description: 'Write a config scaffold and create an empty database (on PostgreSQL: its schema and the desk\'s group roles)',
  examples: ['desk init', 'desk --config ~/.config/desk init --sample', 'desk --db postgres://postgres@db.example/desk init'],
  flags: {
    sample: { syntax: '--sample', description: 'fill the database with the sample tickets of fixtures/' },
  },
  load: () => import('./init.js'),
});
