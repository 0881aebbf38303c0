// The monthly report's aggregates, all in SQL over indexed time columns: the cost grows with the
// tickets of the month, not with the whole database. Deadlines count from their settlements and
// resolutions, closures and ratings from the ticket's current cycle and the cycles reopens ended
// (closed_cycles), each as it stood at the month's end: a closed month counts the same whenever
// it is run.
import type { Database } from 'better-sqlite3';
import { DEADLINE_FIELDS } from '../domain/deadlines.js';
import { repeatCallSql } from './repeat-calls.js';
import type { SettledKind } from '../domain/settlement.js';
import {
  type AgentFacts,
  BREAKDOWN_FIELDS,
  type DeadlineCount,
  type FactsQuery,
  type FieldCosts,
  type FieldFacts,
  type MonthFacts,
  type MonthSummaryFacts,
  type Percentiles,
  type RepeatCallFacts,
  type RepeatCallQuery,
} from '../report/facts.js';

type Params = Record<string, number | string>;

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


/** The key column a report of one caller's tickets selects by (src/domain/caller.ts), if any. */
function callerColumn(q: FactsQuery): 'requester_key' | 'contact_key' | null {
  return q.requesterKey !== undefined ? 'requester_key' : q.contactKey !== undefined ? 'contact_key' : null;
}

class MonthQueries {
  /** The conditions of --team and of a caller on `t`, a row of tickets; on a resolution cycle's `t`; on a settlement. */
  private readonly team: string;
  private readonly cycleTeam: string;
  private readonly params: Params;

  constructor(private readonly db: Database, private readonly q: FactsQuery) {
    const team = q.team === undefined ? '' : 'AND t.team = :team';
    const caller = callerColumn(q);
    this.team = `${team}${caller ? ` AND t.${caller} = :caller` : ''}`;
    this.cycleTeam = `${team}${caller ? ` AND t.ticket_id IN (SELECT c.id FROM tickets c WHERE c.${caller} = :caller)` : ''}`;
    this.params = { start: q.start, end: q.end, now: q.now, ...(q.team === undefined ? {} : { team: q.team }), ...(caller ? { caller: q.requesterKey ?? q.contactKey! } : {}) };
  }

  private one<T>(sql: string, extra: Params = {}): T {
    return this.db.prepare(sql).get({ ...this.params, ...extra }) as T;
  }

  private all<T>(sql: string, extra: Params = {}): T[] {
    return this.db.prepare(sql).all({ ...this.params, ...extra }) as T[];
  }

  private count(where: string): number {
    return this.one<{ n: number }>(`SELECT COUNT(*) AS n FROM tickets t WHERE ${where} ${this.team}`).n;
  }

  private inMonth(column: string): string {
    return `t.${column} >= :start AND t.${column} < :end`;
  }

  private eventsInMonth(kind: string, distinct: boolean): number {
    return this.one<{ n: number }>(
      `SELECT COUNT(${distinct ? 'DISTINCT e.ticket_id' : '*'}) AS n FROM events e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.kind = '${kind}' AND e.at >= :start AND e.at < :end ${this.team}`,
    ).n;
  }

  /**
   * Deadlines of a kind settled in the month, met or missed, and those that passed unmet in it
   * while the clock ran and that no change has settled yet (they are missed at their due
   * instant, whatever happens next). The settlement names the team of that moment.
   */
  private deadline(kind: SettledKind): DeadlineCount {
    const settled = this.one<DeadlineCount>(
      `SELECT COALESCE(SUM(s.met = 1), 0) AS met, COALESCE(SUM(s.met = 0), 0) AS missed FROM settlements s
       WHERE s.kind = :kind AND s.settled_at >= :start AND s.settled_at < :end ${this.teamOf('s')} ${NOT_OF_MERGED('s')}`,
      { kind },
    );
    return { met: settled.met, missed: settled.missed + this.count(this.passedUnsettled(kind)) };
  }

  /** Tickets whose `kind` deadline passed in the month, before now, while the clock ran, and is not settled yet. */
  private passedUnsettled(kind: SettledKind): string {
    const { due, done, met } = DEADLINE_FIELDS[kind];
    return `t.${due} >= :start AND t.${due} < min(:end, :now) AND t.${met} IS NULL ${done ? `AND t.${done} IS NULL` : ''} AND t.status IN ${RUNNING}`;
  }

  private teamOf(alias: string): string {
    const caller = callerColumn(this.q);
    return `${this.q.team === undefined ? '' : `AND ${alias}.team = :team`}${caller ? ` AND ${alias}.ticket_id IN (SELECT c.id FROM tickets c WHERE c.${caller} = :caller)` : ''}`;
  }

  /** Resolutions (or closures) in the month: of the tickets' current cycles, and of the cycles reopens ended. */
  private outcomes(column: 'resolved_at' | 'closed_at'): number {
    return this.count(`${this.inMonth(column)}${column === 'closed_at' ? " AND t.status <> 'merged'" : ''}`) + this.one<{ n: number }>(`SELECT COUNT(*) AS n FROM closed_cycles t WHERE ${this.inMonth(column)} ${this.cycleTeam}`).n;
  }

  /**
   * Created before the end of the month and not resolved by then in the current cycle, less those
   * resolved before it in a cycle reopened only after it. Counted on the side of the end with
   * fewer tickets, as the oldest and newest place it: before it, every ticket created less those
   * resolved (a resolution always follows its creation); after it, the tickets open now less those
   * created since, plus those resolved since. Index counts either way, never a walk over the older
   * tickets.
   */
  private backlogEnd(): number {
    const reopenedLater = this.one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM closed_cycles t WHERE t.resolved_at < :end AND t.reopened_at >= :end ${this.cycleTeam}`,
    ).n;
    const mergedBefore = this.count(MERGED_BY_END('t'));
    if (this.q.team !== undefined) return this.count('t.created_at < :end AND (t.resolved_at IS NULL OR t.resolved_at >= :end)') - reopenedLater - mergedBefore;
    const { oldest, newest } = this.one<{ oldest: number | null; newest: number | null }>(
      'SELECT (SELECT min(created_at) FROM tickets) AS oldest, (SELECT max(created_at) FROM tickets) AS newest',
    );
    if (oldest !== null && newest !== null && newest - this.q.end < this.q.end - oldest) {
      return this.count('t.resolved_at IS NULL') - this.count('t.created_at >= :end') + this.count('t.resolved_at >= :end') - reopenedLater - mergedBefore;
    }
    return this.count('t.created_at < :end') - this.count('t.resolved_at < :end') - reopenedLater - mergedBefore;
  }

  /** Tickets created in the month and resolved by its end (in the cycle they stood in then). */
  private createdResolved(): number {
    const inCycle = this.one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM closed_cycles t WHERE ${this.inMonth('created_at')} AND t.resolved_at < :end AND t.reopened_at >= :end ${this.cycleTeam}`,
    ).n;
    return this.count(`${this.inMonth('created_at')} AND t.resolved_at < :end`) + inCycle;
  }

  /** Closures in the month, with the rating each had by the month's end. */
  private satisfaction(): MonthFacts['satisfaction'] {
    const rows = this.all<{ s: number; n: number }>(
      `SELECT t.satisfaction AS s, COUNT(*) AS n FROM ${CYCLES} t
       WHERE ${this.inMonth('closed_at')} AND t.satisfaction IS NOT NULL AND t.rated_at < :end ${this.cycleTeam} GROUP BY t.satisfaction`,
    );
    const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    for (const row of rows) distribution[String(row.s) as keyof typeof distribution] = row.n;
    return { distribution, rated: rows.reduce((n, r) => n + r.n, 0), sum: rows.reduce((n, r) => n + r.s * r.n, 0) };
  }

  /** What the report shows of a month beside another: its totals and headline rates. */
  summary(): MonthSummaryFacts {
    return {
      created: this.count(this.inMonth('created_at')),
      resolved: this.outcomes('resolved_at'),
      closed: this.outcomes('closed_at'),
      reopened: this.eventsInMonth('reopen', false),
      escalated: this.eventsInMonth('escalate', true),
      merged: this.count(`t.status = 'merged' AND ${this.inMonth('closed_at')}`),
      backlog_end: this.backlogEnd(),
      created_resolved: this.createdResolved(),
      created_merged: this.count(`${this.inMonth('created_at')} AND ${MERGED_BY_END('t')}`),
      sla: { response: this.deadline('response'), resolution: this.deadline('resolve') },
      satisfaction: this.satisfaction(),
    };
  }

  /** Nearest-rank median and 90th percentile of a duration in minutes, from one sort of the month's tickets. */
  private percentiles(expression: string, milestone: string, from = 'tickets'): Percentiles {
    const ranked = this.all<{ v: number; r: number; n: number }>(
      `SELECT v, r, n FROM (
         SELECT (${expression}) / 60000.0 AS v, ROW_NUMBER() OVER (ORDER BY (${expression})) AS r, COUNT(*) OVER () AS n
         FROM ${from} t WHERE ${this.inMonth(milestone)} AND (${expression}) IS NOT NULL ${from === 'tickets' ? this.team : this.cycleTeam}
       ) WHERE r = MAX(CAST(ceil(n * 0.5) AS INTEGER), 1) OR r = MAX(CAST(ceil(n * 0.9) AS INTEGER), 1)`,
    );
    const at = (p: number) => ranked.find((row) => row.r === Math.max(Math.ceil(row.n * p), 1))?.v ?? null;
    return { count: ranked[0]?.n ?? 0, median: at(0.5), p90: at(0.9) };
  }

  private field(): FieldFacts {
    const visitsIn = `FROM visits v JOIN tickets t ON t.id = v.ticket_id WHERE v.visited_at >= :start AND v.visited_at < :end ${this.team}`;
    const costs = 'COUNT(*) AS visits, COALESCE(SUM(v.person_times), 0) AS person_times, COALESCE(SUM(v.materials_cents), 0) AS materials_cents, COALESCE(SUM(v.transport_cents), 0) AS transport_cents';
    const grouped = (column: string) =>
      Object.fromEntries(this.all<FieldCosts & { key: string | null }>(`SELECT t.${column} AS key, ${costs} ${visitsIn} GROUP BY t.${column} ORDER BY visits DESC, key`).map(({ key, ...c }) => [key ?? '', c]));
    const totals = this.one<Omit<FieldFacts, 'by_team' | 'by_category'>>(`SELECT ${costs}, COUNT(DISTINCT v.visit_date) AS days, COUNT(v.parts) AS parts ${visitsIn}`);
    return { ...totals, by_team: grouped('team'), by_category: grouped('category') };
  }

  /**
   * Per agent: the tickets they resolved in the month, the deadlines settled in it while the
   * ticket was theirs (and those passed unsettled on tickets they hold), and the ratings of their
   * closures by the month's end. Handled: the tickets of either kind.
   */
  private agents(): AgentFacts[] {
    const resolvedHere = `${this.inMonth('resolved_at')} AND t.assignee IS NOT NULL ${this.cycleTeam}`;
    const settledHere = `s.settled_at >= :start AND s.settled_at < :end AND s.agent IS NOT NULL ${this.teamOf('s')} ${NOT_OF_MERGED('s')}`;
    const passedHere = `t.assignee IS NOT NULL AND ${this.passedUnsettled('resolve')} ${this.team}`;
    const byAgent = new Map<string, AgentFacts>();
    const of = (agent: string) => {
      let facts = byAgent.get(agent);
      if (!facts) byAgent.set(agent, (facts = { agent, handled: 0, resolved: 0, sla_met: 0, sla_missed: 0, satisfaction_sum: 0, satisfaction_count: 0 }));
      return facts;
    };
    const handled = this.all<{ agent: string; n: number }>(
      `SELECT agent, COUNT(*) AS n FROM (
         SELECT t.assignee AS agent, t.ticket_id FROM ${CYCLES} t WHERE ${resolvedHere}
         UNION SELECT s.agent, s.ticket_id FROM settlements s WHERE ${settledHere}
         UNION SELECT t.assignee, t.id FROM tickets t WHERE ${passedHere}
       ) GROUP BY agent`,
    );
    for (const row of handled) of(row.agent).handled = row.n;
    for (const row of this.all<{ agent: string; n: number }>(`SELECT t.assignee AS agent, COUNT(*) AS n FROM ${CYCLES} t WHERE ${resolvedHere} GROUP BY t.assignee`)) of(row.agent).resolved = row.n;
    for (const row of this.all<{ agent: string; met: number; missed: number }>(`SELECT s.agent, SUM(s.met = 1) AS met, SUM(s.met = 0) AS missed FROM settlements s WHERE s.kind = 'resolve' AND ${settledHere} GROUP BY s.agent`)) {
      Object.assign(of(row.agent), { sla_met: row.met, sla_missed: row.missed });
    }
    for (const row of this.all<{ agent: string; n: number }>(`SELECT t.assignee AS agent, COUNT(*) AS n FROM tickets t WHERE ${passedHere} GROUP BY t.assignee`)) of(row.agent).sla_missed += row.n;
    const rated = this.all<{ agent: string; sum: number; n: number }>(
      `SELECT t.assignee AS agent, SUM(t.satisfaction) AS sum, COUNT(*) AS n FROM ${CYCLES} t
       WHERE ${this.inMonth('closed_at')} AND t.satisfaction IS NOT NULL AND t.rated_at < :end AND t.assignee IS NOT NULL ${this.cycleTeam} GROUP BY t.assignee`,
    );
    for (const row of rated) Object.assign(of(row.agent), { satisfaction_sum: row.sum, satisfaction_count: row.n });
    return [...byAgent.values()]
      .filter((a) => a.handled > 0 || a.satisfaction_count > 0)
      .sort((a, b) => b.handled - a.handled || (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0));
  }

  /**
   * The classification, team and intake fields of the month's tickets as they stood at its end,
   * for those changed since: from the first later change of each field in the audit trail.
   */
  private classificationAtEnd(): Map<number, { now: Record<string, string | null>; then: Record<string, string | null> }> {
    const later = this.all<{ ticket_id: number; data: string }>(
      `SELECT e.ticket_id, e.data FROM events e
       WHERE e.ticket_id IN (SELECT t.id FROM tickets t WHERE ${this.inMonth('created_at')} ${this.team}) AND e.at >= :end
       ORDER BY e.ticket_id, e.id`,
    );
    const then = new Map<number, Record<string, string | null>>();
    for (const event of later) {
      const changes = (JSON.parse(event.data) as { changes?: Record<string, [unknown, unknown]> }).changes;
      if (!changes) continue;
      for (const field of BREAKDOWN_FIELDS) {
        if (!(field in changes)) continue;
        let fields = then.get(event.ticket_id);
        if (!fields) then.set(event.ticket_id, (fields = {}));
        if (!(field in fields)) fields[field] = (changes[field]![0] as string | null) ?? null;
      }
    }
    const result = new Map<number, { now: Record<string, string | null>; then: Record<string, string | null> }>();
    if (!then.size) return result;
    const current = this.all<Record<string, string | null> & { id: number }>(
      `SELECT id, ${BREAKDOWN_FIELDS.join(', ')} FROM tickets WHERE id IN (SELECT value FROM json_each(:ids))`,
      { ids: JSON.stringify([...then.keys()]) },
    );
    for (const row of current) {
      const fields = then.get(row.id)!;
      for (const field of Object.keys(fields)) if (fields[field] === row[field]) delete fields[field];
      if (Object.keys(fields).length) result.set(row.id, { now: row, then: fields });
    }
    return result;
  }

  full(): MonthFacts {
    const inMonth = (column: string) => this.inMonth(column);
    const atEnd = this.classificationAtEnd();
    const breakdowns = Object.fromEntries(
      BREAKDOWN_FIELDS.map((field) => {
        const counts = new Map(
          this.all<{ key: string | null; n: number }>(`SELECT t.${field} AS key, COUNT(*) AS n FROM tickets t WHERE ${inMonth('created_at')} ${this.team} GROUP BY t.${field}`).map((r) => [r.key ?? '', r.n]),
        );
        for (const { now, then } of atEnd.values()) {
          if (!(field in then)) continue;
          const [from, to] = [now[field] ?? '', then[field] ?? ''];
          counts.set(from, (counts.get(from) ?? 0) - 1);
          counts.set(to, (counts.get(to) ?? 0) + 1);
        }
        const sorted = [...counts].filter(([, n]) => n > 0).sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0));
        return [field, Object.fromEntries(sorted)];
      }),
    ) as MonthFacts['breakdowns'];
    const perDay = this.db.prepare(`SELECT COUNT(*) AS n FROM tickets t WHERE t.created_at >= :start AND t.created_at < :end ${this.team}`);
    const created_by_day = this.q.days.map((day) => ({ date: day.date, count: (perDay.get({ ...this.params, start: day.start, end: day.end }) as { n: number }).n }));
    // A complaint's outcome as it stood at the month's end: the cycle it was in then.
    const changedIds = [...atEnd.keys()];
    const complaintRows = this.all<{ id: number; type: string | null; resolved_at: number | null; closed_at: number | null; satisfaction: number | null; rated_at: number | null; merged_at: number | null }>(
      `SELECT t.id, t.type, coalesce(c.resolved_at, t.resolved_at) AS resolved_at, CASE WHEN t.status = 'merged' THEN t.closed_at END AS merged_at,
              CASE WHEN c.ticket_id IS NULL THEN t.closed_at ELSE c.closed_at END AS closed_at,
              CASE WHEN c.ticket_id IS NULL THEN t.satisfaction ELSE c.satisfaction END AS satisfaction,
              CASE WHEN c.ticket_id IS NULL THEN t.rated_at ELSE c.rated_at END AS rated_at
       FROM tickets t LEFT JOIN closed_cycles c ON c.ticket_id = t.id AND c.resolved_at < :end AND c.reopened_at >= :end
       WHERE ${inMonth('created_at')} AND (t.type = 'complaint' OR t.id IN (SELECT value FROM json_each(:changed))) ${this.team}`,
      { changed: JSON.stringify(changedIds) },
    ).filter((row) => {
      const then = atEnd.get(row.id)?.then;
      return (then && 'type' in then ? then.type : row.type) === 'complaint';
    });
    const done = (ms: number | null) => ms !== null && ms < this.q.end;
    const rated = complaintRows.filter((row) => row.satisfaction !== null && done(row.rated_at));
    const complaints: MonthFacts['complaints'] = {
      received: complaintRows.length,
      resolved: complaintRows.filter((row) => done(row.resolved_at)).length,
      closed: complaintRows.filter((row) => done(row.closed_at) && !done(row.merged_at)).length,
      // A complaint merged into another is answered there.
      open: complaintRows.filter((row) => !done(row.resolved_at) && !done(row.merged_at)).length,
      satisfaction_sum: rated.reduce((sum, row) => sum + row.satisfaction!, 0),
      satisfaction_count: rated.length,
    };
    const agents = this.agents();
    const updates = this.deadline('update');
    return {
      ...this.summary(),
      breakdowns,
      created_by_day,
      durations: {
        first_response: { wall: this.percentiles('t.first_response_at - t.created_at', 'first_response_at'), business: this.percentiles('t.response_business_ms', 'first_response_at') },
        resolution: { wall: this.percentiles('t.resolved_at - t.created_at', 'resolved_at', CYCLES), business: this.percentiles('t.resolve_business_ms', 'resolved_at', CYCLES) },
      },
      callbacks: this.one<{ n: number }>(`SELECT COUNT(*) AS n FROM ${CYCLES} t WHERE ${inMonth('closed_at')} AND t.callback_at < :end ${this.cycleTeam}`).n,
      complaints,
      agents,
      updates,
      field: this.field(),
    };
  }
}

export function monthFacts(db: Database, query: FactsQuery): MonthFacts {
  return new MonthQueries(db, query).full();
}

export function monthSummaryFacts(db: Database, query: FactsQuery): MonthSummaryFacts {
  return new MonthQueries(db, query).summary();
}

/**
 * The repeat calls of a window (src/store/repeat-calls.ts has the SQL, the same for every store):
 * one probe of tickets_contact_key per ticket of the window with a contact.
 */
export function repeatCallFacts(db: Database, query: RepeatCallQuery): RepeatCallFacts {
  const { sql, params } = repeatCallSql(query);
  return db.prepare(sql).get(...params) as RepeatCallFacts;
}
