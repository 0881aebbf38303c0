// The one path of every ticket write: a plan gets the text limits and the SLA clock here, once,
// and the store applies it in one transaction. Commands, the rule runs, the sample replay and the
// import's rule dispatch all write through it.
import type { Change, Plan } from '../domain/lifecycle.js';
import type { PairPlan } from '../domain/links.js';
import type { TicketRef } from '../domain/numbering.js';
import { withTextLimits, type TextLimits } from '../domain/text-limits.js';
import type { NewTicket, Ticket } from '../domain/ticket.js';
import { assistDue, type SlaPolicy } from '../sla/targets.js';
import { collaboratorAssists } from '../domain/assists.js';
import type { CreateOptions, PairResult, Store, UpdateResult, WriteOptions } from '../store/store.js';
import { startClock, withClock } from './ticket-clock.js';

export interface WritePolicy {
  /** The SLA policy of sla.yaml, or null when the desk keeps no deadlines. */
  sla: SlaPolicy | null;
  limits: TextLimits;
}

/**
 * Opens the sub-tasks of the collaborating teams a change names (dispatch --with, the rules'
 * with:), due by sla.yaml's assist target; the change's event names their teams.
 */
function withCollaboratorAssists(plan: Plan, sla: SlaPolicy | null, options: WriteOptions): Plan {
  return async (ticket, tools) => {
    const change = await plan(ticket, tools);
    if (!change || change.kind === 'assist') return change;
    const assists = collaboratorAssists(ticket, change, options.now, options.actor, (t, at, duration) => assistDue(sla, t, at, duration));
    if (!assists) return change;
    const before = new Set(ticket.assists);
    change.patch.assists = assists;
    change.assistsOpened = assists.filter((a) => !before.has(a));
    return change;
  };
}

/** Notes when a change gives the ticket to another team: that team's return window starts then. */
function withRouting(plan: Plan, now: number): Plan {
  return async (ticket, tools) => {
    const change = await plan(ticket, tools);
    const team = change?.patch.team;
    if (change && team !== undefined && team !== null && team !== ticket.team) change.bookkeeping = { ...change.bookkeeping, routed_at: now };
    return change;
  };
}

export class TicketWrites {
  constructor(
    readonly store: Store,
    private readonly policy: WritePolicy,
  ) {}

  /** The plan as the store applies it at `options.now`: within the text limits, with the SLA clock kept and the collaborators' sub-tasks opened. */
  compose(plan: Plan, options: WriteOptions): Plan {
    const { now } = options;
    return withRouting(withClock(withCollaboratorAssists(withTextLimits(plan, this.policy.limits), this.policy.sla, options), this.policy.sla, now), now);
  }

  /** Creates the ticket with its deadlines started, then applies `afterCreate` (the rules) in the same transaction. */
  create(ticket: NewTicket, options: Omit<CreateOptions, 'settlements'>, afterCreate: readonly Plan[] = []): Promise<Ticket> {
    const started = startClock(this.policy.sla, ticket);
    const plans = afterCreate.map((plan) => this.compose(plan, options));
    return this.store.createTicket(started.ticket, { ...options, settlements: started.settlements }, plans);
  }

  update(ref: TicketRef, plan: Plan, options: WriteOptions): Promise<UpdateResult> {
    return this.store.updateTicket(ref, this.compose(plan, options), options);
  }

  /** Applies a plan of two tickets (a link, a merge), each side's change composed as a single ticket's is, in one transaction. */
  updatePair(first: TicketRef, second: TicketRef, plan: PairPlan, options: WriteOptions): Promise<PairResult> {
    const composed: PairPlan = async (a, b, link, tools) => {
      const decided = await plan(a, b, link, tools);
      const side = async (ticket: Ticket, change: Change | null) => (change ? this.compose(() => change, options)(ticket, tools) : null);
      return { ...decided, first: await side(a, decided.first), second: await side(b, decided.second) };
    };
    return this.store.updatePair(first, second, composed, options);
  }

  /** Applies `plan` to every ticket in one transaction: all change or none. */
  updateAll(refs: readonly TicketRef[], plan: Plan, options: WriteOptions): Promise<UpdateResult[]> {
    return this.store.updateTickets(refs, this.compose(plan, options), options);
  }
}
