// What the store counts for a month. The report's metrics are derived from these facts only.

export interface Percentiles {
  count: number;
  /** Minutes; null when there is nothing to measure. */
  median: number | null;
  p90: number | null;
}

export interface DeadlineCount {
  met: number;
  missed: number;
}

export interface AgentFacts {
  agent: string;
  handled: number;
  resolved: number;
  sla_met: number;
  sla_missed: number;
  satisfaction_sum: number;
  satisfaction_count: number;
}

/** What the report shows of a month beside another: totals and headline rates. */
export interface MonthSummaryFacts {
  created: number;
  resolved: number;
  closed: number;
  reopened: number;
  escalated: number;
  /** Tickets merged into another in the month. */
  merged: number;
  backlog_end: number;
  /** Tickets created in the month and resolved before it ended. */
  created_resolved: number;
  /** Tickets created in the month and merged into another before it ended: left out of the resolution rate. */
  created_merged: number;
  sla: { response: DeadlineCount; resolution: DeadlineCount };
  satisfaction: { distribution: Record<'1' | '2' | '3' | '4' | '5', number>; rated: number; sum: number };
}

export interface MonthFacts extends MonthSummaryFacts {
  breakdowns: Record<BreakdownField, Record<string, number>>;
  created_by_day: { date: string; count: number }[];
  durations: {
    first_response: { wall: Percentiles; business: Percentiles };
    resolution: { wall: Percentiles; business: Percentiles };
  };
  callbacks: number;
  complaints: { received: number; resolved: number; closed: number; open: number; satisfaction_sum: number; satisfaction_count: number };
  agents: AgentFacts[];
  /** Progress updates given in the month on time and late, and update deadlines passed unmet. */
  updates: DeadlineCount;
  field: FieldFacts;
}

export interface FieldCosts {
  visits: number;
  person_times: number;
  materials_cents: number;
  transport_cents: number;
}

/** On-site visits of the month. */
export interface FieldFacts extends FieldCosts {
  /** Distinct local days with a visit. */
  days: number;
  /** Visits that replaced parts. */
  parts: number;
  by_team: Record<string, FieldCosts>;
  by_category: Record<string, FieldCosts>;
}

export const BREAKDOWN_FIELDS = ['type', 'urgency', 'channel', 'department', 'category', 'team'] as const;
export type BreakdownField = (typeof BREAKDOWN_FIELDS)[number];

export interface FactsQuery {
  start: number;
  end: number;
  days: { date: string; start: number; end: number }[];
  /** Only tickets of this primary team. */
  team?: string;
  /** Only the tickets of one caller (src/domain/caller.ts keys; at most one of them). */
  requesterKey?: string;
  contactKey?: string;
  /** Deadlines after this instant are not decided yet and count neither way. */
  now: number;
}

/** Tickets created in the window whose caller is known by a contact, and those of them that are repeat calls. */
export interface RepeatCallFacts {
  tickets: number;
  /** Tickets whose caller had an earlier ticket of the same category at most the repeat window before. */
  repeats: number;
}

export interface RepeatCallQuery extends Pick<FactsQuery, 'start' | 'end' | 'team' | 'requesterKey' | 'contactKey'> {
  /** How far back an earlier ticket makes a ticket a repeat call, in milliseconds. */
  window: number;
}

/** A team's supervision in the period: orders issued to it, replies it gave (and how many in time), reminders sent to it. */
export interface SupervisionTeamFacts {
  orders: number;
  answered: number;
  on_time: number;
  reminders: number;
}

/** A complaint target's verified complaints in the period, and those found true in whole or in part. */
export interface TargetFacts {
  complaints: number;
  upheld: number;
}

/** The hotline's case handling in the period (supervision and complaint verification), counted apart from the month's other facts. */
/** A collaborating team's sub-tasks of the period: opened, answered (in time when due), withdrawn. */
export interface AssistTeamFacts {
  opened: number;
  replied: number;
  on_time: number;
  cancelled: number;
}

export interface SupervisionFacts {
  supervision: Record<string, SupervisionTeamFacts>;
  assists: Record<string, AssistTeamFacts>;
  verification: {
    yes: number;
    partly: number;
    no: number;
    by_cause: Record<string, number>;
    by_target: Record<string, TargetFacts>;
    /** Complaints against each agent (agent:NAME), for the appraisal. */
    agents: Record<string, TargetFacts>;
  };
}

/** Supervision events of the period counted by team and kind, as the stores read them. */
export interface SupervisionCount {
  team: string;
  kind: string;
  n: number;
  on_time: number;
}

/** A complaint verified in the period. */
export interface VerifiedComplaint {
  verdict: string;
  cause: string | null;
  target: string | null;
}

/** The appraisal's figures of each agent beside those of AgentFacts, by agent. */
export interface AppraisalFacts {
  /** Tickets the agent logged (created) in the window. */
  logged: Record<string, number>;
  /** The first responses the agent gave in the window: their business times, and how many met their deadline and how many did not. */
  responses: Record<string, { business_ms: number[]; on_time: number; late: number }>;
  /** Tickets returned in the window by the team they were sent to, against whoever dispatched them there by hand. */
  returns: Record<string, number>;
  /** Resolutions reopened in the window, against the cycle's assignee. */
  reopens: Record<string, number>;
}
