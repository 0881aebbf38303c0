// Returns and extensions counted in SQLite: from their events and the settlements of extended
// deadlines, each as it happened, so a closed period counts the same whenever it is asked.
import type { Database } from 'better-sqlite3';
import type { CaseFacts, RuleReturns } from '../report/case-facts.js';
import type { FactsQuery } from '../report/facts.js';
import { callerScope } from './caller-scope.js';

/** Statuses whose SLA clock runs. */
const RUNNING = "('new', 'dispatched', 'in_progress', 'reopened')";

export function caseFacts(db: Database, q: FactsQuery): CaseFacts {
  const caller = (idColumn: string) => callerScope(q, idColumn, ':caller').sql;
  const key = callerScope(q, 'id', ':caller').key;
  const params = { start: q.start, end: q.end, now: q.now, ...(q.team === undefined ? {} : { team: q.team }), ...(key === null ? {} : { caller: key }) };
  const byTeam = (alias: string) => (q.team === undefined ? '' : `AND ${alias}.team = :team`);
  const returns = db
    .prepare(
      `SELECT json_extract(e.data, '$.team') AS team, COUNT(*) AS n FROM events e
       WHERE e.kind = 'return' AND e.at >= :start AND e.at < :end ${q.team === undefined ? '' : "AND json_extract(e.data, '$.team') = :team"} ${caller('e.ticket_id')}
       GROUP BY 1 ORDER BY 1`,
    )
    .all(params) as { team: string; n: number }[];
  const events = db
    .prepare(
      `SELECT COALESCE(SUM(e.kind = 'extend'), 0) AS requested, COALESCE(SUM(e.kind = 'extend_approve'), 0) AS approved, COALESCE(SUM(e.kind = 'extend_reject'), 0) AS rejected
       FROM events e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.kind IN ('extend', 'extend_approve', 'extend_reject') AND e.at >= :start AND e.at < :end ${byTeam('t')} ${caller('t.id')}`,
    )
    .get(params) as { requested: number; approved: number; rejected: number };
  const settled = db
    .prepare(
      `SELECT COALESCE(SUM(s.met = 1 AND s.settled_at <= s.original_due_at), 0) AS within_original,
              COALESCE(SUM(s.met = 1 AND s.settled_at > s.original_due_at), 0) AS within_extended,
              COALESCE(SUM(s.met = 0), 0) AS missed
       FROM settlements s WHERE s.kind = 'resolve' AND s.original_due_at IS NOT NULL AND s.settled_at >= :start AND s.settled_at < :end ${byTeam('s')} ${caller('s.ticket_id')}`,
    )
    .get(params) as { within_original: number; within_extended: number; missed: number };
  // Extended deadlines that passed unmet in the period and no change has settled yet.
  const passed = db
    .prepare(
      `SELECT COUNT(*) AS n FROM tickets t WHERE t.original_resolve_due_at IS NOT NULL AND t.resolve_due_at >= :start AND t.resolve_due_at < min(:end, :now)
       AND t.resolve_met IS NULL AND t.resolved_at IS NULL AND t.status IN ${RUNNING} ${byTeam('t')} ${caller('t.id')}`,
    )
    .get(params) as { n: number };
  return {
    returns: Object.fromEntries(returns.map((r) => [r.team, r.n])),
    extensions: {
      ...events,
      resolved_within_original: settled.within_original,
      resolved_within_extended: settled.within_extended,
      missed_extended: settled.missed + passed.n,
    },
  };
}

export function ruleReturns(db: Database, rule: string): RuleReturns {
  const count = (sql: string) => (db.prepare(sql).get(rule) as { n: number }).n;
  return {
    rule,
    dispatched: count("SELECT COUNT(DISTINCT ticket_id) AS n FROM events WHERE kind = 'dispatch' AND json_extract(data, '$.rules.team') = ?"),
    returned: count("SELECT COUNT(DISTINCT ticket_id) AS n FROM events WHERE kind = 'return' AND json_extract(data, '$.dispatch_rule') = ?"),
  };
}
