// Links between tickets: stored once, read from both ends, written with both tickets' changes in
// one transaction (src/domain/links.ts decides; the store keeps what it decided).
import { describe, expect, it } from 'vitest';
import { planLink, planMerge, planUnlink, type PairPlan } from '../../src/domain/links.js';
import type { Store } from '../../src/store/store.js';
import { at, logTicket } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';
import { rejected } from '../unit/thrown.js';

export function describeLinkCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  async function threeTickets(store: Store): Promise<void> {
    await logTicket(store, { created_at: at('11-02 09:00'), title: 'Water cut on Elm St' });
    await logTicket(store, { created_at: at('11-02 09:30'), title: 'No water at no. 5' });
    await logTicket(store, { created_at: at('11-02 09:40'), title: 'Low pressure' });
  }
  const pair = (store: Store, a: number, b: number, plan: PairPlan, now: number, actor = 'li') => store.updatePair({ id: a }, { id: b }, plan, { actor, now });
  const linksOf = async (store: Store, id: number) => (await store.listLinks(id)).map((l) => [l.as, l.ticket.id, l.linked_at, l.linked_by]);

  describe('updatePair and listLinks', () => {
    it('keeps one link a pair, read from both ends in the order they were made', async () => {
      const store = fixture.store;
      await threeTickets(store);
      await pair(store, 1, 2, planLink('parent'), at('11-02 10:00'));
      await pair(store, 3, 1, planLink('related'), at('11-02 10:05'), 'sun');
      expect(await linksOf(store, 1)).toEqual([['parent_of', 2, at('11-02 10:00'), 'li'], ['related', 3, at('11-02 10:05'), 'sun']]);
      expect(await linksOf(store, 2)).toEqual([['child_of', 1, at('11-02 10:00'), 'li']]);
      // The same pair the other way round replaces the link.
      const result = await pair(store, 2, 1, planLink('parent'), at('11-02 10:10'));
      expect(result.link).toEqual({ set: 'parent', from: 'first' });
      expect(await linksOf(store, 1)).toEqual([['related', 3, at('11-02 10:05'), 'sun'], ['child_of', 2, at('11-02 10:10'), 'li']]);
      expect((await store.readTable('links', null, 10)).rows).toEqual([
        { from_id: 2, to_id: 1, kind: 'parent', linked_at: at('11-02 10:10'), linked_by: 'li' },
        { from_id: 3, to_id: 1, kind: 'related', linked_at: at('11-02 10:05'), linked_by: 'sun' },
      ]);
      await pair(store, 1, 3, planUnlink(undefined), at('11-02 10:15'));
      expect(await linksOf(store, 3)).toEqual([]);
      expect((await store.listEvents(3)).map((e) => [e.kind, e.data.link])).toEqual([['create', undefined], ['link', { ticket: 'SD-202611-00001', as: 'related' }], ['unlink', { ticket: 'SD-202611-00001', as: 'related' }]]);
    });

    it('writes both tickets\' changes and the link, or nothing', async () => {
      const store = fixture.store;
      await threeTickets(store);
      const result = await pair(store, 2, 1, planMerge('Same main', at('11-02 10:00')), at('11-02 10:00'));
      expect([result.first.ticket.status, result.first.ticket.closed_at, result.first.ticket.version]).toEqual(['merged', at('11-02 10:00'), 2]);
      expect([result.second.ticket.status, result.second.ticket.version]).toEqual(['new', 2]);
      expect(result.first.changes).toEqual({ status: ['new', 'merged'], closed_at: [null, at('11-02 10:00')] });
      expect(await linksOf(store, 1)).toEqual([['merged_from', 2, at('11-02 10:00'), 'li']]);
      expect((await store.listEvents(1)).map((e) => [e.kind, e.actor, e.data.text, e.data.link])).toEqual([
        ['create', 'li', undefined, undefined],
        ['note', 'li', 'Same main', { ticket: 'SD-202611-00002', as: 'merged_from' }],
      ]);

      // A write that fails at the second ticket, after the first was written, leaves both and the links as they were.
      const failing: PairPlan = async (a, b, link, tools) => {
        const decided = await planLink('related')(a, b, link, tools);
        return { ...decided, second: { kind: 'note', patch: { no_such_field: 1 } as never } };
      };
      expect((await rejected(() => pair(store, 3, 1, failing, at('11-02 10:05')))).message).toBe('patch writes unknown field no_such_field');
      expect(await linksOf(store, 3)).toEqual([]);
      expect([(await store.getTicket({ id: 3 })).version, (await store.listEvents(3)).length]).toEqual([1, 1]);
      expect((await store.getTicket({ id: 1 })).version).toBe(2);
    });
  });
}
