// `desk backup` of a PostgreSQL database: pg_dump's custom format (what pg_restore reads), written
// into a file made 0600 before pg_dump writes a byte of it. The connection reaches pg_dump through
// its environment only (PGHOST, PGPASSWORD, …), so no password shows in the process list.
import { spawn } from 'node:child_process';
import { closeSync, fsyncSync, openSync, rmSync } from 'node:fs';
import type pg from 'pg';
import { UsageError } from '../../domain/errors.js';

const INSTALL = 'install the PostgreSQL client programs of the server\'s version or newer (Debian: apt-get install postgresql-client)';

/** The libpq settings of the store's connection. */
function connectionEnv(client: pg.Client): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PGHOST: client.host, PGPORT: String(client.port), PGAPPNAME: 'desk backup' };
  if (client.user) env.PGUSER = client.user;
  if (client.database) env.PGDATABASE = client.database;
  if (typeof client.password === 'string' && client.password !== '') env.PGPASSWORD = client.password;
  if (client.ssl) env.PGSSLMODE = 'require';
  return env;
}

export async function backupDatabase(client: pg.Client, path: string, destination: string): Promise<void> {
  const fd = openSync(destination, 'wx', 0o600);
  const password = typeof client.password === 'string' ? client.password : '';
  // Whatever pg_dump says goes into a message: without the password, should it ever quote it.
  const scrub = (text: string) => (password ? text.split(password).join('…') : text);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn('pg_dump', ['--format=custom', '--no-password'], { stdio: ['ignore', fd, 'pipe'], env: connectionEnv(client) });
      let stderr = '';
      child.stderr!.on('data', (chunk) => (stderr += chunk));
      child.on('error', (error: NodeJS.ErrnoException) => {
        reject(error.code === 'ENOENT' ? new UsageError('pg_dump is not installed: a PostgreSQL desk is backed up with it', INSTALL) : error);
      });
      child.on('close', (code) => {
        if (code === 0) return resolve();
        const said = scrub(stderr.trim().split('\n')[0]?.replace(/^pg_dump: (error: )?/, '') ?? '');
        const hint = /version mismatch/.test(stderr) ? INSTALL : 'check that this role may read every table of the desk';
        reject(new UsageError(`pg_dump could not back up ${path}: ${said || `exit code ${code}`}`, hint));
      });
    });
  } catch (error) {
    closeSync(fd);
    rmSync(destination, { force: true });
    throw error;
  }
  fsyncSync(fd);
  closeSync(fd);
}
