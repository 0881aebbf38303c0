import { declareCommand } from '../declaration.js';
import type { MigrateOptions } from './migrate.js';

export const declaration = declareCommand<MigrateOptions>({
  name: 'migrate',
  description: 'Copy the whole desk into another database (SQLite file or PostgreSQL), resumably, and verify the copy',
  examples: ['desk migrate --to postgres://desk@db.example:5432/desk', 'desk --db postgres://desk@db.example/desk migrate --to desk.db'],
  flags: {
    to: { syntax: '--to <location>', description: 'the database to copy into: a postgres:// URL or an SQLite file (created when missing)' },
    batchSize: { syntax: '--batch-size <n>', description: 'rows per transaction of the target (default 5000)' },
  },
  load: () => import('./migrate.js'),
});
