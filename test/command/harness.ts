// Command tests: `main(argv, world)` in this process, with a fake io, a fixed clock and a real
// database file in a temporary directory. What needs a real process (exit status of the binary,
// signals, prompts in a pseudo-terminal, concurrency, start-up) stays in test/e2e.
//
// As the end-to-end runs do, a run takes the system's time zone from TZ (UTC unless a test names
// another).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll } from 'vitest';
import { main } from '../../src/cli/main.js';
import { EXAMPLE_CONFIG, TEST_NOW, type Result } from '../e2e/helpers.js';
import { newDeskLocation } from '../store-under-test.js';

export interface DeskRun {
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  /** Write to a terminal this many columns wide instead of a pipe. */
  columns?: number;
  /** The terminal's height, with `columns`. */
  rows?: number;
  /**
   * With `columns`: stdin is a terminal too, as when an operator types the command (`desk` alone
   * opens the queue). Prompts are tested in a pseudo-terminal, in test/e2e.
   */
  interactive?: boolean;
}

export interface CommandSandbox {
  dir: string;
  db: string;
  env: NodeJS.ProcessEnv;
  desk(args: string[], run?: DeskRun): Promise<Result>;
  /** The same run, stdout as the bytes written (an encoded report is not UTF-8). */
  deskBytes(args: string[], run?: DeskRun): Promise<{ code: number | null; stdout: Buffer; stderr: string }>;
  /** Runs with --json and parses stdout; a failure throws with its stderr. */
  json(args: string[], run?: DeskRun): Promise<any>;
}

const directories: string[] = [];
afterAll(() => {
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function commandSandbox(options: { config?: string | null } = {}): CommandSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'desk-command-'));
  directories.push(dir);
  const db = newDeskLocation(dir);
  const config = options.config === undefined ? EXAMPLE_CONFIG : options.config;
  const env: NodeJS.ProcessEnv = {
    HOME: dir,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    DESK_ACTOR: 'tester',
    DESK_NOW: TEST_NOW,
    DESK_DB: db,
    XDG_CACHE_HOME: join(dir, 'xdg-cache'),
    XDG_CONFIG_HOME: join(dir, 'xdg-config'),
    XDG_DATA_HOME: join(dir, 'xdg-data'),
    ...(config ? { DESK_CONFIG: config } : {}),
  };
  async function runDesk(args: string[], run: DeskRun = {}) {
    const chunks: Buffer[] = [];
    let stdout = '';
    let stderr = '';
    const runEnv = { ...env, ...run.env };
    const now = Date.parse(runEnv.DESK_NOW ?? TEST_NOW);
    const terminal = run.columns !== undefined;
    if (run.interactive && !terminal) throw new Error('an interactive run needs the terminal\'s columns');
    const code = await main(args, {
      io: {
        stdout: {
          write: (chunk: string | Uint8Array) => {
            chunks.push(Buffer.from(chunk));
            stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
          },
        },
        stderr: { write: (text: string) => (stderr += text) },
        stdin: Readable.from(run.input === undefined ? [] : [run.input]),
        interactive: Boolean(run.interactive),
        stdoutIsTTY: terminal,
        columns: run.columns,
        rows: run.rows,
      },
      env: runEnv,
      cwd: dir,
      now: () => now,
      systemZone: () => runEnv.TZ || 'UTC',
    });
    return { code, stdout, stdoutBytes: Buffer.concat(chunks), stderr };
  }
  const box: CommandSandbox = {
    dir,
    db,
    env,
    async desk(args, run) {
      const { code, stdout, stderr } = await runDesk(args, run);
      return { code, stdout, stderr };
    },
    async deskBytes(args, run) {
      const { code, stdoutBytes, stderr } = await runDesk(args, run);
      return { code, stdout: stdoutBytes, stderr };
    },
    async json(args, run) {
      const result = await box.desk([...args, '--json'], run);
      if (result.code !== 0) throw new Error(`desk ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
      return JSON.parse(result.stdout);
    },
  };
  return box;
}
