// Turns what an operator typed into a valid new ticket, or says exactly which field is wrong.
import { checkLength, DEFAULT_TEXT_LIMITS, type TextLimits } from './text-limits.js';
import { UsageError } from './errors.js';
import { unsupervisedCase, type NewTicket } from './ticket.js';
import { parseInstant } from './time.js';
import { checkValue, type TeamDirectory, type Vocabulary } from './vocabulary.js';

/** Fields as typed, all optional strings; `create` flags and prompts both produce this. */
export interface TicketDraft {
  external_id?: string;
  created_at?: string;
  channel?: string;
  requester?: string;
  department?: string;
  contact?: string;
  title?: string;
  description?: string;
  occurred_at?: string;
  impact?: string;
  type?: string;
  category?: string;
  urgency?: string;
  team?: string;
  collaborators?: string;
  assignee?: string;
}

export const REQUIRED_ON_CREATE = ['title', 'requester', 'channel'] as const;

// A ticket logged after the call may be back-dated, not dated ahead; allow for clock skew.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface DraftContext {
  now: number;
  zone: string;
  vocabulary: Vocabulary;
  teams: TeamDirectory;
  /** Give the ticket to an agent of another team all the same. */
  force?: boolean;
  limits?: TextLimits;
}

function flag(field: string): string {
  return `--${field.replace(/_/g, '-')}`;
}

function clean(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function missingRequired(draft: TicketDraft): (typeof REQUIRED_ON_CREATE)[number][] {
  return REQUIRED_ON_CREATE.filter((field) => !clean(draft[field]));
}

export function buildNewTicket(draft: TicketDraft, ctx: DraftContext): NewTicket {
  const missing = missingRequired(draft);
  if (missing.length) {
    throw new UsageError(`missing ${missing.map(flag).join(', ')}`, `create needs ${REQUIRED_ON_CREATE.map(flag).join(', ')}`);
  }
  const title = clean(draft.title)!;
  const limits = ctx.limits ?? DEFAULT_TEXT_LIMITS;
  checkLength(title, 'title', '--title', limits);
  checkLength(draft.description, 'description', '--description', limits);
  const enumOf = (field: 'channel' | 'type' | 'impact' | 'urgency') => {
    const value = clean(draft[field]);
    return value === null ? null : checkValue(ctx.vocabulary, field, value, flag(field));
  };
  const timeOf = (field: 'created_at' | 'occurred_at') => {
    const value = clean(draft[field]);
    if (value === null) return null;
    const ms = parseInstant(value, ctx.zone, flag(field));
    if (ms > ctx.now + FUTURE_TOLERANCE_MS) throw new UsageError(`${flag(field)}: ${value} is in the future`, 'give the time the request came in');
    return ms;
  };

  const created_at = timeOf('created_at') ?? ctx.now;
  const team = clean(draft.team);
  const assignee = clean(draft.assignee);
  const collaborators = (draft.collaborators ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  if (team) ctx.teams.checkTeam(team, '--team');
  if (assignee) ctx.teams.checkAgent(assignee, '--assignee');
  collaborators.forEach((c) => ctx.teams.checkTeam(c, '--collaborators'));
  if (assignee && team) ctx.teams.checkAgentOfTeam(assignee, team, collaborators, '--assignee', ctx.force);
  const dispatchTeam = team ?? (assignee ? ctx.teams.teamOf(assignee) : null);

  const type = enumOf('type');
  const category = clean(draft.category);
  const urgencyGiven = enumOf('urgency');

  return {
    ...unsupervisedCase(),
    external_id: clean(draft.external_id),
    created_at,
    channel: enumOf('channel'),
    requester: clean(draft.requester),
    department: clean(draft.department),
    contact: clean(draft.contact),
    title,
    // Descriptions are kept exactly as written: line breaks and spacing carry meaning.
    description: draft.description ? draft.description : null,
    occurred_at: timeOf('occurred_at'),
    impact: enumOf('impact'),
    type,
    category,
    urgency: urgencyGiven ?? 'normal',
    status: dispatchTeam ? 'dispatched' : 'new',
    team: dispatchTeam,
    collaborators: collaborators.filter((c) => c !== dispatchTeam),
    assignee,
    classified_by: type || category || urgencyGiven ? 'manual' : null,
    manual_fields: [type && 'type', category && 'category', urgencyGiven && 'urgency'].filter((f): f is string => Boolean(f)),
    dispatched_by: dispatchTeam ? 'manual' : null,
    first_response_at: null,
    dispatched_at: dispatchTeam ? created_at : null,
    resolved_at: null,
    closed_at: null,
    response_due_at: null,
    dispatch_due_at: null,
    resolve_due_at: null,
    escalated: false,
    escalation_reason: null,
    solution: null,
    steps: null,
    remaining: null,
    satisfaction: null,
    callback_at: null,
    callback_note: null,
    callback_attempts: 0,
    callback_outcome: null,
    reopen_count: 0,
    paused_at: null,
    paused_ms: 0,
    response_met: null,
    dispatch_met: null,
    resolve_met: null,
    update_met: null,
    rated_at: null,
    reopened_at: null,
    cycle_paused_ms: 0,
    response_business_ms: null,
    resolve_business_ms: null,
    last_update_at: null,
    update_due_at: null,
    eta_at: null,
    routed_at: dispatchTeam ? created_at : null,
    extension_until: null,
    original_resolve_due_at: null,
  };
}
