// What `desk doctor` checks inside the database file.
import type { Database } from 'better-sqlite3';
import { SCHEMA_VERSION } from './migrations.js';
import { countSearchBacklog } from './sqlite-search.js';
import type { HealthFacts } from './store.js';

export function healthFacts(db: Database): HealthFacts {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const sequences = db.prepare('SELECT name, value FROM sequences').all() as { name: string; value: number }[];
  const sequencesBehind = sequences
    .filter((s) => {
      const top = db.prepare("SELECT MAX(CAST(substr(number, length(?) + 2) AS INTEGER)) AS n FROM tickets WHERE number LIKE ? || '-%'").get(s.name, s.name) as { n: number | null };
      return top.n !== null && top.n > s.value;
    })
    .map((s) => s.name);
  return {
    integrity,
    foreign_key_violations: (db.pragma('foreign_key_check') as unknown[]).length,
    schema_version: db.pragma('user_version', { simple: true }) as number,
    known_schema_version: SCHEMA_VERSION,
    journal_mode: db.pragma('journal_mode', { simple: true }) as string,
    tickets: count('SELECT COUNT(*) AS n FROM tickets'),
    events: count('SELECT COUNT(*) AS n FROM events'),
    tickets_without_origin: count("SELECT COUNT(*) AS n FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind IN ('create', 'import'))"),
    sequences_behind: sequencesBehind,
    search_backlog: countSearchBacklog(db),
  };
}
