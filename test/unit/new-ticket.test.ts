import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { buildNewTicket, type DraftContext, type TicketDraft } from '../../src/domain/new-ticket.js';
import { makeVocabulary, TeamDirectory } from '../../src/domain/vocabulary.js';
import { thrown } from './thrown.js';

const NOW = Date.UTC(2026, 10, 25, 6, 30); // 2026-11-25 14:30 in Shanghai

const CTX: DraftContext = {
  now: NOW,
  zone: 'Asia/Shanghai',
  vocabulary: makeVocabulary({ channels: ['phone', 'email', 'web', 'onsite'] }, { channel: { letter: '来信' } }),
  teams: new TeamDirectory([
    { key: 'service-desk', name: 'Service desk', supervisor: 'chen', members: ['li', 'wang'] },
    { key: 'desktop', name: 'Desktop support', supervisor: 'zhao', members: ['sun', 'zhou'] },
    { key: 'network', name: 'Network', supervisor: 'qian', members: ['wu', 'zheng'] },
  ]),
};

const REQUIRED: TicketDraft = { title: 'Printer jams on 3F', requester: 'Li Lei', channel: 'phone' };

const refusal = (draft: TicketDraft) => thrown(() => buildNewTicket(draft, CTX));

describe('buildNewTicket', () => {
  it('builds a new, unclassified, undispatched ticket from the required fields, trimmed', () => {
    expect(buildNewTicket({ title: '  Printer jams on 3F ', requester: ' Li Lei ', channel: ' Phone ', department: '  ' }, CTX)).toEqual({
      external_id: null, created_at: NOW, channel: 'phone', requester: 'Li Lei', department: null, contact: null,
      title: 'Printer jams on 3F', description: null, occurred_at: null, impact: null, type: null, category: null,
      urgency: 'normal', status: 'new', team: null, collaborators: [], assignee: null, classified_by: null,
      dispatched_by: null, first_response_at: null, dispatched_at: null, resolved_at: null, closed_at: null,
      response_due_at: null, dispatch_due_at: null, resolve_due_at: null, escalated: false, escalation_reason: null,
      solution: null, steps: null, remaining: null, satisfaction: null, callback_at: null, callback_note: null, callback_attempts: 0, callback_outcome: null,
      reopen_count: 0, manual_fields: [], paused_at: null, paused_ms: 0, response_met: null, dispatch_met: null, resolve_met: null, update_met: null, rated_at: null, reopened_at: null, cycle_paused_ms: 0, response_business_ms: null, resolve_business_ms: null, last_update_at: null, update_due_at: null, eta_at: null, routed_at: null, extension_until: null, original_resolve_due_at: null,
      escalation_tier: 0, assists: [], supervisions: [], supervision_due_at: null, urge_count: 0, complaint_against: null, complaint_verified: null, complaint_cause: null,
      complaint_action: null, complaint_penalty: null, complaint_verified_at: null, complaint_feedback: null, complaint_feedback_at: null,
    });
  });

  it.each([
    { draft: {}, message: 'missing --title, --requester, --channel' },
    { draft: { title: 'Printer', requester: '   ' }, message: 'missing --requester, --channel' },
    { draft: { requester: 'Li Lei', channel: 'web', title: '\t' }, message: 'missing --title' },
  ])('refuses $draft: $message', ({ draft, message }) => {
    const error = refusal(draft);
    expect([error.constructor, error.message, error.hint]).toEqual([UsageError, message, 'create needs --title, --requester, --channel']);
  });

  it.each([
    { field: 'channel', value: 'fax', message: '--channel: unknown value "fax"', hint: 'accepted: phone (电话), email (邮件), web (网页), onsite (现场)' },
    { field: 'type', value: 'bug', message: '--type: unknown value "bug"', hint: 'accepted: consultation (咨询), fault (故障), request (需求), complaint (投诉), suggestion (建议)' },
    { field: 'urgency', value: 'high', message: '--urgency: unknown value "high"', hint: 'accepted: normal (一般), urgent (紧急), critical (特急)' },
    { field: 'impact', value: 'everyone', message: '--impact: unknown value "everyone"', hint: 'accepted: single (个人), department (部门), company (全公司)' },
  ])('refuses $field $value, listing the accepted values', ({ field, value, message, hint }) => {
    const error = refusal({ ...REQUIRED, [field]: value });
    expect([error.constructor, error.message, error.hint]).toEqual([UsageError, message, hint]);
  });

  it('normalises enum values and counts a hand classification as manual', () => {
    const ticket = buildNewTicket({ ...REQUIRED, type: ' FAULT ', urgency: 'Urgent', impact: 'Department', category: ' hardware/printer ' }, CTX);
    expect([ticket.type, ticket.urgency, ticket.impact, ticket.category, ticket.classified_by]).toEqual(['fault', 'urgent', 'department', 'hardware/printer', 'manual']);
  });

  it.each([
    { text: '2026-11-20 09:15', ms: Date.UTC(2026, 10, 20, 1, 15) },
    { text: '2026-11-20T09:15:00+08:00', ms: Date.UTC(2026, 10, 20, 1, 15) },
    { text: '2026-11-20T01:15:00Z', ms: Date.UTC(2026, 10, 20, 1, 15) },
    { text: '2026-11-25 14:35', ms: Date.UTC(2026, 10, 25, 6, 35) }, // five minutes ahead: clock skew
  ])('back-dates created_at to "$text"', ({ text, ms }) => {
    expect(buildNewTicket({ ...REQUIRED, created_at: text }, CTX).created_at).toBe(ms);
  });

  it.each([
    { field: 'created_at', value: '2026-11-25 14:36', message: '--created-at: 2026-11-25 14:36 is in the future' },
    { field: 'occurred_at', value: '2026-12-01', message: '--occurred-at: 2026-12-01 is in the future' },
    { field: 'created_at', value: 'yesterday', message: '--created-at: cannot read "yesterday" as a time' },
    { field: 'occurred_at', value: '1900-01-01 10:00', message: '--occurred-at: 1900-01-01 10:00 is outside 1970–2099' },
  ])('refuses $field "$value"', ({ field, value, message }) => {
    const error = refusal({ ...REQUIRED, [field]: value });
    expect([error.constructor, error.message]).toEqual([UsageError, message]);
  });

  it.each([
    { title: 'x'.repeat(500), ok: true },
    { title: `  ${'打'.repeat(500)}  `, ok: true },
    { title: 'x'.repeat(501), ok: false },
  ])('limits the title to 500 characters (length $title.length, accepted: $ok)', ({ title, ok }) => {
    if (ok) expect(buildNewTicket({ ...REQUIRED, title }, CTX).title).toBe(title.trim());
    else expect(refusal({ ...REQUIRED, title }).message).toBe('--title: 501 characters is too long (at most 500)');
  });

  it.each([
    {
      case: 'a team',
      draft: { team: 'desktop', collaborators: ' network , desktop ,' },
      expected: { status: 'dispatched', team: 'desktop', assignee: null, collaborators: ['network'], dispatched_by: 'manual', dispatched_at: NOW },
    },
    {
      case: 'an assignee: dispatched to the assignee’s team',
      draft: { assignee: 'wu' },
      expected: { status: 'dispatched', team: 'network', assignee: 'wu', collaborators: [], dispatched_by: 'manual', dispatched_at: NOW },
    },
    {
      case: 'a team and a back-dated created_at: dispatched when created',
      draft: { team: 'service-desk', created_at: '2026-11-24 09:00' },
      expected: { status: 'dispatched', team: 'service-desk', assignee: null, collaborators: [], dispatched_by: 'manual', dispatched_at: Date.UTC(2026, 10, 24, 1, 0) },
    },
  ])('dispatches at create when given $case', ({ draft, expected }) => {
    const ticket = buildNewTicket({ ...REQUIRED, ...draft }, CTX);
    const { status, team, assignee, collaborators, dispatched_by, dispatched_at } = ticket;
    expect({ status, team, assignee, collaborators, dispatched_by, dispatched_at }).toEqual(expected);
  });

  it.each([
    { draft: { team: 'printers' }, message: '--team: unknown team "printers"', hint: 'teams: service-desk, desktop, network' },
    { draft: { collaborators: 'network,hr' }, message: '--collaborators: unknown team "hr"', hint: 'teams: service-desk, desktop, network' },
    { draft: { assignee: 'nobody' }, message: '--assignee: unknown agent "nobody"', hint: 'agents: chen, li, wang, zhao, sun, zhou, qian, wu, zheng' },
    { draft: { team: 'desktop', assignee: 'wu' }, message: "--assignee: wu is not in team desktop (wu's teams: network)", hint: 'assign someone of desktop (sun, zhou), or give --force to record it anyway' },
  ])('refuses $message', ({ draft, message, hint }) => {
    const error = refusal({ ...REQUIRED, ...draft });
    expect([error.constructor, error.message, error.hint]).toEqual([UsageError, message, hint]);
  });

  it('takes an assignee of a collaborating team, or of any team with --force', () => {
    expect(buildNewTicket({ ...REQUIRED, team: 'desktop', collaborators: 'network', assignee: 'wu' }, CTX).assignee).toBe('wu');
    expect(buildNewTicket({ ...REQUIRED, team: 'desktop', assignee: 'wu' }, { ...CTX, force: true }).assignee).toBe('wu');
  });

  it('accepts any team when no teams are configured', () => {
    const ticket = buildNewTicket({ ...REQUIRED, team: 'printers' }, { ...CTX, teams: new TeamDirectory([]) });
    expect([ticket.status, ticket.team]).toEqual(['dispatched', 'printers']);
  });

  it('keeps the description exactly as written', () => {
    const description = '  Line one\n\n    indented step\r\n trailing  ';
    expect(buildNewTicket({ ...REQUIRED, description }, CTX).description).toBe(description);
  });
});
