// Tests that need a program the machine may lack (a browser, a shell) run when it is there and are
// reported as skipped, with the reason and the install command, when it is not. With
// DESK_TEST_REQUIRE=all (as .ci/run sets it) a missing program fails the test instead, so CI
// always runs them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it, type TestContext } from 'vitest';
import { postgresAnswers, postgresLocation } from './postgres-admin.js';

export { postgresLocation };

export interface SystemProgram {
  /** What the tests call it. */
  name: string;
  /** The Debian package that brings it. */
  debian: string;
  /** Whether it is on this machine. */
  present: () => boolean;
}

const runs = (command: string) => () => spawnSync(command, ['-c', 'exit 0']).status === 0;

export const CHROMIUM: SystemProgram = { name: 'chromium', debian: 'chromium', present: () => existsSync('/usr/bin/chromium') };
export const ZSH: SystemProgram = { name: 'zsh', debian: 'zsh', present: runs('zsh') };
export const FISH: SystemProgram = { name: 'fish', debian: 'fish', present: runs('fish') };

/** The PostgreSQL client programs a backup is made and read with. */
export const PG_DUMP: SystemProgram = {
  name: 'pg_dump and pg_restore',
  debian: 'postgresql-client',
  present: () => ['pg_dump', 'pg_restore'].every((program) => spawnSync(program, ['--version']).status === 0),
};

export const POSTGRES: SystemProgram = { name: 'a PostgreSQL server (DESK_TEST_POSTGRES, else 127.0.0.1:5432)', debian: 'postgresql', present: () => postgresAnswers(postgresLocation()) };

/** True when every program a test needs must be there (CI). */
export function allRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.DESK_TEST_REQUIRE === 'all';
}

/** Why a test cannot run here, and how to make it run. */
export function missingReason(program: SystemProgram): string {
  return `needs ${program.name}, which is not installed (apt-get install ${program.debian})`;
}

/**
 * `it` for a test that needs `program`: skipped with the reason when the program is missing,
 * failing instead when DESK_TEST_REQUIRE=all.
 */
export function itWith(program: SystemProgram, name: string, fn: (context: TestContext) => unknown, timeout?: number): void {
  const present = program.present();
  if (present) {
    it(name, fn, timeout);
    return;
  }
  if (allRequired()) {
    it(name, () => {
      throw new Error(`${missingReason(program)}; DESK_TEST_REQUIRE=all makes that a failure`);
    });
    return;
  }
  console.warn(`skipped: "${name}" ${missingReason(program)}`);
  it.skip(`${name} [skipped: ${missingReason(program)}]`, fn, timeout);
}

/** `describe` for tests that all need `program`, skipped or failing as `itWith` does. */
export function describeWith(program: SystemProgram, name: string, fn: () => void): void {
  if (program.present()) {
    describe(name, fn);
    return;
  }
  if (allRequired()) {
    it(name, () => {
      throw new Error(`${missingReason(program)}; DESK_TEST_REQUIRE=all makes that a failure`);
    });
    return;
  }
  console.warn(`skipped: "${name}" ${missingReason(program)}`);
  describe.skip(`${name} [skipped: ${missingReason(program)}]`, fn);
}
