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
