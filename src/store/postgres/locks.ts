// Keys of the advisory locks the desk takes (pg_advisory_xact_lock), each held to the end of its
// transaction: one module, so that every writer that takes a lock names it the same way.
import { ConflictError } from '../../domain/errors.js';

export const SCHEMA_LOCK = 'desk schema';
/**
 * An import's batch, from its first lookup to its commit: two imports at once (of overlapping
 * files) would each find a row's external id absent and each insert it, the second failing on the
 * unique key; in turn, the second's lookup sees what the first committed and skips it, as on
 * SQLite, whose writers take turns anyway.
 */
export const IMPORT_LOCK = 'desk import';
/** With the team's name as the second key: a team's round-robin rotation. */
export const ROTATION_LOCK = 'desk rotation';

/**
 * How long a statement of the desk waits for a lock another session holds (the server's
 * `lock_timeout`, set on every connection the desk opens). Far longer than the longest transaction
 * of the desk's own, an import's batch or a redaction, so a desk waiting for a desk always gets its
 * turn; only a session that keeps its locks without end, a psql transaction left open, makes it
 * give up. A server's own default (0, wait for ever) would hang a cron job behind such a session.
 * A location may set its own (`?lock_timeout=MS`).
 */
export const LOCK_TIMEOUT_MS = 10 * 60_000;

const LOCK_NOT_AVAILABLE = '55P03';

/** A statement that gave up waiting for a lock, as the operator reads it; any other error as it is. */
export function lockRefusal(error: unknown, path: string): unknown {
  if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) return error;
  return new ConflictError(
    `gave up waiting for a lock that another session of ${path} holds (lock_timeout); nothing was changed`,
    'a session left in a transaction holds it: find it in pg_stat_activity (state "idle in transaction"), end it, and run the command again',
  );
}
