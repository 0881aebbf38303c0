// The desk's roles on the server: three group roles (NOLOGIN) that each person's login role joins,
// their rights on this database's tables, and the triggers that keep a role from recording a
// change as somebody else. Roles are the whole server's, shared by every desk database on it;
// rights and triggers are this database's, so `desk init` of a second desk on the same server
// keeps the roles and grants them again there.
//
// Redaction is refused to operators by these grants rather than wrapped in a SECURITY DEFINER
// function: what a redaction removes stays written once (src/domain/redaction.ts, which the store
// applies on SQLite and here alike), and the server decides who may apply it. Only desk_supervisor
// may write `redacting` and UPDATE the data of events and the text of visits, and the append-only
// trigger lets an UPDATE of events through only for a ticket listed in `redacting`. A function
// would have to repeat those rules in PL/pgSQL, a second copy to keep in step.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { UsageError } from '../../domain/errors.js';
import { checkRoleName, DESK_GROUPS, groupRole, type DeskGroup, type RoleSetup, type Session } from '../../domain/roles.js';
import { SCHEMA_LOCK } from './schema.js';

const GROUP_ROLES = DESK_GROUPS.map(groupRole);

/** Set in desk_meta once the groups have their rights here: a migration then grants its new tables too. */
const ROLES_KEY = 'roles';

/** Working state (the tables not named below, a later version's too): operators and supervisors read and write it. */
const WORKING_STATE = 'SELECT, INSERT, UPDATE, DELETE';

/** What operators and supervisors may do to each table; auditors only read every one. */
const TABLE_RIGHTS: Record<string, { operator: string | null; supervisor: string | null }> = {
  // Never deleted: every ticket starts a trail.
  tickets: { operator: 'SELECT, INSERT, UPDATE', supervisor: 'SELECT, INSERT, UPDATE' },
  // The evidence, only ever added to but for a supervisor's redaction.
  events: { operator: 'SELECT, INSERT', supervisor: 'SELECT, INSERT, UPDATE (data)' },
  visits: { operator: 'SELECT, INSERT', supervisor: 'SELECT, INSERT, UPDATE (cause, opinion, parts)' },
  handovers: { operator: 'SELECT, INSERT', supervisor: 'SELECT, INSERT' },
  redacting: { operator: null, supervisor: 'SELECT, INSERT, DELETE' },
  desk_meta: { operator: 'SELECT', supervisor: 'SELECT' },
};

/** The column of each table that names who wrote the row, and the writes that must name the writer. */
const ACTORS: readonly { table: string; column: string; writes: readonly string[] }[] = [
  { table: 'tickets', column: 'updated_by', writes: ['INSERT', 'UPDATE'] },
  { table: 'events', column: 'actor', writes: ['INSERT'] },
  { table: 'visits', column: 'recorded_by', writes: ['INSERT'] },
  { table: 'handovers', column: 'actor', writes: ['INSERT'] },
  { table: 'links', column: 'linked_by', writes: ['INSERT'] },
];

/** Who the connection is: its role, and that role's rights on the desk. */
export async function readSession(client: pg.Client): Promise<Session> {
  const { rows } = await client.query(
    `SELECT current_user::text AS role,
       coalesce(pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = to_regclass('tickets')), 'USAGE'), false) AS owner,
       ARRAY(SELECT rolname::text FROM pg_roles WHERE rolname = ANY($1) AND pg_has_role(current_user, oid, 'MEMBER')) AS groups`,
    [GROUP_ROLES],
  );
  const { role, owner, groups } = rows[0] as { role: string; owner: boolean; groups: string[] };
  const rights = owner ? 'owner' : ((['supervisor', 'operator', 'auditor'] as const).find((g) => groups.includes(groupRole(g))) ?? null);
  return { role, rights };
}

async function roleExists(client: pg.Client, role: string): Promise<boolean> {
  return (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rows.length > 0;
}

const codeOf = (error: unknown) => (error as { code?: string }).code;

/**
 * Creates the group roles the server lacks and grants the groups their rights on this desk, in
 * one transaction under the schema lock; run by the role that owns the desk's tables.
 */
export async function setUpRoles(client: pg.Client, session: Session, path: string): Promise<RoleSetup> {
  const [tables] = (await client.query("SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = to_regclass('tickets')")).rows;
  if (session.rights !== 'owner') {
    throw new UsageError(`the desk's tables at ${path} belong to role ${tables?.owner}, not ${session.role}`, `run \`desk init\` as ${tables?.owner}, the role that set the desk up`);
  }
  const setup: RoleSetup = { created: [], kept: [] };
  for (const role of GROUP_ROLES) {
    if (await roleExists(client, role)) {
      setup.kept.push(role);
      continue;
    }
    try {
      await client.query(`CREATE ROLE ${role} NOLOGIN`);
      setup.created.push(role);
    } catch (error) {
      // The init of another desk database on this server may have made it a moment ago.
      if (codeOf(error) === '42710' || codeOf(error) === '23505') setup.kept.push(role);
      else if (codeOf(error) === '42501') {
        throw new UsageError(
          `role ${session.role} may not create the group role ${role}`,
          `run \`desk init\` as a role with CREATEROLE (such as postgres), or have one run CREATE ROLE ${role} NOLOGIN`,
        );
      } else throw error;
    }
  }
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SCHEMA_LOCK]);
    await grantRights(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
  return setup;
}

/** Whether `desk init` has given the groups their rights on this desk. */
export async function rolesGranted(client: pg.Client): Promise<boolean> {
  return (await client.query('SELECT 1 FROM desk_meta WHERE key = $1', [ROLES_KEY])).rows.length > 0;
}

/**
 * Gives each group exactly its rights on every table of the desk (revoking first, so a second run
 * changes nothing), and (re)creates the actor triggers and the auditors' record of what they
 * reveal. Inside the caller's transaction.
 */
export async function grantRights(client: pg.Client): Promise<void> {
  const schema = client.escapeIdentifier((await client.query('SELECT current_schema() AS name')).rows[0].name as string);
  const tables = (await client.query('SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename')).rows.map((r) => r.tablename as string);
  const everyGroup = GROUP_ROLES.join(', ');
  const statements = [
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${everyGroup}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${everyGroup}`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${everyGroup}`,
    ...tables.flatMap((table) => {
      const rights = TABLE_RIGHTS[table] ?? { operator: WORKING_STATE, supervisor: WORKING_STATE };
      const name = client.escapeIdentifier(table);
      return [
        rights.operator && `GRANT ${rights.operator} ON ${name} TO ${groupRole('operator')}`,
        rights.supervisor && `GRANT ${rights.supervisor} ON ${name} TO ${groupRole('supervisor')}`,
        `GRANT SELECT ON ${name} TO ${groupRole('auditor')}`,
      ].filter(Boolean);
    }),
    `GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${groupRole('operator')}, ${groupRole('supervisor')}`,
    ...ACTORS.map(actorTrigger),
    revealRecord(schema),
  ];
  await client.query(statements.join(';\n'));
  await client.query('INSERT INTO desk_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [ROLES_KEY, everyGroup]);
}

/**
 * A role other than the desk's owner records only itself: one check per statement, over the rows
 * it wrote (a transition table), so a bulk insert pays once.
 */
function actorTrigger({ table, column, writes }: (typeof ACTORS)[number]): string {
  return `
    CREATE OR REPLACE FUNCTION ${table}_actor_is_role() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE other text;
    BEGIN
      SELECT ${column} INTO other FROM written WHERE ${column} IS DISTINCT FROM current_user::text LIMIT 1;
      IF FOUND AND NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE') THEN
        RAISE EXCEPTION 'role % may not record a change as %', current_user, other
          USING ERRCODE = 'insufficient_privilege', HINT = 'the actor of a change is the role that makes it';
      END IF;
      RETURN NULL;
    END $$;
    ${writes.map((write) => `
    DROP TRIGGER IF EXISTS ${table}_${write.toLowerCase()}_actor ON ${table};
    CREATE TRIGGER ${table}_${write.toLowerCase()}_actor AFTER ${write} ON ${table}
      REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION ${table}_actor_is_role();`).join('')}`;
}

/**
 * An auditor only reads, yet what it sees unmasked is recorded: through this function, which
 * writes a `reveal` event per ticket as the owner, naming the auditor's login.
 */
function revealRecord(schema: string): string {
  return `
    CREATE OR REPLACE FUNCTION desk_record_reveal(revealed bigint[], seen_at bigint, how text) RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = ${schema}, pg_temp AS $$
      INSERT INTO events (ticket_id, at, actor, kind, data)
        SELECT t.id, seen_at, session_user, 'reveal', json_build_object('text', how) FROM tickets t WHERE t.id = ANY(revealed) ORDER BY t.id
    $$;
    REVOKE ALL ON FUNCTION desk_record_reveal(bigint[], bigint, text) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION desk_record_reveal(bigint[], bigint, text) TO ${groupRole('auditor')}`;
}

/** Records, through the auditors' function, that the session's role saw these tickets unmasked. */
export async function recordAuditorReveal(client: pg.Client, ticketIds: readonly number[], how: string, at: number): Promise<void> {
  await client.query('SELECT desk_record_reveal($1::bigint[], $2, $3)', [[...ticketIds], at, how]);
}

/** Creates a login role in a group; `password` null for a server that authenticates otherwise (peer, trust, certificates). */
export async function addRole(client: pg.Client, session: Session, name: string, group: DeskGroup, password: string | null): Promise<void> {
  checkRoleName(name);
  const groupName = groupRole(group);
  if (!(await roleExists(client, groupName))) throw new UsageError(`the server has no role ${groupName} yet`, 'run `desk init --db …` as the desk\'s owner first');
  const exists = () => new UsageError(`role ${name} already exists on this server`, `roles are the whole server's: give another name, or have its administrator run GRANT ${groupName} TO ${client.escapeIdentifier(name)}`);
  if (await roleExists(client, name)) throw exists();
  const secret = password === null ? '' : ` PASSWORD ${client.escapeLiteral(scramVerifier(password))}`;
  try {
    await client.query(`CREATE ROLE ${client.escapeIdentifier(name)} LOGIN IN ROLE ${groupName}${secret}`);
  } catch (error) {
    if (codeOf(error) === '42710') throw exists();
    if (codeOf(error) === '42501') throw new UsageError(`role ${session.role} may not create roles`, 'run `desk roles add` as the role that ran `desk init`, or another with CREATEROLE');
    throw error;
  }
}

/**
 * The SCRAM-SHA-256 verifier the server keeps for a password (RFC 5802 and 7677), made here as
 * psql's \password makes it, so the password itself never reaches the server or its logs.
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(saslPrep(password), salt, iterations, 32, 'sha256');
  const hmac = (text: string) => createHmac('sha256', salted).update(text).digest();
  const storedKey = createHash('sha256').update(hmac('Client Key')).digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${hmac('Server Key').toString('base64')}`;
}

/**
 * SASLprep (RFC 4013) as the server applies it before hashing: ASCII as it is; otherwise the
 * characters mapped to nothing dropped, other spaces made spaces, then NFKC.
 */
function saslPrep(password: string): string {
  if (/^[\x00-\x7f]*$/.test(password)) return password;
  return password
    .replace(/[\u00ad\u034f\u1806\u180b-\u180d\u200b-\u200d\u2060\ufe00-\ufe0f\ufeff]/g, '')
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .normalize('NFKC');
}
