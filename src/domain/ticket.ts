// The ticket record and its vocabularies, as named in DESIGN.md ("Tickets").

// merged: a duplicate closed into another ticket, which carries the case on (src/domain/links.ts).
export const STATUSES = ['new', 'dispatched', 'in_progress', 'pending', 'resolved', 'closed', 'reopened', 'merged'] as const;
export type Status = (typeof STATUSES)[number];

export const OPEN_STATUSES: readonly Status[] = ['new', 'dispatched', 'in_progress', 'pending', 'reopened'];

/** What a call-back attempt came to: only a reached one is the call-back of the reports. */
export const CALLBACK_OUTCOMES = ['reached', 'unreachable', 'refused'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Times are UTC epoch milliseconds; null when the moment has not happened. */
export interface Ticket {
  id: number;
  number: string;
  external_id: string | null;
  created_at: number;
  channel: string | null;
  requester: string | null;
  department: string | null;
  contact: string | null;
  title: string;
  description: string | null;
  occurred_at: number | null;
  impact: string | null;
  type: string | null;
  category: string | null;
  urgency: string | null;
  status: Status;
  team: string | null;
  collaborators: string[];
  assignee: string | null;
  classified_by: string | null;
  /** Classification fields an operator set by hand; the rules leave them alone unless forced. */
  manual_fields: string[];
  dispatched_by: string | null;
  first_response_at: number | null;
  dispatched_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  response_due_at: number | null;
  dispatch_due_at: number | null;
  resolve_due_at: number | null;
  escalated: boolean;
  escalation_reason: string | null;
  /** The highest tier of sla.yaml's `escalation` the current resolution has reached (0: none). */
  escalation_tier: number;
  solution: string | null;
  steps: string | null;
  remaining: string | null;
  satisfaction: number | null;
  callback_at: number | null;
  callback_note: string | null;
  /** Call-back attempts in the current resolution cycle, and the outcome of the latest (null before the first). */
  callback_attempts: number;
  callback_outcome: CallbackOutcome | null;
  reopen_count: number;
  /** When the current pending pause began; null when not pending. */
  paused_at: number | null;
  /** Business time spent pending so far, already added to the due times. */
  paused_ms: number;
  /** Whether each deadline was met: null while it runs, set once when it settles (settlement.ts). */
  response_met: boolean | null;
  dispatch_met: boolean | null;
  resolve_met: boolean | null;
  /** The same for the progress update due at update_due_at. */
  update_met: boolean | null;
  /** When the satisfaction rating was given. */
  rated_at: number | null;
  /** When the current resolution cycle began by a reopen; null before the first reopen. */
  reopened_at: number | null;
  /** Business time spent pending since the current cycle began (paused_ms counts since creation). */
  cycle_paused_ms: number;
  /** Business time from creation to the first response, and to resolution less time pending. */
  response_business_ms: number | null;
  resolve_business_ms: number | null;
  /** The last progress update given to the requester, when it is due next, and the promised resolution time. */
  last_update_at: number | null;
  update_due_at: number | null;
  eta_at: number | null;
  /** When the ticket reached its current team (a dispatch, an assignment to another team); the return window counts from it. */
  routed_at: number | null;
  /** The resolution deadline an extension request asks for, while it awaits a supervisor's decision. */
  extension_until: number | null;
  /** The resolution deadline of the current cycle as it was before its first approved extension; null when not extended. */
  original_resolve_due_at: number | null;
  /** Supervision orders (督办) in the order issued, and when the earliest unanswered one is due. */
  supervisions: SupervisionOrder[];
  supervision_due_at: number | null;
  /** Reminders (催办) sent to the responsible team. */
  urge_count: number;
  /** Sub-tasks of collaborating teams (协办), in the order opened (src/domain/assists.ts). */
  assists: Assist[];
  /** A complaint's verification: whom it is about (agent:NAME, team:NAME, department:NAME), the verdict (yes, partly, no), when. */
  complaint_against: string | null;
  complaint_verified: string | null;
  complaint_cause: string | null;
  complaint_action: string | null;
  complaint_penalty: string | null;
  complaint_verified_at: number | null;
  /** What the complainant was told of the outcome, and when. */
  complaint_feedback: string | null;
  complaint_feedback_at: number | null;
  version: number;
  updated_at: number;
  updated_by: string;
}

export type SupervisionLevel = 1 | 2 | 3;

export interface SupervisionOrder {
  level: SupervisionLevel;
  /** The team the order is against: the ticket's team when it was issued. */
  team: string;
  note: string;
  reply_by: number;
  issued_at: number;
  issued_by: string;
  reply: string | null;
  replied_at: number | null;
  replied_by: string | null;
}

/** A collaborating team's sub-task: open until replied or cancelled. */
export interface Assist {
  team: string;
  assignee: string | null;
  note: string | null;
  due_at: number | null;
  opened_at: number;
  opened_by: string;
  reply: string | null;
  replied_at: number | null;
  replied_by: string | null;
  cancel_reason: string | null;
  cancelled_at: number | null;
  cancelled_by: string | null;
}

type CaseFields = Pick<Ticket, 'escalation_tier' | 'assists' | 'supervisions' | 'supervision_due_at' | 'urge_count' | 'complaint_against' | 'complaint_verified' | 'complaint_cause' | 'complaint_action' | 'complaint_penalty' | 'complaint_verified_at' | 'complaint_feedback' | 'complaint_feedback_at'>;

/** The supervision and complaint fields of a ticket nobody has supervised or verified. */
export function unsupervisedCase(): CaseFields {
  return {
    escalation_tier: 0, assists: [], supervisions: [], supervision_due_at: null, urge_count: 0, complaint_against: null, complaint_verified: null, complaint_cause: null,
    complaint_action: null, complaint_penalty: null, complaint_verified_at: null, complaint_feedback: null, complaint_feedback_at: null,
  };
}

/** The fields a new ticket is created with; the store adds id, number, version and bookkeeping. */
export type NewTicket = Omit<Ticket, 'id' | 'number' | 'version' | 'updated_at' | 'updated_by'>;

export type TicketPatch = Partial<Omit<Ticket, 'id' | 'number' | 'version' | 'updated_at' | 'updated_by'>>;

export const TIME_FIELDS = [
  'created_at', 'occurred_at', 'first_response_at', 'dispatched_at', 'resolved_at', 'closed_at',
  'response_due_at', 'dispatch_due_at', 'resolve_due_at', 'callback_at', 'updated_at', 'paused_at',
  'last_update_at', 'update_due_at', 'eta_at', 'rated_at', 'reopened_at', 'routed_at', 'extension_until',
  'original_resolve_due_at',
  'supervision_due_at', 'complaint_verified_at', 'complaint_feedback_at',
] as const satisfies readonly (keyof Ticket)[];

// Quality inspection's steps and what their events say (src/domain/quality.ts).
export const QA_KINDS = ['qa_sample', 'qa_score', 'qa_appeal', 'qa_decide'] as const;
export type QualityKind = (typeof QA_KINDS)[number];

export const ITEM_VERDICTS = ['pass', 'fail', 'na'] as const;
export type ItemVerdict = (typeof ITEM_VERDICTS)[number];

/** What a quality event says, beside its reason or comment. */
export interface QualityNote {
  day: string;
  agent: string;
  /** The sample's draw: its seed, the records asked per agent, and how the agent handled the ticket that day. */
  seed?: string;
  per_agent?: number;
  roles?: string[];
  /** The inspection: each item's verdict, the weighted score (0–100) and whether the record is unqualified. */
  items?: Record<string, ItemVerdict>;
  score?: number;
  unqualified?: boolean;
  decision?: Decision;
}

export type Decision = 'uphold' | 'overturn';

export const EVENT_KINDS = [
  'create', 'classify', 'dispatch', 'assign', 'respond', 'note', 'pending', 'resume',
  'escalate', 'resolve', 'close', 'callback', 'reopen', 'import', 'notify', 'visit', 'update', 'redact',
  'supervise', 'supervision_reply', 'urge', 'complaint',
  // Contacts shown unmasked to an auditor (PostgreSQL): a look, not a change.
  'reveal',
  // Hotline case handling: a misrouted ticket sent back by its team, and a resolution deadline
  // extended only when a supervisor approves the request.
  'return', 'extend', 'extend_approve', 'extend_reject',
  'link', 'unlink', 'merge',
  // Co-handling: a collaborating team's sub-task opened, answered, withdrawn.
  'assist', 'assist_reply', 'assist_cancel',
  // Quality inspection (src/domain/quality.ts): a record sampled, scored, appealed, decided; the ticket does not change.
  ...QA_KINDS,
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** One row of the audit trail: what changed (field → [before, after]) and any words said. */
export interface TicketEvent {
  id: number;
  ticket_id: number;
  at: number;
  actor: string;
  kind: EventKind;
  data: EventData;
}

export interface EventData {
  changes?: Record<string, [unknown, unknown]>;
  text?: string;
  reason?: string;
  /** Field → rule name, for changes made by the routing rules. */
  rules?: Record<string, string>;
  /** For a notify event: who is notified, of which team, by which rules; for a return, the team that sent it back. */
  to?: string;
  team?: string;
  /** For a return event: the dispatch rule that had sent the ticket to the team returning it. */
  dispatch_rule?: string;
  /** For a visit event: the visit as recorded. */
  visit?: Record<string, unknown>;
  /** For an update event: the promised resolution time, and whether the update came in time. */
  eta?: number | null;
  on_time?: boolean | null;
  /** For a callback event: what the attempt came to. */
  outcome?: CallbackOutcome;
  /** For a supervision order, its reply and a reminder: the order's level, team and reply time, and whether the reply came in time. */
  supervision?: Record<string, unknown>;
  /** For an escalation by a tier of sla.yaml: the tier and who it tells. */
  escalation?: { tier: number; at: string; to: string | null };
  /** For a sub-task's opening, reply and withdrawal: its team, deadline and whether the reply came in time. */
  assist?: Record<string, unknown>;
  /** For an import event: the source as named, and the line its row starts on. */
  source?: string;
  line?: number;
  /** For a link, an unlink or a merge, and the note a merge adds: the other ticket, as this one stands to it. */
  link?: LinkNote;
  /** For a quality inspection event: the record (day and agent) and what the step recorded. */
  qa?: QualityNote;
}

/** How a ticket stands to another (src/domain/links.ts): `was` is the link it had before, when one is replaced. */
export interface LinkNote {
  ticket: string;
  as: LinkRole;
  was?: LinkRole;
}

/** A link as seen from one of its tickets. */
export type LinkRole = 'related' | 'duplicate' | 'parent_of' | 'child_of' | 'merged_into' | 'merged_from';

export function isOpen(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * A resolution cycle that a reopen ended, as it stood then: what the reports count of it never
 * changes afterwards, whatever happens to the ticket next.
 */
export interface ClosedCycle {
  cycle: number;
  created_at: number;
  resolved_at: number | null;
  closed_at: number | null;
  reopened_at: number;
  satisfaction: number | null;
  rated_at: number | null;
  callback_at: number | null;
  team: string | null;
  assignee: string | null;
  type: string | null;
  resolve_business_ms: number | null;
}

/** The cycle a reopen at `at` ends. */
export function closedCycleOf(ticket: Ticket, at: number): ClosedCycle {
  return {
    cycle: ticket.reopen_count,
    created_at: ticket.created_at,
    resolved_at: ticket.resolved_at,
    closed_at: ticket.closed_at,
    reopened_at: at,
    satisfaction: ticket.satisfaction,
    rated_at: ticket.rated_at,
    callback_at: ticket.callback_at,
    team: ticket.team,
    assignee: ticket.assignee,
    type: ticket.type,
    resolve_business_ms: ticket.resolve_business_ms,
  };
}
