// A privacy request: the requester's name and contact leave the ticket, its free text, its visits,
// its trail and the search index, in one write; the ticket and what it counts for stay. And the
// record of who saw a ticket's contacts unmasked.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/domain/errors.js';
import { planNote, planResolve, planVisit } from '../../src/domain/lifecycle.js';
import type { Store } from '../../src/store/store.js';
import { at, createTicket, rejection } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';

const NAME = 'Wang Fang';
const CONTACT = '13812345678';
const OPTIONS = { actor: 'chen', now: at('11-20 09:00') };

/** #1, Wang Fang's, with her name and number in its text, a note and a visit; #2, someone else's that mentions her. */
async function writeRequest(store: Store): Promise<void> {
  await createTicket(store, {
    requester: NAME, contact: CONTACT, department: 'Finance', title: `${NAME} cannot log in`, description: `Call ${NAME} on ${CONTACT} after 14:00`,
    status: 'in_progress', team: 'desktop', assignee: 'sun', first_response_at: at('11-03 09:10'),
  });
  await store.updateTicket({ id: 1 }, planNote(`Spoke to ${NAME}, she is at her desk`), { actor: 'sun', now: at('11-03 10:00') });
  const visit = {
    visited_at: at('11-03 11:00'), visit_date: '2026-11-03', staff: ['sun'], person_times: 1, hours: 0.5, parts: null,
    materials_cents: 0, transport_cents: 0, cause: `${NAME}'s password expired`, opinion: `${NAME}: thank you`,
  };
  await store.updateTicket({ id: 1 }, planVisit(visit, at('11-03 11:30')), { actor: 'sun', now: at('11-03 11:30') });
  await store.updateTicket({ id: 1 }, planResolve({ solution: `Reset the password for ${NAME}` }, at('11-03 12:00')), { actor: 'sun', now: at('11-03 12:00') });
  await createTicket(store, { requester: 'Li Lei', title: `Printer near ${NAME}'s desk jams`, created_at: at('11-04 09:00') });
}

const backups = mkdtempSync(join(tmpdir(), 'desk-contract-redaction-'));
afterAll(() => rmSync(backups, { recursive: true, force: true }));
let backupCount = 0;

export function describeRedactionCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  describe('redactTicket', () => {
    it('replaces the name and contact in every field of the ticket, and keeps the rest', async () => {
      const store = fixture.store;
      await writeRequest(store);
      const before = await store.getTicket({ id: 1 });
      const redacted = await store.redactTicket({ id: 1 }, 'Privacy request 2026-17', OPTIONS);
      expect(redacted).toEqual({
        ...before,
        requester: '[redacted]', contact: '[redacted]', title: '[redacted] cannot log in', description: 'Call [redacted] on [redacted] after 14:00',
        solution: 'Reset the password for [redacted]', version: before.version + 1, updated_at: at('11-20 09:00'), updated_by: 'chen',
      });
      expect(await store.getTicket({ id: 1 })).toEqual(redacted);
    });

    it('removes them from the whole trail and records the redaction without them', async () => {
      const store = fixture.store;
      await writeRequest(store);
      await store.redactTicket({ id: 1 }, 'Privacy request 2026-17', OPTIONS);
      const events = await store.listEvents(1);
      expect(JSON.stringify(events)).not.toContain(NAME);
      expect(JSON.stringify(events)).not.toContain(CONTACT);
      expect(events.map((e) => e.kind)).toEqual(['create', 'note', 'visit', 'resolve', 'redact']);
      expect(events[1]!.data.text).toBe('Spoke to [redacted], she is at her desk');
      expect(events[4]).toEqual({
        id: expect.any(Number), ticket_id: 1, at: at('11-20 09:00'), actor: 'chen', kind: 'redact',
        data: {
          changes: {
            requester: [null, '[redacted]'], contact: [null, '[redacted]'], title: [null, '[redacted] cannot log in'],
            description: [null, 'Call [redacted] on [redacted] after 14:00'], solution: [null, 'Reset the password for [redacted]'],
          },
          reason: 'Privacy request 2026-17',
        },
      });
    });

    it('removes them from the visits', async () => {
      const store = fixture.store;
      await writeRequest(store);
      await store.redactTicket({ id: 1 }, 'Privacy request 2026-17', OPTIONS);
      expect((await store.listVisits(1)).map((v) => [v.cause, v.opinion])).toEqual([["[redacted]'s password expired", '[redacted]: thank you']]);
    });

    it('removes them from the search index', async () => {
      const store = fixture.store;
      await writeRequest(store);
      expect((await store.searchTickets({ text: 'Fang', limit: 5 })).map((h) => h.ticket.id).sort()).toEqual([1, 2]);
      await store.redactTicket({ id: 1 }, 'Privacy request 2026-17', OPTIONS);
      expect((await store.searchTickets({ text: 'Fang', limit: 5 })).map((h) => h.ticket.id)).toEqual([2]);
      expect((await store.searchTickets({ text: CONTACT, limit: 5 })).map((h) => h.ticket.id)).toEqual([]);
      const [hit] = await store.searchTickets({ text: 'her desk', limit: 5 });
      expect(hit!.notes).toEqual(['Spoke to [redacted], she is at her desk']);
    });

    it('leaves other tickets alone, even where they name the requester', async () => {
      const store = fixture.store;
      await writeRequest(store);
      const other = await store.getTicket({ id: 2 });
      const trail = await store.listEvents(2);
      await store.redactTicket({ id: 1 }, 'Privacy request 2026-17', OPTIONS);
      expect(await store.getTicket({ id: 2 })).toEqual(other);
      expect(await store.listEvents(2)).toEqual(trail);
    });

    it('leaves a contact nobody gave empty', async () => {
      const store = fixture.store;
      await createTicket(store, { requester: 'Zhao Lei', contact: null, title: 'Zhao Lei needs a monitor' });
      const redacted = await store.redactTicket({ number: 'SD-202611-00001' }, 'Privacy request', OPTIONS);
      expect(redacted).toMatchObject({ requester: '[redacted]', contact: null, title: '[redacted] needs a monitor' });
    });

    // A dump of pg_dump is compressed: its bytes would show nothing either way (postgres-maintenance.test.ts reads it back).
    if (harness.backupOpensAsStore !== false) it('leaves no byte of the name or contact in a backup taken after it', async () => {
      const store = fixture.store;
      await writeRequest(store);
      await store.redactTicket({ id: 1 }, 'Privacy request 2026-17', OPTIONS);
      const destination = join(backups, `after-redaction-${++backupCount}.db`);
      await store.backup(destination);
      const bytes = readFileSync(destination);
      expect(bytes.includes(Buffer.from(CONTACT))).toBe(false);
      // #2 still names her in its title: only the contact is hers alone.
      expect(bytes.includes(Buffer.from(`Spoke to ${NAME}`))).toBe(false);
    });

    it('gives NotFoundError for a missing ticket, changing nothing', async () => {
      const store = fixture.store;
      await writeRequest(store);
      const error = await rejection(store.redactTicket({ id: 3 }, 'Privacy request', OPTIONS));
      expect(error).toBeInstanceOf(NotFoundError);
      expect((await store.getTicket({ id: 1 })).requester).toBe(NAME);
    });

    it('is seen redacted over another connection', async () => {
      const store = fixture.store;
      await writeRequest(store);
      const other = await fixture.again();
      await store.redactTicket({ id: 1 }, 'Privacy request', OPTIONS);
      expect(await other.getTicket({ id: 1 })).toMatchObject({ requester: '[redacted]', contact: '[redacted]' });
      expect(JSON.stringify(await other.listEvents(1))).not.toContain(CONTACT);
    });
  });

  describe('recordReveal', () => {
    it('records in each ticket\'s trail who saw it unmasked and how, changing nothing else', async () => {
      const store = fixture.store;
      await writeRequest(store);
      const [first, second] = [await store.getTicket({ id: 1 }), await store.getTicket({ id: 2 })];
      await store.recordReveal([2, 1], 'desk list --reveal', { actor: 'liu', now: at('11-20 09:00') });
      for (const ticket of [first, second]) {
        expect(await store.getTicket({ id: ticket.id })).toEqual(ticket);
        expect((await store.listEvents(ticket.id)).at(-1)).toEqual({
          id: expect.any(Number), ticket_id: ticket.id, at: at('11-20 09:00'), actor: 'liu', kind: 'reveal', data: { text: 'desk list --reveal' },
        });
      }
      expect((await store.listEvents(1)).map((e) => e.kind)).toEqual(['create', 'note', 'visit', 'resolve', 'reveal']);
    });

    it('records nothing for no tickets', async () => {
      const store = fixture.store;
      await writeRequest(store);
      await store.recordReveal([], 'desk list --reveal', { actor: 'liu', now: at('11-20 09:00') });
      expect((await store.listEvents(1)).map((e) => e.kind)).toEqual(['create', 'note', 'visit', 'resolve']);
    });
  });
}
