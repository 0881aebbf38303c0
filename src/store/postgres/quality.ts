// Quality inspection and the appraisal's figures read and written on PostgreSQL, by the queries every store shares.
import type pg from 'pg';
import type { HandlingEvent, QualityEvent, QualityEventInput } from '../../domain/quality.js';
import type { AppraisalFacts, FactsQuery } from '../../report/facts.js';
import { appraisalFactsOf, appraisalSql, handlingEventsSql, qualityEventData, qualityEventsSql, toHandlingEvent, toQualityEvent, type JsonValue, type Sql } from '../quality-queries.js';
import type { QualityEventQuery, WriteOptions } from '../store.js';
import { numbered, type Row } from './rows.js';

/**
 * Every inspection write of the desk, from reading the quality events to its commit: two
 * inspectors drawing the same day's sample at once would each find none and each draw one.
 */
export const QUALITY_LOCK = 'desk quality';

const json: JsonValue = (column, keys) => `(${column}${keys.slice(0, -1).map((k) => `->'${k}'`).join('')}->>'${keys[keys.length - 1]}')`;

const all = async (db: pg.Client, { sql, params }: Sql) => (await db.query(numbered(sql), params)).rows as Row[];

export async function qualityEvents(db: pg.Client, query: QualityEventQuery): Promise<QualityEvent[]> {
  return (await all(db, qualityEventsSql(query))).map((row) => toQualityEvent(row, row.data as object));
}

/** Inside the write's transaction: waits its turn, reads, lets `decide` choose, appends. */
export async function recordQuality<T>(
  db: pg.Client,
  query: QualityEventQuery,
  decide: (events: QualityEvent[]) => { events: readonly QualityEventInput[]; result: T },
  options: WriteOptions,
): Promise<T> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [QUALITY_LOCK]);
  const { events, result } = decide(await qualityEvents(db, query));
  if (events.length) {
    await db.query(
      `INSERT INTO events (ticket_id, at, actor, kind, data)
       SELECT ticket_id, $1, $2, kind, data::json FROM unnest($3::bigint[], $4::text[], $5::text[]) WITH ORDINALITY AS e(ticket_id, kind, data, n) ORDER BY n`,
      [options.now, options.actor, events.map((e) => e.ticket_id), events.map((e) => e.kind), events.map((e) => JSON.stringify(qualityEventData(e)))],
    );
  }
  return result;
}

export async function handlingEvents(db: pg.Client, window: { start: number; end: number }): Promise<HandlingEvent[]> {
  return (await all(db, handlingEventsSql(window))).map((row) => toHandlingEvent(row, row.data as object));
}

export async function appraisalFacts(db: pg.Client, query: FactsQuery): Promise<AppraisalFacts> {
  const sql = appraisalSql(query, json);
  return appraisalFactsOf({ logged: await all(db, sql.logged), responses: await all(db, sql.responses), returns: await all(db, sql.returns), reopens: await all(db, sql.reopens) });
}
