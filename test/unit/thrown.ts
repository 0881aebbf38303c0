import type { DeskError } from '../../src/domain/errors.js';

/** The error `fn` throws; fails the test when it throws none. */
export function thrown(fn: () => unknown): DeskError {
  try {
    fn();
  } catch (e) {
    return e as DeskError;
  }
  throw new Error('expected an error, got none');
}

/** The error the promise `fn` returns rejects with; fails the test when it fulfils. */
export async function rejected(fn: () => unknown): Promise<DeskError> {
  try {
    await fn();
  } catch (e) {
    return e as DeskError;
  }
  throw new Error('expected an error, got none');
}
