// Looking after a database: what `desk doctor` checks inside it, an online backup that opens as the
// same desk, and closing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planNote, planResolve } from '../../src/domain/lifecycle.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { at, createTicket } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';
import { importTickets } from './import-session.js';

const backups = mkdtempSync(join(tmpdir(), 'desk-contract-backup-'));
afterAll(() => rmSync(backups, { recursive: true, force: true }));
let backupCount = 0;
const nextBackup = () => join(backups, `backup-${++backupCount}.db`);

async function writeDesk(store: Store): Promise<void> {
  await createTicket(store, { title: 'Printer jams', status: 'dispatched', team: 'desktop', assignee: 'sun' });
  await createTicket(store, { title: 'VPN drops', created_at: at('10-30 09:00') });
  await store.updateTicket({ id: 1 }, planNote('Called back'), { actor: 'sun', now: at('11-03 10:00') });
  await store.updateTicket({ id: 1 }, planResolve({ solution: 'Cleared it' }, at('11-03 11:00')), { actor: 'sun', now: at('11-03 11:00') });
}

export function describeMaintenanceCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  describe('health', () => {
    it('finds a new database sound, at the schema version this desk knows', async () => {
      const health = await fixture.store.health();
      // What a store checks beyond these (a server's facts) is its own cases'.
      expect(health).toMatchObject({
        integrity: ['ok'], foreign_key_violations: 0, schema_version: health.known_schema_version, known_schema_version: health.known_schema_version,
        journal_mode: expect.any(String), tickets: 0, events: 0, tickets_without_origin: 0, sequences_behind: [], search_backlog: 0,
      });
      expect(health.known_schema_version).toBeGreaterThan(0);
    });

    it('counts the tickets and events written, every trail begun by its create or import', async () => {
      const store = fixture.store;
      await writeDesk(store);
      await importTickets(store, 3);
      expect(await store.health()).toMatchObject({ integrity: ['ok'], foreign_key_violations: 0, tickets: 5, events: 7, tickets_without_origin: 0, sequences_behind: [], search_backlog: 0 });
    });
  });

  if (harness.backupOpensAsStore !== false) describe('backup', () => {
    it('writes a database that opens as the same desk: tickets, trails and numbering', async () => {
      const store = fixture.store;
      await writeDesk(store);
      const destination = nextBackup();
      await store.backup(destination);
      const restored = await openStore(destination, { create: false });
      try {
        const all = { sort: { field: 'number', descending: false }, limit: 10 } as const;
        expect(await restored.listTickets(all)).toEqual(await store.listTickets(all));
        expect(await restored.listEvents(1)).toEqual(await store.listEvents(1));
        expect((await createTicket(restored, { title: 'After the restore' })).number).toBe('SD-202611-00002');
      } finally {
        await restored.close();
      }
    });

    it('holds the desk as it was when taken', async () => {
      const store = fixture.store;
      await writeDesk(store);
      const destination = nextBackup();
      await store.backup(destination);
      await store.updateTicket({ id: 2 }, planNote('After the backup'), { actor: 'li', now: at('11-04 09:00') });
      const restored = await openStore(destination, { create: false });
      try {
        expect((await restored.getTicket({ id: 2 })).version).toBe(1);
        expect(await restored.listEvents(2)).toHaveLength(1);
      } finally {
        await restored.close();
      }
    });

    it('refuses to overwrite a file that is there, leaving it as it was', async () => {
      const store = fixture.store;
      await writeDesk(store);
      const destination = nextBackup();
      writeFileSync(destination, 'somebody else\'s file');
      await expect(store.backup(destination)).rejects.toThrow();
      expect(readFileSync(destination, 'utf8')).toBe('somebody else\'s file');
    });
  });

  describe('checkWritable', () => {
    it('lets a store that may write go on', () => {
      expect(() => fixture.store.checkWritable()).not.toThrow();
    });
  });

  describe('close', () => {
    it('ends the store: it answers no more', async () => {
      const store = fixture.store;
      await writeDesk(store);
      await fixture.close(store);
      await expect(store.getTicket({ id: 1 })).rejects.toThrow();
    });

    it('keeps everything written before it', async () => {
      const store = fixture.store;
      await writeDesk(store);
      const before = await store.listEvents(1);
      await fixture.close(store);
      const reopened = await fixture.again();
      expect(await reopened.listEvents(1)).toEqual(before);
      expect((await reopened.getTicket({ id: 1 })).status).toBe('resolved');
    });
  });
}
