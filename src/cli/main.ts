// argv → exit code. The only place where errors become exit codes and messages.
import { printable, printableBlock } from './render/terminal-text.js';
import { CommanderError } from 'commander';
import { isatty } from 'node:tty';
import { DeskError, UsageError } from '../domain/errors.js';
import type { Context, World } from './context.js';
import { buildProgram } from './program.js';

function defaultWorld(): World {
  // A reader that stops early (`desk list | head`) is not a failure.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return {
    io: {
      stdout: process.stdout,
      stderr: process.stderr,
      // Opening stdin costs about a millisecond; most commands never read it.
      get stdin() {
        return process.stdin;
      },
      interactive: isatty(0) && Boolean(process.stdout.isTTY),
      stdoutIsTTY: Boolean(process.stdout.isTTY),
      columns: process.stdout.isTTY ? process.stdout.columns : undefined,
      rows: process.stdout.isTTY ? process.stdout.rows : undefined,
    },
    env: process.env,
    cwd: process.cwd(),
    now: fixedClock(process.env.DESK_NOW),
  };
}

/**
 * DESK_NOW (an ISO 8601 time with offset) makes the desk act at that moment: for replaying a day's
 * work in order, and for tests of deadlines. The clock does not move while a command runs.
 */
function fixedClock(text: string | undefined): (() => number) | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new UsageError(`DESK_NOW: cannot read "${text}" as a time`, 'use ISO 8601 with an offset, e.g. 2026-11-25T14:30:00+08:00');
  return () => ms;
}

export async function main(argv: string[], world?: World): Promise<number> {
  try {
    world ??= defaultWorld();
  } catch (error) {
    process.stderr.write(`desk: ${(error as Error).message}\n`);
    return 2;
  }
  return run(argv, world);
}

async function run(argv: string[], world: World): Promise<number> {
  let context: Context | undefined;
  let exitCode = 0;
  // In a terminal, `desk` alone is the operator's queue at a glance; elsewhere it is the help.
  const dashboard = argv.length === 0 && world.io.interactive;
  if (dashboard) argv = ['queue', '--dashboard'];
  const program = buildProgram(
    world,
    {
      started: (ctx) => (context = ctx),
      finished: (code) => (exitCode = code),
    },
    argv,
  );
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, world);
  } finally {
    await context?.dispose();
  }
}

function reportError(error: unknown, world: World): number {
  const { stderr } = world.io;
  const debug = world.env.DESK_DEBUG === '1';
  if (error instanceof CommanderError) {
    // Commander has already printed its message; help and --version end normally.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (debug && error instanceof Error) stderr.write(`${error.stack}\n`);
  if (error instanceof DeskError) {
    // A message may quote what the user or a ticket gave: its controls are shown escaped (a config
    // error lists its problems a line each).
    stderr.write(`desk: ${printableBlock(error.message)}\n`);
    if (error.hint) stderr.write(`hint: ${printableBlock(error.hint)}\n`);
    return error.exitCode;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') {
    stderr.write('desk: cancelled\n');
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`desk: unexpected failure: ${printable(message)}\n`);
  if (!debug) stderr.write('hint: run again with DESK_DEBUG=1 for details\n');
  return 1;
}
