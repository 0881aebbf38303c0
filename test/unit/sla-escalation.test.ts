// Escalation tiers of sla.yaml: where each lies on a ticket's way to its resolution deadline, which
// a ticket has reached, who they tell, and how the file's tiers are checked.
import { describe, expect, it } from 'vitest';
import { planTierEscalation } from '../../src/domain/escalations.js';
import { TeamDirectory } from '../../src/domain/vocabulary.js';
import { tierReachedAt, tierRecipient, tiersToEscalate } from '../../src/sla/escalation.js';
import { compileSla } from '../../src/sla/targets.js';
import { readTierPoint } from '../../src/sla/tier-point.js';
import { loadExampleSla, problemsOf, withLines } from './sla-yaml.js';
import { ticketWith } from './ticket-factory.js';

const sla = compileSla(loadExampleSla(), 'UTC');
// Shanghai office hours 09:00-12:00 and 13:30-18:00; Friday 27 November 2026.
const local = (text: string) => Date.parse(`2026-${text}:00+08:00`);
// A normal ticket logged Friday 09:00: 24 business hours to resolve, due Wednesday 2 December 10:30.
const ticket = (fields: Parameters<typeof ticketWith>[0] = {}) =>
  ticketWith({ status: 'in_progress', team: 'desktop', urgency: 'normal', created_at: local('11-27T09:00'), resolve_due_at: local('12-02T10:30'), ...fields });

describe('the tiers of the example sla.yaml', () => {
  it('are read in order, numbered from 1', () => {
    expect(sla.escalation.map((t) => [t.tier, t.at, t.tell])).toEqual([[1, '80%', 'supervisor'], [2, 'breach', 'desk-supervisor'], [3, 'breach+1d', 'head-of-service']]);
  });

  it.each([
    // 80% of 24 business hours is 19.2 h = 19 h 12 min after Friday 09:00: Fri 7.5 h, Mon 7.5 h, Tue 4 h 12 min → 13:30 + 1 h 12 min.
    { tier: 1, ticket: {}, at: local('12-01T14:42') },
    { tier: 2, ticket: {}, at: local('12-02T10:30') },
    { tier: 3, ticket: {}, at: local('12-03T10:30') },
    // Two business hours spent pending moved the deadline; the share counts without them and adds them back.
    { tier: 1, ticket: { paused_ms: 2 * 3_600_000, resolve_due_at: local('12-02T14:00') }, at: local('12-01T16:42') },
    // A reopened ticket counts its new resolution from the reopen.
    { tier: 1, ticket: { reopened_at: local('12-01T09:00'), resolve_due_at: local('12-04T10:30') }, at: local('12-03T14:42') },
    { tier: 1, ticket: { resolve_due_at: null }, at: null },
  ])('tier $tier of a ticket $ticket is reached at $at', ({ tier, ticket: fields, at }) => {
    expect(tierReachedAt(sla, ticket(fields), sla.escalation[tier - 1]!)).toBe(at);
  });

  it.each([
    { now: local('12-01T14:41'), recorded: 0, status: 'in_progress', reached: [] },
    { now: local('12-01T14:42'), recorded: 0, status: 'in_progress', reached: [1] },
    { now: local('12-04T11:00'), recorded: 0, status: 'in_progress', reached: [1, 2, 3] },
    { now: local('12-04T11:00'), recorded: 2, status: 'dispatched', reached: [3] },
    { now: local('12-04T11:00'), recorded: 3, status: 'in_progress', reached: [] },
    // The clock stands while pending, and a resolved ticket has met or missed its deadline for good.
    { now: local('12-04T11:00'), recorded: 0, status: 'pending', reached: [] },
    { now: local('12-04T11:00'), recorded: 0, status: 'resolved', reached: [] },
  ] as const)('at $now with $recorded recorded, a $status ticket reaches $reached', ({ now, recorded, status, reached }) => {
    expect(tiersToEscalate(sla, sla.escalation, ticket({ escalation_tier: recorded, status }), now).map((r) => r.tier.tier)).toEqual(reached);
  });

  it.each([
    { tell: 'supervisor', team: 'desktop', to: 'zhao' },
    { tell: 'supervisor', team: null, to: 'chen' },
    { tell: 'desk-supervisor', team: 'desktop', to: 'chen' },
    { tell: 'head-of-service', team: 'desktop', to: 'head-of-service' },
  ])('"$tell" of a $team ticket tells $to', ({ tell, team, to }) => {
    const teams = new TeamDirectory([{ key: 'desktop', name: 'Desktop', supervisor: 'zhao', members: ['sun'] }], 'chen');
    expect(tierRecipient({ tier: 1, at: '80%', point: { share: 0.8 }, tell }, { team }, teams)).toBe(to);
  });
});

describe('the escalation a tier makes', () => {
  it('records the tier once, with who it tells', () => {
    const change = planTierEscalation({ tier: 2, at: 'breach' }, 'chen')(ticket({ escalation_tier: 1 }))!;
    expect(change).toEqual({
      kind: 'escalate',
      patch: { escalated: true, escalation_reason: 'tier 2 (breach): chen told', escalation_tier: 2 },
      reason: 'tier 2 (breach): chen told',
      escalation: { tier: 2, at: 'breach', to: 'chen' },
    });
    expect(planTierEscalation({ tier: 2, at: 'breach' }, 'chen')(ticket({ escalation_tier: 2 }))).toBeNull();
    expect(planTierEscalation({ tier: 2, at: 'breach' }, 'chen')(ticket({ status: 'pending' }))).toBeNull();
  });
});

describe('a tier as the file writes it', () => {
  it.each([
    { text: '80%', point: { share: 0.8 } },
    { text: 'breach', point: { after: null } },
    { text: 'breach+1d', point: { after: { workingDays: 1, ms: 0 } } },
    { text: 'Breach + 2h', point: { after: { workingDays: 0, ms: 7_200_000 } } },
    { text: '0%', point: '"0%": give a share from 1% to 99% of the resolve time, or "breach"' },
    { text: '120%', point: '"120%" is not a tier: write a share of the resolve time (80%), "breach", or a time after it (breach+1d)' },
    { text: 'breach+soon', point: '"breach+soon": after "breach+" write a number with a unit: 10m, 2h, 1h30m, or 1d for one working day' },
  ])('"$text"', ({ text, point }) => {
    expect(readTierPoint(text)).toEqual(point);
  });

  it.each([
    { tiers: ['  - { at: 50%, tell: supervisor }', '  - { at: 40%, tell: chen }'], report: '16:11: escalation.1.at: "40%" comes no later than the tier before it ("50%"): list the tiers in the order a ticket reaches them' },
    { tiers: ['  - { at: breach, tell: chen }', '  - { at: 90%, tell: chen }'], report: '16:11: escalation.1.at: "90%" comes no later than the tier before it ("breach"): list the tiers in the order a ticket reaches them' },
    { tiers: ['  - { at: soon, tell: chen }'], report: '15:11: escalation.0.at: "soon" is not a tier: write a share of the resolve time (80%), "breach", or a time after it (breach+1d)' },
    { tiers: ['  - { at: breach }'], report: expect.stringMatching(/^15:5: escalation\.0\.tell: /) },
  ])('refuses $tiers', ({ tiers, report }) => {
    const text = `${withLines({})}escalation:\n${tiers.join('\n')}\n`;
    expect(problemsOf(text)).toEqual([report]);
  });
});
