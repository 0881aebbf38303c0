// Classification and dispatch decided by the routing rules, as plans the store applies.
import type { ClassifyField, ClassifyOutcome, DispatchOutcome, RuleEngine, RuleInput } from '../rules/engine.js';
import { CLASSIFY_FIELDS } from '../rules/engine.js';
import { planDispatch, type Plan, type PlanTools } from '../domain/lifecycle.js';
import type { Ticket, TicketPatch } from '../domain/ticket.js';
import type { TeamDirectory } from '../domain/vocabulary.js';

export function toRuleInput(ticket: Ticket): RuleInput {
  const { title, description, department, channel, requester, type, category, urgency, impact } = ticket;
  return { title, description, department, channel, requester, type, category, urgency, impact };
}

/** Fields an operator set by hand; rules leave them alone unless forced. */
function manualFields(ticket: Ticket, force: boolean): Set<ClassifyField> {
  if (force) return new Set();
  return new Set(CLASSIFY_FIELDS.filter((field) => ticket.manual_fields.includes(field)));
}

/** One field the rules set, and the rule that set it. */
export interface RuleDecision {
  value: unknown;
  rule: string;
}

/** What the rules decided for one ticket, whether or not it changed anything. */
export interface RuleDecisions {
  /** Classification: type, category, urgency, impact. Dispatch: team, with (collaborating teams), assignee. */
  decided: Record<string, RuleDecision>;
  /** The supervisor a rule asked to tell, with the team and the rules that asked. */
  notify: { to: string; team: string; rules: string[] } | null;
}

/** Receives what the rules decided for each ticket a plan looks at, including tickets left unchanged. */
export type DecisionReport = (ticket: Ticket, decisions: RuleDecisions) => void;

const classifyDecisions = (outcome: ClassifyOutcome): RuleDecisions => ({ decided: { ...outcome.decided }, notify: null });

/** The dispatch of `outcome` as decisions: the team and collaborators it named, the agent it picked, and whom to tell. */
export function dispatchDecisions(outcome: DispatchOutcome, agent: string | null, team: string | null, teams: TeamDirectory): RuleDecisions {
  const decided: Record<string, RuleDecision> = {};
  if (outcome.team) decided.team = outcome.team;
  if (outcome.collaborators) decided.with = outcome.collaborators;
  if (outcome.assign && agent) decided.assignee = { value: agent, rule: outcome.assign.rule };
  const supervisor = teams.supervisorOf(team);
  return { decided, notify: outcome.notify.length && supervisor && team ? { to: supervisor, team, rules: outcome.notify } : null };
}

/** Classifies by the rules; `report` hears the decisions for every ticket. */
export function planRuleClassify(engine: RuleEngine, force: boolean, report?: DecisionReport): Plan {
  return (ticket) => {
    if (ticket.status === 'closed') return null;
    const kept = manualFields(ticket, force);
    const outcome = engine.classify(toRuleInput(ticket), kept);
    report?.(ticket, classifyDecisions(outcome));
    const decided = Object.entries(outcome.decided) as [ClassifyField, { value: string; rule: string }][];
    const patch: TicketPatch = {};
    const rules: Record<string, string> = {};
    for (const [field, decision] of decided) {
      patch[field] = decision.value;
      rules[field] = decision.rule;
    }
    const names = [...(kept.size ? ['manual'] : []), ...new Set(decided.map(([, d]) => d.rule))];
    if (!decided.length) return null;
    patch.classified_by = names.join(',');
    if (force) patch.manual_fields = [];
    if (decided.every(([field, d]) => ticket[field] === d.value) && ticket.classified_by === patch.classified_by) return null;
    return { kind: 'classify', patch, rules };
  };
}

async function pickAgent(assign: string, team: string, teams: TeamDirectory, tools: PlanTools): Promise<string | null> {
  const members = teams.teams().find((t) => t.key === team)?.members ?? [];
  if (assign === 'round-robin') return members.length ? tools.nextInRotation(team, members) : null;
  if (assign === 'least-loaded') {
    if (!members.length) return null;
    const load = await tools.openLoad(members);
    // Ties go to the agent listed first in teams.yaml, so the choice is stable.
    return members.reduce((best, agent) => ((load.get(agent) ?? 0) < (load.get(best) ?? 0) ? agent : best), members[0]!);
  }
  return assign;
}

/** Dispatches by the rules; `report` hears the decisions for every ticket. */
export function planRuleDispatch(engine: RuleEngine, teams: TeamDirectory, now: number, report?: DecisionReport): Plan {
  return async (ticket, tools) => {
    const outcome = engine.dispatch(toRuleInput(ticket));
    const team = outcome.team?.value ?? ticket.team;
    const decidedNothing = !outcome.team && !outcome.assign && !outcome.collaborators;
    if (!team || decidedNothing) {
      report?.(ticket, dispatchDecisions(outcome, null, team, teams));
      return null;
    }
    // A ticket already with this team keeps its agent: running the rules again moves nothing.
    const settled = ticket.status !== 'new' && ticket.status !== 'reopened' && ticket.team === team && ticket.assignee !== null;
    // A reopened ticket goes back to whoever had it, while they are still in the team.
    const returning = ticket.status === 'reopened' && ticket.assignee !== null && (ticket.team === team || teams.isMember(ticket.assignee, team));
    const agent = settled || returning ? ticket.assignee : outcome.assign ? await pickAgent(outcome.assign.value, team, teams, tools) : undefined;
    const unchanged = settled && JSON.stringify(outcome.collaborators?.value ?? ticket.collaborators) === JSON.stringify(ticket.collaborators);
    const decisions = dispatchDecisions(outcome, agent ?? null, team, teams);
    report?.(ticket, decisions);
    if (unchanged) return null;
    const change = planDispatch({ team, agent: agent ?? undefined, collaborators: outcome.collaborators?.value }, teams, now)(ticket, tools);
    if (!change) return null;
    const rules: Record<string, string> = {};
    if (outcome.team) rules.team = outcome.team.rule;
    if (outcome.collaborators) rules.collaborators = outcome.collaborators.rule;
    if (outcome.assign && agent) rules.assignee = outcome.assign.rule;
    const names = [...new Set(Object.values(rules))];
    change.patch.dispatched_by = names.length ? names.join(',') : 'rules';
    change.rules = rules;
    if (decisions.notify) change.notify = decisions.notify;
    return change;
  };
}
