// The PostgreSQL server of the tests, and its databases, made and dropped by synchronous code (the
// sandboxes are made so, and vitest collects tests synchronously).
import { spawnSync } from 'node:child_process';
import pg from 'pg';

/** Where the PostgreSQL tests find a server: $DESK_TEST_POSTGRES, else this machine's. */
export function postgresLocation(env: NodeJS.ProcessEnv = process.env): string {
  return env.DESK_TEST_POSTGRES || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A server answers when a client can log in and query: asked of a child, since vitest collects synchronously. */
export function postgresAnswers(location: string): boolean {
  return (
    spawnSync(
      process.execPath,
      ['-e', "const c = new (require('pg').Client)({ connectionString: process.argv[1], connectionTimeoutMillis: 2000 }); c.connect().then(() => c.query('SELECT 1')).then(() => process.exit(0), () => process.exit(1))", location],
      { timeout: 5000 },
    ).status === 0
  );
}

/** The server's URL with another database. */
export function postgresDatabase(name: string, server = postgresLocation()): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Runs SQL statements on the server, synchronously: the sandboxes are made by synchronous code.
 * A child node process does it, with the same client (pg) the desk uses.
 */
export function adminSync(statements: readonly string[]): void {
  const script = `const c = new (require('pg').Client)({ connectionString: process.argv[1] });
    c.connect().then(async () => { for (const s of JSON.parse(process.argv[2])) await c.query(s); await c.end(); })
      .catch((e) => { console.error(e.message); process.exit(1); });`;
  const run = spawnSync(process.execPath, ['-e', script, postgresLocation(), JSON.stringify(statements)], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`PostgreSQL: ${statements.join('; ')}: ${run.stderr || run.error}`);
}

/** The rows a query gives on the database at `location`, read synchronously. */
export function queryRowsSync<T = Record<string, unknown>>(location: string, sql: string): T[] {
  const script = `const c = new (require('pg').Client)({ connectionString: process.argv[1] });
    c.connect().then(async () => { const r = await c.query(process.argv[2]); await c.end(); process.stdout.write(JSON.stringify(r.rows)); })
      .catch((e) => { console.error(e.message); process.exit(1); });`;
  const run = spawnSync(process.execPath, ['-e', script, location, sql], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`PostgreSQL: ${sql}: ${run.stderr || run.error}`);
  return JSON.parse(run.stdout) as T[];
}

/** The rows `sql` gives on the database at `location`, over a connection of its own. */
export async function queryRows<T extends pg.QueryResultRow = pg.QueryResultRow>(location: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
