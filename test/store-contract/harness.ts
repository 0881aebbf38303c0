// How a contract case gets its store: a new, empty one before each case, closed after it, and, when
// the store can, further connections to the same database.
import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../../src/store/store.js';

export interface StoreHarness {
  /** A new, empty store. */
  open: () => Promise<Store>;
  /** A second connection to the database of `store`, as another process of the desk would have. */
  connectAgain: (store: Store) => Promise<Store>;
  /**
   * The store's backup is a database the store opens again (SQLite's); false where it is a dump
   * of another program's (pg_dump, tested with the PostgreSQL store's own cases).
   */
  backupOpensAsStore?: boolean;
}

export interface StoreFixture {
  /** This case's store. */
  readonly store: Store;
  /** Another connection to this case's database. */
  again(): Promise<Store>;
  /** Closes `store` now (a case about close); the fixture does not close it a second time. */
  close(store: Store): Promise<void>;
}

/** Registers the hooks that give each case of the enclosing describe a fresh store. */
export function useStore(harness: StoreHarness): StoreFixture {
  const open: Store[] = [];
  let current: Store | null = null;
  beforeEach(async () => {
    current = await harness.open();
    open.push(current);
  });
  afterEach(async () => {
    for (const store of open.splice(0).reverse()) await store.close();
    current = null;
  });
  return {
    get store() {
      if (!current) throw new Error('the store is opened before each case');
      return current;
    },
    async again() {
      if (!current) throw new Error('no store is open in this case');
      const other = await harness.connectAgain(current);
      open.push(other);
      return other;
    },
    async close(store) {
      const at = open.indexOf(store);
      if (at >= 0) open.splice(at, 1);
      await store.close();
    },
  };
}
