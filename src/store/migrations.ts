// Ordered schema migrations; PRAGMA user_version records how many have run.
import type { Database } from 'better-sqlite3';
import { contactKey, requesterKey } from '../domain/caller.js';

export interface Migration {
  name: string;
  up: (db: Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'tickets, events and number sequences',
    up: (db) => {
      db.exec(`
        CREATE TABLE tickets (
          id INTEGER PRIMARY KEY,
          number TEXT NOT NULL UNIQUE,
          external_id TEXT UNIQUE,
          created_at INTEGER NOT NULL,
          channel TEXT, requester TEXT, department TEXT, contact TEXT,
          title TEXT NOT NULL, description TEXT, occurred_at INTEGER, impact TEXT,
          type TEXT, category TEXT, urgency TEXT,
          status TEXT NOT NULL,
          team TEXT, collaborators TEXT NOT NULL DEFAULT '[]', assignee TEXT,
          classified_by TEXT, dispatched_by TEXT,
          first_response_at INTEGER, dispatched_at INTEGER, resolved_at INTEGER, closed_at INTEGER,
          response_due_at INTEGER, dispatch_due_at INTEGER, resolve_due_at INTEGER,
          escalated INTEGER NOT NULL DEFAULT 0, escalation_reason TEXT,
          solution TEXT, steps TEXT, remaining TEXT,
          satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
          callback_at INTEGER, callback_note TEXT,
          reopen_count INTEGER NOT NULL DEFAULT 0,
          version INTEGER NOT NULL DEFAULT 1,
          updated_at INTEGER NOT NULL,
          updated_by TEXT NOT NULL
        ) STRICT;
        CREATE INDEX tickets_created ON tickets(created_at);
        CREATE INDEX tickets_status ON tickets(status, created_at);
        CREATE INDEX tickets_team ON tickets(team, status);
        CREATE INDEX tickets_assignee ON tickets(assignee, status);
        CREATE INDEX tickets_resolve_due ON tickets(resolve_due_at) WHERE resolve_due_at IS NOT NULL;

        -- The audit trail is evidence: rows are only ever added.
        CREATE TABLE events (
          id INTEGER PRIMARY KEY,
          ticket_id INTEGER NOT NULL REFERENCES tickets(id),
          at INTEGER NOT NULL,
          actor TEXT NOT NULL,
          kind TEXT NOT NULL,
          data TEXT NOT NULL DEFAULT '{}'
        ) STRICT;
        CREATE INDEX events_ticket ON events(ticket_id, id);
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
          BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
          BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

        CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
      `);
    },
  },
  {
    name: 'round-robin rotation per team',
    up: (db) => {
      db.exec(`
        CREATE TABLE rotations (team TEXT PRIMARY KEY, last_agent TEXT NOT NULL) STRICT;
        CREATE INDEX tickets_new ON tickets(status, id) WHERE status IN ('new', 'reopened');
      `);
    },
  },
  {
    name: 'manual classification fields and SLA bookkeeping',
    up: (db) => {
      db.exec(`
        ALTER TABLE tickets ADD COLUMN manual_fields TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE tickets ADD COLUMN paused_at INTEGER;
        ALTER TABLE tickets ADD COLUMN paused_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE tickets ADD COLUMN response_met INTEGER;
        ALTER TABLE tickets ADD COLUMN dispatch_met INTEGER;
        ALTER TABLE tickets ADD COLUMN resolve_met INTEGER;
        UPDATE tickets SET manual_fields = (
          SELECT json_group_array(field) FROM (
            SELECT 'type' AS field WHERE tickets.type IS NOT NULL
            UNION ALL SELECT 'category' WHERE tickets.category IS NOT NULL
            UNION ALL SELECT 'urgency' WHERE tickets.urgency IS NOT NULL
          )
        ) WHERE classified_by LIKE '%manual%';
        CREATE INDEX tickets_response_due ON tickets(response_due_at) WHERE first_response_at IS NULL;
      `);
    },
  },
  {
    name: 'business durations and the indexes of the monthly report',
    up: (db) => {
      db.exec(`
        ALTER TABLE tickets ADD COLUMN response_business_ms INTEGER;
        ALTER TABLE tickets ADD COLUMN resolve_business_ms INTEGER;
        CREATE INDEX tickets_resolved ON tickets(resolved_at) WHERE resolved_at IS NOT NULL;
        CREATE INDEX tickets_closed ON tickets(closed_at) WHERE closed_at IS NOT NULL;
        CREATE INDEX tickets_first_response ON tickets(first_response_at) WHERE first_response_at IS NOT NULL;
        CREATE INDEX tickets_response_due_all ON tickets(response_due_at) WHERE response_due_at IS NOT NULL;
        CREATE INDEX events_kind ON events(kind, at);
      `);
    },
  },
  {
    name: 'field visits, progress updates and redaction',
    up: (db) => {
      db.exec(`
        CREATE TABLE visits (
          id INTEGER PRIMARY KEY,
          ticket_id INTEGER NOT NULL REFERENCES tickets(id),
          visited_at INTEGER NOT NULL,
          visit_date TEXT NOT NULL,
          staff TEXT NOT NULL DEFAULT '[]',
          person_times INTEGER NOT NULL,
          hours REAL,
          parts TEXT,
          materials_cents INTEGER NOT NULL DEFAULT 0 CHECK (materials_cents >= 0),
          transport_cents INTEGER NOT NULL DEFAULT 0 CHECK (transport_cents >= 0),
          cause TEXT,
          opinion TEXT,
          recorded_at INTEGER NOT NULL,
          recorded_by TEXT NOT NULL
        ) STRICT;
        CREATE INDEX visits_ticket ON visits(ticket_id);
        CREATE INDEX visits_when ON visits(visited_at);
        ALTER TABLE tickets ADD COLUMN last_update_at INTEGER;
        ALTER TABLE tickets ADD COLUMN update_due_at INTEGER;
        ALTER TABLE tickets ADD COLUMN eta_at INTEGER;
        CREATE INDEX tickets_update_due ON tickets(update_due_at) WHERE update_due_at IS NOT NULL;
        -- Redaction is the one change the audit trail allows: only for a ticket listed here, which
        -- exists only inside the redacting transaction.
        CREATE TABLE redacting (ticket_id INTEGER PRIMARY KEY) STRICT;
        DROP TRIGGER events_no_update;
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
          WHEN NOT EXISTS (SELECT 1 FROM redacting WHERE ticket_id = OLD.ticket_id)
          BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      `);
    },
  },
  {
    // Full-text search (desk search, desk similar) and the shift handover record (desk handover).
    // The index is contentless (the text stays in tickets and events only) and kept in sync by
    // triggers, so every writer updates it in its own transaction. Each column ends in a space so
    // that a two-character term always starts an indexed trigram (src/store/sqlite-search.ts).
    // A bulk writer (import) may defer the index to the end of its transaction: while
    // search_deferred has a row, the triggers only note the tickets in search_backlog. A
    // redaction rewrites the index (optimize) so that no removed name survives in its pages.
    name: 'full-text search of tickets and notes, and shift handovers',
    up: (db) => {
      const notes = (id: string) =>
        `coalesce((SELECT group_concat(text, char(10)) FROM (SELECT json_extract(data, '$.text') AS text FROM events WHERE ticket_id = ${id} AND kind = 'note' ORDER BY id)), '') || ' '`;
      const row = (t: string) => `${t}.id, ${t}.title || ' ', coalesce(${t}.description, '') || ' ', coalesce(${t}.solution, '') || ' ', ${notes(`${t}.id`)}`;
      const reindex = (id: string) => `
          DELETE FROM ticket_search WHERE rowid = ${id};
          INSERT INTO ticket_search (rowid, title, description, solution, notes) SELECT ${row('t')} FROM tickets t WHERE t.id = ${id};`;
      const now = 'NOT EXISTS (SELECT 1 FROM search_deferred)';
      const later = 'EXISTS (SELECT 1 FROM search_deferred)';
      const textChanged = 'old.title IS NOT new.title OR old.description IS NOT new.description OR old.solution IS NOT new.solution';
      // `indexed` 0: the ticket is not in the index yet (inserted while deferred).
      const backlog = (id: string, indexed: number) => `INSERT INTO search_backlog (ticket_id, indexed) VALUES (${id}, ${indexed}) ON CONFLICT (ticket_id) DO NOTHING;`;
      db.exec(`
        CREATE VIRTUAL TABLE ticket_search USING fts5(
          title, description, solution, notes, tokenize = 'trigram', content = '', contentless_delete = 1
        );
        CREATE VIRTUAL TABLE ticket_search_terms USING fts5vocab(ticket_search, row);
        INSERT INTO ticket_search (rowid, title, description, solution, notes) SELECT ${row('t')} FROM tickets t;
        CREATE TABLE search_deferred (writer INTEGER PRIMARY KEY) STRICT;
        CREATE TABLE search_backlog (ticket_id INTEGER PRIMARY KEY, indexed INTEGER NOT NULL) STRICT;

        CREATE TRIGGER ticket_search_insert AFTER INSERT ON tickets WHEN ${now} BEGIN
          INSERT INTO ticket_search (rowid, title, description, solution, notes) SELECT ${row('new')};
        END;
        CREATE TRIGGER ticket_search_insert_later AFTER INSERT ON tickets WHEN ${later} BEGIN ${backlog('new.id', 0)} END;
        CREATE TRIGGER ticket_search_update AFTER UPDATE OF title, description, solution ON tickets
          WHEN (${textChanged}) AND ${now} BEGIN ${reindex('new.id')}
        END;
        CREATE TRIGGER ticket_search_update_later AFTER UPDATE OF title, description, solution ON tickets
          WHEN (${textChanged}) AND ${later} BEGIN ${backlog('new.id', 1)} END;
        CREATE TRIGGER ticket_search_delete AFTER DELETE ON tickets BEGIN
          DELETE FROM ticket_search WHERE rowid = old.id;
          DELETE FROM search_backlog WHERE ticket_id = old.id;
        END;
        CREATE TRIGGER ticket_search_note AFTER INSERT ON events WHEN new.kind = 'note' AND ${now} BEGIN ${reindex('new.ticket_id')}
        END;
        CREATE TRIGGER ticket_search_note_later AFTER INSERT ON events WHEN new.kind = 'note' AND ${later} BEGIN ${backlog('new.ticket_id', 1)} END;
        CREATE TRIGGER ticket_search_note_change AFTER UPDATE OF data ON events WHEN new.kind = 'note' BEGIN ${reindex('new.ticket_id')}
        END;
        CREATE TRIGGER ticket_search_redact AFTER INSERT ON events WHEN new.kind = 'redact' BEGIN
          INSERT INTO ticket_search (ticket_search) VALUES ('optimize');
        END;

        -- One row per handover: who handed over which shift, and what (numbers and counts only, so
        -- a redaction has nothing to find here). Append-only, like the audit trail.
        CREATE TABLE handovers (
          id INTEGER PRIMARY KEY,
          at INTEGER NOT NULL,
          actor TEXT NOT NULL,
          since INTEGER NOT NULL,
          team TEXT,
          summary TEXT NOT NULL DEFAULT '{}'
        ) STRICT;
        CREATE INDEX handovers_at ON handovers(at);
        CREATE TRIGGER handovers_no_update BEFORE UPDATE ON handovers
          BEGIN SELECT RAISE(ABORT, 'handovers are append-only'); END;
        CREATE TRIGGER handovers_no_delete BEFORE DELETE ON handovers
          BEGIN SELECT RAISE(ABORT, 'handovers are append-only'); END;
      `);
    },
  },
  {
    // FTS5 writes its pending terms out as a new index segment whenever they pass `hashsize`
    // (1 MiB by default), and merges segments as they pile up: a 5,000-ticket import batch made
    // dozens of segments. With 64 MiB a batch makes one, and 200,000 imported tickets take about
    // 10% less time, in no more memory. The pending terms of one ticket's change stay a few
    // kilobytes.
    name: 'search index written in larger segments',
    up(db) {
      db.exec(`INSERT INTO ticket_search (ticket_search, rank) VALUES ('hashsize', ${64 * 1024 * 1024})`);
    },
  },
  {
    // Each deadline settles once (src/domain/settlement.ts) and a reopen ends a resolution cycle:
    // both are kept as they were, so a period's report counts the same whenever it is run.
    // Deadlines settled before this schema are written down from the tickets' met flags.
    name: 'settled deadlines and closed resolution cycles',
    up(db) {
      db.exec(`
        ALTER TABLE tickets ADD COLUMN update_met INTEGER;
        ALTER TABLE tickets ADD COLUMN rated_at INTEGER;
        ALTER TABLE tickets ADD COLUMN reopened_at INTEGER;
        ALTER TABLE tickets ADD COLUMN cycle_paused_ms INTEGER NOT NULL DEFAULT 0;
        UPDATE tickets SET rated_at = coalesce(callback_at, closed_at, resolved_at, updated_at) WHERE satisfaction IS NOT NULL;
        UPDATE tickets SET reopened_at = (SELECT max(at) FROM events e WHERE e.ticket_id = tickets.id AND e.kind = 'reopen') WHERE reopen_count > 0;

        CREATE TABLE settlements (
          id INTEGER PRIMARY KEY,
          ticket_id INTEGER NOT NULL REFERENCES tickets(id),
          kind TEXT NOT NULL CHECK (kind IN ('response', 'dispatch', 'resolve', 'update')),
          cycle INTEGER NOT NULL,
          due_at INTEGER NOT NULL,
          settled_at INTEGER NOT NULL,
          met INTEGER NOT NULL CHECK (met IN (0, 1)),
          team TEXT,
          agent TEXT
        ) STRICT;
        CREATE INDEX settlements_settled ON settlements(settled_at, kind);
        CREATE INDEX settlements_ticket ON settlements(ticket_id);

        CREATE TABLE closed_cycles (
          ticket_id INTEGER NOT NULL REFERENCES tickets(id),
          cycle INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          resolved_at INTEGER,
          closed_at INTEGER,
          reopened_at INTEGER NOT NULL,
          satisfaction INTEGER,
          rated_at INTEGER,
          callback_at INTEGER,
          team TEXT,
          assignee TEXT,
          type TEXT,
          resolve_business_ms INTEGER,
          PRIMARY KEY (ticket_id, cycle)
        ) STRICT;
        CREATE INDEX closed_cycles_resolved ON closed_cycles(resolved_at) WHERE resolved_at IS NOT NULL;
        CREATE INDEX closed_cycles_closed ON closed_cycles(closed_at) WHERE closed_at IS NOT NULL;
        CREATE INDEX closed_cycles_reopened ON closed_cycles(reopened_at);

        INSERT INTO settlements (ticket_id, kind, cycle, due_at, settled_at, met, team, agent)
          SELECT id, 'response', 0, response_due_at, CASE response_met WHEN 1 THEN first_response_at ELSE response_due_at END, response_met, team, assignee
          FROM tickets WHERE response_met IS NOT NULL AND response_due_at IS NOT NULL AND (response_met = 0 OR first_response_at IS NOT NULL);
        INSERT INTO settlements (ticket_id, kind, cycle, due_at, settled_at, met, team, agent)
          SELECT id, 'dispatch', 0, dispatch_due_at, CASE dispatch_met WHEN 1 THEN dispatched_at ELSE dispatch_due_at END, dispatch_met, team, assignee
          FROM tickets WHERE dispatch_met IS NOT NULL AND dispatch_due_at IS NOT NULL AND (dispatch_met = 0 OR dispatched_at IS NOT NULL);
        -- A reopened ticket's flag belongs to the cycle the reopen ended, resolved by the last resolution before it.
        INSERT INTO settlements (ticket_id, kind, cycle, due_at, settled_at, met, team, agent)
          SELECT id, 'resolve', CASE WHEN resolved_at IS NULL AND reopen_count > 0 THEN reopen_count - 1 ELSE reopen_count END, resolve_due_at,
                 CASE WHEN resolve_met = 0 THEN resolve_due_at
                      ELSE coalesce(resolved_at, (SELECT max(e.at) FROM events e WHERE e.ticket_id = tickets.id AND e.kind IN ('resolve', 'close')), resolve_due_at) END,
                 resolve_met, team, assignee
          FROM tickets WHERE resolve_met IS NOT NULL AND resolve_due_at IS NOT NULL;
        UPDATE tickets SET resolve_met = NULL WHERE resolve_met IS NOT NULL AND resolved_at IS NULL AND reopen_count > 0;
        INSERT INTO settlements (ticket_id, kind, cycle, due_at, settled_at, met, team, agent)
          SELECT e.ticket_id, 'update', t.reopen_count, e.at, e.at, json_extract(e.data, '$.on_time'), t.team, t.assignee
          FROM events e JOIN tickets t ON t.id = e.ticket_id WHERE e.kind = 'update' AND json_extract(e.data, '$.on_time') IS NOT NULL;
      `);
    },
  },
  {
    // An import commits its tickets unindexed and fills the index once they are all in, in large
    // chunks (src/store/sqlite-import.ts), so the backlog now outlives the import's transactions
    // and searches scan the tickets in it (src/store/sqlite-search.ts). A change to a ticket still
    // in the backlog is left to the backlog as well: indexed at once, it would be indexed twice.
    name: 'search index filled after a bulk load',
    up(db) {
      const notes = (id: string) =>
        `coalesce((SELECT group_concat(text, char(10)) FROM (SELECT json_extract(data, '$.text') AS text FROM events WHERE ticket_id = ${id} AND kind = 'note' ORDER BY id)), '') || ' '`;
      const reindex = (id: string) => `
          DELETE FROM ticket_search WHERE rowid = ${id};
          INSERT INTO ticket_search (rowid, title, description, solution, notes)
            SELECT t.id, t.title || ' ', coalesce(t.description, '') || ' ', coalesce(t.solution, '') || ' ', ${notes('t.id')} FROM tickets t WHERE t.id = ${id};`;
      const backlog = (id: string) => `INSERT INTO search_backlog (ticket_id, indexed) VALUES (${id}, 1) ON CONFLICT (ticket_id) DO NOTHING;`;
      const now = (id: string) => `NOT EXISTS (SELECT 1 FROM search_deferred) AND NOT EXISTS (SELECT 1 FROM search_backlog WHERE ticket_id = ${id})`;
      const later = (id: string) => `(EXISTS (SELECT 1 FROM search_deferred) OR EXISTS (SELECT 1 FROM search_backlog WHERE ticket_id = ${id}))`;
      const textChanged = 'old.title IS NOT new.title OR old.description IS NOT new.description OR old.solution IS NOT new.solution';
      db.exec(`
        DROP TRIGGER ticket_search_update;
        DROP TRIGGER ticket_search_update_later;
        DROP TRIGGER ticket_search_note;
        DROP TRIGGER ticket_search_note_later;
        DROP TRIGGER ticket_search_note_change;
        CREATE TRIGGER ticket_search_update AFTER UPDATE OF title, description, solution ON tickets
          WHEN (${textChanged}) AND ${now('new.id')} BEGIN ${reindex('new.id')}
        END;
        CREATE TRIGGER ticket_search_update_later AFTER UPDATE OF title, description, solution ON tickets
          WHEN (${textChanged}) AND ${later('new.id')} BEGIN ${backlog('new.id')} END;
        CREATE TRIGGER ticket_search_note AFTER INSERT ON events WHEN new.kind = 'note' AND ${now('new.ticket_id')} BEGIN ${reindex('new.ticket_id')}
        END;
        CREATE TRIGGER ticket_search_note_later AFTER INSERT ON events WHEN new.kind = 'note' AND ${later('new.ticket_id')} BEGIN ${backlog('new.ticket_id')} END;
        -- A redaction indexes its ticket first (SqliteStore.redactTicket): the old text must leave the index.
        CREATE TRIGGER ticket_search_note_change AFTER UPDATE OF data ON events
          WHEN new.kind = 'note' AND NOT EXISTS (SELECT 1 FROM search_backlog WHERE ticket_id = new.ticket_id) BEGIN ${reindex('new.ticket_id')}
        END;
      `);
    },
  },
  {
    // Every call-back attempt is counted, with the outcome of the latest; until now each call-back
    // overwrote the one before, all of them reached, so a called-back ticket had as many attempts
    // as call-back events since its last reopen (at least one: `close --callback` made none).
    name: 'call-back attempts',
    up(db) {
      db.exec(`
        ALTER TABLE tickets ADD COLUMN callback_attempts INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE tickets ADD COLUMN callback_outcome TEXT CHECK (callback_outcome IN ('reached', 'unreachable', 'refused'));
        UPDATE tickets SET callback_outcome = 'reached', callback_attempts = max(1,
          (SELECT COUNT(*) FROM events e WHERE e.ticket_id = tickets.id AND e.kind = 'callback' AND e.at >= coalesce(tickets.reopened_at, 0)))
          WHERE callback_at IS NOT NULL;
      `);
    },
  },
  {
    // The monthly report's backlog from the tickets open now and those since the month's end, not
    // every ticket before it: at 1M tickets, 49 → 1 ms (SQLite), 100–150 → 10–15 ms (PostgreSQL).
    name: 'open tickets indexed for the backlog',
    up(db) {
      db.exec('CREATE INDEX tickets_unresolved ON tickets(created_at) WHERE resolved_at IS NULL');
    },
  },
  {
    // Returns and extensions (issue 19). A return window counts from when the ticket reached its
    // current team, which until now was its only dispatch; an extended resolution deadline keeps
    // the one it replaced, on the ticket and in its settlement.
    name: 'returns and extensions',
    up(db) {
      db.exec(`
        ALTER TABLE tickets ADD COLUMN routed_at INTEGER;
        ALTER TABLE tickets ADD COLUMN extension_until INTEGER;
        ALTER TABLE tickets ADD COLUMN original_resolve_due_at INTEGER;
        ALTER TABLE settlements ADD COLUMN original_due_at INTEGER;
        UPDATE tickets SET routed_at = dispatched_at WHERE team IS NOT NULL;
      `);
    },
  },
  {
    // Links between tickets, each stored once and read from both ends; a pair has one link at
    // most, whichever way round it was made (src/domain/links.ts).
    name: 'linked and merged tickets',
    up(db) {
      db.exec(`
        CREATE TABLE links (
          from_id INTEGER NOT NULL REFERENCES tickets(id),
          to_id INTEGER NOT NULL REFERENCES tickets(id),
          kind TEXT NOT NULL CHECK (kind IN ('related', 'duplicate', 'parent', 'merged')),
          linked_at INTEGER NOT NULL,
          linked_by TEXT NOT NULL,
          PRIMARY KEY (from_id, to_id),
          CHECK (from_id <> to_id)
        );
        CREATE UNIQUE INDEX links_pair ON links (min(from_id, to_id), max(from_id, to_id));
        CREATE INDEX links_to ON links (to_id);
      `);
    },
  },
  {
    // A caller's tickets (desk caller, --requester, --contact, the repeat-call rate) are found by
    // the normalised name and contact of src/domain/caller.ts, which every write keeps beside them.
    name: 'caller keys of requester and contact',
    up(db) {
      db.exec(`
        ALTER TABLE tickets ADD COLUMN requester_key TEXT;
        ALTER TABLE tickets ADD COLUMN contact_key TEXT;
      `);
      const write = db.prepare('UPDATE tickets SET requester_key = ?, contact_key = ? WHERE id = ?');
      // In pages: a connection cannot write while a statement of it is still reading.
      const page = db.prepare('SELECT id, requester, contact FROM tickets WHERE id > ? AND (requester IS NOT NULL OR contact IS NOT NULL) ORDER BY id LIMIT 10000');
      for (let after = 0; ; ) {
        const rows = page.all(after) as { id: number; requester: string | null; contact: string | null }[];
        if (!rows.length) break;
        for (const row of rows) write.run(requesterKey(row.requester), contactKey(row.contact), row.id);
        after = rows[rows.length - 1]!.id;
      }
      db.exec(`
        CREATE INDEX tickets_requester_key ON tickets(requester_key, created_at) WHERE requester_key IS NOT NULL;
        CREATE INDEX tickets_contact_key ON tickets(contact_key, created_at) WHERE contact_key IS NOT NULL;
      `);
    },
  },
  {
    // Hotline supervision and complaint verification. A ticket holds its few supervision orders
    // as a list, in the order issued, and when the earliest unanswered one is due, for sla check,
    // the queue and the filters; reminders are counted. A complaint's verification is scalar, for
    // the report's breakdowns by verdict, cause and target.
    name: 'supervision orders, reminders and complaint verification',
    up(db) {
      db.exec(`
        ALTER TABLE tickets ADD COLUMN supervisions TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE tickets ADD COLUMN supervision_due_at INTEGER;
        ALTER TABLE tickets ADD COLUMN urge_count INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE tickets ADD COLUMN complaint_against TEXT;
        ALTER TABLE tickets ADD COLUMN complaint_verified TEXT CHECK (complaint_verified IN ('yes', 'partly', 'no'));
        ALTER TABLE tickets ADD COLUMN complaint_cause TEXT;
        ALTER TABLE tickets ADD COLUMN complaint_action TEXT;
        ALTER TABLE tickets ADD COLUMN complaint_penalty TEXT;
        ALTER TABLE tickets ADD COLUMN complaint_verified_at INTEGER;
        ALTER TABLE tickets ADD COLUMN complaint_feedback TEXT;
        ALTER TABLE tickets ADD COLUMN complaint_feedback_at INTEGER;
        CREATE INDEX tickets_supervision_due ON tickets(supervision_due_at) WHERE supervision_due_at IS NOT NULL;
        CREATE INDEX tickets_complaint_verified ON tickets(complaint_verified_at) WHERE complaint_verified_at IS NOT NULL;
      `);
    },
  },
  {
    // The PostgreSQL store's own backlog of search rows (src/store/postgres/schema.ts); SQLite's is
    // the step "search index filled after a bulk load".
    name: 'search rows filled after a bulk load on the server',
    up() {},
  },
  {
    // Co-handling: a ticket holds its collaborating teams' sub-tasks as a list, in the order
    // opened. The teams with one open (",network,security,") and the earliest open deadline are
    // kept beside it by the store (sqlite-rows.ts withDerivedColumns), indexed for a team's list
    // and queue and for sla check; both are NULL on every ticket without an open sub-task.
    name: 'sub-tasks of collaborating teams',
    up(db) {
      db.exec(`
        ALTER TABLE tickets ADD COLUMN assists TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE tickets ADD COLUMN assist_teams TEXT;
        ALTER TABLE tickets ADD COLUMN assist_due_at INTEGER;
        CREATE INDEX tickets_assist_teams ON tickets(assist_teams) WHERE assist_teams IS NOT NULL;
        CREATE INDEX tickets_assist_due ON tickets(assist_due_at) WHERE assist_due_at IS NOT NULL;
      `);
    },
  },
  {
    // The highest tier of sla.yaml's escalation that a ticket's current resolution has reached,
    // so that `desk sla check --escalate` records each tier once.
    name: 'escalation tiers reached',
    up(db) {
      db.exec('ALTER TABLE tickets ADD COLUMN escalation_tier INTEGER NOT NULL DEFAULT 0');
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
