// Quality inspection as the commands run it: the domain's rules (src/domain/quality.ts) over the
// store's events, each write one turn of the store's inspection lock.
import { UsageError } from '../domain/errors.js';
import {
  chooseRecord, drawSample, foldRecords, handledRecords, isPending, planAppeal, planDecision, planInspection, planSample,
  type Decision, type ItemVerdict, type QualityPolicy, type QualityRecord,
} from '../domain/quality.js';
import type { Session } from '../domain/roles.js';
import type { TeamDirectory } from '../domain/vocabulary.js';
import type { Ticket } from '../domain/ticket.js';
import type { Store, WriteOptions } from '../store/store.js';

/** Who acts, and what the desk says of them: teams.yaml, quality.yaml and (PostgreSQL) the server's roles. */
export interface Inspector {
  actor: string;
  teams: TeamDirectory;
  policy: QualityPolicy;
  session: Session | null;
}

// The desk's owner acts in others' names (tests, imports), so for it teams.yaml says who supervises, as on SQLite.
const serverSupervisor = (session: Session | null) => session?.rights === 'supervisor';

/** The inspectors of quality.yaml and every supervisor of teams.yaml; anyone, on a desk that names none. */
export function checkInspector(who: Inspector): void {
  const named = [...who.policy.inspectors, ...who.teams.supervisors(), ...(who.teams.deskSupervisor ? [who.teams.deskSupervisor] : [])];
  if (!named.length || named.includes(who.actor) || serverSupervisor(who.session)) return;
  throw new UsageError(`${who.actor} is not an inspector: quality.yaml names ${who.policy.inspectors.join(', ') || 'none'}, and supervisors inspect too`, 'act as an inspector or a supervisor (--actor), or add the name to inspectors: in quality.yaml');
}

/** The agent's team supervisor or the desk supervisor of teams.yaml, or a supervisor's role on the server. */
export function isSupervisorOf(agent: string, who: Pick<Inspector, 'actor' | 'teams' | 'session'>): boolean {
  if (serverSupervisor(who.session)) return true;
  const theirs = who.teams.teamsOf(agent).map((team) => who.teams.supervisorOf(team));
  return [...theirs, who.teams.deskSupervisor].includes(who.actor) || (!who.teams.configured && who.teams.deskSupervisor === null);
}

export interface SampleOutcome {
  day: string;
  seed: string;
  per_agent: number;
  /** Who drew the sample and when; an earlier draw when `drawn_before`. */
  inspector: string;
  drawn_at: number;
  drawn_before: boolean;
  records: QualityRecord[];
}

/**
 * Draws the day's sample, or gives the one drawn already. `window` is the local day, which must
 * be over: the records of a day still running would change, and the sample could not be drawn again.
 */
export async function sampleDay(
  store: Store,
  who: Inspector,
  day: { date: string; start: number; end: number },
  draw: { seed: string | null; newSeed: string; perAgent: number | null },
  options: WriteOptions,
): Promise<SampleOutcome> {
  if (day.end > options.now) throw new UsageError(`--date: ${day.date} is not over yet: a day is sampled once it has ended`, 'sample an earlier day, e.g. yesterday');
  checkInspector(who);
  const perAgent = draw.perAgent ?? who.policy.sampling.perAgent;
  const handled = handledRecords(await store.handlingEvents(day));
  const rule = {
    day: day.date, seed: draw.seed ?? draw.newSeed, perAgent, inspector: who.actor, ownTickets: who.policy.sampling.ownTickets,
    channels: who.policy.sampling.channels, types: who.policy.sampling.types, agents: who.teams.configured ? who.teams.agents() : null,
  };
  return store.recordQuality<SampleOutcome>(
    // A day's sample is drawn once the day is over, so its events come after its end.
    { since: day.end },
    (events) => {
      const plan = planSample(foldRecords(events), () => drawSample(handled, rule), { day: day.date, seed: draw.seed, newSeed: draw.newSeed, perAgent: draw.perAgent, defaultPerAgent: perAgent });
      const numbers = new Map(plan.drawn.map((r) => [r.ticket_id, r.number]));
      const records = plan.existing ?? foldRecords(plan.events.map((e, i) => ({ ...e, id: i, number: numbers.get(e.ticket_id)!, at: options.now, actor: options.actor })));
      const { by, at, seed, perAgent: drawnWith } = records[0]?.sampled ?? { by: options.actor, at: options.now, seed: rule.seed, perAgent };
      return { events: plan.events, result: { day: day.date, seed, per_agent: drawnWith ?? perAgent, inspector: by, drawn_at: at, drawn_before: plan.existing !== null, records } };
    },
    options,
  );
}

/** Which of the ticket's records: --date and --agent narrow them. */
export interface RecordChoice {
  day?: string;
  agent?: string;
}

export async function inspectRecord(
  store: Store,
  who: Inspector,
  ticket: Ticket,
  choice: RecordChoice,
  verdicts: Record<string, ItemVerdict>,
  comment: string | null,
  options: WriteOptions,
): Promise<QualityRecord> {
  checkInspector(who);
  return writeRecord(store, ticket, choice, ['to_inspect'], 'score', options, (record) => {
    if (record.agent === who.actor) throw new UsageError(`${who.actor} may not score their own record`, 'another inspector scores it');
    return planInspection(record, verdicts, comment, who.policy);
  });
}

/** An appeal, by the agent whose record it is or a supervisor of theirs. */
export async function appealRecord(store: Store, who: Omit<Inspector, 'policy'>, ticket: Ticket, choice: RecordChoice, reason: string, options: WriteOptions): Promise<QualityRecord> {
  return writeRecord(store, ticket, choice, ['unqualified', 'qualified'], 'appeal', options, (record) => {
    if (record.agent !== who.actor && !isSupervisorOf(record.agent, who)) {
      throw new UsageError(`only ${record.agent} or a supervisor of theirs may appeal this record, and ${who.actor} is neither`, `act as ${record.agent} (--actor)`);
    }
    return planAppeal(record, reason);
  });
}

export async function decideAppeal(store: Store, who: Omit<Inspector, 'policy'>, ticket: Ticket, choice: RecordChoice, decision: Decision, reason: string, options: WriteOptions): Promise<QualityRecord> {
  return writeRecord(store, ticket, choice, ['appealed'], 'decide', options, (record) => planDecision(record, decision, reason, { actor: who.actor, supervisor: isSupervisorOf(record.agent, who) }));
}

/** Chooses the record inside the write's turn, appends the event the plan makes, and gives the record as it then stands. */
async function writeRecord(
  store: Store,
  ticket: Ticket,
  choice: RecordChoice,
  states: Parameters<typeof chooseRecord>[3],
  what: string,
  options: WriteOptions,
  plan: (record: QualityRecord) => ReturnType<typeof planAppeal>,
): Promise<QualityRecord> {
  return store.recordQuality(
    { ticketId: ticket.id },
    (events) => {
      const record = chooseRecord(foldRecords(events), ticket.number, choice, states, what);
      const event = plan(record);
      const [after] = foldRecords([...events, { ...event, id: Number.MAX_SAFE_INTEGER, number: ticket.number, at: options.now, actor: options.actor }]).filter(
        (r) => r.day === record.day && r.agent === record.agent,
      );
      return { events: [event], result: after! };
    },
    options,
  );
}

export interface RecordFilter {
  /** Only records of this day. */
  day?: string;
  agent?: string;
  /** Only those awaiting an inspector or a decision. */
  pending: boolean;
}

/** The sampled records, newest day first, then by agent and ticket. */
export async function listRecords(store: Store, filter: RecordFilter, since: number): Promise<QualityRecord[]> {
  return foldRecords(await store.qualityEvents({ since }))
    .filter((r) => (filter.day === undefined || r.day === filter.day) && (filter.agent === undefined || r.agent === filter.agent) && (!filter.pending || isPending(r)))
    .sort((a, b) => (a.day !== b.day ? (a.day < b.day ? 1 : -1) : a.agent !== b.agent ? (a.agent < b.agent ? -1 : 1) : a.number < b.number ? -1 : 1));
}
