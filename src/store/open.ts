// Which store a location names: a postgres:// (or postgresql://) URL is a PostgreSQL database,
// anything else an SQLite file. Each store's module, and its driver, loads only when named.
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
  return location !== IN_MEMORY && !isPostgresLocation(location);
}

export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export async function openStore(location: string, options: StoreOptions): Promise<Store> {
  if (isPostgresLocation(location)) {
    const { openPostgresStore } = await import('./postgres/postgres-store.js');
    return openPostgresStore(location, options);
  }
  const { openSqliteStore } = await import('./sqlite-store.js');
  return openSqliteStore(location, options);
}
