// The roles a PostgreSQL desk's server enforces, checked against the server itself: what an
// operator, a supervisor and an auditor may do through the store and through plain SQL, and what
// `desk init` of the roles does on a server that other desks share. Each case makes its own
// database and its own login roles, and drops them.
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { planNote, planVisit } from '../../src/domain/lifecycle.js';
import type { DeskGroup } from '../../src/domain/roles.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open.js';
import { scramVerifier } from '../../src/store/postgres/roles.js';
import type { Store } from '../../src/store/store.js';
import { describeWith, POSTGRES, postgresLocation } from '../system-programs.js';
import { at, createTicket, rejection } from './fixtures.js';
import { queryRows as query } from '../postgres-admin.js';

const prefix = `desk_roles_${process.pid}`;
const databases: string[] = [];
const roles: string[] = [];
const stores: Store[] = [];
let count = 0;


/** The URL of `database`, logging in as `user` (the server's own user when none). */
function locationOf(database: string, user?: string): string {
  const url = new URL(postgresLocation());
  url.pathname = `/${database}`;
  if (user) url.username = user;
  return url.toString();
}

async function open(location: string, options = { create: false }): Promise<Store> {
  const store = await openStore(location, options);
  stores.push(store);
  return store;
}

/** A new desk database with its roles set up by the server's own user, who owns its tables. */
async function freshDesk(): Promise<{ database: string; owner: Store }> {
  const database = `${prefix}_${++count}`;
  databases.push(database);
  await query(postgresLocation(), `CREATE DATABASE ${database}`);
  // As desk init does: the owner sets the desk up in the empty database.
  const owner = await open(locationOf(database), { create: true });
  await owner.setUpRoles();
  return { database, owner };
}

/** A login role of this case in `group`, made as `desk roles add` makes it. */
async function login(owner: Store, group: DeskGroup): Promise<string> {
  const name = `${prefix}_${++count}_${group}`;
  roles.push(name);
  await owner.addRole(name, group, null);
  return name;
}

/** Wang Fang's ticket, #1, with a note and a visit that name her. */
async function writeRequest(store: Store, actor: string): Promise<void> {
  await createTicket(store, { requester: 'Wang Fang', contact: '13812345678', title: 'Wang Fang cannot log in', status: 'in_progress', team: 'desktop' }, { actor });
  await store.updateTicket({ id: 1 }, planNote('Called Wang Fang back'), { actor, now: at('11-03 10:00') });
  const visit = {
    visited_at: at('11-03 11:00'), visit_date: '2026-11-03', staff: [actor], person_times: 1, hours: 0.5, parts: null,
    materials_cents: 0, transport_cents: 0, cause: 'Expired password', opinion: 'Wang Fang: thank you',
  };
  await store.updateTicket({ id: 1 }, planVisit(visit, at('11-03 11:30')), { actor, now: at('11-03 11:30') });
}

describeWith(POSTGRES, 'the roles of a PostgreSQL desk', () => {
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const database of databases.splice(0)) await query(postgresLocation(), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    for (const role of roles.splice(0)) await query(postgresLocation(), `DROP ROLE IF EXISTS ${role}`);
  });

  it('knows each connection by its role and its group', async () => {
    const { database, owner } = await freshDesk();
    const [operator, supervisor, auditor] = [await login(owner, 'operator'), await login(owner, 'supervisor'), await login(owner, 'auditor')];
    expect(owner.session).toEqual({ role: new URL(postgresLocation()).username, rights: 'owner' });
    expect((await open(locationOf(database, operator))).session).toEqual({ role: operator, rights: 'operator' });
    expect((await open(locationOf(database, supervisor))).session).toEqual({ role: supervisor, rights: 'supervisor' });
    expect((await open(locationOf(database, auditor))).session).toEqual({ role: auditor, rights: 'auditor' });
  });

  it('lets an operator work tickets as itself, and refuses redaction even to a direct call of the store', async () => {
    const { database, owner } = await freshDesk();
    const operator = await login(owner, 'operator');
    const store = await open(locationOf(database, operator));
    await writeRequest(store, operator);
    const before = await store.getTicket({ id: 1 });
    const trail = await store.listEvents(1);

    const error = await rejection(store.redactTicket({ id: 1 }, 'Privacy request', { actor: operator, now: at('11-20 09:00') }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`only a supervisor may redact: the server refused role ${operator} (permission denied for table redacting)`);
    expect(await store.getTicket({ id: 1 })).toEqual(before);
    expect(await store.listEvents(1)).toEqual(trail);
    expect((await store.listVisits(1))[0]!.opinion).toBe('Wang Fang: thank you');
  });

  it('refuses an operator every change to the trail in plain SQL, and every way round the triggers', async () => {
    const { database, owner } = await freshDesk();
    const operator = await login(owner, 'operator');
    await writeRequest(owner, 'li');
    const sql = (statement: string) => query(locationOf(database, operator), statement);
    const refusals: [string, RegExp][] = [
      ["UPDATE events SET data = '{}'", /permission denied for table events/],
      ['DELETE FROM events', /permission denied for table events/],
      ['TRUNCATE events', /permission denied for table events/],
      ['INSERT INTO redacting VALUES (1)', /permission denied for table redacting/],
      ["UPDATE visits SET cause = 'x'", /permission denied for table visits/],
      ['DELETE FROM handovers', /permission denied for table handovers/],
      ['DELETE FROM tickets', /permission denied for table tickets/],
      ['ALTER TABLE events DISABLE TRIGGER USER', /must be owner of table events/],
      ['DROP TABLE events', /must be owner of table events/],
      ['ALTER TABLE tickets ADD COLUMN x int', /must be owner of table tickets/],
      ["SET session_replication_role = 'replica'", /permission denied to set parameter/],
    ];
    for (const [statement, message] of refusals) await expect(sql(statement), statement).rejects.toThrow(message);
    expect(await query(locationOf(database), 'SELECT count(*)::int AS n FROM events')).toEqual([{ n: 3 }]);
  });

  it('refuses an operator a change recorded as anyone else, through the store and in plain SQL', async () => {
    const { database, owner } = await freshDesk();
    const operator = await login(owner, 'operator');
    const store = await open(locationOf(database, operator));
    await createTicket(store, {}, { actor: operator });

    const error = await rejection(store.updateTicket({ id: 1 }, planNote('Called back'), { actor: 'chen', now: at('11-03 10:00') }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`the server refused role ${operator}: role ${operator} may not record a change as chen`);
    expect((await store.getTicket({ id: 1 })).version).toBe(1);
    await expect(createTicket(store, {}, { actor: 'chen' })).rejects.toThrow(`role ${operator} may not record a change as chen`);
    await expect(query(locationOf(database, operator), "INSERT INTO events (ticket_id, at, actor, kind) VALUES (1, 0, 'chen', 'note')")).rejects.toThrow(
      `role ${operator} may not record a change as chen`,
    );
    await expect(query(locationOf(database, operator), "UPDATE tickets SET title = 'x', updated_by = 'chen'")).rejects.toThrow(`may not record a change as chen`);
    expect((await store.listEvents(1)).map((e) => [e.kind, e.actor])).toEqual([['create', operator]]);
  });

  it('lets an auditor read and nothing else, and records what it reveals as itself', async () => {
    const { database, owner } = await freshDesk();
    const auditor = await login(owner, 'auditor');
    await writeRequest(owner, 'li');
    const store = await open(locationOf(database, auditor));
    expect((await store.getTicket({ id: 1 })).contact).toBe('13812345678');
    expect(() => store.checkWritable()).toThrow(`role ${auditor} is an auditor of ${locationOf(database, auditor)}: it reads the desk, and changes nothing`);
    for (const statement of ["INSERT INTO events (ticket_id, at, actor, kind) VALUES (1, 0, current_user, 'note')", "UPDATE tickets SET title = 'x'", 'DELETE FROM sequences']) {
      await expect(query(locationOf(database, auditor), statement), statement).rejects.toThrow(/permission denied for table/);
    }

    await store.recordReveal([1], 'desk show --reveal', { actor: auditor, now: at('11-20 09:00') });
    expect((await store.listEvents(1)).at(-1)).toEqual({ id: 4, ticket_id: 1, at: at('11-20 09:00'), actor: auditor, kind: 'reveal', data: { text: 'desk show --reveal' } });
  });

  it('lets a supervisor redact, and change the trail only inside a redaction', async () => {
    const { database, owner } = await freshDesk();
    const [operator, supervisor] = [await login(owner, 'operator'), await login(owner, 'supervisor')];
    await writeRequest(await open(locationOf(database, operator)), operator);
    await expect(query(locationOf(database, supervisor), "UPDATE events SET data = '{}'")).rejects.toThrow('the audit trail is append-only');

    const store = await open(locationOf(database, supervisor));
    const redacted = await store.redactTicket({ id: 1 }, 'Privacy request 2026-17', { actor: supervisor, now: at('11-20 09:00') });
    expect([redacted.requester, redacted.contact, redacted.title, redacted.updated_by]).toEqual(['[redacted]', '[redacted]', '[redacted] cannot log in', supervisor]);
    const events = await store.listEvents(1);
    expect(events.map((e) => [e.kind, e.actor])).toEqual([['create', operator], ['note', operator], ['visit', operator], ['redact', supervisor]]);
    expect(JSON.stringify(events)).not.toMatch(/Wang Fang|13812345678/);
    expect((await store.listVisits(1))[0]!.opinion).toBe('[redacted]: thank you');
  });

  it('vacuums the tables a redaction by the owner touched', async () => {
    const { database, owner } = await freshDesk();
    await writeRequest(owner, 'li');
    await owner.redactTicket({ id: 1 }, 'Privacy request', { actor: 'chen', now: at('11-20 09:00') });
    const vacuumed = await query(locationOf(database), "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL ORDER BY relname");
    expect(vacuumed.map((r) => r.relname)).toEqual(['events', 'ticket_search', 'tickets', 'visits']);
  });

  it('sets the roles up once for the whole server, and grants them again in a second desk database', async () => {
    const first = await freshDesk();
    expect(await first.owner.setUpRoles()).toEqual({ created: [], kept: ['desk_operator', 'desk_supervisor', 'desk_auditor'] });
    const operator = await login(first.owner, 'operator');
    const second = await freshDesk();
    for (const database of [first.database, second.database]) {
      const store = await open(locationOf(database, operator));
      await createTicket(store, {}, { actor: operator });
      expect((await store.getTicket({ id: 1 })).updated_by).toBe(operator);
    }
    const grants = (database: string) =>
      query(locationOf(database), "SELECT relname, relacl::text AS acl FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' ORDER BY relname");
    const before = await grants(second.database);
    await second.owner.setUpRoles();
    expect(await grants(second.database)).toEqual(before);
  });

  it('refuses a login role that exists, a bad name, and a caller that may not create roles', async () => {
    const { database, owner } = await freshDesk();
    const operator = await login(owner, 'operator');
    await expect(owner.addRole(operator, 'auditor', null)).rejects.toThrow(`role ${operator} already exists on this server`);
    await expect(owner.addRole('Chen', 'operator', null)).rejects.toThrow('role name "Chen": use lower-case letters');
    await expect(owner.addRole('desk_supervisor', 'operator', null)).rejects.toThrow('is the server\'s or the desk\'s own');
    const store = await open(locationOf(database, operator));
    const error = await rejection(store.addRole(`${operator}_x`, 'supervisor', null));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`role ${operator} may not create roles`);
    await expect(store.setUpRoles()).rejects.toThrow(`the desk's tables at ${locationOf(database, operator)} belong to role`);
  });

  it('keeps an operator from upgrading the schema, and says who may', async () => {
    const { database, owner } = await freshDesk();
    const operator = await login(owner, 'operator');
    await query(locationOf(database), `UPDATE desk_meta SET value = '${SCHEMA_VERSION - 1}' WHERE key = 'schema_version'`);
    const error = await rejection(openStore(locationOf(database, operator), { create: false }));
    expect(error).toBeInstanceOf(UsageError);
    // PostgreSQL 15 refuses the schema first; a server that lets everyone create in public, the table.
    expect(error.message.replace(/ \((permission denied for schema public|must be owner of table tickets)\)$/, '')).toBe(
      `${locationOf(database, operator)} needs schema version ${SCHEMA_VERSION}, and this role may not upgrade it`,
    );
    expect((error as UsageError).hint).toBe('run `desk init --db …` once as the role that owns the desk (the one that set it up)');
  });

  it('gives a login the verifier the server itself makes of its password, never the password', async () => {
    const { owner } = await freshDesk();
    for (const password of ['correct horse battery staple', '密码 Pa55', 'ｐａｓｓ\u00a0word']) {
      const made = `${prefix}_${++count}_server`;
      roles.push(made);
      // The server hashes a password sent in the clear (as desk never sends one), with a salt of its own.
      await query(postgresLocation(), `SET password_encryption = 'scram-sha-256'; CREATE ROLE ${made} PASSWORD ${pg.escapeLiteral(password)}`);
      const [{ verifier }] = (await query<{ verifier: string }>(postgresLocation(), 'SELECT rolpassword AS verifier FROM pg_authid WHERE rolname = $1', [made])) as [{ verifier: string }];
      const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(verifier)!;
      expect(scramVerifier(password, Buffer.from(salt!, 'base64'), Number(iterations)), password).toBe(verifier);

      const name = `${prefix}_${++count}_desk`;
      roles.push(name);
      await owner.addRole(name, 'operator', password);
      const [{ stored }] = (await query<{ stored: string }>(postgresLocation(), 'SELECT rolpassword AS stored FROM pg_authid WHERE rolname = $1', [name])) as [{ stored: string }];
      expect(stored).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/);
    }
  });
});
