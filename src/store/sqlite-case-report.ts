// The report's case-handling counts on SQLite: supervision events of the period by the team they
// name (events(kind, at) is indexed), and the complaints verified in it (by complaint_verified_at).
import type { Database } from 'better-sqlite3';
import { supervisionFactsOf } from '../report/cases.js';
import type { SupervisionFacts, FactsQuery, SupervisionCount, VerifiedComplaint } from '../report/facts.js';

export function supervisionFacts(db: Database, q: FactsQuery): SupervisionFacts {
  const params = { start: q.start, end: q.end, ...(q.team === undefined ? {} : { team: q.team }) };
  const team = "json_extract(e.data, '$.supervision.team')";
  const supervision = db
    .prepare(
      `SELECT ${team} AS team, e.kind, COUNT(*) AS n, COALESCE(SUM(json_extract(e.data, '$.supervision.on_time') = 1), 0) AS on_time
       FROM events e WHERE e.kind IN ('supervise', 'supervision_reply', 'urge') AND e.at >= :start AND e.at < :end ${q.team === undefined ? '' : `AND ${team} = :team`}
       GROUP BY 1, 2`,
    )
    .all(params) as SupervisionCount[];
  const verified = db
    .prepare(
      `SELECT t.complaint_verified AS verdict, t.complaint_cause AS cause, t.complaint_against AS target FROM tickets t
       WHERE t.type = 'complaint' AND t.complaint_verified_at >= :start AND t.complaint_verified_at < :end ${q.team === undefined ? '' : 'AND t.team = :team'}`,
    )
    .all(params) as VerifiedComplaint[];
  return supervisionFactsOf(supervision, verified);
}
