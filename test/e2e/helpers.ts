// Runs the built `desk` binary as a user would: a real process, a temporary directory, a real
// database: a file, or a database of the PostgreSQL server when the run is on PostgreSQL (test/store-under-test.ts).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { newDeskLocation } from '../store-under-test.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DESK = join(ROOT, 'bin', 'desk.js');
export const EXAMPLE_CONFIG = join(ROOT, 'config');

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** What a terminal shows of `text`: without its colour and cursor codes. */
export function withoutEscapes(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

/** Runs desk: the built binary (test/e2e) or main in the test's process (test/command). */
export type DeskRunner = (args: string[], run?: { env?: NodeJS.ProcessEnv }) => Result | Promise<Result>;

export interface Sandbox {
  dir: string;
  db: string;
  env: NodeJS.ProcessEnv;
  /**
   * Runs desk synchronously with the sandbox's database and the example config; `unprivileged`:
   * as a user that file modes apply to (see runUnprivileged).
   */
  desk(args: string[], options?: { input?: string | Buffer; env?: NodeJS.ProcessEnv; unprivileged?: boolean }): Result;
  /** Parses the JSON that `desk … --json` prints. */
  json<T = any>(args: string[]): T;
}

const sandboxes: string[] = [];
afterEach(() => {
  while (sandboxes.length) rmSync(sandboxes.pop()!, { recursive: true, force: true });
});

// desk's caches (settings, compiled code) for this file's runs, not the developer's ~/.cache.
const CACHE_HOME = mkdtempSync(join(tmpdir(), 'desk-test-cache-'));
afterAll(() => rmSync(CACHE_HOME, { recursive: true, force: true }));

/**
 * The moment every run acts at unless a test names another: no test reads the real clock, so the
 * suite passes on any day (.ci/run proves it under faketime at a year's end).
 */
export const TEST_NOW = '2026-11-27T10:00:00+08:00';

export function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: CACHE_HOME, LANG: 'C.UTF-8', TZ: 'UTC', DESK_ACTOR: 'tester', DESK_NOW: TEST_NOW };
  return { ...env, ...extra };
}

export function sandbox(options: { config?: string | null } = {}): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'desk-test-'));
  sandboxes.push(dir);
  const db = newDeskLocation(dir);
  const config = options.config === undefined ? EXAMPLE_CONFIG : options.config;
  const env = baseEnv({ DESK_DB: db, XDG_CONFIG_HOME: join(dir, 'xdg-config'), XDG_DATA_HOME: join(dir, 'xdg-data'), ...(config ? { DESK_CONFIG: config } : {}) });
  const box: Sandbox = {
    dir,
    db,
    env,
    desk(args, opts = {}) {
      const [command, argv] = opts.unprivileged ? runUnprivileged(process.execPath, [DESK, ...args]) : [process.execPath, [DESK, ...args]];
      const run = spawnSync(command, argv, {
        cwd: dir,
        env: { ...env, ...opts.env },
        input: opts.input ?? '',
        encoding: 'utf8',
        timeout: 20_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      return { code: run.status, stdout: run.stdout, stderr: run.stderr };
    },
    json(args) {
      const result = box.desk([...args, '--json']);
      if (result.code !== 0) throw new Error(`desk ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
      return JSON.parse(result.stdout);
    },
  };
  return box;
}

/** Root, whom file modes do not stop (the tests run as root in CI). */
export const IS_ROOT = process.getuid?.() === 0;

let setprivChecked = false;

/**
 * `command args` as a user that file modes apply to: as root, the user nobody through setpriv
 * (util-linux), so the tests' files must be readable by others; as anyone else, this user.
 */
export function runUnprivileged(command: string, args: readonly string[]): [string, string[]] {
  if (!IS_ROOT) return [command, [...args]];
  if (!setprivChecked && spawnSync('setpriv', ['--version']).status !== 0) throw new Error('the tests run as root and need setpriv (util-linux) to run desk as nobody');
  setprivChecked = true;
  return ['setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', command, ...args]];
}

/** Starts desk without waiting, for concurrency tests. */
export function spawnDesk(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Result> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [DESK, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** Writes generated tickets (bench/generate.mjs records) as the CSV `desk import` reads. */
export function writeTicketsCsv(path: string, fields: readonly string[], tickets: readonly Record<string, unknown>[]): void {
  const cell = (v: unknown) => {
    const text = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(';') : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  writeFileSync(path, [fields.join(','), ...tickets.map((t) => fields.map((f) => cell(t[f])).join(','))].join('\n'));
}
