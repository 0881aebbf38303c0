// The queries of the shift: the handover record (desk handover) and the operator's queue (desk
// queue, and `desk` alone in a terminal). Every query runs on indexed columns: created_at,
// resolved_at, events(kind, at), status and the deadline indexes.
import type { Database } from 'better-sqlite3';
import type { HandoverRecord, HandoverSummary, ShiftActivity, ShiftQuery } from '../domain/handover.js';
import type { QueueFacts, QueueQuery, QueueSection } from '../domain/queue.js';
import { OPEN_STATUSES, type Ticket } from '../domain/ticket.js';
import { toTicket, type Row } from './sqlite-rows.js';
import type { WriteOptions } from './store.js';
import { prepareCached as prepare } from './statements.js';


const OPEN_SQL = `status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const WATCHED_SQL = `status IN (${OPEN_STATUSES.filter((s) => s !== 'pending').map((s) => `'${s}'`).join(', ')})`;
/** The earliest deadline not yet met (a large number when none). */
const NEXT_DUE_SQL = `min(
  coalesce(CASE WHEN first_response_at IS NULL THEN response_due_at END, 9e15),
  coalesce(CASE WHEN dispatched_at IS NULL THEN dispatch_due_at END, 9e15),
  coalesce(CASE WHEN resolved_at IS NULL THEN resolve_due_at END, 9e15),
  coalesce(update_due_at, 9e15))`;

function tickets(db: Database, sql: string, ...params: unknown[]): Ticket[] {
  return (prepare(db, sql).all(...params) as Row[]).map(toTicket);
}

export function shiftActivity(db: Database, query: ShiftQuery): ShiftActivity {
  const team = query.team === undefined ? '' : 'AND team = ?';
  const teamParam = query.team === undefined ? [] : [query.team];
  const window = [query.since, query.until];
  const open = tickets(db, `SELECT * FROM tickets WHERE ${OPEN_SQL} ${team} ORDER BY id`, ...teamParam);
  const pendingIds = open.filter((t) => t.status === 'pending').map((t) => t.id);
  const pendingReasons = new Map<number, string | null>();
  if (pendingIds.length) {
    const rows = prepare(
      db,
      `SELECT ticket_id, json_extract(data, '$.reason') AS reason FROM events
       WHERE kind = 'pending' AND ticket_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    ).all(JSON.stringify(pendingIds)) as { ticket_id: number; reason: string | null }[];
    for (const row of rows) pendingReasons.set(row.ticket_id, row.reason);
  }
  return {
    opened: tickets(db, `SELECT * FROM tickets WHERE created_at >= ? AND created_at < ? ${team} ORDER BY created_at, id`, ...window, ...teamParam),
    resolved: tickets(db, `SELECT * FROM tickets WHERE resolved_at >= ? AND resolved_at < ? ${team} ORDER BY resolved_at, id`, ...window, ...teamParam),
    escalated: tickets(
      db,
      `SELECT * FROM tickets WHERE id IN (SELECT ticket_id FROM events WHERE kind = 'escalate' AND at >= ? AND at < ?) ${team} ORDER BY id`,
      ...window,
      ...teamParam,
    ),
    open,
    pendingReasons,
  };
}

function toRecord(row: Row): HandoverRecord {
  return { id: row.id as number, at: row.at as number, actor: row.actor as string, since: row.since as number, team: row.team as string | null, summary: JSON.parse(row.summary as string) as HandoverSummary };
}

/** Inside the caller's write transaction. */
export function insertHandover(db: Database, handover: { since: number; team: string | null; summary: HandoverSummary }, options: WriteOptions): HandoverRecord {
  const { lastInsertRowid } = prepare(db, 'INSERT INTO handovers (at, actor, since, team, summary) VALUES (?, ?, ?, ?, ?)').run(
    options.now,
    options.actor,
    handover.since,
    handover.team,
    JSON.stringify(handover.summary),
  );
  return toRecord(prepare(db, 'SELECT * FROM handovers WHERE id = ?').get(Number(lastInsertRowid)) as Row);
}

/** The latest handover before `before` (of the team, when given). */
export function lastHandover(db: Database, before: number, team: string | null): HandoverRecord | null {
  const row = prepare(db, 'SELECT * FROM handovers WHERE at < ? AND team IS ? ORDER BY at DESC, id DESC LIMIT 1').get(before, team) as Row | undefined;
  return row ? toRecord(row) : null;
}

function section(db: Database, where: string, order: string, params: unknown[], limit: number): QueueSection {
  return {
    tickets: tickets(db, `SELECT * FROM tickets WHERE ${where} ORDER BY ${order} LIMIT ?`, ...params, limit),
    total: (prepare(db, `SELECT count(*) FROM tickets WHERE ${where}`).pluck().get(...params) as number) ?? 0,
  };
}

export function queueFacts(db: Database, query: QueueQuery): QueueFacts {
  // Tickets not dispatched yet are everybody's concern: they count for every team.
  const teams = query.teams === null ? '' : 'AND (team IS NULL OR team IN (SELECT value FROM json_each(?)))';
  const teamParams = query.teams === null ? [] : [JSON.stringify(query.teams)];
  // The open sub-tasks of the teams (co-handling): one of them among the ticket's open ones.
  const assistTeams = query.teams === null ? '' : "AND EXISTS (SELECT 1 FROM json_each(?) WHERE instr(assist_teams, ',' || value || ',') > 0)";
  // A deadline not yet met whose due time passes `test`. A ticket without some deadline (a
  // critical one owes no progress updates) must give false there, never NULL: the due-soon
  // section is "NOT past", and NOT NULL would drop the ticket.
  const unmet = (test: (due: string) => string) => {
    const passes = (due: string) => `(${due} IS NOT NULL AND ${test(due)})`;
    return `((first_response_at IS NULL AND ${passes('response_due_at')}) OR (dispatched_at IS NULL AND ${passes('dispatch_due_at')}) OR (resolved_at IS NULL AND ${passes('resolve_due_at')}) OR ${passes('update_due_at')})`;
  };
  const { now, soonUntil, limit } = query;
  const past = unmet((due) => `${due} < ?`);
  const soon = unmet((due) => `${due} >= ? AND ${due} < ?`);
  return {
    mine: section(db, `assignee = ? AND ${OPEN_SQL}`, `${NEXT_DUE_SQL}, created_at, id`, [query.actor], limit),
    breached: section(db, `${WATCHED_SQL} AND ${past} ${teams}`, `${NEXT_DUE_SQL}, id`, [now, now, now, now, ...teamParams], limit),
    dueSoon: section(db, `${WATCHED_SQL} AND ${soon} AND NOT ${past} ${teams}`, `${NEXT_DUE_SQL}, id`, [now, soonUntil, now, soonUntil, now, soonUntil, now, soonUntil, now, now, now, now, ...teamParams], limit),
    unassigned: section(
      db,
      `(status IN ('new', 'reopened') OR (${OPEN_SQL} AND assignee IS NULL ${teams}))`,
      `${NEXT_DUE_SQL}, created_at, id`,
      [...teamParams],
      limit,
    ),
    supervision: section(db, `supervision_due_at < ? ${teams}`, 'supervision_due_at, id', [now, ...teamParams], limit),
    assists: section(db, `assist_teams IS NOT NULL ${assistTeams}`, 'assist_due_at IS NULL, assist_due_at, id', [...teamParams], limit),
  };
}
