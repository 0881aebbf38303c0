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

export interface ClassifyReport {
  outcome: ClassifyOutcome;
}

/**
 * Classifies by the rules. `report` receives what the rules decided for each ticket, including
 * tickets left unchanged.
 */
export function planRuleClassify(engine: RuleEngine, force: boolean, report?: (ticket: Ticket, outcome: ClassifyOutcome) => void): Plan {
  return (ticket) => {
    if (ticket.status === 'closed') return null;
    const kept = manualFields(ticket, force);
    const outcome = engine.classify(toRuleInput(ticket), kept);
    report?.(ticket, outcome);
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

export function planRuleDispatch(
  engine: RuleEngine,
  teams: TeamDirectory,
  now: number,
  report?: (ticket: Ticket, outcome: DispatchOutcome, agent: string | null) => void,
): Plan {
  return async (ticket, tools) => {
    const outcome = engine.dispatch(toRuleInput(ticket));
    const team = outcome.team?.value ?? ticket.team;
    const decidedNothing = !outcome.team && !outcome.assign && !outcome.collaborators;
    if (!team || decidedNothing) {
      report?.(ticket, outcome, null);
      return null;
    }
    // A ticket already with this team keeps its agent: running the rules again moves nothing.
    const settled = ticket.status !== 'new' && ticket.status !== 'reopened' && ticket.team === team && ticket.assignee !== null;
    // A reopened ticket goes back to whoever had it, while they are still in the team.
    const returning = ticket.status === 'reopened' && ticket.assignee !== null && (ticket.team === team || teams.isMember(ticket.assignee, team));
    const agent = settled || returning ? ticket.assignee : outcome.assign ? await pickAgent(outcome.assign.value, team, teams, tools) : undefined;
    const unchanged = settled && JSON.stringify(outcome.collaborators?.value ?? ticket.collaborators) === JSON.stringify(ticket.collaborators);
    report?.(ticket, outcome, agent ?? null);
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
    const supervisor = teams.teams().find((t) => t.key === team)?.supervisor;
    if (outcome.notify.length && supervisor) change.notify = { to: supervisor, team, rules: outcome.notify };
    return change;
  };
}
