// The report's case-handling counts on PostgreSQL, as src/store/sqlite-case-report.ts counts them.
import type pg from 'pg';
import { supervisionFactsOf } from '../../report/cases.js';
import type { SupervisionFacts, FactsQuery, SupervisionCount, VerifiedComplaint } from '../../report/facts.js';
import { callerScope } from '../caller-scope.js';

export async function supervisionFacts(db: pg.Client, q: FactsQuery): Promise<SupervisionFacts> {
  const team = "coalesce(e.data->'supervision'->>'team', e.data->'assist'->>'team')";
  const byTeam = q.team === undefined ? [] : [q.team];
  const key = callerScope(q, 'id', '').key;
  // The caller's key is bound after the team, when there is one.
  const caller = (idColumn: string) => callerScope(q, idColumn, `$${3 + byTeam.length}::text`).sql;
  const callerParams = key === null ? [] : [key];
  const supervision = (
    await db.query(
      `SELECT ${team} AS team, e.kind, count(*)::int AS n, (count(*) FILTER (WHERE coalesce(e.data->'supervision'->>'on_time', e.data->'assist'->>'on_time') = 'true'))::int AS on_time
       FROM events e WHERE e.kind IN ('supervise', 'supervision_reply', 'urge', 'assist', 'assist_reply', 'assist_cancel') AND e.at >= $1 AND e.at < $2 ${q.team === undefined ? '' : `AND ${team} = $3`} ${caller('e.ticket_id')}
       GROUP BY 1, 2`,
      [q.start, q.end, ...byTeam, ...callerParams],
    )
  ).rows as SupervisionCount[];
  const verified = (
    await db.query(
      `SELECT t.complaint_verified AS verdict, t.complaint_cause AS cause, t.complaint_against AS target FROM tickets t
       WHERE t.type = 'complaint' AND t.complaint_verified_at >= $1 AND t.complaint_verified_at < $2 ${q.team === undefined ? '' : 'AND t.team = $3'} ${caller('t.id')}`,
      [q.start, q.end, ...byTeam, ...callerParams],
    )
  ).rows as VerifiedComplaint[];
  return supervisionFactsOf(supervision, verified);
}
