// The case-handling facts of a period from the rows the stores count: one reading for both stores.
import { isUpheld, targetAgent } from '../domain/complaint.js';
import type { AssistTeamFacts, SupervisionFacts, SupervisionCount, SupervisionTeamFacts, TargetFacts, VerifiedComplaint } from './facts.js';

/** Keys by count, most first, then by name: the order every breakdown of the report has. */
function sortedByCount<T>(entries: [string, T][], count: (value: T) => number): Record<string, T> {
  return Object.fromEntries(entries.sort(([ka, a], [kb, b]) => count(b) - count(a) || (ka < kb ? -1 : ka > kb ? 1 : 0)));
}

export function supervisionFactsOf(supervision: readonly SupervisionCount[], verified: readonly VerifiedComplaint[]): SupervisionFacts {
  const teams = new Map<string, SupervisionTeamFacts>();
  const assists = new Map<string, AssistTeamFacts>();
  for (const row of supervision) {
    if (row.kind.startsWith('assist')) {
      const team = assists.get(row.team) ?? { opened: 0, replied: 0, on_time: 0, cancelled: 0 };
      if (row.kind === 'assist') team.opened += row.n;
      if (row.kind === 'assist_reply') Object.assign(team, { replied: team.replied + row.n, on_time: team.on_time + row.on_time });
      if (row.kind === 'assist_cancel') team.cancelled += row.n;
      assists.set(row.team, team);
      continue;
    }
    const team = teams.get(row.team) ?? { orders: 0, answered: 0, on_time: 0, reminders: 0 };
    if (row.kind === 'supervise') team.orders += row.n;
    if (row.kind === 'supervision_reply') Object.assign(team, { answered: team.answered + row.n, on_time: team.on_time + row.on_time });
    if (row.kind === 'urge') team.reminders += row.n;
    teams.set(row.team, team);
  }
  const causes = new Map<string, number>();
  const targets = new Map<string, TargetFacts>();
  const agents = new Map<string, TargetFacts>();
  const verdicts = { yes: 0, partly: 0, no: 0 };
  const add = (into: Map<string, TargetFacts>, key: string, upheld: boolean) => {
    const t = into.get(key) ?? { complaints: 0, upheld: 0 };
    into.set(key, { complaints: t.complaints + 1, upheld: t.upheld + (upheld ? 1 : 0) });
  };
  for (const c of verified) {
    if (c.verdict === 'yes' || c.verdict === 'partly' || c.verdict === 'no') verdicts[c.verdict]++;
    const cause = c.cause ?? '';
    causes.set(cause, (causes.get(cause) ?? 0) + 1);
    add(targets, c.target ?? '', isUpheld(c.verdict));
    const agent = targetAgent(c.target);
    if (agent !== null) add(agents, agent, isUpheld(c.verdict));
  }
  return {
    supervision: sortedByCount([...teams], (t) => t.orders + t.reminders),
    assists: sortedByCount([...assists], (t) => t.opened),
    verification: {
      ...verdicts,
      by_cause: sortedByCount([...causes], (n) => n),
      by_target: sortedByCount([...targets], (t) => t.complaints),
      agents: sortedByCount([...agents], (t) => t.complaints),
    },
  };
}
