import { readFileSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';
import { postgresAnswers, postgresLocation } from './test/postgres-admin.js';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The command and end-to-end tests run on both stores. On PostgreSQL, the files that are about
// the SQLite file itself are left out: its modes and read-only opening, a kill mid-import read
// back from the file, the import fuzzing that compares file snapshots; and the PostgreSQL files,
// which make their own databases.
const ON_SQLITE_FILES_ONLY = [
  'test/command/store.test.ts',
  'test/e2e/read-only.test.ts',
  'test/e2e/import-kill.test.ts',
  'test/e2e/import-fuzz.test.ts',
  'test/e2e/postgres*.test.ts',
];

export default defineConfig({
  // What the build defines, for the command tests that run the sources in this process.
  define: { DESK_VERSION: JSON.stringify(version) },
  test: {
    testTimeout: 90_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/postgres-missing.test.ts'] } },
      postgresAnswers(postgresLocation())
        ? {
            extends: true,
            test: {
              name: 'postgres',
              include: ['test/command/**/*.test.ts', 'test/e2e/**/*.test.ts'],
              exclude: [...configDefaults.exclude, ...ON_SQLITE_FILES_ONLY],
              env: { DESK_TEST_STORE: 'postgres' },
            },
          }
        : // Without a server, one test says so: skipped with the reason, or failing where it is required (CI).
          { extends: true, test: { name: 'postgres', include: ['test/postgres-missing.test.ts'] } },
    ],
  },
});
