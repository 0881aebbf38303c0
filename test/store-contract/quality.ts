// Quality inspection's events through the Store interface: appended to a ticket's trail without
// changing the ticket, read back by instant or by ticket, decided on what stands inside the write.
import { expect, it } from 'vitest';
import type { QualityEventInput } from '../../src/domain/quality.js';
import { at, createTicket } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';

const sample = (ticketId: number, agent: string): QualityEventInput => ({ ticket_id: ticketId, kind: 'qa_sample', qa: { day: '2026-11-02', agent, seed: 's', per_agent: 20, roles: ['logged'] }, text: null });

export function describeQualityCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  it('appends the events to the trails, leaving the tickets as they were, and reads them back by instant and by ticket', async () => {
    const store = fixture.store;
    const one = await createTicket(store);
    const two = await createTicket(store);
    const result = await store.recordQuality({ since: 0 }, (events) => ({ events: [sample(one.id, 'li'), sample(two.id, 'wang')], result: events.length }), { actor: 'lin', now: at('11-03 09:00') });
    expect(result).toBe(0);
    await store.recordQuality(
      { ticketId: one.id },
      (events) => ({ events: [{ ticket_id: one.id, kind: 'qa_score', qa: { day: '2026-11-02', agent: 'li', items: { greeting: 'fail' }, score: 90, unqualified: true }, text: '没有问候语' }], result: events.map((e) => e.kind) }),
      { actor: 'lin', now: at('11-03 10:00') },
    );
    expect(await store.getTicket({ id: one.id })).toEqual(one);
    expect((await store.qualityEvents({ since: at('11-03 09:30') })).map((e) => [e.number, e.kind, e.actor, e.at, e.text])).toEqual([[one.number, 'qa_score', 'lin', at('11-03 10:00'), '没有问候语']]);
    expect((await store.qualityEvents({ ticketId: two.id })).map((e) => [e.kind, e.qa])).toEqual([['qa_sample', { day: '2026-11-02', agent: 'wang', seed: 's', per_agent: 20, roles: ['logged'] }]]);
    expect((await store.listEvents(one.id)).map((e) => e.kind)).toEqual(['create', 'qa_sample', 'qa_score']);
  });

  it('writes nothing when the decision refuses', async () => {
    const store = fixture.store;
    const one = await createTicket(store);
    const refusal = store.recordQuality({ since: 0 }, () => { throw new Error('a day has one sample'); }, { actor: 'lin', now: at('11-03 09:00') });
    await expect(refusal).rejects.toThrow('a day has one sample');
    expect(await store.qualityEvents({ ticketId: one.id })).toEqual([]);
  });

  it('decides on the events another connection recorded', async () => {
    const store = fixture.store;
    const one = await createTicket(store);
    const other = await fixture.again();
    await other.recordQuality({ since: 0 }, () => ({ events: [sample(one.id, 'li')], result: null }), { actor: 'chen', now: at('11-03 09:00') });
    const seen = await store.recordQuality({ since: 0 }, (events) => ({ events: [], result: events.map((e) => e.actor) }), { actor: 'lin', now: at('11-03 09:05') });
    expect(seen).toEqual(['chen']);
  });

  it("gives each ticket's logging, responses and resolutions of a window with the fields they changed", async () => {
    const store = fixture.store;
    const one = await createTicket(store, {}, { now: at('11-02 09:00'), actor: 'li' });
    await createTicket(store, {}, { now: at('11-03 09:00'), actor: 'wang' });
    const events = await store.handlingEvents({ start: at('11-02 00:00'), end: at('11-03 00:00') });
    expect(events.map((e) => [e.number, e.actor, e.kind])).toEqual([[one.number, 'li', 'create']]);
  });
}
