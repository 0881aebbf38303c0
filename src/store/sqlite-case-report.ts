// The report's case-handling counts on SQLite: supervision and sub-task events of the period by the team they
// name (events(kind, at) is indexed), and the complaints verified in it (by complaint_verified_at).
import type { Database } from 'better-sqlite3';
import { supervisionFactsOf } from '../report/cases.js';
import type { SupervisionFacts, FactsQuery, SupervisionCount, VerifiedComplaint } from '../report/facts.js';
import { callerScope } from './caller-scope.js';

export function supervisionFacts(db: Database, q: FactsQuery): SupervisionFacts {
  const caller = (idColumn: string) => callerScope(q, idColumn, ':caller').sql;
  const key = callerScope(q, 'id', ':caller').key;
  const params = { start: q.start, end: q.end, ...(q.team === undefined ? {} : { team: q.team }), ...(key === null ? {} : { caller: key }) };
  // A supervision event names the order's team, a sub-task's event the collaborating team.
  const team = "COALESCE(json_extract(e.data, '$.supervision.team'), json_extract(e.data, '$.assist.team'))";
  const onTime = "COALESCE(json_extract(e.data, '$.supervision.on_time'), json_extract(e.data, '$.assist.on_time'))";
  const supervision = db
    .prepare(
      `SELECT ${team} AS team, e.kind, COUNT(*) AS n, COALESCE(SUM(${onTime} = 1), 0) AS on_time
       FROM events e WHERE e.kind IN ('supervise', 'supervision_reply', 'urge', 'assist', 'assist_reply', 'assist_cancel') AND e.at >= :start AND e.at < :end ${q.team === undefined ? '' : `AND ${team} = :team`} ${caller('e.ticket_id')}
       GROUP BY 1, 2`,
    )
    .all(params) as SupervisionCount[];
  const verified = db
    .prepare(
      `SELECT t.complaint_verified AS verdict, t.complaint_cause AS cause, t.complaint_against AS target FROM tickets t
       WHERE t.type = 'complaint' AND t.complaint_verified_at >= :start AND t.complaint_verified_at < :end ${q.team === undefined ? '' : 'AND t.team = :team'} ${caller('t.id')}`,
    )
    .all(params) as VerifiedComplaint[];
  return supervisionFactsOf(supervision, verified);
}
