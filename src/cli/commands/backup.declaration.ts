import { declareCommand } from '../declaration.js';
import type { BackupOptions } from './backup.js';

export const declaration = declareCommand<BackupOptions>({
  name: 'backup',
  description: 'Write an online backup of the database',
  examples: ['desk backup /backups/desk-$(date +%F).db'],
  arguments: [{ syntax: '<file>', description: 'the backup file to write' }],
  flags: {
    force: { syntax: '--force', description: 'replace the file if it exists' },
  },
  load: () => import('./backup.js'),
});
