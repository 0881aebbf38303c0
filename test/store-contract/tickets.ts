// Creating, reading and changing tickets: numbering, the audit trail, plans applied in the write's
// transaction, the version guard, and writes of many tickets that change all or none.
import { describe, expect, it } from 'vitest';
import { planRuleClassify, planRuleDispatch } from '../../src/app/routing.js';
import { ConflictError, InvalidTransitionError, NotFoundError, UsageError } from '../../src/domain/errors.js';
import {
  expectVersion, planAssign, planClassify, planClose, planDispatch, planEscalate, planNote, planPending, planReopen,
  planResolve, planRespond, planResume, planUpdate, type Plan,
} from '../../src/domain/lifecycle.js';
import type { TicketRef } from '../../src/domain/numbering.js';
import type { EventData } from '../../src/domain/ticket.js';
import { RuleEngine } from '../../src/rules/engine.js';
import { act, at, bare, createOptions, createTicket, logTicket, newTicket, numberOf, rejection, ROUTING, TEAMS } from './fixtures.js';
import { useStore, type StoreHarness } from './harness.js';

/** Rules that decide nothing for any ticket. */
const NO_RULES = new RuleEngine({ classify: [], dispatch: [] });

const LIST_ALL = { sort: { field: 'created_at', descending: false }, limit: 100 } as const;

export function describeTicketCases(harness: StoreHarness): void {
  const fixture = useStore(harness);

  describe('createTicket', () => {
    it('numbers tickets from their monthly sequence and ids from 1 in creation order', async () => {
      const store = fixture.store;
      const created = [];
      for (const time of ['11-03 09:00', '11-03 09:10', '11-04 10:00', '12-01 08:00', '11-30 23:59']) {
        created.push(await createTicket(store, { created_at: at(time) }));
      }
      expect(created.map((t) => [t.id, t.number])).toEqual([
        [1, 'SD-202611-00001'],
        [2, 'SD-202611-00002'],
        [3, 'SD-202611-00003'],
        [4, 'SD-202612-00001'],
        [5, 'SD-202611-00004'],
      ]);
    });

    it('writes the number its formatter makes of the sequence and value', async () => {
      const store = fixture.store;
      const options = { ...createOptions(at('11-03 09:00')), sequence: 'HD-2611', formatNumber: (sequence: string, value: number) => `${sequence}/${value}` };
      const first = await store.createTicket(newTicket(), options);
      const second = await store.createTicket(newTicket(), options);
      expect([first.number, second.number]).toEqual(['HD-2611/1', 'HD-2611/2']);
    });

    it('keeps every field as given, and reads it back the same', async () => {
      const store = fixture.store;
      const fields = newTicket({
        external_id: 'CRM-881', created_at: at('11-03 09:00'), channel: 'email', requester: '王芳', department: 'Finance',
        contact: 'wang.fang@example.com', title: '报表系统无法登录', description: 'Line one\n  line two\twith a tab', occurred_at: at('11-03 08:40'),
        impact: 'department', type: 'fault', category: 'software/erp/login', urgency: 'urgent', status: 'closed', team: 'desktop',
        collaborators: ['network', 'service-desk'], assignee: 'sun', classified_by: 'printer,manual', manual_fields: ['urgency', 'type'],
        dispatched_by: 'hardware', first_response_at: at('11-03 09:05'), dispatched_at: at('11-03 09:02'), resolved_at: at('11-03 11:00'),
        closed_at: at('11-04 10:00'), response_due_at: at('11-03 09:10'), dispatch_due_at: at('11-03 09:30'), resolve_due_at: at('11-03 13:00'),
        escalated: true, escalation_reason: 'Vendor needed', solution: 'Reset the password', steps: 'Checked the directory', remaining: 'None',
        satisfaction: 4, callback_at: at('11-04 10:05'), callback_note: 'Fine now', reopen_count: 2, paused_at: at('11-03 10:40'), paused_ms: 600_000,
        response_met: true, dispatch_met: true, resolve_met: false, update_met: false, rated_at: at('11-04 10:05'), reopened_at: at('11-03 10:00'),
        cycle_paused_ms: 300_000, response_business_ms: 300_000, resolve_business_ms: 7_200_000, last_update_at: at('11-03 10:30'),
        update_due_at: at('11-03 14:30'), eta_at: at('11-03 12:00'),
      });
      const created = await store.createTicket(fields, createOptions(at('11-04 11:00'), 'wang'));
      const expected = { ...fields, id: 1, number: 'SD-202611-00001', version: 1, updated_at: at('11-04 11:00'), updated_by: 'wang' };
      expect(created).toEqual(expected);
      expect(await store.getTicket({ id: 1 })).toEqual(expected);
    });

    it('starts the trail with a create event of the fields given, at the time of the write', async () => {
      const store = fixture.store;
      const ticket = await createTicket(store, { title: 'Printer jams', requester: 'Li Lei', contact: '13812345678' }, { now: at('11-03 09:30'), actor: 'wang' });
      expect(await store.listEvents(ticket.id)).toEqual([
        {
          id: expect.any(Number), ticket_id: 1, at: at('11-03 09:30'), actor: 'wang', kind: 'create',
          data: {
            changes: {
              created_at: [null, at('11-03 09:00')], channel: [null, 'phone'], requester: [null, 'Li Lei'], contact: [null, '13812345678'],
              title: [null, 'Printer jams'], urgency: [null, 'normal'], status: [null, 'new'],
            },
          },
        },
      ]);
    });

    it('applies the plans after the create in order, each with its own event and version', async () => {
      const store = fixture.store;
      const now = at('11-03 09:00');
      const ticket = await createTicket(store, {}, { afterCreate: [planClassify({ type: 'fault', category: 'hardware/printer' }), planDispatch({ team: 'desktop', agent: 'sun' }, TEAMS, now)] });
      expect(ticket).toMatchObject({
        type: 'fault', category: 'hardware/printer', classified_by: 'manual', manual_fields: ['type', 'category'],
        status: 'dispatched', team: 'desktop', assignee: 'sun', dispatched_by: 'manual', dispatched_at: now, version: 3,
      });
      const events = await store.listEvents(ticket.id);
      expect(events.map((e) => [e.kind, e.data.changes])).toEqual([
        ['create', expect.any(Object)],
        ['classify', { classified_by: [null, 'manual'], type: [null, 'fault'], category: [null, 'hardware/printer'], manual_fields: [[], ['type', 'category']] }],
        ['dispatch', { status: ['new', 'dispatched'], team: [null, 'desktop'], assignee: [null, 'sun'], dispatched_by: [null, 'manual'], dispatched_at: [null, now] }],
      ]);
      expect(await store.getTicket({ id: ticket.id })).toEqual(ticket);
    });

    it('writes nothing, not even a number, when a plan after the create refuses', async () => {
      const store = fixture.store;
      const now = at('11-03 09:00');
      const error = await rejection(createTicket(store, {}, { afterCreate: [planDispatch({ team: 'desktop' }, TEAMS, now), planResume()] }));
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect(await store.listTickets(LIST_ALL)).toEqual([]);
      expect((await createTicket(store)).number).toBe('SD-202611-00001');
    });

    it('adds no event for a plan after the create that finds nothing to change', async () => {
      const store = fixture.store;
      const ticket = await createTicket(store, {}, { afterCreate: [planRuleClassify(NO_RULES, false)] });
      expect(ticket.version).toBe(1);
      expect((await store.listEvents(ticket.id)).map((e) => e.kind)).toEqual(['create']);
    });

    it('refuses an external id another ticket has, writing nothing', async () => {
      const store = fixture.store;
      await createTicket(store, { external_id: 'CRM-7' });
      const error = await rejection(createTicket(store, { external_id: 'CRM-7', title: 'Again' }));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toBe('external id CRM-7 is already ticket SD-202611-00001');
      expect((await store.listTickets(LIST_ALL)).map((t) => t.title)).toEqual(['Printer jams']);
      expect((await createTicket(store, { external_id: 'CRM-8' })).number).toBe('SD-202611-00002');
    });

    it('answers round-robin plans from a rotation that each create moves on', async () => {
      const store = fixture.store;
      const now = at('11-03 09:00');
      const assignees = [];
      for (let i = 0; i < 3; i++) {
        const ticket = await logTicket(store, { title: `Printer ${i} jams` }, { afterCreate: [planRuleClassify(ROUTING, false), planRuleDispatch(ROUTING, TEAMS, now)] });
        assignees.push([ticket.team, ticket.assignee, ticket.dispatched_by]);
      }
      expect(assignees).toEqual([
        ['desktop', 'sun', 'hardware'],
        ['desktop', 'zhou', 'hardware'],
        ['desktop', 'sun', 'hardware'],
      ]);
      const dispatch = (await store.listEvents(1)).find((e) => e.kind === 'dispatch');
      expect(dispatch?.data.rules).toEqual({ team: 'hardware', assignee: 'hardware' });
    });

    it('answers least-loaded plans with the open tickets each agent has', async () => {
      const store = fixture.store;
      const now = at('11-03 09:00');
      const network = { category: 'network/vpn', title: 'VPN drops' };
      await createTicket(store, { ...network, status: 'in_progress', team: 'network', assignee: 'wu' });
      await createTicket(store, { ...network, status: 'closed', team: 'network', assignee: 'zheng' });
      await createTicket(store, { ...network, status: 'closed', team: 'network', assignee: 'zheng' });
      const dispatch = [planRuleDispatch(ROUTING, TEAMS, now)];
      const first = await createTicket(store, network, { afterCreate: dispatch });
      const second = await createTicket(store, network, { afterCreate: dispatch });
      const third = await createTicket(store, network, { afterCreate: dispatch });
      // wu 1 open, zheng 0 → zheng; then 1 each → wu, listed first; then wu 2, zheng 1 → zheng.
      expect([first.assignee, second.assignee, third.assignee]).toEqual(['zheng', 'wu', 'zheng']);
    });
  });

  describe('getTicket', () => {
    it.each<{ ref: TicketRef; number: string }>([
      { ref: { id: 2 }, number: 'SD-202611-00002' },
      { ref: { number: 'SD-202611-00003' }, number: 'SD-202611-00003' },
      { ref: { number: 'SD-202610-00001' }, number: 'SD-202610-00001' },
    ])('finds $ref', async ({ ref, number }) => {
      const store = fixture.store;
      for (const time of ['11-03 09:00', '11-03 09:10', '11-03 09:20', '10-31 18:00']) await createTicket(store, { created_at: at(time) });
      expect((await store.getTicket(ref)).number).toBe(number);
    });

    it.each<{ ref: TicketRef; message: string }>([
      { ref: { id: 3 }, message: 'no ticket #3' },
      { ref: { number: 'SD-202611-00003' }, message: 'no ticket SD-202611-00003' },
      { ref: { number: 'sd-202611-00001' }, message: 'no ticket sd-202611-00001' },
    ])('gives NotFoundError for $ref', async ({ ref, message }) => {
      const store = fixture.store;
      await createTicket(store);
      await createTicket(store);
      const error = await rejection(store.getTicket(ref));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toBe(message);
    });

    // #1 SD-202611-00001, #2 SD-202610-00001, #3 SD-202611-00002, #4 SD-202611-00009 (a number of its own).
    async function bareRefTickets() {
      const store = fixture.store;
      await createTicket(store, { created_at: at('11-02 09:00') });
      await createTicket(store, { created_at: at('10-30 09:00') });
      await createTicket(store, { created_at: at('11-02 10:00') });
      await store.createTicket(newTicket({ created_at: at('11-02 11:00') }), { ...createOptions(at('11-02 11:00')), formatNumber: (sequence) => numberOf(sequence, 9) });
      return store;
    }

    it.each([
      { case: 'the id and this month\'s number are the same ticket', bare: 1, id: 1 },
      { case: 'only the id exists', bare: 3, id: 3 },
      { case: 'only the id exists, the ticket numbered otherwise', bare: 4, id: 4 },
      { case: 'only this month\'s number exists', bare: 9, id: 4 },
    ])('takes a bare integer when $case', async ({ bare: value, id }) => {
      const store = await bareRefTickets();
      expect((await store.getTicket(bare(value))).id).toBe(id);
    });

    it('refuses a bare integer whose id and number are different tickets', async () => {
      const store = await bareRefTickets();
      const error = await rejection(store.getTicket(bare(2)));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toBe('ticket 2 is ambiguous: id 2 is SD-202610-00001, number 2 of this month is SD-202611-00002');
    });

    it('gives NotFoundError for a bare integer that is neither', async () => {
      const store = await bareRefTickets();
      const error = await rejection(store.getTicket(bare(8)));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toBe('no ticket 8');
    });
  });

  describe('updateTicket', () => {
    const NOW = at('11-03 10:00');

    it('applies the plan and returns the ticket, the change and the changes', async () => {
      const store = fixture.store;
      await createTicket(store);
      const result = await store.updateTicket({ id: 1 }, planAssign('sun', TEAMS, NOW), { actor: 'li', now: NOW });
      const changes = { assignee: [null, 'sun'], team: [null, 'desktop'], status: ['new', 'dispatched'], dispatched_by: [null, 'manual'], dispatched_at: [null, NOW] };
      expect(result.ticket).toEqual({
        ...newTicket(), id: 1, number: 'SD-202611-00001', assignee: 'sun', team: 'desktop', status: 'dispatched',
        dispatched_by: 'manual', dispatched_at: NOW, version: 2, updated_at: NOW, updated_by: 'li',
      });
      expect(result.change?.kind).toBe('assign');
      expect(result.changes).toEqual(changes);
      expect(await store.getTicket({ id: 1 })).toEqual(result.ticket);
      expect((await store.listEvents(1))[1]).toEqual({ id: expect.any(Number), ticket_id: 1, at: NOW, actor: 'li', kind: 'assign', data: { changes } });
    });

    const working = { status: 'dispatched', team: 'desktop', assignee: 'sun', dispatched_by: 'manual', dispatched_at: at('11-03 09:00') } as const;
    const eta = at('11-04 12:00');
    it.each<{ action: string; plan: Plan; kind: string; data: EventData }>([
      { action: 'a note', plan: planNote('Called the requester'), kind: 'note', data: { changes: {}, text: 'Called the requester' } },
      {
        action: 'a response', plan: planRespond('On my way', NOW), kind: 'respond',
        data: { changes: { first_response_at: [null, NOW], status: ['dispatched', 'in_progress'] }, text: 'On my way' },
      },
      {
        action: 'a pending request', plan: planPending('Waiting for parts', NOW), kind: 'pending',
        data: { changes: { status: ['dispatched', 'pending'], first_response_at: [null, NOW] }, reason: 'Waiting for parts' },
      },
      {
        action: 'an escalation', plan: planEscalate('Vendor needed'), kind: 'escalate',
        data: { changes: { escalated: [false, true], escalation_reason: [null, 'Vendor needed'] }, reason: 'Vendor needed' },
      },
      {
        action: 'a resolution', plan: planResolve({ solution: 'Replaced the roller', steps: 'Opened the tray' }, NOW), kind: 'resolve',
        data: { changes: { status: ['dispatched', 'resolved'], resolved_at: [null, NOW], solution: [null, 'Replaced the roller'], first_response_at: [null, NOW], steps: [null, 'Opened the tray'] } },
      },
      {
        action: 'a progress update', plan: planUpdate('Parts ordered', eta, NOW), kind: 'update',
        data: { changes: { first_response_at: [null, NOW], status: ['dispatched', 'in_progress'], last_update_at: [null, NOW], eta_at: [null, eta] }, text: 'Parts ordered', eta, on_time: null },
      },
      {
        action: 'a classification', plan: planClassify({ urgency: 'urgent' }), kind: 'classify',
        data: { changes: { classified_by: [null, 'manual'], urgency: ['normal', 'urgent'], manual_fields: [[], ['urgency']] } },
      },
    ])('records $action in the trail with what it changed and said', async ({ plan, kind, data }) => {
      const store = fixture.store;
      await createTicket(store, working);
      await store.updateTicket({ id: 1 }, plan, { actor: 'sun', now: NOW });
      const events = await store.listEvents(1);
      expect(events).toHaveLength(2);
      expect(events[1]).toEqual({ id: expect.any(Number), ticket_id: 1, at: NOW, actor: 'sun', kind, data });
    });

    it('records a reopen with its reason', async () => {
      const store = fixture.store;
      await createTicket(store, { ...working, status: 'resolved', resolved_at: at('11-03 09:30'), solution: 'Reset', satisfaction: 2, rated_at: at('11-03 09:40') });
      const result = await store.updateTicket({ id: 1 }, planReopen('Jams again', NOW), { actor: 'li', now: NOW });
      expect(result.ticket).toMatchObject({ status: 'reopened', reopen_count: 1, reopened_at: NOW, resolved_at: null, satisfaction: null, rated_at: null });
      expect((await store.listEvents(1))[1]?.data).toEqual({
        changes: { status: ['resolved', 'reopened'], reopen_count: [0, 1], reopened_at: [null, NOW], resolved_at: [at('11-03 09:30'), null], satisfaction: [2, null], rated_at: [at('11-03 09:40'), null] },
        reason: 'Jams again',
      });
    });

    it('counts every write in the version, and keeps who wrote last', async () => {
      const store = fixture.store;
      await createTicket(store, working);
      const versions = [];
      for (const [i, actor] of ['sun', 'zhou', 'li'].entries()) {
        versions.push((await store.updateTicket({ id: 1 }, planNote(`note ${i}`), { actor, now: NOW + i * 60_000 })).ticket.version);
      }
      expect(versions).toEqual([2, 3, 4]);
      expect(await store.getTicket({ id: 1 })).toMatchObject({ version: 4, updated_by: 'li', updated_at: NOW + 120_000 });
    });

    it('stops with ConflictError when the ticket changed since the version the caller saw, writing nothing', async () => {
      const store = fixture.store;
      await createTicket(store, working);
      await store.updateTicket({ id: 1 }, planNote('first'), { actor: 'zhou', now: NOW });
      const guarded = expectVersion(planEscalate('Vendor needed'), 1, (ms) => new Date(ms).toISOString());
      const error = await rejection(store.updateTicket({ id: 1 }, guarded, { actor: 'sun', now: NOW + 60_000 }));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toBe('SD-202611-00001 was changed by zhou at 2026-11-03T02:00:00.000Z (version 2, you had 1)');
      expect(await store.getTicket({ id: 1 })).toMatchObject({ version: 2, escalated: false, updated_by: 'zhou' });
      expect((await store.listEvents(1)).map((e) => e.kind)).toEqual(['create', 'note']);
    });

    it('applies a plan guarded by the current version', async () => {
      const store = fixture.store;
      await createTicket(store, working);
      const guarded = expectVersion(planEscalate('Vendor needed'), 1, (ms) => new Date(ms).toISOString());
      expect((await store.updateTicket({ id: 1 }, guarded, { actor: 'sun', now: NOW })).ticket).toMatchObject({ version: 2, escalated: true });
    });

    it('sees in the version guard a change made over another connection', async () => {
      const store = fixture.store;
      await createTicket(store, working);
      const seen = await store.getTicket({ id: 1 });
      const other = await fixture.again();
      await other.updateTicket({ id: 1 }, planNote('from the other desk'), { actor: 'zhou', now: NOW });
      const error = await rejection(store.updateTicket({ id: 1 }, expectVersion(planNote('mine'), seen.version, (ms) => new Date(ms).toISOString()), { actor: 'sun', now: NOW + 60_000 }));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toBe('SD-202611-00001 was changed by zhou at 2026-11-03T02:00:00.000Z (version 2, you had 1)');
      expect(await store.getTicket({ id: 1 })).toMatchObject({ version: 2, updated_by: 'zhou' });
    });

    it('applies each plan to the ticket as the other connections left it', async () => {
      const store = fixture.store;
      await createTicket(store, working);
      const other = await fixture.again();
      for (let i = 0; i < 4; i++) {
        const [writer, actor] = i % 2 === 0 ? [store, 'sun'] : [other, 'zhou'];
        await writer.updateTicket({ id: 1 }, planNote(`note ${i}`), { actor, now: NOW + i * 60_000 });
      }
      expect((await other.getTicket({ id: 1 })).version).toBe(5);
      expect((await store.listEvents(1)).slice(1).map((e) => [e.actor, e.data.text])).toEqual([
        ['sun', 'note 0'],
        ['zhou', 'note 1'],
        ['sun', 'note 2'],
        ['zhou', 'note 3'],
      ]);
    });

    it('writes nothing when the plan finds nothing to change', async () => {
      const store = fixture.store;
      const before = await createTicket(store, working);
      const result = await store.updateTicket({ id: 1 }, planRuleClassify(NO_RULES, false), { actor: 'sun', now: NOW });
      expect(result).toEqual({ ticket: before, change: null, changes: {} });
      expect(await store.getTicket({ id: 1 })).toEqual(before);
      expect((await store.listEvents(1)).map((e) => e.kind)).toEqual(['create']);
    });

    it('writes nothing when the plan refuses', async () => {
      const store = fixture.store;
      const before = await createTicket(store, working);
      const error = await rejection(store.updateTicket({ id: 1 }, planResume(), { actor: 'sun', now: NOW }));
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect(error.message).toBe('SD-202611-00001 is dispatched: only a pending ticket can resume');
      expect(await store.getTicket({ id: 1 })).toEqual(before);
      expect((await store.listEvents(1)).map((e) => e.kind)).toEqual(['create']);
    });

    it('rolls back what a refused plan asked of the store: the rotation stays where it was', async () => {
      const store = fixture.store;
      // Closed without an agent: the rules pick the next agent of the rotation, then the dispatch refuses.
      await createTicket(store, { title: 'Printer jams', category: 'hardware/printer', status: 'closed' });
      await createTicket(store, { title: 'Printer jams', category: 'hardware/printer' });
      const error = await rejection(store.updateTicket({ id: 1 }, planRuleDispatch(ROUTING, TEAMS, NOW), { actor: 'li', now: NOW }));
      expect(error).toBeInstanceOf(InvalidTransitionError);
      const result = await store.updateTicket({ id: 2 }, planRuleDispatch(ROUTING, TEAMS, NOW), { actor: 'li', now: NOW });
      expect(result.ticket.assignee).toBe('sun');
    });

    it.each<{ ref: TicketRef; message: string }>([
      { ref: { id: 2 }, message: 'no ticket #2' },
      { ref: { number: 'SD-202611-00002' }, message: 'no ticket SD-202611-00002' },
      { ref: bare(2), message: 'no ticket 2' },
    ])('gives NotFoundError for a missing ticket $ref', async ({ ref, message }) => {
      const store = fixture.store;
      await createTicket(store);
      const error = await rejection(store.updateTicket(ref, planNote('hello'), { actor: 'sun', now: NOW }));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toBe(message);
      expect((await store.listEvents(1)).map((e) => e.kind)).toEqual(['create']);
    });

    it('writes the deadlines the SLA clock found passed, but leaves them out of the event', async () => {
      const store = fixture.store;
      // Logged 09:00: response due 09:30, dispatch 11:00, update 13:00, resolution 17:00.
      await logTicket(store);
      const result = await act(store, { id: 1 }, planNote('Tried to call'), NOW);
      expect(result.ticket).toMatchObject({ response_met: false, dispatch_met: null, resolve_met: null, update_met: null, response_due_at: at('11-03 09:30') });
      expect(result.changes).toEqual({});
      expect((await store.listEvents(1))[1]?.data).toEqual({ changes: {}, text: 'Tried to call' });
    });

    it('keeps what the SLA clock writes from one change to the next: a pause moves the running deadlines', async () => {
      const store = fixture.store;
      // Logged 09:00: response due 09:30, dispatch 11:00, update 13:00, resolution 17:00.
      await logTicket(store);
      await act(store, { id: 1 }, planDispatch({ team: 'desktop', agent: 'sun' }, TEAMS, at('11-03 09:05')), at('11-03 09:05'), 'li');
      const paused = await act(store, { id: 1 }, planPending('Waiting for the requester', at('11-03 10:00')), at('11-03 10:00'));
      expect(paused.ticket).toMatchObject({ status: 'pending', paused_at: at('11-03 10:00'), first_response_at: at('11-03 10:00'), response_met: false, dispatch_met: true });
      const resumed = await act(store, { id: 1 }, planResume(), at('11-03 12:00'));
      expect(resumed.ticket).toMatchObject({
        status: 'in_progress', paused_at: null, paused_ms: 2 * 3_600_000, cycle_paused_ms: 2 * 3_600_000,
        resolve_due_at: at('11-03 19:00'), update_due_at: at('11-03 15:00'), response_due_at: at('11-03 09:30'), dispatch_due_at: at('11-03 11:00'), version: 4,
      });
      expect(await store.getTicket({ id: 1 })).toEqual(resumed.ticket);
    });

    it('records a notification the plan asks for as an event of its own after the change', async () => {
      const store = fixture.store;
      await createTicket(store, { title: 'Rude answer on the phone', type: 'complaint' });
      await store.updateTicket({ id: 1 }, planRuleDispatch(ROUTING, TEAMS, NOW), { actor: 'li', now: NOW });
      const events = await store.listEvents(1);
      expect(events.map((e) => e.kind)).toEqual(['create', 'dispatch', 'notify']);
      expect(events[2]).toMatchObject({ at: NOW, actor: 'li', data: { to: 'chen', team: 'service-desk', rules: { notify: 'complaints' } } });
      expect(await store.getTicket({ id: 1 })).toMatchObject({ team: 'service-desk', assignee: 'chen', dispatched_by: 'complaints', version: 2 });
    });

    it('closes at first contact in one write', async () => {
      const store = fixture.store;
      await createTicket(store);
      const result = await store.updateTicket({ id: 1 }, planClose({ solution: 'Restarted it', satisfaction: 5 }, NOW, 'li'), { actor: 'li', now: NOW });
      expect(result.ticket).toMatchObject({ status: 'closed', closed_at: NOW, resolved_at: NOW, first_response_at: NOW, assignee: 'li', solution: 'Restarted it', satisfaction: 5, rated_at: NOW, version: 2 });
    });
  });

  describe('updateTickets', () => {
    const NOW = at('11-03 10:00');
    const options = { actor: 'li', now: NOW };

    it('applies the plan to every ticket, in the order given', async () => {
      const store = fixture.store;
      for (let i = 0; i < 3; i++) await createTicket(store);
      const results = await store.updateTickets([{ id: 3 }, { number: 'SD-202611-00001' }, bare(2)], planAssign('sun', TEAMS, NOW), options);
      expect(results.map((r) => [r.ticket.id, r.ticket.assignee, r.ticket.version, r.change?.kind])).toEqual([
        [3, 'sun', 2, 'assign'],
        [1, 'sun', 2, 'assign'],
        [2, 'sun', 2, 'assign'],
      ]);
      for (const id of [1, 2, 3]) expect((await store.listEvents(id)).map((e) => e.kind)).toEqual(['create', 'assign']);
    });

    it('changes none of the tickets when the plan refuses one', async () => {
      const store = fixture.store;
      await createTicket(store);
      await createTicket(store, { status: 'closed', closed_at: at('11-03 09:30') });
      await createTicket(store);
      const error = await rejection(store.updateTickets([{ id: 1 }, { id: 2 }, { id: 3 }], planAssign('sun', TEAMS, NOW), options));
      expect(error).toBeInstanceOf(InvalidTransitionError);
      for (const id of [1, 2, 3]) {
        expect(await store.getTicket({ id })).toMatchObject({ assignee: null, version: 1 });
        expect(await store.listEvents(id)).toHaveLength(1);
      }
    });

    it('changes none of the tickets when one is missing', async () => {
      const store = fixture.store;
      await createTicket(store);
      const error = await rejection(store.updateTickets([{ id: 1 }, { id: 9 }], planNote('hello'), options));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(await store.getTicket({ id: 1 })).toMatchObject({ version: 1 });
      expect(await store.listEvents(1)).toHaveLength(1);
    });

    it('leaves alone, and says so, a ticket the plan finds nothing to change on', async () => {
      const store = fixture.store;
      await createTicket(store, { title: 'Printer jams' });
      await createTicket(store, { title: 'VPN drops' });
      const results = await store.updateTickets([{ id: 1 }, { id: 2 }], planRuleClassify(ROUTING, false), options);
      expect(results.map((r) => [r.ticket.type, r.change?.kind ?? null, r.ticket.version])).toEqual([
        ['fault', 'classify', 2],
        [null, null, 1],
      ]);
      expect(results[1]!.changes).toEqual({});
      expect(await store.listEvents(2)).toHaveLength(1);
    });

    it('gives no results for no tickets', async () => {
      expect(await fixture.store.updateTickets([], planNote('hello'), options)).toEqual([]);
    });
  });
}
