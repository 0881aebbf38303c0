// The desk's roles where a server enforces them (PostgreSQL): operators work tickets, supervisors
// also redact, auditors only read. Each person logs in as a role of their own, which is the actor
// every change of theirs is recorded as.
import { UsageError } from './errors.js';

export const DESK_GROUPS = ['operator', 'supervisor', 'auditor'] as const;
export type DeskGroup = (typeof DESK_GROUPS)[number];

/** The server's name of a group's role. */
export function groupRole(group: DeskGroup): string {
  return `desk_${group}`;
}

/** Who a connection is, as the server knows it. */
export interface Session {
  /** The database role: the actor of every change made over this connection. */
  role: string;
  /**
   * What the role may do: 'owner' for the role that owns the desk's tables (it set the desk up,
   * and may record changes as others: imports and migrations carry their trails' actors), else
   * its group (supervisor before operator before auditor), or null for a role in none.
   */
  rights: 'owner' | DeskGroup | null;
}

/** What `desk init` did to the group roles, which the whole server shares. */
export interface RoleSetup {
  created: string[];
  kept: string[];
}

/**
 * A name a person logs in with and is recorded by: lower-case, as the server keeps names it is
 * not told to quote, so `postgres://chen@…` and the actor `chen` are the same role.
 */
export function checkRoleName(name: string): string {
  if (!/^[a-z][a-z0-9_.-]{0,62}$/.test(name)) {
    throw new UsageError(`role name "${name}": use lower-case letters, digits, _, . and -, starting with a letter, at most 63`, 'e.g. desk roles add wang.fang --as operator');
  }
  if (name.startsWith('pg_') || (DESK_GROUPS as readonly string[]).some((g) => groupRole(g as DeskGroup) === name)) {
    throw new UsageError(`role name "${name}" is the server's or the desk's own`, 'give the login of a person, e.g. wang.fang');
  }
  return name;
}

/** The refusal of every role command on a store without roles. */
export function noRoles(path: string): UsageError {
  return new UsageError(
    `${path} is an SQLite desk, which has no roles: its actor is --actor or DESK_ACTOR, its supervisors those of teams.yaml`,
    'roles are a PostgreSQL desk\'s: point --db / DESK_DB at a postgres:// desk',
  );
}
