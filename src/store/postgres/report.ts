// The monthly report's aggregates on PostgreSQL: the figures of src/store/sqlite-report.ts, planned
// for a server a round trip away. Each statement walks one index of the month once and answers
// every figure that walk can give (counts side by side, FILTER clauses, grouping sets): a report
// is 19 statements instead of 87. All in SQL over indexed time columns: the cost grows
// with the tickets of the month, not with the whole database. Deadlines count from their
// settlements and resolutions, closures and ratings from the ticket's current cycle and the cycles
// reopens ended (closed_cycles), each as it stood at the month's end: a closed month counts the
// same whenever it is run.
import type pg from 'pg';
import { DEADLINE_FIELDS } from '../../domain/deadlines.js';
import { repeatCallSql } from '../repeat-calls.js';
import { numbered } from './rows.js';
import type { SettledKind } from '../../domain/settlement.js';
import {
  type AgentFacts,
  BREAKDOWN_FIELDS,
  type BreakdownField,
  type DeadlineCount,
  type FactsQuery,
  type FieldCosts,
  type FieldFacts,
  type MonthFacts,
  type MonthSummaryFacts,
  type Percentiles,
  type RepeatCallFacts,
  type RepeatCallQuery,
} from '../../report/facts.js';

type Params = Record<string, number | string | readonly unknown[]>;
type Fields = Record<string, string | null>;

/** Statuses whose SLA clock runs. */
const RUNNING = "('new', 'dispatched', 'in_progress', 'reopened')";

/** A ticket merged into another by the month's end (merged is final, closed_at its instant). */
const MERGED_BY_END = (alias: string) => `${alias}.status = 'merged' AND ${alias}.closed_at < :end`;

/** Deadlines of tickets merged by the month's end count neither way (merged tickets are left out of SLA figures). */
const NOT_OF_MERGED = (alias: string) => `AND NOT EXISTS (SELECT 1 FROM tickets m WHERE m.id = ${alias}.ticket_id AND ${MERGED_BY_END('m')})`;

/**
 * Every resolution cycle: the tickets' current ones, and those reopens ended. A merged ticket's
 * current cycle ended in its merge, not in a resolution or closure.
 */
const CYCLES = `(SELECT id AS ticket_id, created_at, resolved_at, closed_at, satisfaction, rated_at, callback_at, team, assignee, type, resolve_business_ms FROM tickets WHERE status <> 'merged'
  UNION ALL SELECT ticket_id, created_at, resolved_at, closed_at, satisfaction, rated_at, callback_at, team, assignee, type, resolve_business_ms FROM closed_cycles)`;

/** What one walk over the month's tickets gives. */
interface MonthWalk {
  counts: { field: BreakdownField; key: string | null; n: number }[];
  count: number;
  /** Of them, resolved by the month's end in their current cycle. */
  resolved: number;
  firstId: number;
  lastId: number;
}

/** What one walk over the month's closures gives. */
interface Closures {
  closed: number;
  callbacks: number;
  satisfaction: MonthFacts['satisfaction'];
  /** Per agent, the ratings of their closures by the month's end. */
  rated: { agent: string; sum: number; n: number }[];
}

/** The key column a report of one caller's tickets selects by (src/domain/caller.ts), if any. */
function callerColumn(q: FactsQuery): 'requester_key' | 'contact_key' | null {
  return q.requesterKey !== undefined ? 'requester_key' : q.contactKey !== undefined ? 'contact_key' : null;
}

class MonthQueries {
  /** The conditions of --team and of a caller on `t`, a row of tickets; on a resolution cycle's `t`; on a settlement. */
  private readonly team: string;
  private readonly cycleTeam: string;
  private readonly params: Params;

  constructor(private readonly db: pg.Client, private readonly q: FactsQuery) {
    const team = q.team === undefined ? '' : 'AND t.team = :team';
    const caller = callerColumn(q);
    this.team = `${team}${caller ? ` AND t.${caller} = :caller` : ''}`;
    this.cycleTeam = `${team}${caller ? ` AND t.ticket_id IN (SELECT c.id FROM tickets c WHERE c.${caller} = :caller)` : ''}`;
    this.params = { start: q.start, end: q.end, now: q.now, ...(q.team === undefined ? {} : { team: q.team }), ...(caller ? { caller: q.requesterKey ?? q.contactKey! } : {}) };
  }

  private async one<T>(sql: string, extra: Params = {}): Promise<T> {
    return (await this.all<T>(sql, extra))[0]!;
  }

  /** `sql` with named parameters (:start), numbered for PostgreSQL. */
  private async all<T>(sql: string, extra: Params = {}): Promise<T[]> {
    const params = { ...this.params, ...extra };
    const names: string[] = [];
    const text = sql.replace(/(?<!:):([a-z_]+)\b/g, (_, name: string) => {
      if (!(name in params)) throw new Error(`no parameter ${name}`);
      const at = names.indexOf(name);
      return `$${at >= 0 ? at + 1 : names.push(name)}`;
    });
    return (await this.db.query(text, names.map((n) => params[n]))).rows as T[];
  }

  /** A count of the rows of `from` (aliased t) of this team where `where` holds, as a scalar subquery. */
  private count(from: string, where: string): string {
    return `(SELECT COUNT(*) FROM ${from} t WHERE ${where} ${from === 'tickets' ? this.team : this.cycleTeam})`;
  }

  private inMonth(column: string): string {
    return `t.${column} >= :start AND t.${column} < :end`;
  }

  private eventsInMonth(kind: string, distinct: boolean): string {
    return `(SELECT COUNT(${distinct ? 'DISTINCT e.ticket_id' : '*'}) FROM events e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.kind = '${kind}' AND e.at >= :start AND e.at < :end ${this.team})`;
  }

  /** Tickets whose `kind` deadline passed in the month, before now, while the clock ran, and is not settled yet. */
  private passedUnsettled(kind: SettledKind): string {
    const { due, done, met } = DEADLINE_FIELDS[kind];
    return `t.${due} >= :start AND t.${due} < least(:end::bigint, :now::bigint) AND t.${met} IS NULL ${done ? `AND t.${done} IS NULL` : ''} AND t.status IN ${RUNNING}`;
  }

  private teamOf(alias: string): string {
    const caller = callerColumn(this.q);
    return `${this.q.team === undefined ? '' : `AND ${alias}.team = :team`}${caller ? ` AND ${alias}.ticket_id IN (SELECT c.id FROM tickets c WHERE c.${caller} = :caller)` : ''}`;
  }

  /**
   * The month's totals, each an index count of its own, in one statement.
   * Backlog: created before the end of the month and not resolved by then, in the current cycle
   * (less those resolved before it in a cycle reopened only after it). Counted on the side of the
   * end with fewer tickets, as the oldest and newest place it: before it, every ticket created less
   * those resolved (a resolution always follows its creation); after it, the tickets open now less
   * those created since, plus those resolved since. Index counts either way, never a walk over the
   * older tickets. Created and resolved: created in the month and resolved by its end, in the
   * cycle it stood in then (`ticketsResolved`: those of the tickets' current cycles, when a walk
   * of the month's tickets has counted them already). Passed: the deadlines of `kinds` that passed
   * unmet in the month and that no change has settled yet.
   */
  private async totals(kinds: readonly SettledKind[], ticketsResolved?: number): Promise<Omit<MonthSummaryFacts, 'sla' | 'satisfaction'> & { passed: Record<string, number> }> {
    const reopenedLater = this.count('closed_cycles', 't.resolved_at < :end AND t.reopened_at >= :end');
    const mergedBefore = this.count('tickets', MERGED_BY_END('t'));
    const unresolved = this.q.team === undefined
      ? `CASE WHEN (SELECT max(created_at) FROM tickets) - :end::bigint < :end::bigint - (SELECT min(created_at) FROM tickets)
         THEN ${this.count('tickets', 't.resolved_at IS NULL')} - ${this.count('tickets', 't.created_at >= :end')} + ${this.count('tickets', 't.resolved_at >= :end')}
         ELSE ${this.count('tickets', 't.created_at < :end')} - ${this.count('tickets', 't.resolved_at < :end')} END`
      : this.count('tickets', 't.created_at < :end AND (t.resolved_at IS NULL OR t.resolved_at >= :end)');
    const row = await this.one<Omit<MonthSummaryFacts, 'sla' | 'satisfaction'> & Record<string, number>>(
      `SELECT ${this.count('tickets', this.inMonth('created_at'))} AS created,
              ${this.count(CYCLES, this.inMonth('resolved_at'))} AS resolved,
              ${this.count(CYCLES, this.inMonth('closed_at'))} AS closed,
              ${this.eventsInMonth('reopen', false)} AS reopened,
              ${this.eventsInMonth('escalate', true)} AS escalated,
              ${this.count('tickets', `t.status = 'merged' AND ${this.inMonth('closed_at')}`)} AS merged,
              ${unresolved} - ${reopenedLater} - ${mergedBefore} AS backlog_end,
              ${ticketsResolved === undefined ? this.count('tickets', `${this.inMonth('created_at')} AND t.resolved_at < :end`) : ':tickets_resolved::bigint'}
                + ${this.count('closed_cycles', `${this.inMonth('created_at')} AND t.resolved_at < :end AND t.reopened_at >= :end`)} AS created_resolved,
              ${this.count('tickets', `${this.inMonth('created_at')} AND ${MERGED_BY_END('t')}`)} AS created_merged
              ${kinds.map((kind) => `, ${this.count('tickets', this.passedUnsettled(kind))} AS passed_${kind}`).join('')}`,
      ticketsResolved === undefined ? {} : { tickets_resolved: ticketsResolved },
    );
    const { created, resolved, closed, reopened, escalated, merged, backlog_end, created_resolved, created_merged } = row;
    return { created, resolved, closed, reopened, escalated, merged, backlog_end, created_resolved, created_merged, passed: Object.fromEntries(kinds.map((kind) => [kind, row[`passed_${kind}`]!])) };
  }

  /**
   * Deadlines of each kind settled in the month, met or missed, and those that passed unmet in it
   * while the clock ran and that no change has settled yet (they are missed at their due
   * instant, whatever happens next). The settlement names the team of that moment.
   */
  private async deadlines<K extends SettledKind>(kinds: readonly K[], passed: Record<string, number>): Promise<Record<K, DeadlineCount>> {
    const rows = await this.all<DeadlineCount & { kind: K }>(
      `SELECT s.kind, COUNT(*) FILTER (WHERE s.met) AS met, COUNT(*) FILTER (WHERE NOT s.met) AS missed FROM settlements s
       WHERE s.settled_at >= :start AND s.settled_at < :end AND s.kind = ANY(:kinds::text[]) ${this.teamOf('s')} ${NOT_OF_MERGED('s')} GROUP BY s.kind`,
      { kinds },
    );
    const settled = new Map(rows.map((row) => [row.kind, row]));
    return Object.fromEntries(kinds.map((kind) => [kind, { met: settled.get(kind)?.met ?? 0, missed: (settled.get(kind)?.missed ?? 0) + passed[kind]! }])) as Record<K, DeadlineCount>;
  }

  /** Closures in the month: their count, their call-backs, and the ratings each had by the month's end, in all and per agent. */
  private async closures(): Promise<Closures> {
    const rated = 't.satisfaction IS NOT NULL AND t.rated_at < :end';
    const rows = await this.all<{ by_rating: boolean; by_agent: boolean; s: number | null; agent: string | null; n: number; sum: number | null; closed: number; callbacks: number }>(
      `SELECT GROUPING(t.satisfaction) = 0 AS by_rating, GROUPING(t.assignee) = 0 AS by_agent, t.satisfaction AS s, t.assignee AS agent,
              COUNT(*) FILTER (WHERE ${rated}) AS n, SUM(t.satisfaction) FILTER (WHERE ${rated}) AS sum,
              COUNT(*) AS closed, COUNT(*) FILTER (WHERE t.callback_at < :end) AS callbacks
       FROM ${CYCLES} t WHERE ${this.inMonth('closed_at')} ${this.cycleTeam}
       GROUP BY GROUPING SETS ((), (t.satisfaction), (t.assignee))`,
    );
    const total = rows.find((row) => !row.by_rating && !row.by_agent);
    const ratings = rows.filter((row) => row.by_rating && row.s !== null && row.n > 0);
    const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    for (const row of ratings) distribution[String(row.s) as keyof typeof distribution] = row.n;
    return {
      closed: total?.closed ?? 0,
      callbacks: total?.callbacks ?? 0,
      satisfaction: { distribution, rated: ratings.reduce((n, r) => n + r.n, 0), sum: ratings.reduce((n, r) => n + r.s! * r.n, 0) },
      rated: rows.filter((row) => row.by_agent && row.agent !== null && row.n > 0).map((row) => ({ agent: row.agent!, sum: row.sum!, n: row.n })),
    };
  }

  /** What the report shows of a month beside another: its totals and headline rates. */
  async summary(): Promise<MonthSummaryFacts> {
    const { passed, ...totals } = await this.totals(['response', 'resolve']);
    const sla = await this.deadlines(['response', 'resolve'], passed);
    return { ...totals, sla: { response: sla.response, resolution: sla.resolve }, satisfaction: (await this.closures()).satisfaction };
  }

  /**
   * Nearest-rank median and 90th percentile in minutes, and how many there were, of each of two
   * durations over the same rows: one walk of the milestone's index, one sort per duration.
   * percentile_disc takes the ⌈n·p⌉-th value, the rank sqlite-report.ts picks.
   */
  private async percentiles(expressions: readonly [string, string], milestone: string, from = 'tickets'): Promise<[Percentiles, Percentiles]> {
    const row = await this.one<Record<'n0' | 'n1', number> & Record<'median0' | 'p90_0' | 'median1' | 'p90_1', number | null>>(
      `SELECT n0, p0[1] / 60000.0 AS median0, p0[2] / 60000.0 AS p90_0, n1, p1[1] / 60000.0 AS median1, p1[2] / 60000.0 AS p90_1 FROM (
         SELECT ${expressions.map((e, i) => `COUNT(${e}) AS n${i}, percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${e}) AS p${i}`).join(', ')}
         FROM ${from} t WHERE ${this.inMonth(milestone)} ${from === 'tickets' ? this.team : this.cycleTeam}
       ) sorted`,
    );
    return [{ count: row.n0, median: row.median0, p90: row.p90_0 }, { count: row.n1, median: row.median1, p90: row.p90_1 }];
  }

  private async field(): Promise<FieldFacts> {
    const visitsIn = `FROM visits v JOIN tickets t ON t.id = v.ticket_id WHERE v.visited_at >= :start AND v.visited_at < :end ${this.team}`;
    const costs = 'COUNT(*) AS visits, COALESCE(SUM(v.person_times), 0) AS person_times, COALESCE(SUM(v.materials_cents), 0) AS materials_cents, COALESCE(SUM(v.transport_cents), 0) AS transport_cents';
    const grouped = async (column: string) =>
      Object.fromEntries(
        (await this.all<FieldCosts & { key: string | null }>(`SELECT t.${column} AS key, ${costs} ${visitsIn} GROUP BY t.${column} ORDER BY visits DESC, t.${column} COLLATE "C" NULLS FIRST`)).map(({ key, ...c }) => [key ?? '', c]),
      );
    const totals = await this.one<Omit<FieldFacts, 'by_team' | 'by_category'>>(`SELECT ${costs}, COUNT(DISTINCT v.visit_date) AS days, COUNT(v.parts) AS parts ${visitsIn}`);
    return { ...totals, by_team: await grouped('team'), by_category: await grouped('category') };
  }

  /**
   * Per agent: the tickets they resolved in the month, the deadlines settled in it while the
   * ticket was theirs (and those passed unsettled on tickets they hold), and the ratings of their
   * closures by the month's end. Handled: the tickets of either kind. One statement: each
   * (agent, ticket) once, with what it brought.
   */
  private async agents(rated: Closures['rated']): Promise<AgentFacts[]> {
    const rows = await this.all<{ agent: string; handled: number; resolved: number; sla_met: number; sla_missed: number }>(
      `SELECT agent, COUNT(*) AS handled, SUM(resolved) AS resolved, SUM(met) AS sla_met, SUM(missed) AS sla_missed FROM (
         SELECT agent, ticket_id, SUM(resolved) AS resolved, SUM(met) AS met, SUM(missed) AS missed FROM (
           SELECT t.assignee AS agent, t.ticket_id, 1 AS resolved, 0 AS met, 0 AS missed FROM ${CYCLES} t
           WHERE ${this.inMonth('resolved_at')} AND t.assignee IS NOT NULL ${this.cycleTeam}
           UNION ALL SELECT s.agent, s.ticket_id, 0, (s.kind = 'resolve' AND s.met)::int, (s.kind = 'resolve' AND NOT s.met)::int FROM settlements s
           WHERE s.settled_at >= :start AND s.settled_at < :end AND s.agent IS NOT NULL ${this.teamOf('s')} ${NOT_OF_MERGED('s')}
           UNION ALL SELECT t.assignee, t.id, 0, 0, 1 FROM tickets t
           WHERE t.assignee IS NOT NULL AND ${this.passedUnsettled('resolve')} ${this.team}
         ) brought GROUP BY agent, ticket_id
       ) handled GROUP BY agent`,
    );
    const byAgent = new Map<string, AgentFacts>(rows.map((row) => [row.agent, { ...row, satisfaction_sum: 0, satisfaction_count: 0 }]));
    for (const { agent, sum, n } of rated) {
      const facts = byAgent.get(agent) ?? { agent, handled: 0, resolved: 0, sla_met: 0, sla_missed: 0, satisfaction_sum: 0, satisfaction_count: 0 };
      byAgent.set(agent, Object.assign(facts, { satisfaction_sum: sum, satisfaction_count: n }));
    }
    return [...byAgent.values()]
      .filter((a) => a.handled > 0 || a.satisfaction_count > 0)
      .sort((a, b) => b.handled - a.handled || (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0));
  }

  /**
   * The month's tickets whose classification, team or intake fields changed since its end, with
   * those fields as they stood then (from the first later change of each field in the audit
   * trail); and its complaints, as they were classed then, each with its outcome as it stood at
   * the month's end: the cycle it was in then. One walk of the month's tickets beside their later
   * events (a join on the ticket alone would read the whole trail after the month's end). Tickets
   * numbered as they came lie close together: their events are one range of the trail's ticket
   * index (60 ms at 1,000,000 tickets); scattered ids (an import of old tickets) take a lookup per
   * ticket instead (125 ms). The text test comes first: it spares parsing the events that change nothing.
   */
  private async classedAtEnd(walk: MonthWalk): Promise<{ atEnd: Map<number, { now: Fields; then: Fields }>; complaints: MonthFacts['complaints'] }> {
    const changes = `e.at >= :end AND e.data::text LIKE '%"changes"%' AND (e.data->'changes')::jsonb ?| :fields::text[]`;
    const together = walk.count > 0 && walk.lastId - walk.firstId < 2 * walk.count;
    // OFFSET 0 keeps the lookup per ticket; an aggregate per ticket cost a third more than a row per change.
    const later = together
      ? `LEFT JOIN (SELECT e.ticket_id, e.id, e.data->'changes' AS changes FROM events e WHERE e.ticket_id BETWEEN :first_id AND :last_id AND ${changes}) later ON later.ticket_id = t.id`
      : `LEFT JOIN LATERAL (SELECT e.id, e.data->'changes' AS changes FROM events e WHERE e.ticket_id = t.id AND ${changes} OFFSET 0) later ON true`;
    // A row per later change of a ticket, and a row for a complaint without one.
    const rows = await this.all<Fields & { id: number; resolved_at: number | null; closed_at: number | null; satisfaction: number | null; rated_at: number | null; merged_at: number | null; changes: Record<string, [unknown, unknown]> | null }>(
      `SELECT t.id, ${BREAKDOWN_FIELDS.map((field) => `t.${field}`).join(', ')}, coalesce(c.resolved_at, t.resolved_at) AS resolved_at,
              CASE WHEN c.ticket_id IS NULL THEN t.closed_at ELSE c.closed_at END AS closed_at,
              CASE WHEN c.ticket_id IS NULL THEN t.satisfaction ELSE c.satisfaction END AS satisfaction,
              CASE WHEN c.ticket_id IS NULL THEN t.rated_at ELSE c.rated_at END AS rated_at,
              CASE WHEN t.status = 'merged' THEN t.closed_at END AS merged_at,
              later.changes
       FROM tickets t LEFT JOIN closed_cycles c ON c.ticket_id = t.id AND c.resolved_at < :end AND c.reopened_at >= :end
       ${later}
       WHERE ${this.inMonth('created_at')} ${this.team} AND (t.type = 'complaint' OR later.id IS NOT NULL)
       ORDER BY t.id, later.id`,
      { fields: BREAKDOWN_FIELDS, ...(together ? { first_id: walk.firstId, last_id: walk.lastId } : {}) },
    );
    // The ticket's rows, one per later change in the trail's order (or one without a change).
    const tickets = new Map<number, (typeof rows)[number][]>();
    for (const row of rows) {
      const same = tickets.get(row.id);
      if (same) same.push(row);
      else tickets.set(row.id, [row]);
    }
    const atEnd = new Map<number, { now: Fields; then: Fields }>();
    for (const [id, [row, ...more]] of tickets) {
      const then: Fields = {};
      for (const { changes } of [row!, ...more]) {
        if (!changes) continue;
        for (const field of BREAKDOWN_FIELDS) if (field in changes && !(field in then)) then[field] = (changes[field]![0] as string | null) ?? null;
      }
      for (const field of Object.keys(then)) if (then[field] === row![field]) delete then[field];
      if (Object.keys(then).length) atEnd.set(id, { now: row!, then });
    }
    const complaintRows = [...tickets.values()].map(([row]) => row!).filter((row) => {
      const then = atEnd.get(row.id)?.then;
      return (then && 'type' in then ? then.type : row.type) === 'complaint';
    });
    const done = (ms: number | null) => ms !== null && ms < this.q.end;
    const rated = complaintRows.filter((row) => row.satisfaction !== null && done(row.rated_at));
    return {
      atEnd,
      complaints: {
        received: complaintRows.length,
        resolved: complaintRows.filter((row) => done(row.resolved_at)).length,
        closed: complaintRows.filter((row) => done(row.closed_at) && !done(row.merged_at)).length,
        // A complaint merged into another is answered there.
        open: complaintRows.filter((row) => !done(row.resolved_at) && !done(row.merged_at)).length,
        satisfaction_sum: rated.reduce((sum, row) => sum + row.satisfaction!, 0),
        satisfaction_count: rated.length,
      },
    };
  }

  /**
   * One walk of the month's tickets: their count by each breakdown field (a grouping set per
   * field), how many were resolved by its end in their current cycle, and the span of their ids.
   */
  private async walkMonth(): Promise<MonthWalk> {
    const rows = await this.all<{ field: string | null; key: string | null; n: number; resolved: number; first_id: number | null; last_id: number | null }>(
      `SELECT CASE ${BREAKDOWN_FIELDS.map((field) => `WHEN GROUPING(t.${field}) = 0 THEN '${field}'`).join(' ')} END AS field,
              CASE ${BREAKDOWN_FIELDS.map((field) => `WHEN GROUPING(t.${field}) = 0 THEN t.${field}`).join(' ')} END AS key,
              COUNT(*) AS n, COUNT(*) FILTER (WHERE t.resolved_at < :end) AS resolved, min(t.id) AS first_id, max(t.id) AS last_id
       FROM tickets t WHERE ${this.inMonth('created_at')} ${this.team}
       GROUP BY GROUPING SETS ((), ${BREAKDOWN_FIELDS.map((field) => `(t.${field})`).join(', ')})`,
    );
    const all = rows.find((r) => r.field === null);
    return {
      counts: rows.filter((r) => r.field !== null) as MonthWalk['counts'],
      count: all?.n ?? 0,
      resolved: all?.resolved ?? 0,
      firstId: all?.first_id ?? 0,
      lastId: all?.last_id ?? 0,
    };
  }

  /** The month's tickets by each breakdown field as they stood at its end. */
  private breakdowns(walk: MonthWalk, atEnd: Map<number, { now: Fields; then: Fields }>): MonthFacts['breakdowns'] {
    const breakdowns: Record<string, Record<string, number>> = {};
    for (const field of BREAKDOWN_FIELDS) {
      const counts = new Map(walk.counts.filter((r) => r.field === field).map((r) => [r.key ?? '', r.n]));
      for (const { now, then } of atEnd.values()) {
        if (!(field in then)) continue;
        const [from, to] = [now[field] ?? '', then[field] ?? ''];
        counts.set(from, (counts.get(from) ?? 0) - 1);
        counts.set(to, (counts.get(to) ?? 0) + 1);
      }
      const sorted = [...counts].filter(([, n]) => n > 0).sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0));
      breakdowns[field] = Object.fromEntries(sorted);
    }
    return breakdowns as MonthFacts['breakdowns'];
  }

  /** Tickets created on each day of the month: an index count per day, in one statement. */
  private async createdByDay(): Promise<MonthFacts['created_by_day']> {
    const rows = await this.all<{ n: number }>(
      `SELECT ${this.count('tickets', 't.created_at >= d.day_start AND t.created_at < d.day_end')} AS n
       FROM unnest(:starts::bigint[], :ends::bigint[]) WITH ORDINALITY AS d(day_start, day_end, i) ORDER BY d.i`,
      { starts: this.q.days.map((day) => day.start), ends: this.q.days.map((day) => day.end) },
    );
    return this.q.days.map((day, i) => ({ date: day.date, count: rows[i]!.n }));
  }

  async full(): Promise<MonthFacts> {
    const walk = await this.walkMonth();
    const { atEnd, complaints } = await this.classedAtEnd(walk);
    const { passed, ...totals } = await this.totals(['response', 'resolve', 'update'], walk.resolved);
    const sla = await this.deadlines(['response', 'resolve', 'update'], passed);
    const closures = await this.closures();
    const [firstResponseWall, firstResponseBusiness] = await this.percentiles(['t.first_response_at - t.created_at', 't.response_business_ms'], 'first_response_at');
    const [resolutionWall, resolutionBusiness] = await this.percentiles(['t.resolved_at - t.created_at', 't.resolve_business_ms'], 'resolved_at', CYCLES);
    return {
      ...totals,
      sla: { response: sla.response, resolution: sla.resolve },
      satisfaction: closures.satisfaction,
      breakdowns: this.breakdowns(walk, atEnd),
      created_by_day: await this.createdByDay(),
      durations: {
        first_response: { wall: firstResponseWall, business: firstResponseBusiness },
        resolution: { wall: resolutionWall, business: resolutionBusiness },
      },
      callbacks: closures.callbacks,
      complaints,
      agents: await this.agents(closures.rated),
      updates: sla.update,
      field: await this.field(),
    };
  }
}

/**
 * `work` in one snapshot (a REPEATABLE READ READ ONLY transaction), so a month's figures are one
 * moment's. Without JIT: the planner's costs of these walks call for it, and compiling took
 * longer than it saved (22 ms of a 200 ms statement at 1,000,000 tickets).
 */
async function inSnapshot<T>(db: pg.Client, work: () => Promise<T>): Promise<T> {
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL jit = off');
  try {
    const result = await work();
    await db.query('COMMIT');
    return result;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

export function monthFacts(db: pg.Client, query: FactsQuery): Promise<MonthFacts> {
  return inSnapshot(db, () => new MonthQueries(db, query).full());
}

export function monthSummaryFacts(db: pg.Client, query: FactsQuery): Promise<MonthSummaryFacts> {
  return inSnapshot(db, () => new MonthQueries(db, query).summary());
}

/** The repeat calls of a window: the SQL of src/store/repeat-calls.ts, on its own so it stays apart from the month's queries. */
export async function repeatCallFacts(db: pg.Client, query: RepeatCallQuery): Promise<RepeatCallFacts> {
  const { sql, params } = repeatCallSql(query);
  return (await db.query(numbered(sql), params)).rows[0] as RepeatCallFacts;
}
