// Settled deadlines (src/domain/settlement.ts), written in the transaction of the change that
// settles them: by commands, by the import, and by --update, which rewrites a ticket's history.
import type { Database } from 'better-sqlite3';
import type { Settlement } from '../domain/settlement.js';
import { prepareCached } from './statements.js';

export function insertSettlement(db: Database, ticketId: number | bigint, s: Settlement): void {
  prepareCached(
    db,
    'INSERT INTO settlements (ticket_id, kind, cycle, due_at, settled_at, met, team, agent, original_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(ticketId, s.kind, s.cycle, s.due_at, s.settled_at, s.met ? 1 : 0, s.team, s.agent, s.original_due_at ?? null);
}

/** An edit of past data (import --update) replaces what the ticket's own times settle in its current cycle. */
export function replaceSettlements(db: Database, ticketId: number, cycle: number, settlements: readonly Settlement[]): void {
  prepareCached(db, 'DELETE FROM settlements WHERE ticket_id = ? AND cycle = ?').run(ticketId, cycle);
  for (const s of settlements) insertSettlement(db, ticketId, s);
}
