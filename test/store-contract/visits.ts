// On-site visits: recorded with the change of a visit plan, in its transaction, and listed in the
// order they happened.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { planVisit } from '../../src/domain/lifecycle.js';
import type { NewVisit } from '../../src/domain/visit.js';
import { at, createTicket, rejection } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';

const FIRST: NewVisit = {
  visited_at: at('11-04 10:00'), visit_date: '2026-11-04', staff: ['sun', 'zhou'], person_times: 2, hours: 1.5, parts: 'fuser unit',
  materials_cents: 12_050, transport_cents: 3_000, cause: 'Worn fuser', opinion: 'Quick and tidy',
};
const EARLIER: NewVisit = {
  visited_at: at('11-03 15:00'), visit_date: '2026-11-03', staff: ['sun'], person_times: 1, hours: null, parts: null,
  materials_cents: 0, transport_cents: 1_500, cause: null, opinion: null,
};

export function describeVisitCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  describe('listVisits', () => {
    it('lists the visits a plan recorded, as recorded, in the order they happened', async () => {
      const store = fixture.store;
      await createTicket(store, { status: 'in_progress', team: 'desktop', assignee: 'sun', first_response_at: at('11-03 09:10') });
      await store.updateTicket({ id: 1 }, planVisit(FIRST, at('11-04 12:00')), { actor: 'sun', now: at('11-04 12:00') });
      // The report of the first trip came in late.
      await store.updateTicket({ id: 1 }, planVisit(EARLIER, at('11-04 13:00')), { actor: 'zhou', now: at('11-04 13:00') });
      expect(await store.listVisits(1)).toEqual([
        { ...EARLIER, id: expect.any(Number), ticket_id: 1, recorded_at: at('11-04 13:00'), recorded_by: 'zhou' },
        { ...FIRST, id: expect.any(Number), ticket_id: 1, recorded_at: at('11-04 12:00'), recorded_by: 'sun' },
      ]);
    });

    it('records the visit in the trail, with its cause as the text', async () => {
      const store = fixture.store;
      await createTicket(store, { status: 'dispatched', team: 'desktop', assignee: 'sun', dispatched_at: at('11-03 09:05') });
      const result = await store.updateTicket({ id: 1 }, planVisit(FIRST, at('11-04 12:00')), { actor: 'sun', now: at('11-04 12:00') });
      expect(result.ticket).toMatchObject({ status: 'in_progress', first_response_at: at('11-04 12:00'), version: 2 });
      expect((await store.listEvents(1))[1]).toEqual({
        id: expect.any(Number), ticket_id: 1, at: at('11-04 12:00'), actor: 'sun', kind: 'visit',
        data: { changes: { first_response_at: [null, at('11-04 12:00')], status: ['dispatched', 'in_progress'] }, visit: { ...FIRST }, text: 'Worn fuser' },
      });
    });

    it('records a visit on a closed ticket without changing it', async () => {
      const store = fixture.store;
      await createTicket(store, { status: 'closed', resolved_at: at('11-03 11:00'), closed_at: at('11-03 12:00') });
      const result = await store.updateTicket({ id: 1 }, planVisit(EARLIER, at('11-05 09:00')), { actor: 'sun', now: at('11-05 09:00') });
      expect(result.changes).toEqual({});
      expect(result.ticket).toMatchObject({ status: 'closed', first_response_at: null });
      expect((await store.listVisits(1)).map((v) => v.visited_at)).toEqual([at('11-03 15:00')]);
    });

    it('records nothing when the visit plan refuses', async () => {
      const store = fixture.store;
      await createTicket(store, { created_at: at('11-04 09:00') });
      const error = await rejection(store.updateTicket({ id: 1 }, planVisit(EARLIER, at('11-05 09:00')), { actor: 'sun', now: at('11-05 09:00') }));
      expect(error).toBeInstanceOf(UsageError);
      expect(await store.listVisits(1)).toEqual([]);
      expect(await store.listEvents(1)).toHaveLength(1);
    });

    it('lists only the ticket\'s own visits', async () => {
      const store = fixture.store;
      await createTicket(store, { status: 'in_progress' });
      await createTicket(store, { status: 'in_progress' });
      await store.updateTicket({ id: 2 }, planVisit(FIRST, at('11-04 12:00')), { actor: 'sun', now: at('11-04 12:00') });
      expect(await store.listVisits(1)).toEqual([]);
      expect((await store.listVisits(2)).map((v) => v.ticket_id)).toEqual([2]);
    });
  });
}
