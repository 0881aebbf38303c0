import { UsageError } from './errors.js';
import { STATUSES, URGENCIES } from './ticket.js';
import { checkTerm, termLabels, type GivenLabel, type TermKind, type TermLabel, type TermLabels } from './terms.js';

/** The enumerated values a desk accepts, with their labels; channels, types and impacts come from config. */
export interface Vocabulary {
  channels: readonly string[];
  types: readonly string[];
  impacts: readonly string[];
  urgencies: readonly string[];
  labels: TermLabels;
}

const DEFAULT_VALUES = {
  channels: ['phone', 'email', 'web', 'onsite'],
  types: ['consultation', 'fault', 'request', 'complaint', 'suggestion'],
  impacts: ['single', 'department', 'company'],
  urgencies: URGENCIES,
} as const;

/** A desk's vocabulary: its values of each kind, and labels given for some of them. */
export function makeVocabulary(
  values: Partial<Pick<Vocabulary, 'channels' | 'types' | 'impacts'>> = {},
  labels: Partial<Record<TermKind, Readonly<Record<string, GivenLabel | null>>>> = {},
): Vocabulary {
  const chosen = { ...DEFAULT_VALUES, ...values };
  return {
    ...chosen,
    labels: termLabels({ channel: chosen.channels, type: chosen.types, impact: chosen.impacts, urgency: chosen.urgencies, status: STATUSES }, labels),
  };
}

export const DEFAULT_VOCABULARY: Vocabulary = makeVocabulary();

/** The value of `kind` that `text` names (its id or a label, `--channel 电话`), else a usage error naming `place`. */
export function checkValue(vocabulary: Vocabulary, kind: TermKind, text: string, place: string): string {
  return checkTerm(vocabulary.labels, kind, text, place);
}

/** Returns the value when it is one of `accepted`, else a usage error naming `place` and the choices. */
export function checkEnum(value: string, accepted: readonly string[], place: string): string {
  const normalised = value.trim().toLowerCase();
  if (accepted.includes(normalised)) return normalised;
  throw new UsageError(`${place}: unknown value "${value}"`, `accepted: ${accepted.join(', ')}`);
}

export interface Team {
  key: string;
  name: string;
  /** What people call the team, in each language (teams.yaml's name). */
  label?: TermLabel;
  supervisor: string | null;
  members: readonly string[];
}

/** Teams and agents from teams.yaml. Empty when no file is configured: then any name is accepted. */
export class TeamDirectory {
  private readonly byKey: Map<string, Team>;
  /**
   * @param deskSupervisor who supervises the whole desk over every team (teams.yaml `supervisor`):
   * a late return and any extension decision are theirs as well.
   */
  constructor(teams: readonly Team[], readonly deskSupervisor: string | null = null) {
    this.byKey = new Map(teams.map((t) => [t.key, t]));
  }

  get configured(): boolean {
    return this.byKey.size > 0;
  }

  teams(): Team[] {
    return [...this.byKey.values()];
  }

  checkTeam(key: string, place: string): string {
    if (!this.configured || this.byKey.has(key)) return key;
    throw new UsageError(`${place}: unknown team "${key}"`, `teams: ${[...this.byKey.keys()].join(', ')}`);
  }

  /** The agents of the desk: members and supervisors of every team. */
  agents(): string[] {
    const names = new Set<string>();
    for (const t of this.byKey.values()) {
      if (t.supervisor) names.add(t.supervisor);
      t.members.forEach((m) => names.add(m));
    }
    return [...names];
  }

  checkAgent(name: string, place: string): string {
    if (!this.configured || this.agents().includes(name)) return name;
    throw new UsageError(`${place}: unknown agent "${name}"`, `agents: ${this.agents().join(', ')}`);
  }

  /** Who is told of the team's tickets that need it (a rule's notify, an escalation). */
  supervisorOf(team: string | null): string | null {
    return team === null ? null : (this.byKey.get(team)?.supervisor ?? null);
  }

  /** Everyone who supervises a team. */
  supervisors(): string[] {
    return [...new Set(this.teams().flatMap((t) => (t.supervisor ? [t.supervisor] : [])))];
  }

  /** The first team that has the agent as member (or supervisor). */
  teamOf(agent: string): string | null {
    for (const t of this.byKey.values()) if (t.members.includes(agent)) return t.key;
    for (const t of this.byKey.values()) if (t.supervisor === agent) return t.key;
    return null;
  }

  /** The teams that have the agent as a member or supervisor. */
  teamsOf(agent: string): string[] {
    return [...this.byKey.values()].filter((t) => t.members.includes(agent) || t.supervisor === agent).map((t) => t.key);
  }

  /**
   * Refuses to give a ticket of `team` (with its collaborating teams) to an agent of none of them,
   * when teams.yaml lists the team's members; `force` records it anyway.
   */
  checkAgentOfTeam(agent: string, team: string | null, collaborators: readonly string[], place: string, force = false): void {
    if (force || team === null || !this.byKey.get(team)?.members.length) return;
    if ([team, ...collaborators].some((t) => this.isMember(agent, t))) return;
    const theirs = this.teamsOf(agent);
    throw new UsageError(
      `${place}: ${agent} is not in team ${team}${collaborators.length ? ` or ${collaborators.join(', ')}` : ''} (${agent}'s teams: ${theirs.join(', ') || 'none'})`,
      `assign someone of ${team} (${this.byKey.get(team)!.members.join(', ')}), or give --force to record it anyway`,
    );
  }

  isMember(agent: string, team: string): boolean {
    const t = this.byKey.get(team);
    return !t || t.members.includes(agent) || t.supervisor === agent;
  }
}
