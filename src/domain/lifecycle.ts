// What each operator action does to a ticket. Pure: given the ticket as stored and the action,
// returns the change to write; the store applies it atomically with its audit event.
import { ConflictError, UsageError } from './errors.js';
import { assertMove, refusal } from './status-machine.js';
import type { Settlement } from './settlement.js';
import { closedCycleOf, isOpen, type Assist, type CallbackOutcome, type ClosedCycle, type EventKind, type LinkNote, type Status, type Ticket, type TicketPatch } from './ticket.js';
import type { TeamDirectory } from './vocabulary.js';
import type { NewVisit } from './visit.js';

export interface Change {
  kind: EventKind;
  patch: TicketPatch;
  text?: string;
  reason?: string;
  /** Field → the rule that decided it, when rules made the change. */
  rules?: Record<string, string>;
  /** For a return: the team that sent the ticket back, and the dispatch rule that had sent it there. */
  team?: string;
  dispatchRule?: string;
  /** A supervisor to notify, recorded as its own event. */
  notify?: { to: string; team: string; rules: string[] };
  /** An on-site visit to record with the change. */
  visit?: NewVisit;
  /** For a progress update: the resolution time promised to the requester. */
  eta?: number | null;
  /** For a progress update: whether it came by its due time (null when none was due). */
  onTime?: boolean | null;
  /** For supervision (order, reply, reminder): what its event records of the order. */
  supervision?: Record<string, unknown>;
  /** For an escalation by a tier of sla.yaml: the tier and who it tells. */
  escalation?: { tier: number; at: string; to: string | null };
  /** For a sub-task (opening, reply, withdrawal): what its event records of it. */
  assist?: Record<string, unknown>;
  /** Sub-tasks this change opened beside its own doing (a dispatch's collaborators) or withdrew (a forced resolve): each its own event. */
  assistsOpened?: Assist[];
  assistsWithdrawn?: Assist[];
  /** Fields written with the change that are not its doing (deadlines found passed), left out of its event. */
  bookkeeping?: TicketPatch;
  /** Deadlines the change settles (added by the SLA clock). */
  settlements?: Settlement[];
  /** The resolution cycle a reopen ends. */
  closedCycle?: ClosedCycle;
  /** For a call-back attempt: what it came to. */
  outcome?: CallbackOutcome;
  /** The other ticket of a link, an unlink or a merge, as this one stands to it. */
  link?: LinkNote;
}

/** What a plan may ask of the store, inside the same transaction as its write. */
/**
 * What a plan may ask the store while its write is open. The answers may come over a network
 * (PostgreSQL), so they are promises.
 */
export interface PlanTools {
  /** The next agent of the team's rotation (round-robin), remembered for the next call. */
  nextInRotation(team: string, agents: readonly string[]): Promise<string>;
  /** Open tickets assigned to each of `agents`. */
  openLoad(agents: readonly string[]): Promise<Map<string, number>>;
}

/**
 * Returns the change to write, or null when there is nothing to change. The store runs it inside
 * the write, with the ticket as it stands there; a plan that asks the store is async.
 */
export type Plan = (ticket: Ticket, tools: PlanTools) => Change | null | Promise<Change | null>;

/** A plan that decides from the ticket alone, as every plan of the domain does. */
export type SyncPlan = (ticket: Ticket, tools?: PlanTools) => Change | null;

export function requireOpen(ticket: Ticket, what: string): void {
  if (!isOpen(ticket.status)) throw refusal(ticket, `cannot ${what} a ${ticket.status} ticket`);
}

/** The text a flag gives, trimmed; refused when missing or blank. */
export function requireText(value: string | undefined, flag: string): string {
  const text = value?.trim();
  if (!text) throw new UsageError(`${flag} is required and must not be empty`, `e.g. ${flag} "…"`);
  return text;
}

/** Moving to dispatched happens on the first dispatch and after a reopen; otherwise the status stays. */
function dispatchStatus(ticket: Ticket): Status {
  if (ticket.status === 'new' || ticket.status === 'reopened') {
    assertMove(ticket, 'dispatched');
    return 'dispatched';
  }
  return ticket.status;
}

export function planClassify(input: { type?: string; category?: string; urgency?: string }): SyncPlan {
  return (ticket) => {
    if (ticket.status === 'closed') throw refusal(ticket, 'cannot classify a closed ticket');
    const patch: TicketPatch = { classified_by: 'manual' };
    if (input.type !== undefined) patch.type = input.type;
    if (input.category !== undefined) patch.category = input.category;
    if (input.urgency !== undefined) patch.urgency = input.urgency;
    const given = (['type', 'category', 'urgency'] as const).filter((f) => input[f] !== undefined);
    patch.manual_fields = [...new Set([...ticket.manual_fields, ...given])];
    return { kind: 'classify', patch };
  };
}

export interface DispatchInput {
  team?: string;
  agent?: string;
  collaborators?: string[];
  /** Give the ticket to an agent of another team all the same. */
  force?: boolean;
}

export function planDispatch(input: DispatchInput, teams: TeamDirectory, now: number): SyncPlan {
  return (ticket) => {
    requireOpen(ticket, 'dispatch');
    const team = input.team ?? (input.agent ? teams.teamOf(input.agent) : null) ?? ticket.team;
    if (!team) throw new UsageError('dispatch needs a team', 'give --team TEAM (and --to AGENT, --with TEAM,…)');
    let assignee = input.agent ?? ticket.assignee;
    // Moving to another team drops an assignee who does not belong to it.
    if (!input.agent && assignee && team !== ticket.team && !teams.isMember(assignee, team)) assignee = null;
    const collaborators = (input.collaborators ?? ticket.collaborators).filter((c) => c !== team);
    if (input.agent) teams.checkAgentOfTeam(input.agent, team, collaborators, '--to', input.force);
    const patch: TicketPatch = {
      status: dispatchStatus(ticket),
      team,
      assignee,
      collaborators,
      dispatched_by: 'manual',
      dispatched_at: ticket.dispatched_at ?? now,
    };
    return { kind: 'dispatch', patch };
  };
}

export function planAssign(agent: string, teams: TeamDirectory, now: number, force = false): SyncPlan {
  return (ticket) => {
    requireOpen(ticket, 'assign');
    if (ticket.team !== null) teams.checkAgentOfTeam(agent, ticket.team, ticket.collaborators, '--to', force);
    const team = ticket.team ?? teams.teamOf(agent);
    const patch: TicketPatch = { assignee: agent, team, status: dispatchStatus(ticket) };
    if (patch.status !== ticket.status) {
      patch.dispatched_by = 'manual';
      patch.dispatched_at = ticket.dispatched_at ?? now;
    }
    return { kind: 'assign', patch };
  };
}

/**
 * What any contact with the requester does: the first one is the first response, and it starts
 * the work on a dispatched or reopened ticket.
 */
function contactPatch(ticket: Ticket, now: number): TicketPatch {
  const patch: TicketPatch = {};
  if (ticket.first_response_at === null) patch.first_response_at = now;
  if (ticket.status === 'dispatched' || ticket.status === 'reopened') patch.status = 'in_progress';
  return patch;
}

/** A response to the requester. */
export function planRespond(message: string | undefined, now: number): SyncPlan {
  return (ticket) => {
    requireOpen(ticket, 'respond to');
    return { kind: 'respond', patch: contactPatch(ticket, now), text: message?.trim() || undefined };
  };
}

export function planNote(text: string): SyncPlan {
  const note = requireText(text, 'the note text');
  return () => ({ kind: 'note', patch: {}, text: note });
}

/** Waiting on the requester or a third party; asking the requester for information is a response. */
export function planPending(reason: string | undefined, now: number): SyncPlan {
  const why = requireText(reason, '--reason');
  return (ticket) => {
    assertMove(ticket, 'pending');
    const patch: TicketPatch = { status: 'pending' };
    if (ticket.first_response_at === null) patch.first_response_at = now;
    return { kind: 'pending', patch, reason: why };
  };
}

export function planResume(): SyncPlan {
  return (ticket) => {
    if (ticket.status !== 'pending') throw refusal(ticket, 'only a pending ticket can resume');
    return { kind: 'resume', patch: { status: 'in_progress' } };
  };
}

/**
 * Each escalation is its own event with its reason, so a second one adds to the first: the
 * ticket's escalation_reason is the latest, and `show` lists them all from the trail.
 */
export function planEscalate(reason: string | undefined): SyncPlan {
  const why = requireText(reason, '--reason');
  return (ticket) => {
    requireOpen(ticket, 'escalate');
    return { kind: 'escalate', patch: { escalated: true, escalation_reason: why }, reason: why };
  };
}

export interface ResolveInput {
  solution?: string;
  steps?: string;
  remaining?: string;
  /** --force --reason: resolve although collaborating teams' sub-tasks are open, `by` withdrawing them with the reason. */
  force?: { reason: string; by: string };
}

/**
 * What resolving does to the sub-tasks still open (src/domain/assists.ts): refused unless forced,
 * when they are withdrawn with the reason, which the resolve's event records with their teams.
 */
function settleOpenAssists(ticket: Ticket, change: Change, force: ResolveInput['force'], now: number): Change {
  const open = ticket.assists.filter((a) => a.replied_at === null && a.cancelled_at === null);
  if (!open.length) return change;
  const teams = open.map((a) => a.team);
  if (force === undefined) {
    throw new UsageError(
      `${ticket.number} has open sub-tasks of ${teams.join(', ')}: the lead team resolves it once they reply`,
      `wait for their replies, withdraw them (desk assist ${ticket.number} --team ${teams[0]} --cancel --reason "…"), or resolve anyway with --force --reason "…"`,
    );
  }
  const reason = requireText(force.reason, '--reason');
  change.patch.assists = ticket.assists.map((a) => (open.includes(a) ? { ...a, cancel_reason: reason, cancelled_at: now, cancelled_by: force.by } : a));
  return { ...change, reason, assistsWithdrawn: change.patch.assists.filter((a, i) => open.includes(ticket.assists[i]!)) };
}

/** Checks --force and --reason of a resolve: the reason is required with --force and means nothing without it. */
export function forceReason(force: boolean | undefined, reason: string | undefined): string | undefined {
  if (!force) {
    if (reason !== undefined) throw new UsageError('--reason goes with --force', 'give --force --reason "…" to resolve with open sub-tasks');
    return undefined;
  }
  return requireText(reason, '--reason');
}

export function planResolve(input: ResolveInput, now: number): SyncPlan {
  const solution = requireText(input.solution, '--solution');
  return (ticket) => {
    assertMove(ticket, 'resolved');
    const patch: TicketPatch = { status: 'resolved', resolved_at: now, solution };
    // The resolution tells the requester too: it is the first response when none was given.
    if (ticket.first_response_at === null) patch.first_response_at = now;
    if (input.steps !== undefined) patch.steps = input.steps;
    if (input.remaining !== undefined) patch.remaining = input.remaining;
    return settleOpenAssists(ticket, { kind: 'resolve', patch }, input.force, now);
  };
}

export interface CloseInput extends ResolveInput {
  satisfaction?: number;
  callbackNote?: string;
}

/**
 * Closes a resolved ticket. An open ticket closes at once when a solution is given: the problem
 * was solved at first contact, so it is responded to, resolved and closed in one step, by the
 * operator who closes it (who becomes the assignee when there is none).
 */
export function planClose(input: CloseInput, now: number, actor: string): SyncPlan {
  return (ticket) => {
    const patch: TicketPatch = { status: 'closed', closed_at: now };
    if (ticket.status !== 'resolved') {
      if (!isOpen(ticket.status)) throw refusal(ticket, 'cannot close it again');
      if (!input.solution?.trim()) {
        throw new UsageError(`${ticket.number} is ${ticket.status}, not resolved: closing it needs --solution`, 'or resolve it first: desk resolve N --solution "…"');
      }
      Object.assign(patch, { resolved_at: now, solution: input.solution.trim() });
      if (ticket.first_response_at === null) patch.first_response_at = now;
      if (ticket.assignee === null) patch.assignee = actor;
      if (input.steps !== undefined) patch.steps = input.steps;
      if (input.remaining !== undefined) patch.remaining = input.remaining;
      // Solved at first contact leaves no sub-task to wait for; one still open refuses it.
      settleOpenAssists(ticket, { kind: 'close', patch }, undefined, now);
    }
    if (input.satisfaction !== undefined) Object.assign(patch, { satisfaction: input.satisfaction, rated_at: now });
    if (input.callbackNote !== undefined) {
      requireNoCallback(ticket);
      Object.assign(patch, { callback_at: now, callback_note: input.callbackNote, ...attemptPatch(ticket, 'reached') });
    }
    return { kind: 'close', patch };
  };
}

export interface CallbackInput {
  /** Reached unless said otherwise: what `desk callback N` always meant. */
  outcome?: CallbackOutcome;
  note?: string;
  satisfaction?: number;
}

/** A resolution cycle has one reached call-back: a second would count twice and overwrite the first's rating. */
function requireNoCallback(ticket: Ticket): void {
  if (ticket.callback_at !== null) {
    throw new ConflictError(
      `${ticket.number} was called back already, reached at attempt ${ticket.callback_attempts}: a resolution has one call-back`,
      `add what the requester said with \`desk note ${ticket.number} "…"\``,
    );
  }
}

function attemptPatch(ticket: Ticket, outcome: CallbackOutcome): TicketPatch {
  return { callback_attempts: ticket.callback_attempts + 1, callback_outcome: outcome };
}

/**
 * One attempt at the follow-up call after resolution. Every attempt is counted and kept in the
 * trail with its outcome; only a reached one is the call-back (callback_at, its note, the rating).
 */
export function planCallback(input: CallbackInput, now: number): SyncPlan {
  const outcome = input.outcome ?? 'reached';
  if (outcome !== 'reached' && input.satisfaction !== undefined) {
    throw new UsageError(`--satisfaction: the call-back was ${outcome}: only a reached one has a rating`, 'record the attempt without --satisfaction, or give --outcome reached');
  }
  return (ticket) => {
    if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
      throw refusal(ticket, 'call-backs follow a resolved or closed ticket');
    }
    requireNoCallback(ticket);
    const patch = attemptPatch(ticket, outcome);
    if (outcome === 'reached') {
      patch.callback_at = now;
      if (input.note !== undefined) patch.callback_note = input.note;
      if (input.satisfaction !== undefined) Object.assign(patch, { satisfaction: input.satisfaction, rated_at: now });
    }
    return { kind: 'callback', patch, text: input.note, outcome };
  };
}

/**
 * Reopens a resolved or closed ticket: the resolution cycle it ends is kept as it was, and the
 * new one starts without a rating or a call-back (the old ones stay in the trail).
 */
export function planReopen(reason: string | undefined, now: number): SyncPlan {
  const why = requireText(reason, '--reason');
  return (ticket) => {
    assertMove(ticket, 'reopened');
    const patch: TicketPatch = {
      status: 'reopened',
      reopen_count: ticket.reopen_count + 1,
      reopened_at: now,
      resolved_at: null,
      closed_at: null,
      satisfaction: null,
      rated_at: null,
      callback_at: null,
      callback_note: null,
      callback_attempts: 0,
      callback_outcome: null,
      // The new resolution's deadline is reached anew, tier by tier.
      escalation_tier: 0,
    };
    return { kind: 'reopen', patch, reason: why, closedCycle: closedCycleOf(ticket, now) };
  };
}

/**
 * An on-site visit; recorded on a ticket in any status, as the service report is often late. On
 * an open ticket it is contact with the requester, like a response.
 */
export function planVisit(visit: NewVisit, now: number): SyncPlan {
  return (ticket) => {
    if (visit.visited_at < ticket.created_at) throw new UsageError(`--date: the visit would be before ${ticket.number} was logged`, 'give the day the visit happened');
    return { kind: 'visit', patch: isOpen(ticket.status) ? contactPatch(ticket, now) : {}, visit, text: visit.cause ?? undefined };
  };
}

/** A progress update to the requester: restarts the update clock and may promise a resolution time. */
export function planUpdate(message: string | undefined, eta: number | null, now: number): SyncPlan {
  const text = requireText(message, '--message');
  return (ticket) => {
    requireOpen(ticket, 'send a progress update on');
    if (eta !== null && eta < ticket.created_at) throw new UsageError(`--eta: the promised resolution would be before ${ticket.number} was logged`, 'give the time the requester was promised, e.g. --eta "2026-11-27 17:00"');
    const patch: TicketPatch = { ...contactPatch(ticket, now), last_update_at: now };
    if (eta !== null) patch.eta_at = eta;
    return { kind: 'update', patch, text, eta, onTime: ticket.update_due_at === null ? null : now <= ticket.update_due_at };
  };
}

/** field → [before, after] for every field the patch really changes. */
export function diffPatch(ticket: Ticket, patch: TicketPatch): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [field, after] of Object.entries(patch)) {
    const before = ticket[field as keyof Ticket];
    if (JSON.stringify(before) !== JSON.stringify(after)) changes[field] = [before, after];
  }
  return changes;
}

/**
 * Guards a plan made from what the operator saw: if someone changed the ticket since, the write
 * stops with the name of who changed it instead of silently overwriting their work.
 */
export function expectVersion(plan: Plan, version: number, describeTime: (ms: number) => string): Plan {
  return (ticket, tools) => {
    if (ticket.version !== version) {
      throw new ConflictError(
        `${ticket.number} was changed by ${ticket.updated_by} at ${describeTime(ticket.updated_at)} (version ${ticket.version}, you had ${version})`,
        `look again with \`desk show ${ticket.number}\` and redo your change`,
      );
    }
    return plan(ticket, tools);
  };
}
