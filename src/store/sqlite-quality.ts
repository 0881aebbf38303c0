// Quality inspection and the appraisal's figures read and written in SQLite, by the queries every store shares.
import type { Database } from 'better-sqlite3';
import type { HandlingEvent, QualityEvent, QualityEventInput } from '../domain/quality.js';
import type { AppraisalFacts, FactsQuery } from '../report/facts.js';
import { appraisalFactsOf, appraisalSql, handlingEventsSql, qualityEventData, qualityEventsSql, toHandlingEvent, toQualityEvent, type JsonValue } from './quality-queries.js';
import { prepareCached } from './statements.js';
import { toEventData, type Row } from './sqlite-rows.js';
import type { QualityEventQuery, WriteOptions } from './store.js';

const json: JsonValue = (column, keys) => `json_extract(${column}, '$.${keys.join('.')}')`;

const all = (db: Database, { sql, params }: { sql: string; params: unknown[] }) => prepareCached(db, sql).all(...params) as Row[];

export function qualityEvents(db: Database, query: QualityEventQuery): QualityEvent[] {
  return all(db, qualityEventsSql(query)).map((row) => toQualityEvent(row, JSON.parse(row.data as string)));
}

export function insertQualityEvents(db: Database, events: readonly QualityEventInput[], options: WriteOptions): void {
  const insert = prepareCached(db, 'INSERT INTO events (ticket_id, at, actor, kind, data) VALUES (?, ?, ?, ?, ?)');
  for (const event of events) insert.run(event.ticket_id, options.now, options.actor, event.kind, toEventData(qualityEventData(event)));
}

export function handlingEvents(db: Database, window: { start: number; end: number }): HandlingEvent[] {
  return all(db, handlingEventsSql(window)).map((row) => toHandlingEvent(row, JSON.parse(row.data as string)));
}

export function appraisalFacts(db: Database, query: FactsQuery): AppraisalFacts {
  const sql = appraisalSql(query, json);
  return appraisalFactsOf({ logged: all(db, sql.logged), responses: all(db, sql.responses), returns: all(db, sql.returns), reopens: all(db, sql.reopens) });
}
