// The monthly report's aggregates, all in SQL over indexed time columns: the cost grows with the
// tickets of the month, not with the whole database.
import type { Database } from 'better-sqlite3';
import {
  BREAKDOWN_FIELDS,
  type DeadlineCount,
  type FactsQuery,
  type FieldCosts,
  type FieldFacts,
  type MonthFacts,
  type MonthSummaryFacts,
  type Percentiles,
} from '../report/facts.js';

type Params = Record<string, number | string>;

const OPEN = "('new', 'dispatched', 'in_progress', 'pending', 'reopened')";

class MonthQueries {
  private readonly team: string;
  private readonly params: Params;

  constructor(private readonly db: Database, private readonly q: FactsQuery) {
    this.team = q.team === undefined ? '' : 'AND t.team = :team';
    this.params = { start: q.start, end: q.end, now: q.now, ...(q.team === undefined ? {} : { team: q.team }) };
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

  private deadline(due: string, done: string, met: string): DeadlineCount {
    const row = this.one<{ met: number | null; missed: number | null }>(
      `SELECT SUM(t.${met} = 1) AS met,
              SUM(t.${met} = 0 OR (t.${met} IS NULL AND t.${done} IS NULL AND t.${due} < :now)) AS missed
       FROM tickets t WHERE ${this.inMonth(due)} ${this.team}`,
    );
    return { met: row.met ?? 0, missed: row.missed ?? 0 };
  }

  /**
   * Created before the end of the month and not resolved before it. A resolution always follows
   * its creation, so this is a difference of two index-only counts instead of a walk over every
   * older ticket.
   */
  private backlogEnd(): number {
    if (this.q.team !== undefined) return this.count('t.created_at < :end AND (t.resolved_at IS NULL OR t.resolved_at >= :end)');
    return this.count('t.created_at < :end') - this.count('t.resolved_at < :end');
  }

  private satisfaction(): MonthFacts['satisfaction'] {
    const rows = this.all<{ s: number; n: number }>(
      `SELECT t.satisfaction AS s, COUNT(*) AS n FROM tickets t WHERE ${this.inMonth('closed_at')} AND t.satisfaction IS NOT NULL ${this.team} GROUP BY t.satisfaction`,
    );
    const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    for (const row of rows) distribution[String(row.s) as keyof typeof distribution] = row.n;
    return { distribution, rated: rows.reduce((n, r) => n + r.n, 0), sum: rows.reduce((n, r) => n + r.s * r.n, 0) };
  }

  /** What the report shows of a month beside another: its totals and headline rates. */
  summary(): MonthSummaryFacts {
    return {
      created: this.count(this.inMonth('created_at')),
      resolved: this.count(this.inMonth('resolved_at')),
      closed: this.count(this.inMonth('closed_at')),
      reopened: this.eventsInMonth('reopen', false),
      escalated: this.eventsInMonth('escalate', true),
      backlog_end: this.backlogEnd(),
      created_resolved: this.count(`${this.inMonth('created_at')} AND t.resolved_at < :end`),
      sla: { response: this.deadline('response_due_at', 'first_response_at', 'response_met'), resolution: this.deadline('resolve_due_at', 'resolved_at', 'resolve_met') },
      satisfaction: this.satisfaction(),
    };
  }

  /** Nearest-rank median and 90th percentile of a duration in minutes, from one sort of the month's tickets. */
  private percentiles(expression: string, milestone: string): Percentiles {
    const ranked = this.all<{ v: number; r: number; n: number }>(
      `SELECT v, r, n FROM (
         SELECT (${expression}) / 60000.0 AS v, ROW_NUMBER() OVER (ORDER BY (${expression})) AS r, COUNT(*) OVER () AS n
         FROM tickets t WHERE ${this.inMonth(milestone)} AND (${expression}) IS NOT NULL ${this.team}
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

  full(): MonthFacts {
    const inMonth = (column: string) => this.inMonth(column);
    const breakdowns = Object.fromEntries(
      BREAKDOWN_FIELDS.map((field) => [
        field,
        Object.fromEntries(
          this.all<{ key: string | null; n: number }>(`SELECT t.${field} AS key, COUNT(*) AS n FROM tickets t WHERE ${inMonth('created_at')} ${this.team} GROUP BY t.${field} ORDER BY n DESC, key`).map((r) => [r.key ?? '', r.n]),
        ),
      ]),
    ) as MonthFacts['breakdowns'];
    const perDay = this.db.prepare(`SELECT COUNT(*) AS n FROM tickets t WHERE t.created_at >= :start AND t.created_at < :end ${this.team}`);
    const created_by_day = this.q.days.map((day) => ({ date: day.date, count: (perDay.get({ ...this.params, start: day.start, end: day.end }) as { n: number }).n }));
    const complaints = this.one<MonthFacts['complaints']>(
      `SELECT COUNT(*) AS received,
              COALESCE(SUM(t.resolved_at IS NOT NULL), 0) AS resolved,
              COALESCE(SUM(t.closed_at IS NOT NULL), 0) AS closed,
              COALESCE(SUM(t.status IN ${OPEN}), 0) AS open,
              COALESCE(SUM(t.satisfaction), 0) AS satisfaction_sum,
              COUNT(t.satisfaction) AS satisfaction_count
       FROM tickets t WHERE ${inMonth('created_at')} AND t.type = 'complaint' ${this.team}`,
    );
    const agents = this.all<MonthFacts['agents'][number]>(
      `SELECT t.assignee AS agent,
              SUM((${inMonth('created_at')}) OR (${inMonth('resolved_at')})) AS handled,
              SUM(${inMonth('resolved_at')}) AS resolved,
              SUM((${inMonth('resolve_due_at')}) AND t.resolve_met = 1) AS sla_met,
              SUM((${inMonth('resolve_due_at')}) AND (t.resolve_met = 0 OR (t.resolve_met IS NULL AND t.resolved_at IS NULL AND t.resolve_due_at < :now))) AS sla_missed,
              COALESCE(SUM(CASE WHEN ${inMonth('closed_at')} THEN t.satisfaction END), 0) AS satisfaction_sum,
              COUNT(CASE WHEN ${inMonth('closed_at')} THEN t.satisfaction END) AS satisfaction_count
       FROM tickets t
       WHERE t.assignee IS NOT NULL ${this.team}
         AND ((${inMonth('created_at')}) OR (${inMonth('resolved_at')}) OR (${inMonth('resolve_due_at')}) OR (${inMonth('closed_at')}))
       GROUP BY t.assignee HAVING handled > 0 OR sla_met + sla_missed > 0 OR satisfaction_count > 0
       ORDER BY handled DESC, t.assignee`,
    );
    const updateEvents = this.one<{ met: number | null; late: number | null }>(
      `SELECT SUM(json_extract(e.data, '$.on_time') = 1) AS met, SUM(json_extract(e.data, '$.on_time') = 0) AS late
       FROM events e JOIN tickets t ON t.id = e.ticket_id WHERE e.kind = 'update' AND e.at >= :start AND e.at < :end ${this.team}`,
    );
    const unmetUpdates = this.count(`${inMonth('update_due_at')} AND t.update_due_at < :now AND t.status IN ('new', 'dispatched', 'in_progress', 'reopened')`);
    return {
      ...this.summary(),
      breakdowns,
      created_by_day,
      durations: {
        first_response: { wall: this.percentiles('t.first_response_at - t.created_at', 'first_response_at'), business: this.percentiles('t.response_business_ms', 'first_response_at') },
        resolution: { wall: this.percentiles('t.resolved_at - t.created_at', 'resolved_at'), business: this.percentiles('t.resolve_business_ms', 'resolved_at') },
      },
      callbacks: this.count(`${inMonth('closed_at')} AND t.callback_at IS NOT NULL`),
      complaints,
      agents,
      updates: { met: updateEvents.met ?? 0, missed: (updateEvents.late ?? 0) + unmetUpdates },
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
