-- The monthly report's aggregates written by hand for psql: the floor that `desk report monthly`
-- on PostgreSQL is measured against (bench/postgres.mjs binds :start, :end and :now). The queries
-- of bench/report.sql, in PostgreSQL's words.
SELECT COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end;
SELECT COUNT(*) FROM tickets WHERE resolved_at >= :start AND resolved_at < :end;
SELECT COUNT(*) FROM closed_cycles WHERE resolved_at >= :start AND resolved_at < :end;
SELECT COUNT(*) FROM tickets WHERE closed_at >= :start AND closed_at < :end;
SELECT COUNT(*) FROM closed_cycles WHERE closed_at >= :start AND closed_at < :end;
SELECT COUNT(*) FROM events WHERE kind = 'reopen' AND at >= :start AND at < :end;
SELECT COUNT(DISTINCT ticket_id) FROM events WHERE kind = 'escalate' AND at >= :start AND at < :end;
SELECT COUNT(*) FROM tickets WHERE created_at < :end AND (resolved_at IS NULL OR resolved_at >= :end);
SELECT COUNT(*) FROM closed_cycles WHERE resolved_at < :end AND reopened_at >= :end;
SELECT COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end AND resolved_at < :end;
SELECT type, COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end GROUP BY type;
SELECT urgency, COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end GROUP BY urgency;
SELECT channel, COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end GROUP BY channel;
SELECT department, COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end GROUP BY department;
SELECT category, COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end GROUP BY category;
SELECT team, COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end GROUP BY team;
SELECT kind, count(*) FILTER (WHERE met), count(*) FILTER (WHERE NOT met) FROM settlements WHERE settled_at >= :start AND settled_at < :end GROUP BY kind;
SELECT COUNT(*) FROM tickets WHERE response_due_at >= :start AND response_due_at < least(:end, :now) AND response_met IS NULL AND first_response_at IS NULL AND status IN ('new', 'dispatched', 'in_progress', 'reopened');
SELECT COUNT(*) FROM tickets WHERE resolve_due_at >= :start AND resolve_due_at < least(:end, :now) AND resolve_met IS NULL AND resolved_at IS NULL AND status IN ('new', 'dispatched', 'in_progress', 'reopened');
SELECT ticket_id, data FROM events WHERE ticket_id IN (SELECT id FROM tickets WHERE created_at >= :start AND created_at < :end) AND at >= :end;
SELECT first_response_at - created_at AS d FROM tickets WHERE first_response_at >= :start AND first_response_at < :end ORDER BY d LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM tickets WHERE first_response_at >= :start AND first_response_at < :end);
SELECT resolved_at - created_at AS d FROM tickets WHERE resolved_at >= :start AND resolved_at < :end ORDER BY d LIMIT 1 OFFSET (SELECT COUNT(*) * 9 / 10 FROM tickets WHERE resolved_at >= :start AND resolved_at < :end);
SELECT satisfaction, COUNT(*) FROM tickets WHERE closed_at >= :start AND closed_at < :end AND satisfaction IS NOT NULL GROUP BY satisfaction;
SELECT COUNT(*) FROM tickets WHERE closed_at >= :start AND closed_at < :end AND callback_at IS NOT NULL;
SELECT assignee, COUNT(*), count(*) FILTER (WHERE resolved_at >= :start AND resolved_at < :end), AVG(satisfaction) FROM tickets
  WHERE (created_at >= :start AND created_at < :end) OR (resolved_at >= :start AND resolved_at < :end) GROUP BY assignee;
