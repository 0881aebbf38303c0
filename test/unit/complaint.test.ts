import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { isUpheld, parseTarget, parseVerdict, planComplaint, targetAgent } from '../../src/domain/complaint.js';
import type { Status } from '../../src/domain/ticket.js';
import { TeamDirectory } from '../../src/domain/vocabulary.js';
import { thrown } from './thrown.js';
import { ticketWith } from './ticket-factory.js';

const NOW = Date.UTC(2026, 10, 25, 6, 30);
const EARLIER = NOW - 3_600_000;
const TEAMS = new TeamDirectory([{ key: 'hotline', name: 'Hotline', supervisor: 'chen', members: ['wang', 'li'] }]);
const VERIFICATION = { against: 'agent:wang', verified: 'partly', cause: ' rude ', action: ' coaching ', penalty: ' ' } as const;

describe('the verdict', () => {
  it.each([
    ['yes', 'yes'], ['YES', 'yes'], ['partly', 'partly'], ['no', 'no'], ['查实', 'yes'], ['属实', 'yes'], ['部分属实', 'partly'], ['不属实', 'no'],
  ])('%s is %s', (text, verdict) => expect(parseVerdict(text)).toBe(verdict));

  it('refuses another word, naming the accepted ones', () => {
    const error = thrown(() => parseVerdict('maybe'));
    expect([error.message, error.hint]).toEqual(['--verified: unknown value "maybe"', 'accepted: yes (查实), partly (部分属实), no (不属实)']);
  });

  it.each([['yes', true], ['partly', true], ['no', false], [null, false]] as const)('%s counts against its target: %s', (verdict, upheld) => expect(isUpheld(verdict)).toBe(upheld));
});

describe('the target', () => {
  it.each([
    { text: 'agent:wang', target: 'agent:wang', agent: 'wang' },
    { text: 'Team: hotline', target: 'team:hotline', agent: null },
    { text: 'department:城管局', target: 'department:城管局', agent: null },
  ])('$text is $target', ({ text, target, agent }) => {
    expect(parseTarget(text, TEAMS)).toBe(target);
    expect(targetAgent(target)).toBe(agent);
  });

  it.each([
    { text: 'wang', message: '--against: "wang" is not agent:NAME, team:NAME or department:NAME' },
    { text: 'person:wang', message: '--against: "person:wang" is not agent:NAME, team:NAME or department:NAME' },
    { text: 'agent:', message: '--against: "agent:" is not agent:NAME, team:NAME or department:NAME' },
    { text: 'agent:nobody', message: '--against: unknown agent "nobody"' },
    { text: 'team:roads', message: '--against: unknown team "roads"' },
  ])('refuses $text', ({ text, message }) => expect(thrown(() => parseTarget(text, TEAMS)).message).toBe(message));
});

describe('recording a complaint', () => {
  const complaint = (fields = {}) => ticketWith({ type: 'complaint', status: 'resolved', ...fields });

  it('writes the verification, trimmed, with its time; no penalty is none', () => {
    const change = planComplaint({ verification: VERIFICATION }, NOW)(complaint())!;
    expect(change.kind).toBe('complaint');
    expect(change.patch).toEqual({
      complaint_against: 'agent:wang', complaint_verified: 'partly', complaint_cause: 'rude', complaint_action: 'coaching', complaint_penalty: null, complaint_verified_at: NOW,
    });
  });

  it('writes the feedback with its own time once the complaint is verified', () => {
    const verified = complaint({ complaint_verified: 'no', complaint_verified_at: EARLIER });
    expect(planComplaint({ feedback: ' told the caller ' }, NOW)(verified)!.patch).toEqual({ complaint_feedback: 'told the caller', complaint_feedback_at: NOW });
    const both = planComplaint({ verification: VERIFICATION, feedback: 'told' }, NOW)(complaint())!.patch;
    expect([both.complaint_verified, both.complaint_feedback, both.complaint_feedback_at]).toEqual(['partly', 'told', NOW]);
  });

  it('refuses feedback before the verification', () => {
    expect(thrown(() => planComplaint({ feedback: 'told' }, NOW)(complaint())).message).toBe("SD-202611-00042's complaint is not verified yet: the feedback tells the complainant the outcome");
  });

  it.each([
    { type: 'fault', message: 'SD-202611-00042 is a fault ticket, not a complaint' },
    { type: null, message: 'SD-202611-00042 is not classified, not a complaint' },
  ])('refuses a ticket of type $type', ({ type, message }) => {
    const error = thrown(() => planComplaint({ verification: VERIFICATION }, NOW)(ticketWith({ type })));
    expect([error.constructor, error.message, error.hint]).toEqual([UsageError, message, 'classify it first: desk classify SD-202611-00042 --type complaint']);
  });

  it.each([
    { input: {}, message: 'complaint needs the verification (--against, --verified, --cause, --action) or --feedback' },
    { input: { verification: { ...VERIFICATION, cause: ' ' } }, message: '--cause is required and must not be empty' },
    { input: { verification: { ...VERIFICATION, action: undefined } }, message: '--action is required and must not be empty' },
    { input: { feedback: '' }, message: '--feedback is required and must not be empty' },
  ])('refuses $message', ({ input, message }) => expect(thrown(() => planComplaint(input, NOW)).message).toBe(message));

  it.each(['new', 'in_progress', 'pending', 'resolved', 'closed', 'reopened'] as Status[])('is taken on a %s complaint', (status) => {
    expect(planComplaint({ verification: VERIFICATION }, NOW)(complaint({ status }))).not.toBeNull();
  });
});
