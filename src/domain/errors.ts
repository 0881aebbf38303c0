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
