// Quality inspection of service records (服务质量抽查): a day's sample of each agent's records,
// each inspected item by item, appeals a supervisor decides, and the monthly points rule of the
// hotline regulations (a day with too many unqualified records costs a point). Every step is an
// event in the ticket's trail; the ticket itself never changes.
import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError, UsageError } from './errors.js';
import type { TermLabel } from './terms.js';
import { ITEM_VERDICTS, QA_KINDS, type Decision, type ItemVerdict, type QualityKind, type QualityNote } from './ticket.js';

export { ITEM_VERDICTS, QA_KINDS, type Decision, type ItemVerdict, type QualityKind, type QualityNote };

const VERDICT_WORDS: Record<string, ItemVerdict> = {
  pass: 'pass', ok: 'pass', yes: 'pass', y: 'pass', 合格: 'pass', 通过: 'pass', 是: 'pass',
  fail: 'fail', no: 'fail', n: 'fail', 不合格: 'fail', 否: 'fail',
  na: 'na', 'n/a': 'na', 不适用: 'na', 无: 'na',
};

export interface QualityItem {
  id: string;
  label: TermLabel;
  weight: number;
}

export const APPRAISAL_PARTS = ['quality', 'response', 'accuracy', 'resolution', 'satisfaction'] as const;
export type AppraisalPart = (typeof APPRAISAL_PARTS)[number];

export interface PointsBand {
  /** Points under this fall in the band. */
  below: number;
  effect: TermLabel;
}

export interface QualityPolicy {
  items: readonly QualityItem[];
  /** A record is unqualified when any item failed (if `anyFailed`), or its weighted score is under `below`. */
  unqualified: { anyFailed: boolean; below: number | null };
  sampling: {
    perAgent: number;
    /** Only tickets of these channels and types; null: all. */
    channels: readonly string[] | null;
    types: readonly string[] | null;
    /** Whether an inspector may sample a ticket they took part in. */
    ownTickets: boolean;
  };
  /** Who may draw samples and score records besides the supervisors of teams.yaml; empty: the supervisors only. */
  inspectors: readonly string[];
  points: { monthly: number; unqualifiedPerDay: number; deduct: number; bands: readonly PointsBand[] };
  appraisal: { weights: Readonly<Record<AppraisalPart, number>>; complaint: number };
}

/** A quality event as the store gives it back, with the number of its ticket. */
export interface QualityEvent {
  id: number;
  ticket_id: number;
  number: string;
  at: number;
  actor: string;
  kind: QualityKind;
  qa: QualityNote;
  /** The inspector's comment, or the reason of an appeal or decision. */
  text: string | null;
}

/** A quality event to append to a ticket's trail. */
export interface QualityEventInput {
  ticket_id: number;
  kind: QualityKind;
  qa: QualityNote;
  text: string | null;
}

export const HANDLING_ROLES = ['logged', 'responded', 'resolved'] as const;
export type HandlingRole = (typeof HANDLING_ROLES)[number];

/** One agent's part in one ticket on one day, as the trail records it. */
export interface HandledRecord {
  ticket_id: number;
  number: string;
  agent: string;
  role: HandlingRole;
  channel: string | null;
  type: string | null;
  assignee: string | null;
}

/** An event of the trail by which someone may have logged, responded to or resolved a ticket, with the fields it changed. */
export interface HandlingEvent {
  ticket_id: number;
  number: string;
  actor: string;
  kind: string;
  changed: readonly string[];
  channel: string | null;
  type: string | null;
  assignee: string | null;
}

/** Who logged, responded to and resolved which ticket: a close at first contact does all three at once. */
export function handledRecords(events: readonly HandlingEvent[]): HandledRecord[] {
  return events.flatMap((e) => {
    const roles: HandlingRole[] = [];
    if (e.kind === 'create') roles.push('logged');
    if (e.kind === 'respond' || e.changed.includes('first_response_at')) roles.push('responded');
    if (e.kind === 'resolve' || (e.kind === 'close' && e.changed.includes('resolved_at'))) roles.push('resolved');
    return roles.map((role) => ({ ticket_id: e.ticket_id, number: e.number, agent: e.actor, role, channel: e.channel, type: e.type, assignee: e.assignee }));
  });
}

export interface SampleRule {
  day: string;
  seed: string;
  perAgent: number;
  inspector: string;
  ownTickets: boolean;
  channels: readonly string[] | null;
  types: readonly string[] | null;
  /** The agents of teams.yaml; null when it lists none (then every actor is an agent). */
  agents: readonly string[] | null;
}

export interface SampledRecord {
  ticket_id: number;
  number: string;
  agent: string;
  roles: HandlingRole[];
}

/**
 * Each agent's sample of the day: their records ranked by a hash of the seed, the day, the agent
 * and the ticket's number, the first `perAgent` of them. A record's rank depends on nothing else,
 * so the same seed draws the same sample from the same records, and a record added to the day
 * leaves the others' order as it was.
 */
export function drawSample(handled: readonly HandledRecord[], rule: SampleRule): SampledRecord[] {
  const inspectorsTickets = new Set(handled.filter((h) => h.agent === rule.inspector || h.assignee === rule.inspector).map((h) => h.ticket_id));
  const byAgent = new Map<string, Map<number, SampledRecord>>();
  for (const h of handled) {
    if (rule.channels && !rule.channels.includes(h.channel ?? '')) continue;
    if (rule.types && !rule.types.includes(h.type ?? '')) continue;
    if (rule.agents && !rule.agents.includes(h.agent)) continue;
    if (!rule.ownTickets && (h.agent === rule.inspector || inspectorsTickets.has(h.ticket_id))) continue;
    let records = byAgent.get(h.agent);
    if (!records) byAgent.set(h.agent, (records = new Map()));
    const record = records.get(h.ticket_id) ?? { ticket_id: h.ticket_id, number: h.number, agent: h.agent, roles: [] };
    if (!record.roles.includes(h.role)) record.roles.push(h.role);
    records.set(h.ticket_id, record);
  }
  const rank = (r: SampledRecord) => createHash('sha256').update(`${rule.seed}\u0000${rule.day}\u0000${r.agent}\u0000${r.number}`).digest('hex');
  const drawn: SampledRecord[] = [];
  for (const agent of [...byAgent.keys()].sort()) {
    const ranked = [...byAgent.get(agent)!.values()].map((r) => ({ r, key: rank(r) })).sort((a, b) => (a.key < b.key ? -1 : 1));
    const chosen = ranked.slice(0, rule.perAgent).map(({ r }) => ({ ...r, roles: HANDLING_ROLES.filter((role) => r.roles.includes(role)) }));
    drawn.push(...chosen.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0)));
  }
  return drawn;
}

export type RecordState = 'to_inspect' | 'qualified' | 'unqualified' | 'appealed' | 'upheld' | 'overturned';

/** A sampled record and what became of it, folded from its events. */
export interface QualityRecord {
  ticket_id: number;
  number: string;
  day: string;
  agent: string;
  sampled: { by: string; at: number; seed: string; perAgent: number | null; roles: string[] };
  inspection: { by: string; at: number; items: Record<string, ItemVerdict>; score: number; unqualified: boolean; comment: string | null } | null;
  appeal: { by: string; at: number; reason: string } | null;
  decision: { by: string; at: number; decision: Decision; reason: string } | null;
  state: RecordState;
}

const recordKey = (ticketId: number, day: string, agent: string) => `${ticketId}\u0000${day}\u0000${agent}`;

function stateOf(r: Omit<QualityRecord, 'state'>): RecordState {
  if (r.decision) return r.decision.decision === 'uphold' ? 'upheld' : 'overturned';
  if (r.appeal) return 'appealed';
  if (r.inspection) return r.inspection.unqualified ? 'unqualified' : 'qualified';
  return 'to_inspect';
}

/** The records the events describe, in the order they were sampled; events of a record not sampled are left out. */
export function foldRecords(events: readonly QualityEvent[]): QualityRecord[] {
  const records = new Map<string, Omit<QualityRecord, 'state'>>();
  for (const e of [...events].sort((a, b) => a.id - b.id)) {
    const key = recordKey(e.ticket_id, e.qa.day, e.qa.agent);
    if (e.kind === 'qa_sample') {
      if (!records.has(key)) {
        records.set(key, {
          ticket_id: e.ticket_id, number: e.number, day: e.qa.day, agent: e.qa.agent,
          sampled: { by: e.actor, at: e.at, seed: e.qa.seed ?? '', perAgent: e.qa.per_agent ?? null, roles: e.qa.roles ?? [] },
          inspection: null, appeal: null, decision: null,
        });
      }
      continue;
    }
    const record = records.get(key);
    if (!record) continue;
    if (e.kind === 'qa_score') {
      record.inspection = { by: e.actor, at: e.at, items: e.qa.items ?? {}, score: e.qa.score ?? 0, unqualified: e.qa.unqualified ?? false, comment: e.text };
    } else if (e.kind === 'qa_appeal') {
      record.appeal = { by: e.actor, at: e.at, reason: e.text ?? '' };
    } else if (e.qa.decision) {
      record.decision = { by: e.actor, at: e.at, decision: e.qa.decision, reason: e.text ?? '' };
    }
  }
  return [...records.values()].map((r) => ({ ...r, state: stateOf(r) }));
}

/** An unqualified record counts against its agent unless a supervisor overturned it on appeal. */
export function countsUnqualified(record: QualityRecord): boolean {
  return record.inspection !== null && record.inspection.unqualified && record.decision?.decision !== 'overturn';
}

/** Awaiting an inspector (not scored yet) or a supervisor (appealed, not decided). */
export function isPending(record: QualityRecord): boolean {
  return record.state === 'to_inspect' || record.state === 'appealed';
}

/**
 * The events of a day's sample, or, when the day has one already, that sample as recorded: a day
 * has one sample, so a second run shows it, and refuses another seed or size given for it.
 */
export function planSample(
  recorded: readonly QualityRecord[],
  draw: () => SampledRecord[],
  given: { day: string; seed: string | null; newSeed: string; perAgent: number | null; defaultPerAgent: number },
): { events: QualityEventInput[]; drawn: SampledRecord[]; existing: QualityRecord[] | null } {
  const existing = recorded.filter((r) => r.day === given.day);
  if (existing.length) {
    const { seed, perAgent, by } = existing[0]!.sampled;
    const other = given.seed !== null && given.seed !== seed ? `with seed ${seed}` : given.perAgent !== null && perAgent !== null && given.perAgent !== perAgent ? `${perAgent} records per agent` : null;
    if (other) throw new UsageError(`the sample of ${given.day} was drawn already, ${other}, by ${by}: a day has one sample`, `desk qa list --date ${given.day} shows it`);
    return { events: [], drawn: [], existing };
  }
  const seed = given.seed ?? given.newSeed;
  const perAgent = given.perAgent ?? given.defaultPerAgent;
  const drawn = draw();
  const events = drawn.map((r): QualityEventInput => ({
    ticket_id: r.ticket_id,
    kind: 'qa_sample',
    qa: { day: given.day, agent: r.agent, seed, per_agent: perAgent, roles: r.roles },
    text: null,
  }));
  return { events, drawn, existing: null };
}

/** `greeting=pass,knowledge=fail`: every item of the checklist named once, by id or label, with pass, fail or na. */
export function parseItemVerdicts(text: string, items: readonly QualityItem[]): Record<string, ItemVerdict> {
  const byWord = new Map<string, string>();
  for (const item of items) for (const word of [item.id, item.label.en, item.label.zh]) byWord.set(word.trim().toLowerCase(), item.id);
  const given: Record<string, ItemVerdict> = {};
  for (const part of text.split(/[,，;；]/).map((p) => p.trim()).filter(Boolean)) {
    const at = part.search(/[=:：]/);
    const name = at < 0 ? part : part.slice(0, at).trim();
    const word = at < 0 ? '' : part.slice(at + 1).trim();
    const id = byWord.get(name.toLowerCase());
    if (!id) throw new UsageError(`--items: "${name}" is not an item of quality.yaml`, `the items: ${items.map((i) => i.id).join(', ')}`);
    const verdict = VERDICT_WORDS[word.toLowerCase()];
    if (!verdict) throw new UsageError(`--items: ${id}${word ? ` "${word}"` : ''} needs pass, fail or na`, `e.g. --items ${id}=pass (合格), ${id}=fail (不合格) or ${id}=na (不适用)`);
    if (given[id] !== undefined) throw new UsageError(`--items: ${id} is given twice`, 'name each item once');
    given[id] = verdict;
  }
  const missing = items.filter((i) => given[i.id] === undefined).map((i) => i.id);
  if (missing.length) throw new UsageError(`--items: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not scored`, `an inspection scores every item: add ${missing.map((m) => `${m}=pass`).join(',')} (or fail, na)`);
  return Object.fromEntries(items.map((i) => [i.id, given[i.id]!]));
}

/** The weighted score (0–100, one decimal) of the items that apply, and whether the record is unqualified. */
export function scoreItems(verdicts: Readonly<Record<string, ItemVerdict>>, policy: Pick<QualityPolicy, 'items' | 'unqualified'>): { score: number; unqualified: boolean; failed: string[] } {
  const applying = policy.items.filter((i) => verdicts[i.id] !== 'na');
  const total = applying.reduce((sum, i) => sum + i.weight, 0);
  if (!applying.length || total === 0) throw new UsageError('--items: no item applies to this record (every one is na)', 'score at least one item pass or fail');
  const passed = applying.filter((i) => verdicts[i.id] === 'pass').reduce((sum, i) => sum + i.weight, 0);
  const score = Math.round((1000 * passed) / total) / 10;
  const failed = applying.filter((i) => verdicts[i.id] === 'fail').map((i) => i.id);
  const unqualified = (policy.unqualified.anyFailed && failed.length > 0) || (policy.unqualified.below !== null && score < policy.unqualified.below);
  return { score, unqualified, failed };
}

/** Which of a ticket's sampled records a command means: the only one in `states`, or the one --date and --agent name. */
export function chooseRecord(
  records: readonly QualityRecord[],
  ref: string,
  filter: { day?: string; agent?: string },
  states: readonly RecordState[],
  what: string,
): QualityRecord {
  const named = records.filter((r) => (filter.day === undefined || r.day === filter.day) && (filter.agent === undefined || r.agent === filter.agent));
  if (!named.length) {
    throw new NotFoundError(`${ref} has no sampled record${filter.day ? ` of ${filter.day}` : ''}${filter.agent ? ` for ${filter.agent}` : ''}`, 'desk qa list shows the sampled records');
  }
  const open = named.filter((r) => states.includes(r.state));
  if (open.length === 1) return open[0]!;
  if (!open.length) {
    const r = named[named.length - 1]!;
    throw new ConflictError(`${ref}'s record of ${r.day} for ${r.agent} is ${r.state.replace('_', ' ')}: nothing to ${what}`, `desk qa list --date ${r.day} shows where each record stands`);
  }
  throw new UsageError(`${ref} has ${open.length} records to ${what}: ${open.map((r) => `${r.day} for ${r.agent}`).join(', ')}`, 'name one with --date DAY or --agent NAME');
}

export function planInspection(record: QualityRecord, verdicts: Record<string, ItemVerdict>, comment: string | null, policy: QualityPolicy): QualityEventInput {
  const { score, unqualified } = scoreItems(verdicts, policy);
  return { ticket_id: record.ticket_id, kind: 'qa_score', qa: { day: record.day, agent: record.agent, items: verdicts, score, unqualified }, text: comment };
}

export function planAppeal(record: QualityRecord, reason: string): QualityEventInput {
  return { ticket_id: record.ticket_id, kind: 'qa_appeal', qa: { day: record.day, agent: record.agent }, text: reason };
}

/** A decision on an appeal, by a supervisor who did not score the record themselves. */
export function planDecision(record: QualityRecord, decision: Decision, reason: string, who: { actor: string; supervisor: boolean }): QualityEventInput {
  if (!who.supervisor) throw new UsageError(`only a supervisor decides an appeal, and ${who.actor} is not one`, `act as ${record.agent}'s team supervisor or the desk supervisor of teams.yaml`);
  if (record.inspection?.by === who.actor) throw new UsageError(`${who.actor} scored this record: another supervisor decides its appeal`, 'ask the desk supervisor or the team supervisor to decide');
  return { ticket_id: record.ticket_id, kind: 'qa_decide', qa: { day: record.day, agent: record.agent, decision }, text: reason };
}

/** An agent's quality figures over the records of a period's days. */
export interface QualityPoints {
  inspected: number;
  unqualified: number;
  /** Days with inspected records, and those of them with enough unqualified records to cost points. */
  days_inspected: number;
  days_deducted: number;
  points: number;
  band: PointsBand | null;
}

/**
 * The points rule: an agent starts the month with `monthly` points, and each inspected day with
 * `unqualifiedPerDay` or more unqualified records costs `deduct` of them (never below 0). The band
 * is the narrowest whose threshold the points fall under.
 */
export function qualityPoints(records: readonly QualityRecord[], rule: QualityPolicy['points']): QualityPoints {
  const inspected = records.filter((r) => r.inspection !== null);
  const unqualifiedByDay = new Map<string, number>();
  for (const r of inspected) unqualifiedByDay.set(r.day, (unqualifiedByDay.get(r.day) ?? 0) + (countsUnqualified(r) ? 1 : 0));
  const daysDeducted = [...unqualifiedByDay.values()].filter((n) => n >= rule.unqualifiedPerDay).length;
  const points = Math.max(0, rule.monthly - daysDeducted * rule.deduct);
  const band = [...rule.bands].sort((a, b) => a.below - b.below).find((b) => points < b.below) ?? null;
  return {
    inspected: inspected.length,
    unqualified: inspected.filter(countsUnqualified).length,
    days_inspected: unqualifiedByDay.size,
    days_deducted: daysDeducted,
    points,
    band,
  };
}
