// desk in a real pseudo-terminal, for what it does only there: tables, colour, wrapping to the width.
import { spawn } from '@lydell/node-pty';
import { DESK, withoutEscapes, type Sandbox } from './helpers.js';

export interface TerminalRun {
  code: number;
  /** As written, with colour codes and carriage returns. */
  raw: string;
  /** Without colour codes and carriage returns. */
  output: string;
}

/** Runs desk to its end in a terminal of the given size, in the sandbox with its environment (plus `env`). */
export function inTerminal(box: Sandbox, args: string[], { cols = 80, rows = 30, env = {} }: { cols?: number; rows?: number; env?: NodeJS.ProcessEnv } = {}): Promise<TerminalRun> {
  const pty = spawn(process.execPath, [DESK, ...args], { cols, rows, cwd: box.dir, env: { ...box.env, ...env } as Record<string, string> });
  let raw = '';
  pty.onData((d) => (raw += d));
  return new Promise((resolve) =>
    pty.onExit(({ exitCode }) => resolve({ code: exitCode, raw, output: withoutEscapes(raw).replace(/\r/g, '') })),
  );
}
