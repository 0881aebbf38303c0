// The Store contract: one suite written against the Store interface alone (src/store/store.ts),
// which every store runs (sqlite.test.ts; a PostgreSQL store will run the very same). The cases
// know nothing of how a store keeps its data: they write through the interface and read back
// through it, at fixed instants, and every expected value is written out by hand.
import { describe } from 'vitest';
import type { Store } from '../../src/store/store.js';
import type { StoreHarness } from './harness.js';
import { describeCaseHandlingCases } from './case-handling.js';
import { describeCallerCases } from './callers.js';
import { describeCaseCases } from './cases.js';
import { describeExportCases } from './export.js';
import { describeImportCases } from './import-session.js';
import { describeLinkCases } from './links.js';
import { describeMaintenanceCases } from './maintenance.js';
import { describeMonthFactCases } from './month-facts.js';
import { describeQueryCases } from './queries.js';
import { describeQualityCases } from './quality.js';
import { describeRedactionCases } from './redaction.js';
import { describeSearchCases } from './search.js';
import { describeShiftCases } from './shift-queue.js';
import { describeTableCopyCases } from './table-copy.js';
import { describeTicketCases } from './tickets.js';
import { describeVisitCases } from './visits.js';

/** The areas of the contract, each a describe of its own. */
export const CONTRACT_AREAS = {
  tickets: describeTicketCases,
  queries: describeQueryCases,
  'month facts': describeMonthFactCases,
  search: describeSearchCases,
  'shift and queue': describeShiftCases,
  visits: describeVisitCases,
  links: describeLinkCases,
  redaction: describeRedactionCases,
  callers: describeCallerCases,
  import: describeImportCases,
  export: describeExportCases,
  maintenance: describeMaintenanceCases,
  'table copy': describeTableCopyCases,
  'case handling': describeCaseHandlingCases,
  supervision: describeCaseCases,
  quality: describeQualityCases,
} as const;

export type ContractArea = keyof typeof CONTRACT_AREAS;

export interface StoreContractOptions {
  /**
   * A second connection to the database of `store`, as another process of the desk would open:
   * for the cases of version conflicts, of writes other connections see, and of snapshots.
   */
  connectAgain: (store: Store) => Promise<Store>;
  /** False where the store's backup is not a database it opens again (see StoreHarness). */
  backupOpensAsStore?: boolean;
}

/** `open` gives a new, empty store each time. */
export function describeStoreContract(name: string, open: () => Promise<Store>, options: StoreContractOptions): void {
  const harness: StoreHarness = { open, connectAgain: options.connectAgain, backupOpensAsStore: options.backupOpensAsStore };
  describe(`Store contract: ${name}`, () => {
    for (const [area, describeCases] of Object.entries(CONTRACT_AREAS)) describe(area, () => describeCases(harness));
  });
}
