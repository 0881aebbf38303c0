// Which store a location names. A file path is an SQLite database; the PostgreSQL store will be
// named by a postgres:// URL.
import type { Store } from './store.js';

/** A store that lives only as long as the run (an import's dry run without a database). */
export const IN_MEMORY = ':memory:';

export interface StoreOptions {
  /** Create the database when there is none; otherwise a missing one is NotFoundError. */
  create: boolean;
  readonly?: boolean;
}

/** The location is a file of this machine (its mode and size mean something). */
export function isFileLocation(location: string): boolean {
  return location !== IN_MEMORY;
}

export async function openStore(location: string, options: StoreOptions): Promise<Store> {
  const { openSqliteStore } = await import('./sqlite-store.js');
  return openSqliteStore(location, options);
}
