// Ordered schema migrations; PRAGMA user_version records how many have run.
import type { Database } from 'better-sqlite3';

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
];

export const SCHEMA_VERSION = MIGRATIONS.length;
