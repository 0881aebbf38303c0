// The SQL of quality inspection and of the appraisal's own figures, the same for every store
// (placeholders `?`); a store names how it reads a value inside events.data. Each query reads the
// events of its kinds by events_kind (kind, at), or one ticket's by events_ticket.
import { QA_KINDS, type HandlingEvent, type QualityEvent, type QualityEventInput, type QualityKind, type QualityNote } from '../domain/quality.js';
import type { AppraisalFacts, FactsQuery } from '../report/facts.js';
import type { QualityEventQuery } from './store.js';

/** How a store reads a value of a JSON column, by its keys: null when absent. */
export type JsonValue = (column: string, keys: readonly string[]) => string;

export interface Sql {
  sql: string;
  params: unknown[];
}

const QA_IN = `e.kind IN (${QA_KINDS.map((k) => `'${k}'`).join(', ')})`;

/** The events of quality inspection with their ticket's number, in order (columns of QualityEvent but qa and text: data). */
export function qualityEventsSql(query: QualityEventQuery): Sql {
  const where = query.ticketId !== undefined ? ['e.ticket_id = ?'] : ['e.at >= ?'];
  return {
    sql: `SELECT e.id, e.ticket_id, t.number, e.at, e.actor, e.kind, e.data FROM events e JOIN tickets t ON t.id = e.ticket_id WHERE ${QA_IN} AND ${where.join(' AND ')} ORDER BY e.id`,
    params: [query.ticketId ?? query.since ?? 0],
  };
}

/** The trail's events of a window by which an agent logs, responds to or resolves a ticket, with the ticket's channel, type and assignee. */
export function handlingEventsSql(window: { start: number; end: number }): Sql {
  return {
    sql: `SELECT e.ticket_id, t.number, e.actor, e.kind, e.data, t.channel, t.type, t.assignee FROM events e JOIN tickets t ON t.id = e.ticket_id
          WHERE e.kind IN ('create', 'respond', 'resolve', 'close') AND e.at >= ? AND e.at < ? ORDER BY e.id`,
    params: [window.start, window.end],
  };
}

export interface AppraisalSql {
  /** Rows agent, n: the tickets each agent logged in the window. */
  logged: Sql;
  /** Rows agent, ms, met: each first response of the window, by whoever gave it, with its business time and whether it met its deadline. */
  responses: Sql;
  /** Rows agent, n: tickets returned in the window, counted against whoever dispatched them there by hand. */
  returns: Sql;
  /** Rows agent, n: resolutions reopened in the window, counted against the cycle's assignee. */
  reopens: Sql;
}

export function appraisalSql(q: FactsQuery, json: JsonValue): AppraisalSql {
  const team = q.team === undefined ? [] : [q.team];
  const ofTeam = (alias: string) => (q.team === undefined ? '' : `AND ${alias}.team = ?`);
  return {
    logged: {
      sql: `SELECT e.actor AS agent, COUNT(DISTINCT e.ticket_id) AS n FROM events e JOIN tickets t ON t.id = e.ticket_id
            WHERE e.kind = 'create' AND e.at >= ? AND e.at < ? ${ofTeam('t')} GROUP BY e.actor`,
      params: [q.start, q.end, ...team],
    },
    // The first response is the event that set first_response_at: a response, a resolve or a close at first contact.
    responses: {
      sql: `SELECT e.actor AS agent, t.response_business_ms AS ms, t.response_met AS met FROM tickets t JOIN events e ON e.ticket_id = t.id AND e.at = t.first_response_at
            WHERE t.first_response_at >= ? AND t.first_response_at < ? AND ${json('e.data', ['changes', 'first_response_at'])} IS NOT NULL ${ofTeam('t')}`,
      params: [q.start, q.end, ...team],
    },
    returns: {
      sql: `SELECT agent, COUNT(*) AS n FROM (
              SELECT (SELECT CASE WHEN ${json('d.data', ['rules', 'team'])} IS NULL THEN d.actor END FROM events d
                      WHERE d.ticket_id = r.ticket_id AND d.kind = 'dispatch' AND d.id < r.id ORDER BY d.id DESC LIMIT 1) AS agent
              FROM events r JOIN tickets t ON t.id = r.ticket_id WHERE r.kind = 'return' AND r.at >= ? AND r.at < ? ${ofTeam('t')}
            ) returned WHERE agent IS NOT NULL GROUP BY agent`,
      params: [q.start, q.end, ...team],
    },
    reopens: {
      sql: `SELECT c.assignee AS agent, COUNT(*) AS n FROM closed_cycles c WHERE c.reopened_at >= ? AND c.reopened_at < ? AND c.assignee IS NOT NULL ${ofTeam('c')} GROUP BY c.assignee`,
      params: [q.start, q.end, ...team],
    },
  };
}

/** What the four queries of appraisalSql read, as the appraisal takes it. */
export function appraisalFactsOf(rows: { logged: Row[]; responses: Row[]; returns: Row[]; reopens: Row[] }): AppraisalFacts {
  const counts = (list: Row[]) => Object.fromEntries(list.map((r) => [String(r.agent), Number(r.n)]));
  const responses: AppraisalFacts['responses'] = {};
  for (const r of rows.responses) {
    const agent = String(r.agent);
    const of = (responses[agent] ??= { business_ms: [], on_time: 0, late: 0 });
    if (r.ms !== null) of.business_ms.push(Number(r.ms));
    if (r.met === true || r.met === 1) of.on_time++;
    else if (r.met === false || r.met === 0) of.late++;
  }
  return { logged: counts(rows.logged), responses, returns: counts(rows.returns), reopens: counts(rows.reopens) };
}

type Row = Record<string, unknown>;

/** A handling event's row as the stores read it, with the fields its changes name. */
export function toHandlingEvent(row: Row, data: { changes?: Record<string, unknown> }): HandlingEvent {
  return {
    ticket_id: Number(row.ticket_id),
    number: String(row.number),
    actor: String(row.actor),
    kind: String(row.kind),
    changed: Object.keys(data.changes ?? {}),
    channel: (row.channel as string | null) ?? null,
    type: (row.type as string | null) ?? null,
    assignee: (row.assignee as string | null) ?? null,
  };
}

/** A quality event's row as the stores read it. */
export function toQualityEvent(row: Row, data: { qa?: QualityNote; text?: string; reason?: string }): QualityEvent {
  return {
    id: Number(row.id),
    ticket_id: Number(row.ticket_id),
    number: String(row.number),
    at: Number(row.at),
    actor: String(row.actor),
    kind: row.kind as QualityKind,
    qa: data.qa ?? { day: '', agent: '' },
    text: data.text ?? data.reason ?? null,
  };
}

/** How a quality event is kept in the trail: the note, and the comment or reason as the trail's other events keep theirs. */
export function qualityEventData(event: QualityEventInput): { changes: Record<string, never>; qa: QualityNote; text?: string; reason?: string } {
  const words = event.text === null ? {} : event.kind === 'qa_score' ? { text: event.text } : { reason: event.text };
  return { changes: {}, qa: event.qa, ...words };
}
