// The monthly report's aggregates, all in SQL over indexed time columns: the cost grows with the
// tickets of the month, not with the whole database.
import type { Database } from 'better-sqlite3';
import { BREAKDOWN_FIELDS, type FactsQuery, type FieldCosts, type FieldFacts, type MonthFacts, type Percentiles } from '../report/facts.js';

type Params = Record<string, number | string>;

export function monthFacts(db: Database, q: FactsQuery): MonthFacts {
  const team = q.team === undefined ? '' : 'AND t.team = :team';
  const params: Params = { start: q.start, end: q.end, now: q.now, ...(q.team === undefined ? {} : { team: q.team }) };
  const one = <T>(sql: string, extra: Params = {}) => db.prepare(sql).get({ ...params, ...extra }) as T;
  const all = <T>(sql: string, extra: Params = {}) => db.prepare(sql).all({ ...params, ...extra }) as T[];
  const count = (where: string) => one<{ n: number }>(`SELECT COUNT(*) AS n FROM tickets t WHERE ${where} ${team}`).n;
  const inMonth = (column: string) => `t.${column} >= :start AND t.${column} < :end`;
  const eventsInMonth = (kind: string, distinct: boolean) =>
    one<{ n: number }>(
      `SELECT COUNT(${distinct ? 'DISTINCT e.ticket_id' : '*'}) AS n FROM events e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.kind = '${kind}' AND e.at >= :start AND e.at < :end ${team}`,
    ).n;

  const breakdowns = Object.fromEntries(
    BREAKDOWN_FIELDS.map((field) => [
      field,
      Object.fromEntries(
        all<{ key: string | null; n: number }>(`SELECT t.${field} AS key, COUNT(*) AS n FROM tickets t WHERE ${inMonth('created_at')} ${team} GROUP BY t.${field} ORDER BY n DESC, key`).map(
          (r) => [r.key ?? '', r.n],
        ),
      ),
    ]),
  ) as MonthFacts['breakdowns'];

  const perDay = db.prepare(`SELECT COUNT(*) AS n FROM tickets t WHERE t.created_at >= :start AND t.created_at < :end ${team}`);
  const created_by_day = q.days.map((day) => ({ date: day.date, count: (perDay.get({ ...params, start: day.start, end: day.end }) as { n: number }).n }));

  const deadline = (due: string, done: string, met: string) =>
    one<{ met: number | null; missed: number | null }>(
      `SELECT SUM(t.${met} = 1) AS met,
              SUM(t.${met} = 0 OR (t.${met} IS NULL AND t.${done} IS NULL AND t.${due} < :now)) AS missed
       FROM tickets t WHERE ${inMonth(due)} ${team}`,
    );
  const response = deadline('response_due_at', 'first_response_at', 'response_met');
  const resolution = deadline('resolve_due_at', 'resolved_at', 'resolve_met');

  // Nearest-rank percentiles of a duration in minutes over the tickets whose milestone fell in the month.
  const percentiles = (expression: string, milestone: string): Percentiles => {
    const from = `FROM tickets t WHERE ${inMonth(milestone)} AND (${expression}) IS NOT NULL ${team}`;
    const n = one<{ n: number }>(`SELECT COUNT(*) AS n ${from}`).n;
    const at = (p: number) =>
      n === 0 ? null : one<{ v: number }>(`SELECT (${expression}) / 60000.0 AS v ${from} ORDER BY (${expression}) LIMIT 1 OFFSET :offset`, { offset: Math.max(Math.ceil(p * n) - 1, 0) }).v;
    return { count: n, median: at(0.5), p90: at(0.9) };
  };

  const satisfaction = all<{ s: number; n: number }>(`SELECT t.satisfaction AS s, COUNT(*) AS n FROM tickets t WHERE ${inMonth('closed_at')} AND t.satisfaction IS NOT NULL ${team} GROUP BY t.satisfaction`);
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const row of satisfaction) distribution[String(row.s) as keyof typeof distribution] = row.n;

  const complaints = one<MonthFacts['complaints']>(
    `SELECT COUNT(*) AS received,
            COALESCE(SUM(t.resolved_at IS NOT NULL), 0) AS resolved,
            COALESCE(SUM(t.closed_at IS NOT NULL), 0) AS closed,
            COALESCE(SUM(t.status IN ('new', 'dispatched', 'in_progress', 'pending', 'reopened')), 0) AS open,
            COALESCE(SUM(t.satisfaction), 0) AS satisfaction_sum,
            COUNT(t.satisfaction) AS satisfaction_count
     FROM tickets t WHERE ${inMonth('created_at')} AND t.type = 'complaint' ${team}`,
  );

  const agents = all<MonthFacts['agents'][number]>(
    `SELECT t.assignee AS agent,
            SUM((${inMonth('created_at')}) OR (${inMonth('resolved_at')})) AS handled,
            SUM(${inMonth('resolved_at')}) AS resolved,
            SUM((${inMonth('resolve_due_at')}) AND t.resolve_met = 1) AS sla_met,
            SUM((${inMonth('resolve_due_at')}) AND (t.resolve_met = 0 OR (t.resolve_met IS NULL AND t.resolved_at IS NULL AND t.resolve_due_at < :now))) AS sla_missed,
            COALESCE(SUM(CASE WHEN ${inMonth('closed_at')} THEN t.satisfaction END), 0) AS satisfaction_sum,
            COUNT(CASE WHEN ${inMonth('closed_at')} THEN t.satisfaction END) AS satisfaction_count
     FROM tickets t
     WHERE t.assignee IS NOT NULL ${team}
       AND ((${inMonth('created_at')}) OR (${inMonth('resolved_at')}) OR (${inMonth('resolve_due_at')}) OR (${inMonth('closed_at')}))
     GROUP BY t.assignee HAVING handled > 0 OR sla_met + sla_missed > 0 OR satisfaction_count > 0
     ORDER BY handled DESC, t.assignee`,
  );

  const updateEvents = one<{ met: number | null; late: number | null }>(
    `SELECT SUM(json_extract(e.data, '$.on_time') = 1) AS met, SUM(json_extract(e.data, '$.on_time') = 0) AS late
     FROM events e JOIN tickets t ON t.id = e.ticket_id WHERE e.kind = 'update' AND e.at >= :start AND e.at < :end ${team}`,
  );
  const unmetUpdates = count(`${inMonth('update_due_at')} AND t.update_due_at < :now AND t.status IN ('new', 'dispatched', 'in_progress', 'reopened')`);

  const visitsIn = `FROM visits v JOIN tickets t ON t.id = v.ticket_id WHERE v.visited_at >= :start AND v.visited_at < :end ${team}`;
  const costs = 'COUNT(*) AS visits, COALESCE(SUM(v.person_times), 0) AS person_times, COALESCE(SUM(v.materials_cents), 0) AS materials_cents, COALESCE(SUM(v.transport_cents), 0) AS transport_cents';
  const field = one<FieldFacts>(`SELECT ${costs}, COUNT(DISTINCT v.visit_date) AS days, COUNT(v.parts) AS parts ${visitsIn}`);
  const grouped = (column: string) =>
    Object.fromEntries(all<FieldCosts & { key: string | null }>(`SELECT t.${column} AS key, ${costs} ${visitsIn} GROUP BY t.${column} ORDER BY visits DESC, key`).map(({ key, ...c }) => [key ?? '', c]));

  return {
    updates: { met: updateEvents.met ?? 0, missed: (updateEvents.late ?? 0) + unmetUpdates },
    field: { ...field, by_team: grouped('team'), by_category: grouped('category') },
    created: count(inMonth('created_at')),
    resolved: count(inMonth('resolved_at')),
    closed: count(inMonth('closed_at')),
    reopened: eventsInMonth('reopen', false),
    escalated: eventsInMonth('escalate', true),
    backlog_end: count('t.created_at < :end AND (t.resolved_at IS NULL OR t.resolved_at >= :end) AND (t.closed_at IS NULL OR t.closed_at >= :end)'),
    created_resolved: count(`${inMonth('created_at')} AND t.resolved_at < :end`),
    breakdowns,
    created_by_day,
    sla: { response: { met: response.met ?? 0, missed: response.missed ?? 0 }, resolution: { met: resolution.met ?? 0, missed: resolution.missed ?? 0 } },
    durations: {
      first_response: { wall: percentiles('t.first_response_at - t.created_at', 'first_response_at'), business: percentiles('t.response_business_ms', 'first_response_at') },
      resolution: { wall: percentiles('t.resolved_at - t.created_at', 'resolved_at'), business: percentiles('t.resolve_business_ms', 'resolved_at') },
    },
    satisfaction: { distribution, rated: satisfaction.reduce((n, r) => n + r.n, 0), sum: satisfaction.reduce((n, r) => n + r.s * r.n, 0) },
    callbacks: count(`${inMonth('closed_at')} AND t.callback_at IS NOT NULL`),
    complaints,
    agents,
  };
}
