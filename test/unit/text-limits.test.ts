import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { planEscalate, planNote, planResolve, type PlanTools } from '../../src/domain/lifecycle.js';
import { buildNewTicket } from '../../src/domain/new-ticket.js';
import { withTextLimits } from '../../src/domain/text-limits.js';
import { DEFAULT_VOCABULARY, TeamDirectory } from '../../src/domain/vocabulary.js';
import { rejected, thrown } from './thrown.js';
import { ticketWith } from './ticket-factory.js';

const LIMITS = { title: 30, text: 100 };
const TOOLS = {} as PlanTools;
const NOW = Date.UTC(2026, 10, 25, 6, 30);
const long = (n: number) => 'x'.repeat(n);

describe('text limits', async () => {
  it.each([
    { case: 'a note', plan: planNote(long(101)), message: 'the note: 101 characters is too long (at most 100)' },
    { case: 'a solution', plan: planResolve({ solution: long(150) }, NOW), message: '--solution: 150 characters is too long (at most 100)' },
    { case: 'steps', plan: planResolve({ solution: 'ok', steps: long(120) }, NOW), message: '--steps: 120 characters is too long (at most 100)' },
    { case: 'a reason', plan: planEscalate(long(101)), message: '--reason: 101 characters is too long (at most 100)' },
  ])('refuse $case past the limit, naming the flag and the limit', async ({ plan, message }) => {
    const error = await rejected(() => withTextLimits(plan, LIMITS)(ticketWith({ status: 'in_progress' }), TOOLS));
    expect([error.constructor, error.message, error.hint]).toEqual([UsageError, message, 'shorten it, or raise limits.text in desk.yaml']);
  });

  it('let a text at the limit through', async () => {
    expect((await withTextLimits(planNote(long(100)), LIMITS)(ticketWith(), TOOLS))?.text).toHaveLength(100);
  });

  it('apply to create, from desk.yaml', async () => {
    const ctx = { now: NOW, zone: 'Asia/Shanghai', vocabulary: DEFAULT_VOCABULARY, teams: new TeamDirectory([]), limits: LIMITS };
    const required = { requester: 'r', channel: 'phone' };
    expect(thrown(() => buildNewTicket({ ...required, title: long(31) }, ctx)).message).toBe('--title: 31 characters is too long (at most 30)');
    expect(thrown(() => buildNewTicket({ ...required, title: 't', description: long(101) }, ctx)).message).toBe('--description: 101 characters is too long (at most 100)');
  });
});
