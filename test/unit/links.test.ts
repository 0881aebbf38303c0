import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, NotFoundError, UsageError } from '../../src/domain/errors.js';
import { parseLinkKind, planLink, planMerge, planUnlink, roleOf, type Link, type PairChange, type PairPlan, type PairTools } from '../../src/domain/links.js';
import type { Status, Ticket } from '../../src/domain/ticket.js';
import { rejected } from './thrown.js';
import { ticketWith } from './ticket-factory.js';

const NOW = Date.UTC(2026, 10, 27, 2, 0);
/** Tools of a desk whose tickets have no parents but those `above` names (ticket id → the ids above it). */
const toolsWith = (above: Record<number, number[]> = {}): PairTools => ({ ancestors: async (id: number) => above[id] ?? [] }) as unknown as PairTools;
const TOOLS = toolsWith();
const A = ticketWith({ id: 1, number: 'SD-202611-00001', status: 'in_progress' });
const B = ticketWith({ id: 2, number: 'SD-202611-00002', status: 'dispatched' });

const link = (from: Ticket, to: Ticket, kind: Link['kind']): Link => ({ from_id: from.id, to_id: to.id, kind, linked_at: NOW - 60_000, linked_by: 'li' });
const run = async (plan: PairPlan, first = A, second = B, existing: Link | null = null): Promise<PairChange> => plan(first, second, existing, TOOLS);

describe('roleOf', () => {
  it.each([
    { kind: 'related', id: 1, role: 'related' },
    { kind: 'related', id: 2, role: 'related' },
    { kind: 'duplicate', id: 2, role: 'duplicate' },
    { kind: 'parent', id: 1, role: 'parent_of' },
    { kind: 'parent', id: 2, role: 'child_of' },
    { kind: 'merged', id: 1, role: 'merged_into' },
    { kind: 'merged', id: 2, role: 'merged_from' },
  ] as const)('a $kind link from #1 to #2 is $role seen from #$id', ({ kind, id, role }) => {
    expect(roleOf({ from_id: 1, kind }, id)).toBe(role);
  });
});

describe('parseLinkKind', () => {
  it.each(['related', 'duplicate', 'parent', ' Parent '])('takes "%s"', (text) => {
    expect(parseLinkKind(text)).toBe(text.trim().toLowerCase());
  });

  it.each([
    { text: undefined, message: '--as is required: how are the tickets linked?' },
    { text: 'child', message: '--as: unknown link "child"' },
    { text: 'merged', message: '--as: unknown link "merged"' },
  ])('refuses $text naming the flag and what it takes', ({ text, message }) => {
    let error: unknown;
    try {
      parseLinkKind(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(message);
    expect((error as UsageError).hint).toBe('accepted: related, duplicate, parent (--as parent: the first ticket is the parent of the second)');
  });
});

describe('planLink', () => {
  it.each([
    {
      name: 'a new related link', kind: 'related', existing: null,
      first: { ticket: 'SD-202611-00002', as: 'related' }, second: { ticket: 'SD-202611-00001', as: 'related' }, write: { set: 'related', from: 'first' },
    },
    {
      name: 'the first as the parent', kind: 'parent', existing: null,
      first: { ticket: 'SD-202611-00002', as: 'parent_of' }, second: { ticket: 'SD-202611-00001', as: 'child_of' }, write: { set: 'parent', from: 'first' },
    },
    {
      name: 'a parent link turned round', kind: 'parent', existing: link(B, A, 'parent'),
      first: { ticket: 'SD-202611-00002', as: 'parent_of', was: 'child_of' }, second: { ticket: 'SD-202611-00001', as: 'child_of', was: 'parent_of' }, write: { set: 'parent', from: 'first' },
    },
    {
      name: 'a related link made a duplicate', kind: 'duplicate', existing: link(B, A, 'related'),
      first: { ticket: 'SD-202611-00002', as: 'duplicate', was: 'related' }, second: { ticket: 'SD-202611-00001', as: 'duplicate', was: 'related' }, write: { set: 'duplicate', from: 'first' },
    },
  ] as const)('$name: a link event on each ticket naming the other', async ({ kind, existing, first, second, write }) => {
    const change = await run(planLink(kind), A, B, existing);
    expect(change).toEqual({ first: { kind: 'link', patch: {}, link: first }, second: { kind: 'link', patch: {}, link: second }, link: write });
  });

  it.each([
    { name: 'the same related link, made from the other end', kind: 'related', existing: link(B, A, 'related') },
    { name: 'the same parent link', kind: 'parent', existing: link(A, B, 'parent') },
  ] as const)('$name changes nothing', async ({ kind, existing }) => {
    expect(await run(planLink(kind), A, B, existing)).toEqual({ first: null, second: null, link: null });
  });

  it('refuses a ticket linked with itself', async () => {
    const error = await rejected(() => run(planLink('related'), A, A));
    expect([error.constructor, error.message]).toEqual([UsageError, 'cannot link SD-202611-00001 with itself']);
  });

  it("refuses a parent link that would close a circle, and checks only a parent link", async () => {
    // B is A's parent's parent: A cannot become B's parent.
    const error = await rejected(() => planLink('parent')(A, B, null, toolsWith({ 1: [7, 2] })));
    expect([error.constructor, error.message]).toEqual([UsageError, 'SD-202611-00002 is above SD-202611-00001 already, by parent links: making it SD-202611-00001\'s child would close a circle']);
    expect((await planLink('related')(A, B, null, toolsWith({ 1: [7, 2] }))).link).toEqual({ set: 'related', from: 'first' });
    expect((await planLink('parent')(A, B, null, toolsWith({ 1: [7] }))).link).toEqual({ set: 'parent', from: 'first' });
  });

  it('keeps the link a merge made', async () => {
    const error = await rejected(() => run(planLink('related'), B, A, link(A, B, 'merged')));
    expect([error.constructor, error.message, error.hint]).toEqual([UsageError, 'SD-202611-00001 was merged into SD-202611-00002: that link stays', 'a merge is final; link other tickets instead']);
  });
});

describe('planUnlink', () => {
  it('removes the link, whatever its kind, with an unlink event on each ticket naming what it was', async () => {
    expect(await run(planUnlink(undefined), A, B, link(B, A, 'parent'))).toEqual({
      first: { kind: 'unlink', patch: {}, link: { ticket: 'SD-202611-00002', as: 'child_of' } },
      second: { kind: 'unlink', patch: {}, link: { ticket: 'SD-202611-00001', as: 'parent_of' } },
      link: { remove: true },
    });
  });

  it.each([
    { name: 'no link', kind: undefined, existing: null, message: 'SD-202611-00001 and SD-202611-00002 have no link' },
    { name: 'a link of another kind', kind: 'duplicate', existing: link(A, B, 'related'), message: 'SD-202611-00001 and SD-202611-00002 have no duplicate link' },
  ] as const)('is not found with $name (exit 3)', async ({ kind, existing, message }) => {
    const error = await rejected(() => run(planUnlink(kind), A, B, existing));
    expect([error.constructor, error.exitCode, error.message]).toEqual([NotFoundError, 3, message]);
  });

  it("refuses a parent link that would close a circle, and checks only a parent link", async () => {
    // B is A's parent's parent: A cannot become B's parent.
    const error = await rejected(() => planLink('parent')(A, B, null, toolsWith({ 1: [7, 2] })));
    expect([error.constructor, error.message]).toEqual([UsageError, 'SD-202611-00002 is above SD-202611-00001 already, by parent links: making it SD-202611-00001\'s child would close a circle']);
    expect((await planLink('related')(A, B, null, toolsWith({ 1: [7, 2] }))).link).toEqual({ set: 'related', from: 'first' });
    expect((await planLink('parent')(A, B, null, toolsWith({ 1: [7] }))).link).toEqual({ set: 'parent', from: 'first' });
  });

  it('keeps the link a merge made', async () => {
    const error = await rejected(() => run(planUnlink(undefined), A, B, link(A, B, 'merged')));
    expect(error.message).toBe('SD-202611-00001 was merged into SD-202611-00002: that link stays');
  });
});

describe('planMerge', () => {
  it('closes the first as merged, notes the reason on the second, and links them', async () => {
    expect(await run(planMerge('  Same burst main  ', NOW))).toEqual({
      first: { kind: 'merge', patch: { status: 'merged', closed_at: NOW }, reason: 'Same burst main', link: { ticket: 'SD-202611-00002', as: 'merged_into' } },
      second: { kind: 'note', patch: {}, text: 'Same burst main', link: { ticket: 'SD-202611-00001', as: 'merged_from' } },
      link: { set: 'merged', from: 'first' },
    });
  });

  // Which tickets may be merged: an open one (a repeat call as it comes in), into one that will still answer its caller.
  const MERGEABLE: Record<Status, boolean> = { new: true, dispatched: true, in_progress: true, pending: true, reopened: true, resolved: false, closed: false, merged: false };
  const TARGET: Record<Status, boolean> = { new: true, dispatched: true, in_progress: true, pending: true, reopened: true, resolved: true, closed: false, merged: false };
  const PAIRS = (Object.keys(MERGEABLE) as Status[]).flatMap((from) => (Object.keys(TARGET) as Status[]).map((into) => ({ from, into, allowed: MERGEABLE[from] && TARGET[into] })));

  it.each(PAIRS)('merging a $from ticket into a $into one: allowed $allowed', async ({ from, into, allowed }) => {
    const plan = () => run(planMerge('Same case', NOW), { ...A, status: from }, { ...B, status: into });
    if (allowed) expect((await plan()).first?.patch.status).toBe('merged');
    else expect(await rejected(plan)).toBeInstanceOf(InvalidTransitionError);
  });

  it.each([
    { name: 'into itself', first: A, second: A, message: 'cannot merge SD-202611-00001 into itself', hint: 'give --into the ticket that carries the case on' },
    {
      name: 'into a merged ticket', first: A, second: { ...B, status: 'merged' as const },
      message: 'SD-202611-00002 is itself merged: cannot merge SD-202611-00001 into a merged ticket',
      hint: 'merge into the ticket SD-202611-00002 was merged into (see `desk show SD-202611-00002`)',
    },
    {
      name: 'into a closed ticket', first: A, second: { ...B, status: 'closed' as const },
      message: 'SD-202611-00002 is closed: it will not be called back for SD-202611-00001',
      hint: 'reopen it first (desk reopen SD-202611-00002 --reason "…"), or link the tickets instead (desk link SD-202611-00001 SD-202611-00002 --as duplicate)',
    },
    {
      name: 'a resolved ticket', first: { ...A, status: 'resolved' as const }, second: B,
      message: 'SD-202611-00001 is resolved: only an open ticket can be merged into another', hint: 'allowed from resolved: closed (desk close), reopened (desk reopen)',
    },
    { name: 'a merged ticket again', first: { ...A, status: 'merged' as const }, second: B, message: 'SD-202611-00001 is merged: only an open ticket can be merged into another', hint: 'merged is final' },
  ])('refuses $name with exit 2, saying what to do', async ({ first, second, message, hint }) => {
    const error = await rejected(() => run(planMerge('Same case', NOW), first, second));
    expect([error.exitCode, error.message, error.hint]).toEqual([2, message, hint]);
  });

  it('needs a reason', () => {
    expect(() => planMerge('  ', NOW)).toThrow('--reason is required and must not be empty');
  });
});
