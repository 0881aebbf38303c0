-- The monthly report's aggregates written by hand, for the sqlite3 shell: the floor that
-- `desk report monthly` is measured against: every figure it gives, the month before's too. :start, :end,
-- :pstart, :pend (the month before) and :now are bound by bench/run.mjs.
SELECT COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end;
SELECT COUNT(*) FROM tickets WHERE resolved_at >= :start AND resolved_at < :end;
SELECT COUNT(*) FROM closed_cycles WHERE resolved_at >= :start AND resolved_at < :end;
SELECT COUNT(*) FROM tickets WHERE closed_at >= :start AND closed_at < :end;
SELECT COUNT(*) FROM closed_cycles WHERE closed_at >= :start AND closed_at < :end;
SELECT COUNT(*) FROM events WHERE kind = 'reopen' AND at >= :start AND at < :end;
SELECT COUNT(DISTINCT ticket_id) FROM events WHERE kind = 'escalate' AND at >= :start AND at < :end;
SELECT (SELECT COUNT(*) FROM tickets WHERE resolved_at IS NULL AND created_at < :end) + (SELECT COUNT(*) FROM tickets WHERE resolved_at >= :end AND created_at < :end);
SELECT COUNT(*) FROM closed_cycles WHERE resolved_at < :end AND reopened_at >= :end;
SELECT COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end AND resolved_at < :end;
SELECT type, COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end GROUP BY type;
SELECT urgency, COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end GROUP BY urgency;
SELECT channel, COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end GROUP BY channel;
SELECT department, COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end GROUP BY department;
SELECT category, COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end GROUP BY category;
SELECT team, COUNT(*) FROM tickets WHERE created_at >= :start AND created_at < :end GROUP BY team;
SELECT kind, SUM(met = 1), SUM(met = 0) FROM settlements WHERE settled_at >= :start AND settled_at < :end GROUP BY kind;
SELECT COUNT(*) FROM tickets WHERE response_due_at >= :start AND response_due_at < min(:end, :now) AND response_met IS NULL AND first_response_at IS NULL AND status IN ('new', 'dispatched', 'in_progress', 'reopened');
SELECT COUNT(*) FROM tickets WHERE resolve_due_at >= :start AND resolve_due_at < min(:end, :now) AND resolve_met IS NULL AND resolved_at IS NULL AND status IN ('new', 'dispatched', 'in_progress', 'reopened');
SELECT ticket_id, data FROM events WHERE ticket_id IN (SELECT id FROM tickets WHERE created_at >= :start AND created_at < :end) AND at >= :end;
SELECT first_response_at - created_at AS d FROM tickets WHERE first_response_at >= :start AND first_response_at < :end ORDER BY d LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM tickets WHERE first_response_at >= :start AND first_response_at < :end);
SELECT resolved_at - created_at AS d FROM tickets WHERE resolved_at >= :start AND resolved_at < :end ORDER BY d LIMIT 1 OFFSET (SELECT COUNT(*) * 9 / 10 FROM tickets WHERE resolved_at >= :start AND resolved_at < :end);
SELECT satisfaction, COUNT(*) FROM tickets WHERE closed_at >= :start AND closed_at < :end AND satisfaction IS NOT NULL GROUP BY satisfaction;
SELECT COUNT(*) FROM tickets WHERE closed_at >= :start AND closed_at < :end AND callback_at IS NOT NULL;
SELECT assignee, COUNT(*), SUM(resolved_at >= :start AND resolved_at < :end), AVG(satisfaction) FROM tickets
  WHERE (created_at >= :start AND created_at < :end) OR (resolved_at >= :start AND resolved_at < :end) GROUP BY assignee;
-- The month before, beside it (:pstart, :pend): its totals, deadlines and ratings.
SELECT COUNT(*) FROM tickets WHERE created_at >= :pstart AND created_at < :pend;
SELECT COUNT(*) FROM tickets WHERE resolved_at >= :pstart AND resolved_at < :pend;
SELECT COUNT(*) FROM closed_cycles WHERE resolved_at >= :pstart AND resolved_at < :pend;
SELECT COUNT(*) FROM tickets WHERE closed_at >= :pstart AND closed_at < :pend;
SELECT COUNT(*) FROM closed_cycles WHERE closed_at >= :pstart AND closed_at < :pend;
SELECT COUNT(*) FROM events WHERE kind = 'reopen' AND at >= :pstart AND at < :pend;
SELECT COUNT(DISTINCT ticket_id) FROM events WHERE kind = 'escalate' AND at >= :pstart AND at < :pend;
SELECT (SELECT COUNT(*) FROM tickets WHERE resolved_at IS NULL AND created_at < :pend) + (SELECT COUNT(*) FROM tickets WHERE resolved_at >= :pend AND created_at < :pend);
SELECT COUNT(*) FROM tickets WHERE created_at >= :pstart AND created_at < :pend AND resolved_at < :pend;
SELECT kind, SUM(met = 1), SUM(met = 0) FROM settlements WHERE settled_at >= :pstart AND settled_at < :pend GROUP BY kind;
SELECT satisfaction, COUNT(*) FROM tickets WHERE closed_at >= :pstart AND closed_at < :pend AND satisfaction IS NOT NULL GROUP BY satisfaction;
-- The other medians and 90th percentiles: in business time, and of the closed cycles' resolutions too.
SELECT first_response_at - created_at AS d FROM tickets WHERE first_response_at >= :start AND first_response_at < :end ORDER BY d LIMIT 1 OFFSET (SELECT COUNT(*) * 9 / 10 FROM tickets WHERE first_response_at >= :start AND first_response_at < :end);
SELECT response_business_ms AS d FROM tickets WHERE first_response_at >= :start AND first_response_at < :end AND response_business_ms IS NOT NULL ORDER BY d LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM tickets WHERE first_response_at >= :start AND first_response_at < :end);
SELECT response_business_ms AS d FROM tickets WHERE first_response_at >= :start AND first_response_at < :end AND response_business_ms IS NOT NULL ORDER BY d LIMIT 1 OFFSET (SELECT COUNT(*) * 9 / 10 FROM tickets WHERE first_response_at >= :start AND first_response_at < :end);
SELECT d FROM (SELECT resolved_at - created_at AS d FROM tickets WHERE resolved_at >= :start AND resolved_at < :end UNION ALL SELECT resolved_at - created_at FROM closed_cycles WHERE resolved_at >= :start AND resolved_at < :end) AS resolutions ORDER BY d LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM tickets WHERE resolved_at >= :start AND resolved_at < :end);
SELECT d FROM (SELECT resolve_business_ms AS d FROM tickets WHERE resolved_at >= :start AND resolved_at < :end UNION ALL SELECT resolve_business_ms FROM closed_cycles WHERE resolved_at >= :start AND resolved_at < :end) AS resolutions ORDER BY d LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM tickets WHERE resolved_at >= :start AND resolved_at < :end);
SELECT d FROM (SELECT resolve_business_ms AS d FROM tickets WHERE resolved_at >= :start AND resolved_at < :end UNION ALL SELECT resolve_business_ms FROM closed_cycles WHERE resolved_at >= :start AND resolved_at < :end) AS resolutions ORDER BY d LIMIT 1 OFFSET (SELECT COUNT(*) * 9 / 10 FROM tickets WHERE resolved_at >= :start AND resolved_at < :end);
-- Per agent: the tickets they resolved or with a deadline settled while theirs, and their resolution deadlines.
SELECT agent, COUNT(*) FROM (
  SELECT assignee AS agent, id AS ticket_id FROM tickets WHERE resolved_at >= :start AND resolved_at < :end
  UNION SELECT assignee, ticket_id FROM closed_cycles WHERE resolved_at >= :start AND resolved_at < :end
  UNION SELECT agent, ticket_id FROM settlements WHERE settled_at >= :start AND settled_at < :end AND agent IS NOT NULL
) AS handled GROUP BY agent;
SELECT agent, SUM(met = 1), SUM(met = 0) FROM settlements WHERE kind = 'resolve' AND settled_at >= :start AND settled_at < :end AND agent IS NOT NULL GROUP BY agent;
-- On-site visits: in all, by team and by category.
SELECT COUNT(*), SUM(person_times), SUM(materials_cents), SUM(transport_cents), COUNT(DISTINCT visit_date), COUNT(parts) FROM visits WHERE visited_at >= :start AND visited_at < :end;
SELECT t.team, COUNT(*), SUM(v.person_times), SUM(v.materials_cents), SUM(v.transport_cents) FROM visits v JOIN tickets t ON t.id = v.ticket_id WHERE v.visited_at >= :start AND v.visited_at < :end GROUP BY t.team;
SELECT t.category, COUNT(*), SUM(v.person_times), SUM(v.materials_cents), SUM(v.transport_cents) FROM visits v JOIN tickets t ON t.id = v.ticket_id WHERE v.visited_at >= :start AND v.visited_at < :end GROUP BY t.category;
-- Complaints of the month and their outcome; case handling; verified complaints.
SELECT COUNT(*), SUM(resolved_at < :end), SUM(closed_at < :end), AVG(satisfaction) FROM tickets WHERE type = 'complaint' AND created_at >= :start AND created_at < :end;
SELECT json_extract(data, '$.team'), COUNT(*) FROM events WHERE kind = 'return' AND at >= :start AND at < :end GROUP BY 1;
SELECT kind, COUNT(*) FROM events WHERE kind IN ('extend', 'extend_approve', 'extend_reject', 'supervise', 'supervision_reply', 'urge', 'assist', 'assist_reply', 'assist_cancel') AND at >= :start AND at < :end GROUP BY kind;
SELECT complaint_verified, complaint_against, COUNT(*) FROM tickets WHERE complaint_verified_at >= :start AND complaint_verified_at < :end GROUP BY 1, 2;
-- Repeat calls, of the month and of the one before: the caller's earlier ticket of the same category within 7 days.
SELECT COUNT(*), SUM(EXISTS (SELECT 1 FROM tickets p WHERE p.contact_key = t.contact_key AND p.category = t.category AND p.created_at >= t.created_at - 604800000 AND p.created_at < t.created_at))
  FROM tickets t WHERE t.created_at >= :start AND t.created_at < :end AND t.contact_key IS NOT NULL;
SELECT COUNT(*), SUM(EXISTS (SELECT 1 FROM tickets p WHERE p.contact_key = t.contact_key AND p.category = t.category AND p.created_at >= t.created_at - 604800000 AND p.created_at < t.created_at))
  FROM tickets t WHERE t.created_at >= :pstart AND t.created_at < :pend AND t.contact_key IS NOT NULL;
