// Typed failures of the core. Only src/cli/main.ts turns them into exit codes and messages.

export abstract class DeskError extends Error {
  abstract readonly exitCode: number;
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad usage or input: a flag, a value, a file. Exit code 2. */
export class UsageError extends DeskError {
  readonly exitCode = 2;
}

/** A status move the status machine does not allow. Exit code 2. */
export class InvalidTransitionError extends UsageError {}

/** A ticket, file or database that does not exist. Exit code 3. */
export class NotFoundError extends DeskError {
  readonly exitCode = 3;
}

/** The ticket changed since the caller read it. Exit code 4. */
export class ConflictError extends DeskError {
  readonly exitCode = 4;
}

/** Prompt cancelled by the operator (Ctrl-C). Exit code 2. */
export class CancelledError extends UsageError {
  constructor() {
    super('cancelled');
  }
}

const CONTROL_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

/**
 * `text` as one line of a terminal: line breaks and other control characters, which a quoted CSV
 * cell or a JSON key may hold, written as escapes (\n, \u001b); tabs stay.
 */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => CONTROL_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
