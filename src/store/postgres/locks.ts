// Keys of the advisory locks the desk takes (pg_advisory_xact_lock), each held to the end of its
// transaction: one module, so that every writer that takes a lock names it the same way.
export const SCHEMA_LOCK = 'desk schema';
/** With the team's name as the second key: a team's round-robin rotation. */
export const ROTATION_LOCK = 'desk rotation';
