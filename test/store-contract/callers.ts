// Callers: every write keeps the keys of the requester and contact (src/domain/caller.ts) that
// desk caller, --requester/--contact and the repeat-call rate find a caller's tickets by.
import { describe, expect, it } from 'vitest';
import { HOUR, at, createTicket } from './fixtures.js';

const DAY = 24 * HOUR;
import { useStore, type StoreHarness } from './harness.js';

const LIST = { sort: { field: 'created_at' as const, descending: true }, limit: 50 };

export function describeCallerCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  describe('callerFacts', () => {
    it("counts a caller's tickets however the contact was written, and lists them open first, then the newest", async () => {
      const store = fixture.store;
      await createTicket(store, { requester: 'Wang Fang', contact: '138 1234 5678', created_at: at('10-01 09:00'), status: 'closed', type: 'complaint', satisfaction: 4, closed_at: at('10-02 09:00') });
      await createTicket(store, { requester: 'wang  fang', contact: '+86 138-1234-5678', created_at: at('11-01 09:00') });
      await createTicket(store, { requester: 'Wang Fang', contact: '13812345678', created_at: at('11-02 09:00'), status: 'resolved', satisfaction: 2 });
      await createTicket(store, { requester: 'Wang Fang', contact: 'wang.fang@example.com', created_at: at('11-03 09:00') });
      await createTicket(store, { requester: 'Li Lei', contact: '13900000000', created_at: at('11-03 10:00') });
      const facts = await store.callerFacts({ by: 'contact', key: '13812345678', since: at('10-15 00:00'), limit: 10 });
      expect({ ...facts, tickets: facts.tickets.map((t) => t.id) }).toEqual({
        total: 3, open: 1, complaints: 1, recent: 2, satisfaction_sum: 6, rated: 2,
        requesters: ['Wang Fang', 'wang  fang'], contacts: ['13812345678'], tickets: [2, 3, 1],
      });
      const byName = await store.callerFacts({ by: 'requester', key: 'wangfang', since: at('11-03 00:00'), limit: 2 });
      expect({ ...byName, tickets: byName.tickets.map((t) => t.id) }).toEqual({
        total: 4, open: 2, complaints: 1, recent: 1, satisfaction_sum: 6, rated: 2,
        requesters: ['Wang Fang', 'wang  fang'], contacts: ['wang.fang@example.com', '13812345678'], tickets: [4, 2],
      });
      expect((await store.listTickets({ ...LIST, contactKey: '13812345678', statuses: ['new'] })).map((t) => t.id)).toEqual([2]);
      expect((await store.listTickets({ ...LIST, requesterKey: 'lilei' })).map((t) => t.id)).toEqual([5]);
      // The keys index the tickets; they are no field of them.
      expect(Object.keys(facts.tickets[0]!)).not.toContain('contact_key');
    });

    it('loses a ticket whose requester was redacted', async () => {
      const store = fixture.store;
      await createTicket(store, { requester: 'Wang Fang', contact: '13812345678' });
      await createTicket(store, { requester: 'Wang Fang', contact: '13812345678', created_at: at('11-04 09:00') });
      await store.redactTicket({ id: 1 }, 'privacy request', { actor: 'chen', now: at('11-20 09:00') });
      expect((await store.callerFacts({ by: 'contact', key: '13812345678', since: 0, limit: 10 })).tickets.map((t) => t.id)).toEqual([2]);
      expect((await store.listTickets({ ...LIST, requesterKey: 'wangfang' })).map((t) => t.id)).toEqual([2]);
    });
  });

  describe('repeatCallFacts', () => {
    it('counts the tickets whose caller had one of the same category within the window before', async () => {
      const store = fixture.store;
      await createTicket(store, { contact: '13812345678', category: 'road', created_at: at('10-30 09:00') });
      await createTicket(store, { contact: '138 1234 5678', category: 'road', created_at: at('11-02 09:00') }); // repeat
      await createTicket(store, { contact: '13812345678', category: 'road', created_at: at('11-02 09:00') }); // repeat: same instant, later id
      await createTicket(store, { contact: '13812345678', category: 'water', created_at: at('11-03 09:00') });
      await createTicket(store, { contact: null, category: 'road', created_at: at('11-04 09:00') });
      await createTicket(store, { contact: '13812345678', category: 'road', created_at: at('11-20 09:00') }); // 18 days on
      const november = { start: at('11-01 00:00'), end: at('12-01 00:00'), window: 7 * DAY };
      expect(await store.repeatCallFacts(november)).toEqual({ tickets: 4, repeats: 2 });
      expect(await store.repeatCallFacts({ ...november, window: 20 * DAY })).toEqual({ tickets: 4, repeats: 3 });
    });
  });
}
