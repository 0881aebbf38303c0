// Returns and extensions counted on PostgreSQL: the queries of src/store/sqlite-case-facts.ts in
// PostgreSQL's SQL, from events and the settlements of extended deadlines.
import type pg from 'pg';
import type { CaseFacts, RuleReturns } from '../../report/case-facts.js';
import type { FactsQuery } from '../../report/facts.js';
import { callerScope } from '../caller-scope.js';

/** Statuses whose SLA clock runs. */
const RUNNING = "('new', 'dispatched', 'in_progress', 'reopened')";

export async function caseFacts(db: pg.Client, q: FactsQuery): Promise<CaseFacts> {
  const key = callerScope(q, 'id', '$5').key;
  const params: unknown[] = [q.start, q.end, q.now, q.team ?? null, ...(key === null ? [] : [key])];
  const byTeam = (alias: string) => `AND ($4::text IS NULL OR ${alias}.team = $4)`;
  const caller = (idColumn: string) => callerScope(q, idColumn, '$5::text').sql;
  const rows = async <T>(sql: string) => (await db.query(sql, params)).rows as T[];
  const returns = await rows<{ team: string; n: number }>(
    `SELECT e.data->>'team' AS team, COUNT(*) AS n FROM events e
     WHERE e.kind = 'return' AND e.at >= $1::bigint AND e.at < $2::bigint AND $3::bigint IS NOT NULL AND ($4::text IS NULL OR e.data->>'team' = $4) ${caller('e.ticket_id')}
     GROUP BY 1 ORDER BY 1`,
  );
  const [events] = await rows<{ requested: number; approved: number; rejected: number }>(
    `SELECT COUNT(*) FILTER (WHERE e.kind = 'extend') AS requested, COUNT(*) FILTER (WHERE e.kind = 'extend_approve') AS approved,
            COUNT(*) FILTER (WHERE e.kind = 'extend_reject') AS rejected
     FROM events e JOIN tickets t ON t.id = e.ticket_id
     WHERE e.kind IN ('extend', 'extend_approve', 'extend_reject') AND e.at >= $1::bigint AND e.at < $2::bigint AND $3::bigint IS NOT NULL ${byTeam('t')} ${caller('t.id')}`,
  );
  const [settled] = await rows<{ within_original: number; within_extended: number; missed: number }>(
    `SELECT COUNT(*) FILTER (WHERE s.met AND s.settled_at <= s.original_due_at) AS within_original,
            COUNT(*) FILTER (WHERE s.met AND s.settled_at > s.original_due_at) AS within_extended,
            COUNT(*) FILTER (WHERE NOT s.met) AS missed
     FROM settlements s WHERE s.kind = 'resolve' AND s.original_due_at IS NOT NULL AND s.settled_at >= $1::bigint AND s.settled_at < $2::bigint AND $3::bigint IS NOT NULL ${byTeam('s')} ${caller('s.ticket_id')}`,
  );
  // Extended deadlines that passed unmet in the period and no change has settled yet.
  const [passed] = await rows<{ n: number }>(
    `SELECT COUNT(*) AS n FROM tickets t WHERE t.original_resolve_due_at IS NOT NULL AND t.resolve_due_at >= $1::bigint AND t.resolve_due_at < least($2::bigint, $3::bigint)
     AND t.resolve_met IS NULL AND t.resolved_at IS NULL AND t.status IN ${RUNNING} ${byTeam('t')} ${caller('t.id')}`,
  );
  return {
    returns: Object.fromEntries(returns.map((r) => [r.team, r.n])),
    extensions: {
      ...events!,
      resolved_within_original: settled!.within_original,
      resolved_within_extended: settled!.within_extended,
      missed_extended: settled!.missed + passed!.n,
    },
  };
}

export async function ruleReturns(db: pg.Client, rule: string): Promise<RuleReturns> {
  const count = async (sql: string) => ((await db.query(sql, [rule])).rows[0] as { n: number }).n;
  return {
    rule,
    dispatched: await count("SELECT COUNT(DISTINCT ticket_id) AS n FROM events WHERE kind = 'dispatch' AND data->'rules'->>'team' = $1"),
    returned: await count("SELECT COUNT(DISTINCT ticket_id) AS n FROM events WHERE kind = 'return' AND data->>'dispatch_rule' = $1"),
  };
}
